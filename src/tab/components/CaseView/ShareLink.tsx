/**
 * "Link to this case": the web URL (works in a browser and in the bot's cards) and, when the app id is
 * known (inside Teams, or TEAMS_APP_ID at build time), the Teams deep link that opens the tab at
 * the case through `subPageId`.
 *
 * A Disclosure (common/Disclosure.tsx) rather than Fluent's Popover, for the bundle's sake.
 */
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { Copy20Regular, Link20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApp } from '../../app/AppContext';
import { BUILD_TEAMS_APP_ID, LIST_ENTITY_ID } from '../../host/buildInfo';
import { caseTeamsDeepLink, caseWebUrl } from '../../host/deepLinks';
import { Disclosure } from '../common/Disclosure';
import { useCaseViewStyles } from './CaseView.styles';

function CopyRow({ label, value }: { label: string; value: string }) {
  const styles = useCaseViewStyles();
  const [copied, setCopied] = useState(false);
  return (
    <div className={styles.linkRow}>
      <Field label={label} className={styles.grow}>
        <Input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <Button
        icon={<Copy20Regular />}
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

export function ShareLink({ caseRef }: { caseRef: string }) {
  const styles = useCaseViewStyles();
  const { host } = useApp();
  const web = caseWebUrl(window.location.origin, caseRef);
  const appId = host.kind === 'teams' ? (host.appId ?? BUILD_TEAMS_APP_ID) : BUILD_TEAMS_APP_ID;
  // Links always open the list tab (manifest entityId), whichever tab they were copied from.
  const entityId = LIST_ENTITY_ID;
  return (
    <Disclosure label="Link to this case" panelLabel="Links to this case" icon={<Link20Regular />}>
      {() => (
        <div className={styles.linkBox}>
          <CopyRow label="Link for a browser" value={web} />
          {appId ? (
            <CopyRow label="Teams link" value={caseTeamsDeepLink(appId, entityId, caseRef)} />
          ) : (
            <Text size={200}>The Teams link appears when the app runs in Teams.</Text>
          )}
        </div>
      )}
    </Disclosure>
  );
}
