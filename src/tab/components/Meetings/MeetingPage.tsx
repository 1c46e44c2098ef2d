/**
 * /meetings/<id>: one meeting. The chair runs a scheduled or in-progress meeting (MeetingRunner);
 * everyone else with meeting.read — and the chair once it is over — reads it here: when and who, the
 * agenda in SPEC's sections (live before the start, frozen after), while in progress what is being
 * recorded (refreshed every few seconds), and after it the minutes with their .docx.
 *
 * /meetings/next opens the meeting in progress, else the next scheduled one (the meeting side panel
 * is pointed there), replacing the URL so Back does not bounce.
 */
import { Button } from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { MEETING_STATUS_LABELS } from '../../../domain/labels';
import type { Meeting } from '../../../domain/types';
import type { NextMeeting } from '../../client/client';
import { useApp } from '../../app/AppContext';
import { todayLondon } from '../../lib/format';
import { navigate, pathOf } from '../../lib/router';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink, useLinkStyles } from '../common/RouterLink';
import { AgendaView, FOLLOW_ALONG_LABEL, NOW_ANCHOR } from './MeetingAgenda';
import { formatClock, formatMeetingTime, latestRecord, splitMeetings, hasContent } from './meetingsModel';
import { useMeetingsStyles } from './Meetings.styles';
import { MinutesView } from './MinutesView';
import { MeetingRunner } from './run/MeetingRunner';
import { FOLLOW_POLL_MS, useMeetingView } from './useMeetingView';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Badge } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

export const NEXT_MEETING_ID = 'next';

function people(list: Meeting['attendees']): string {
  return list.length === 0
    ? 'Not recorded'
    : list.map((a) => (a.service ? `${a.name} (${a.service})` : a.name)).join('; ');
}

function NextMeetingRedirect() {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const [none, setNone] = useState<NextMeeting | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api.listMeetings(), api.nextMeeting()]).then(
      ([all, next]) => {
        if (!live) return;
        // A meeting in progress comes first; then the next scheduled one. The server's "next" also
        // counts a meeting already held today, so the stored list decides when it has one to come.
        const id = splitMeetings(all, todayLondon()).upcoming[0]?.id ?? next.meetingId;
        if (id) navigate(pathOf({ name: 'meeting', id }), { replace: true });
        else setNone(next);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (error !== null) return <ProblemBar error={error} />;
  if (none)
    return (
      <div className={styles.root}>
        <h1 className={styles.title}>Next meeting</h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No meeting is scheduled yet</MessageBarTitle>
            The next meeting on the group’s cadence is {formatMeetingTime(none.startsAt)}.
          </MessageBarBody>
        </MessageBar>
        <RouterLink href={pathOf({ name: 'meetings' })}>All meetings</RouterLink>
      </div>
    );
  return <Spinner label="Finding the next meeting…" />;
}

function ReadOnlyMeeting({ meetingId, pollMs }: { meetingId: string; pollMs: number }) {
  const styles = useMeetingsStyles();
  const link = useLinkStyles();
  const { can } = useApp();
  const canRun = can('meeting.run');
  const view = useMeetingView(meetingId, {
    pollMs,
    runnerShows: (m) => canRun && (m.status === 'scheduled' || m.status === 'in-progress'),
  });
  const followId = useId();
  const agendaId = useId();
  const { meeting, agenda } = view;

  if (view.error !== null && !meeting)
    return (
      <ProblemBar error={view.error} action={<Button onClick={() => void view.reload()}>Try again</Button>} />
    );
  if (!meeting || !agenda) return <Spinner label="Loading the meeting…" />;

  // The chair runs the meeting while it can still be run (agreed with MeetingRunner's author).
  if (canRun && (meeting.status === 'scheduled' || meeting.status === 'in-progress'))
    return <MeetingRunner meeting={meeting} onChanged={() => void view.reload()} />;

  const latest = latestRecord(meeting.records.filter(hasContent));
  const nowName = latest ? view.names.get(latest.caseRef)?.name : undefined;
  return (
    <div className={styles.root}>
      <div className={styles.inline}>
        <h1 className={styles.title}>Meeting on {formatMeetingTime(meeting.startsAt)}</h1>
        <Badge
          appearance="outline"
          color={
            meeting.status === 'in-progress'
              ? 'important'
              : meeting.status === 'cancelled'
                ? 'subtle'
                : 'informative'
          }
        >
          {MEETING_STATUS_LABELS[meeting.status]}
        </Badge>
      </div>
      {/* Once held, the minutes below say who came; before then, this does. */}
      {meeting.status !== 'completed' && (
        <dl className={styles.facts} aria-label="Meeting details">
          <dt className={styles.term}>Chair</dt>
          <dd className={styles.detail}>{meeting.chair?.name ?? 'Not recorded'}</dd>
          <dt className={styles.term}>Attended</dt>
          <dd className={styles.detail}>{people(meeting.attendees)}</dd>
          <dt className={styles.term}>Apologies</dt>
          <dd className={styles.detail}>{meeting.apologies.length ? people(meeting.apologies) : 'None'}</dd>
        </dl>
      )}

      {meeting.status === 'cancelled' && (
        <MessageBar intent="info">
          <MessageBarBody>This meeting was cancelled.</MessageBarBody>
        </MessageBar>
      )}

      {meeting.status === 'completed' && (
        <MinutesView meeting={meeting} onChanged={() => void view.reload()} />
      )}

      {meeting.status === 'in-progress' && (
        <section className={styles.section} aria-labelledby={followId}>
          <h2 id={followId} className={styles.sectionTitle}>
            {FOLLOW_ALONG_LABEL}
          </h2>
          {/* Only the case under discussion is announced; the refresh time changes every few
              seconds and would talk over the meeting. */}
          <p className={styles.meta}>
            <span role="status">
              {latest
                ? `Now discussing ${latest.caseRef}${nowName ? ` · ${nowName}` : ''}.`
                : 'The meeting has started; nothing has been recorded yet.'}
            </span>
            {view.heardAt ? ` Updated ${formatClock(view.heardAt)}.` : ''}
          </p>
          {latest && (
            <a
              className={link.link}
              href={`#${NOW_ANCHOR}`}
              onClick={(e) => {
                // The agenda can run to dozens of cases; take keyboard and screen reader users there too.
                e.preventDefault();
                const el = document.getElementById(NOW_ANCHOR);
                el?.scrollIntoView({ block: 'start' });
                el?.focus({ preventScroll: true });
              }}
            >
              Go to the case being discussed
            </a>
          )}
          {view.pollError !== null && (
            <MessageBar intent="warning">
              <MessageBarBody>
                Can’t refresh the meeting just now; showing what was recorded up to the last update. Trying
                again.
              </MessageBarBody>
            </MessageBar>
          )}
          <AgendaView
            items={agenda.items}
            names={view.names}
            records={meeting.records}
            nowRef={latest?.caseRef ?? null}
            following
            details={{ actions: view.actions, escalations: view.escalations }}
          />
        </section>
      )}

      {(meeting.status === 'scheduled' || meeting.status === 'completed') && (
        <section className={styles.section} aria-labelledby={agendaId}>
          <h2 id={agendaId} className={styles.sectionTitle}>
            {agenda.frozen ? 'Agenda (as it stood at the start)' : 'Agenda'}
          </h2>
          {!agenda.frozen && (
            <p className={styles.meta}>
              The agenda follows the cases until the meeting starts, when it is fixed.
            </p>
          )}
          <AgendaView items={agenda.items} names={view.names} />
        </section>
      )}
      <RouterLink href={pathOf({ name: 'meetings' })}>All meetings</RouterLink>
    </div>
  );
}

export function MeetingPage({ meetingId, pollMs = FOLLOW_POLL_MS }: { meetingId: string; pollMs?: number }) {
  if (meetingId === NEXT_MEETING_ID) return <NextMeetingRedirect />;
  return <ReadOnlyMeeting key={meetingId} meetingId={meetingId} pollMs={pollMs} />;
}
