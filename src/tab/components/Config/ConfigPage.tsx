/**
 * The configurable tab's set-up page (/config): Teams opens it when someone adds CMOE Tracker to a
 * channel, a group chat or a meeting. There is nothing to choose: the page says what the tab will show,
 * tells Teams what to save (the list for a channel, the next meeting's page for a meeting) and enables
 * Save. Outside Teams it explains itself and shows what it would save.
 */
import { Text } from '@fluentui/react-components';
import { Fragment, useEffect, useMemo } from 'react';
import { useApp } from '../../app/AppContext';
import { type TabSettings, type TabSurface, tabSettingsFor } from '../../host/tabConfig';
import { RouterLink } from '../common/RouterLink';
import { useConfigPageStyles } from './ConfigPage.styles';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

const WHAT_IT_SHOWS: Record<TabSurface, { place: string; shows: string }> = {
  channel: {
    place: 'this channel',
    shows:
      'The tab shows the CMOE list: the referred children, their actions and escalations, for the group to work on together.',
  },
  chat: {
    place: 'this chat',
    shows: 'The tab shows the CMOE list: the referred children, their actions and escalations.',
  },
  meeting: {
    place: 'this meeting',
    shows:
      'The tab shows the agenda of the CMOE group’s next meeting, in the meeting’s tabs and its side panel, for recording decisions and actions.',
  },
};

const ACCESS =
  'Everyone sees only what their CMOE role allows; people without a CMOE role see no children’s details.';

function SettingsList({ settings, label }: { settings: TabSettings; label: string }) {
  const styles = useConfigPageStyles();
  const rows: [string, string][] = [
    ['Page in Teams', settings.contentUrl],
    ['Page in a browser', settings.websiteUrl],
    ['Entity id', settings.entityId],
    ['Suggested tab name', settings.suggestedDisplayName],
  ];
  return (
    <dl className={styles.settings} aria-label={label}>
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function ConfigPage() {
  const styles = useConfigPageStyles();
  const { host } = useApp();
  const origin = window.location.origin;
  const config = host.kind === 'teams' ? host.config : undefined;
  const settings = useMemo(() => (config ? tabSettingsFor(origin, config.surface) : null), [config, origin]);

  // Teams keeps Save disabled until the page says it is ready; there is nothing to fill in.
  useEffect(() => {
    if (!config || !settings) return;
    config.onSave(() => settings);
    config.setValid(true);
  }, [config, settings]);

  if (config && settings) {
    const about = WHAT_IT_SHOWS[config.surface];
    return (
      <section className={styles.root} aria-labelledby="config-title">
        <h1 id="config-title" className={styles.title}>
          Add CMOE Tracker to {about.place}
        </h1>
        <Text>{about.shows}</Text>
        <Text>{ACCESS}</Text>
        <Text weight="semibold">Select Save to add the tab.</Text>
      </section>
    );
  }

  if (host.kind === 'teams')
    return (
      <section className={styles.root} aria-labelledby="config-title">
        <h1 id="config-title" className={styles.title}>
          Tab set-up
        </h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            This page sets up the CMOE tab when it is added to a channel or a meeting, and Teams opens it
            then. There is nothing to set up here. <RouterLink href="/">Go to the CMOE list</RouterLink>
          </MessageBarBody>
        </MessageBar>
      </section>
    );

  return (
    <section className={styles.root} aria-labelledby="config-title">
      <h1 id="config-title" className={styles.title}>
        Tab set-up (Teams’ set-up page)
      </h1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Opened outside Teams</MessageBarTitle>
          Teams opens this page when someone adds CMOE Tracker to a channel or a meeting, and saves what it
          shows below. Outside Teams nothing is saved.
        </MessageBarBody>
      </MessageBar>
      <Text>{ACCESS}</Text>
      {(['channel', 'meeting'] as const).map((surface) => (
        <div key={surface} className={styles.section}>
          <h2 className={styles.subtitle}>
            Added to a {surface === 'channel' ? 'channel or group chat' : 'meeting'}
          </h2>
          <Text>{WHAT_IT_SHOWS[surface].shows}</Text>
          <SettingsList
            settings={tabSettingsFor(origin, surface)}
            label={`What Teams saves for a ${surface}`}
          />
        </div>
      ))}
    </section>
  );
}
