/**
 * The chair's meeting mode (issue 5 points 3, 4, 7): start the meeting, step through the frozen agenda
 * one case at a time, record what is said and decided as it is typed, act on the case, finish. Rendered
 * by MeetingPage when the user may run meetings and the meeting is scheduled or in progress.
 *
 * The current case is in the URL (?case=CMOE-0042), so a reload or a second device opened on the same
 * link continues where the chair was. Narrow containers (the Teams meeting side panel, 320 px) get a
 * compact layout: a case picker instead of the agenda list, one column. The container's width decides,
 * not the Teams frame context, so it behaves the same in any browser at that width.
 *
 * The state (starting, the current case, finishing, the width) lives in useMeetingRun.ts; this file renders.
 */
import { Button } from '@fluentui/react-components';
import {
  CheckmarkCircle16Filled,
  ChevronLeft20Regular,
  ChevronRight20Regular,
  Play20Regular,
  Stop20Regular,
} from '@fluentui/react-icons';
import { mergeClasses } from '@fluentui/react-components';
import { AGENDA_SECTION_LABELS, MEETING_STATUS_LABELS } from '../../../../domain/labels';
import type { AgendaItem, Meeting } from '../../../../domain/types';
import { formatInstant, plural } from '../../../lib/format';
import { SelectField } from '../../common/FormFields';
import { ModalDialog } from '../../common/ModalDialog';
import { ProblemBar } from '../../common/ProblemBar';
import { CaseRunner } from './CaseRunner';
import { useRunnerStyles } from './MeetingRunner.styles';
import { useFinishMeeting, useMeetingRun, useRunnerLayout, useStartMeeting } from './useMeetingRun';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface MeetingRunnerProps {
  meeting: Meeting;
  /** The meeting changed on the server (started, a record saved, finished): reload it. */
  onChanged(): void;
}

function StartPanel({ meeting, onChanged }: MeetingRunnerProps) {
  const styles = useRunnerStyles();
  const { agenda, busy, error, start } = useStartMeeting(meeting, onChanged);
  return (
    <section className={styles.section} aria-labelledby="start-title">
      <h1 id="start-title" className={styles.title}>
        Meeting on {formatInstant(meeting.startsAt)}
      </h1>
      <p>
        Starting the meeting freezes its agenda
        {agenda ? ` (${plural(agenda.items.length, 'case', 'cases')} now)` : ''} and opens meeting mode: one
        case at a time, everything saved as you type.
      </p>
      {error !== null && <ProblemBar error={error} />}
      <div>
        <Button appearance="primary" icon={<Play20Regular />} disabled={busy} onClick={() => void start()}>
          {busy ? 'Starting…' : 'Start the meeting'}
        </Button>
      </div>
    </section>
  );
}

function FinishDialog({ meeting, onChanged }: MeetingRunnerProps) {
  const { open, setOpen, busy, error, waiting, notDiscussed, finish } = useFinishMeeting(meeting, onChanged);
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button icon={<Stop20Regular />}>Finish the meeting</Button>}
      title="Finish the meeting?"
      actions={
        <>
          <Button appearance="primary" disabled={busy || waiting.length > 0} onClick={() => void finish()}>
            {busy ? 'Finishing…' : 'Finish and write the minutes'}
          </Button>
          <Button onClick={() => setOpen(false)}>Not yet</Button>
        </>
      }
    >
      <p>
        The minutes are written from what was recorded.{' '}
        {notDiscussed > 0
          ? `${plural(notDiscussed, 'agenda case has', 'agenda cases have')} nothing recorded.`
          : 'Every agenda case has a record.'}
      </p>
      {waiting.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not everything is saved yet</MessageBarTitle>
            Text typed for {waiting.join(', ')} is kept on this device but not saved. Open{' '}
            {waiting.length === 1 ? 'that case' : 'those cases'} to save it first.
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && <ProblemBar error={error} />}
    </ModalDialog>
  );
}

function label(item: AgendaItem, n: number, total: number): string {
  return `${n} of ${total}: ${item.caseRef} — ${AGENDA_SECTION_LABELS[item.section]}`;
}

function Running({ meeting, onChanged, compact }: MeetingRunnerProps & { compact: boolean }) {
  const styles = useRunnerStyles();
  const { agenda, current, setCurrent, index, go, recorded } = useMeetingRun(meeting);

  const stepper = (
    <nav className={styles.stepper} aria-label="Agenda steps">
      <Button icon={<ChevronLeft20Regular />} disabled={index <= 0} onClick={() => go(index - 1)}>
        Previous case
      </Button>
      <Button
        icon={<ChevronRight20Regular />}
        iconPosition="after"
        disabled={index < 0 || index >= agenda.length - 1}
        onClick={() => go(index + 1)}
      >
        Next case
      </Button>
    </nav>
  );

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <h1 className={styles.title}>Meeting mode · {formatInstant(meeting.startsAt)}</h1>
        <FinishDialog meeting={meeting} onChanged={onChanged} />
      </div>
      {agenda.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>The agenda is empty: there is nothing to discuss.</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={compact ? styles.single : styles.layout}>
          {compact ? (
            <SelectField
              className={styles.picker}
              label="Agenda case"
              value={current ?? ''}
              options={agenda.map((item, i) => ({
                value: item.caseRef,
                label: `${label(item, i + 1, agenda.length)}${recorded(item.caseRef) ? ' (recorded)' : ''}`,
              }))}
              onChange={setCurrent}
            />
          ) : (
            <nav aria-label="Agenda">
              <ol className={styles.agenda}>
                {agenda.map((item, i) => (
                  <li key={item.caseRef} className={styles.agendaItem}>
                    <Button
                      appearance={item.caseRef === current ? 'secondary' : 'subtle'}
                      className={mergeClasses(
                        styles.agendaButton,
                        item.caseRef === current && styles.agendaCurrent,
                      )}
                      aria-current={item.caseRef === current ? 'step' : undefined}
                      icon={
                        recorded(item.caseRef) ? <CheckmarkCircle16Filled aria-hidden="true" /> : undefined
                      }
                      onClick={() => setCurrent(item.caseRef)}
                    >
                      {label(item, i + 1, agenda.length)}
                      {recorded(item.caseRef) && <span className="visually-hidden"> (recorded)</span>}
                    </Button>
                  </li>
                ))}
              </ol>
            </nav>
          )}
          <div className={styles.single}>
            {!compact && index >= 0 && (
              <p className={styles.position}>
                Case {index + 1} of {agenda.length}
              </p>
            )}
            {current && (
              <CaseRunner
                key={current}
                meetingId={meeting.id}
                caseRef={current}
                onMeetingChanged={onChanged}
              />
            )}
            {stepper}
          </div>
        </div>
      )}
    </div>
  );
}

export function MeetingRunner({ meeting, onChanged }: MeetingRunnerProps) {
  const styles = useRunnerStyles();
  const { ref, compact } = useRunnerLayout();
  return (
    <div ref={ref} className={styles.root} data-layout={compact ? 'compact' : 'wide'}>
      {meeting.status === 'scheduled' ? (
        <StartPanel meeting={meeting} onChanged={onChanged} />
      ) : meeting.status === 'in-progress' ? (
        <Running meeting={meeting} onChanged={onChanged} compact={compact} />
      ) : (
        // MeetingPage shows a held or cancelled meeting read-only; this is only seen for a moment.
        <MessageBar intent="info">
          <MessageBarBody>
            This meeting is {MEETING_STATUS_LABELS[meeting.status].toLowerCase()}.
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
