/**
 * /meetings: the meetings still to come (the next one first, with its agenda counts) and the archive of
 * held and cancelled ones, each opening /meetings/<id>; escalations for scrutiny. The chair schedules
 * (from the cadence or a one-off), records attendance and cancels; everyone else reads.
 */
import { Button } from '@fluentui/react-components';
import { useCallback, useEffect, useId, useState } from 'react';
import { MEETING_STATUS_LABELS } from '../../../domain/labels';
import type { Meeting } from '../../../domain/types';
import { ApiError } from '../../client/client';
import type { MeetingAgenda } from '../../client/meetingApi';
import { useApp } from '../../app/AppContext';
import { plural, todayLondon } from '../../lib/format';
import { pathOf } from '../../lib/router';
import { ModalDialog } from '../common/ModalDialog';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { AttendanceEditor } from './AttendanceEditor';
import { EscalationsList } from './EscalationsList';
import { agendaCounts, archiveStatus, formatMeetingTime, splitMeetings } from './meetingsModel';
import { useMeetingsStyles } from './Meetings.styles';
import { CadenceForm, OneOffForm } from './ScheduleForms';
import { Badge } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

/** The meetings list and the next meeting's agenda, with local updates after the chair's changes. */
export function useMeetings() {
  const { api } = useApp();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [agenda, setAgenda] = useState<MeetingAgenda | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setMeetings(await api.listMeetings());
    } catch (e) {
      setError(e);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const split = meetings ? splitMeetings(meetings, todayLondon()) : null;
  const nextId = split?.upcoming[0]?.id ?? null;
  useEffect(() => {
    setAgenda(null);
    if (nextId === null) return;
    let live = true;
    // The counts are a courtesy: a failure leaves them out rather than hiding the meetings.
    api.getAgenda(nextId).then(
      (a) => live && setAgenda(a),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, nextId]);

  const put = (changed: Meeting[]) =>
    setMeetings((list) => {
      const rest = (list ?? []).filter((m) => !changed.some((c) => c.id === m.id));
      return [...rest, ...changed];
    });
  return { meetings, split, error, agenda, reload: load, put };
}

function CancelMeeting({ meeting, onDone }: { meeting: Meeting; onDone(m: Meeting): void }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const when = formatMeetingTime(meeting.startsAt);
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>Cancel meeting</Button>}
      title={`Cancel the meeting on ${when}?`}
      actions={
        <>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                onDone(await api.cancelMeeting(meeting.id, meeting.version));
                setOpen(false);
              } catch (e) {
                setError(e);
                // The meeting changed meanwhile: show it as it is now; the chair can decide again.
                if (e instanceof ApiError && e.isConflict && e.current) onDone(e.current as Meeting);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Cancelling…' : 'Yes, cancel the meeting'}
          </Button>
          <Button onClick={() => setOpen(false)}>Keep the meeting</Button>
        </>
      }
    >
      <p>
        The meeting will show as cancelled in the archive, and referrals will be dated to the next meeting
        instead. This cannot be undone here.
      </p>
      {error !== null && <ProblemBar error={error} />}
    </ModalDialog>
  );
}

function UpcomingMeeting({
  meeting,
  first,
  agenda,
  canRun,
  onChanged,
}: {
  meeting: Meeting;
  first: boolean;
  agenda: MeetingAgenda | null;
  canRun: boolean;
  onChanged(m: Meeting): void;
}) {
  const styles = useMeetingsStyles();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const counts = first && agenda ? agendaCounts(agenda.items) : null;
  return (
    <li>
      <article className={styles.box} aria-labelledby={headingId}>
        <div className={styles.inline}>
          <h3 id={headingId} className={styles.subTitle}>
            <RouterLink href={pathOf({ name: 'meeting', id: meeting.id })}>
              {formatMeetingTime(meeting.startsAt)}
            </RouterLink>
          </h3>
          {first && meeting.status === 'scheduled' && (
            <Badge appearance="filled" color="brand">
              Next
            </Badge>
          )}
          <Badge appearance="outline" color={meeting.status === 'in-progress' ? 'important' : 'informative'}>
            {MEETING_STATUS_LABELS[meeting.status]}
          </Badge>
        </div>
        <p className={styles.meta}>
          {meeting.chair ? `Chair: ${meeting.chair.name}. ` : ''}
          {plural(meeting.attendees.length, 'attendee', 'attendees')},{' '}
          {plural(meeting.apologies.length, 'apology', 'apologies')}.
        </p>
        {counts && agenda && (
          <div>
            <p className={styles.text}>
              Agenda{agenda.frozen ? '' : ' so far'}: {plural(agenda.items.length, 'case', 'cases')}
            </p>
            {counts.length > 0 && (
              <ul className={styles.plainList} aria-label="Agenda counts">
                {counts.map((c) => (
                  <li key={c.label}>
                    {c.label}: {c.count}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {canRun && (
          <div className={styles.actions}>
            <Button aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
              Record attendance
            </Button>
            {meeting.status === 'scheduled' && <CancelMeeting meeting={meeting} onDone={onChanged} />}
          </div>
        )}
        {canRun && editing && (
          <AttendanceEditor meeting={meeting} onSaved={onChanged} onClose={() => setEditing(false)} />
        )}
      </article>
    </li>
  );
}

function ArchivedMeeting({ meeting }: { meeting: Meeting }) {
  const styles = useMeetingsStyles();
  return (
    <li className={styles.box}>
      <div className={styles.inline}>
        <RouterLink href={pathOf({ name: 'meeting', id: meeting.id })}>
          {formatMeetingTime(meeting.startsAt)}
        </RouterLink>
        <span>— {archiveStatus(meeting)}</span>
      </div>
    </li>
  );
}

export function MeetingsPage() {
  const styles = useMeetingsStyles();
  const { can } = useApp();
  const canRun = can('meeting.run');
  const { split, error, agenda, put, reload } = useMeetings();
  const upcomingId = useId();
  const archiveId = useId();
  const scheduleId = useId();
  const escalationsId = useId();

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Meetings</h1>
      {error !== null && (
        <ProblemBar error={error} action={<Button onClick={() => void reload()}>Try again</Button>} />
      )}
      {split === null && error === null && <Spinner label="Loading meetings…" />}
      {split && (
        <>
          <section className={styles.section} aria-labelledby={upcomingId}>
            <h2 id={upcomingId} className={styles.sectionTitle}>
              Upcoming
            </h2>
            {split.upcoming.length === 0 ? (
              <p className={styles.muted}>
                No meeting is scheduled.{canRun ? ' Schedule the next ones from the cadence below.' : ''}
              </p>
            ) : (
              <ul className={styles.list} aria-label="Upcoming meetings">
                {split.upcoming.map((m, i) => (
                  <UpcomingMeeting
                    key={m.id}
                    meeting={m}
                    first={i === 0}
                    agenda={i === 0 ? agenda : null}
                    canRun={canRun}
                    onChanged={(changed) => put([changed])}
                  />
                ))}
              </ul>
            )}
          </section>
          {canRun && (
            <section className={styles.section} aria-labelledby={scheduleId}>
              <h2 id={scheduleId} className={styles.sectionTitle}>
                Schedule meetings
              </h2>
              <div className={styles.forms}>
                <CadenceForm onScheduled={put} />
                <OneOffForm onScheduled={(m) => put([m])} />
              </div>
            </section>
          )}
          <section className={styles.section} aria-labelledby={archiveId}>
            <h2 id={archiveId} className={styles.sectionTitle}>
              Archive
            </h2>
            {split.archive.length === 0 ? (
              <p className={styles.muted}>No meeting has been held yet.</p>
            ) : (
              <ul className={styles.list} aria-label="Past meetings">
                {split.archive.map((m) => (
                  <ArchivedMeeting key={m.id} meeting={m} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      {can('escalation.read') && (
        <section className={styles.section} aria-labelledby={escalationsId}>
          <h2 id={escalationsId} className={styles.sectionTitle}>
            Escalations
          </h2>
          <EscalationsList />
        </section>
      )}
    </div>
  );
}
