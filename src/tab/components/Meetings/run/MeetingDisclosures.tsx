/**
 * Recording a disclosure during the meeting (issue 18, ToR §6): when the group decides to share a child's
 * information under the child-protection override, the chair records it here, on the case being
 * discussed, with the case view's own dialog; the entry carries the meeting's id and so appears in the
 * minutes. The entries recorded in this meeting are listed (without their free text, as in the minutes'
 * summary line: the full entry is on the case).
 */
import { formatDate } from '../../../lib/format';
import { useApp } from '../../../app/AppContext';
import { RecordDisclosureDialog } from '../../CaseView/CaseDisclosures';
import { ProblemBar } from '../../common/ProblemBar';
import { useRunnerStyles } from './MeetingRunner.styles';
import { useMeetingDisclosures } from './useMeetingRun';

export function MeetingDisclosures({ meetingId, caseRef }: { meetingId: string; caseRef: string }) {
  const styles = useRunnerStyles();
  const { can } = useApp();
  const { entries, inMeeting, error, record } = useMeetingDisclosures(meetingId, caseRef);
  if (!can('disclosure.record') && !can('disclosure.read')) return null;
  return (
    <section className={styles.section} aria-labelledby="run-disclosures-title">
      <h3 id="run-disclosures-title" className={styles.sectionTitle}>
        Disclosures
      </h3>
      {error !== null && <ProblemBar error={error} />}
      {inMeeting.length === 0 ? (
        <p className={styles.muted}>No disclosure recorded for this child in this meeting.</p>
      ) : (
        <ul className={styles.list} aria-label="Disclosures recorded in this meeting">
          {inMeeting.map((d) => (
            <li key={d.id}>
              {formatDate(d.disclosedOn)} to {d.recipient.agency} ({d.recipient.role})
              {d.corrects !== null ? ', correcting an earlier entry' : ''}
            </li>
          ))}
        </ul>
      )}
      {can('disclosure.record') && (
        <div className={styles.toolbar}>
          <RecordDisclosureDialog entries={entries} meetingId={meetingId} onRecord={record} />
        </div>
      )}
    </section>
  );
}
