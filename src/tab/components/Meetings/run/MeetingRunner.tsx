/**
 * The chair's meeting mode (issue 5 points 3, 4, 7): start the meeting, step through the frozen agenda
 * one case at a time, record what is said and decided as it is typed, act on the case, finish. Rendered
 * by MeetingPage when the user may run meetings and the meeting is scheduled or in progress.
 *
 * The current case is in the URL (?case=CMOE-0042), so a reload or a second device opened on the same
 * link continues where the chair was. Narrow containers (the Teams meeting side panel, 320 px) get a
 * compact layout: a case picker instead of the agenda list, one column. The container's width decides,
 * not the Teams frame context, so it behaves the same in any browser at that width.
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
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AGENDA_SECTION_LABELS, MEETING_STATUS_LABELS } from '../../../../domain/labels';
import type { AgendaItem, Meeting } from '../../../../domain/types';
import { ApiError } from '../../../client/client';
import type { MeetingAgenda } from '../../../client/meetingApi';
import { useApp } from '../../../app/AppContext';
import { formatInstant, plural } from '../../../lib/format';
import { SelectField } from '../../common/FormFields';
import { ModalDialog } from '../../common/ModalDialog';
import { ProblemBar } from '../../common/ProblemBar';
import { CaseRunner } from './CaseRunner';
import { useRunnerStyles } from './MeetingRunner.styles';
import { unsavedRefs } from './useRecordAutosave';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface MeetingRunnerProps {
  meeting: Meeting;
  /** The meeting changed on the server (started, a record saved, finished): reload it. */
  onChanged(): void;
}

/** Below this container width the runner is compact (the meeting side panel is 320 px). */
export const COMPACT_BELOW_PX = 640;

/** The width of an element, following resizes (0 until measured, or where ResizeObserver is missing). */
export function useContainerWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

const CASE_PARAM = 'case';

function caseFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(CASE_PARAM);
}

function setCaseInUrl(ref: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (ref) params.set(CASE_PARAM, ref);
  else params.delete(CASE_PARAM);
  const q = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${q ? `?${q}` : ''}`);
}

function StartPanel({ meeting, onChanged }: MeetingRunnerProps) {
  const styles = useRunnerStyles();
  const { api } = useApp();
  const [agenda, setAgenda] = useState<MeetingAgenda | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getAgenda(meeting.id).then(setAgenda, setError);
  }, [api, meeting.id]);
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
        <Button
          appearance="primary"
          icon={<Play20Regular />}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await api.startMeeting(meeting.id, meeting.version);
              setCaseInUrl(null);
            } catch (e) {
              setError(
                e instanceof ApiError && e.isConflict
                  ? new ApiError(
                      412,
                      'Conflict',
                      e.title,
                      'The meeting changed meanwhile; it has been refreshed.',
                    )
                  : e,
              );
            } finally {
              setBusy(false);
              onChanged();
            }
          }}
        >
          {busy ? 'Starting…' : 'Start the meeting'}
        </Button>
      </div>
    </section>
  );
}

function FinishDialog({ meeting, onChanged }: MeetingRunnerProps) {
  const { api, me } = useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Text typed a moment ago is still on its way: look again while the dialog is open.
  const [, tick] = useState(0);
  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [open]);
  const waiting = open ? unsavedRefs(me.id, meeting.id) : [];
  const agenda = meeting.agenda ?? [];
  const notDiscussed = agenda.filter((i) => !meeting.records.some((r) => r.caseRef === i.caseRef)).length;
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button icon={<Stop20Regular />}>Finish the meeting</Button>}
      title="Finish the meeting?"
      actions={
        <>
          <Button
            appearance="primary"
            disabled={busy || waiting.length > 0}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                // Each autosave moves the meeting's version on: finish the meeting as it is now.
                const now = await api.getMeeting(meeting.id);
                await api.finishMeeting(meeting.id, now.version);
                setCaseInUrl(null);
                setOpen(false);
                onChanged();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
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
  const agenda = meeting.agenda ?? [];
  const [current, setCurrent] = useState<string | null>(() => {
    const fromUrl = caseFromUrl();
    return agenda.some((i) => i.caseRef === fromUrl) ? fromUrl : (agenda[0]?.caseRef ?? null);
  });
  useEffect(() => {
    setCaseInUrl(current);
  }, [current]);
  // Leaving meeting mode: the next screen should not carry this meeting's case in its URL.
  useEffect(() => {
    const path = window.location.pathname;
    return () => {
      if (window.location.pathname !== path) setCaseInUrl(null);
    };
  }, []);
  const index = agenda.findIndex((i) => i.caseRef === current);
  const go = (i: number) => {
    const next = agenda[i];
    if (next) setCurrent(next.caseRef);
  };
  const recorded = (ref: string) => meeting.records.some((r) => r.caseRef === ref);

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
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  const compact = width > 0 && width < COMPACT_BELOW_PX;
  const stableOnChanged = useCallback(() => onChanged(), [onChanged]);
  return (
    <div ref={ref} className={styles.root} data-layout={compact ? 'compact' : 'wide'}>
      {meeting.status === 'scheduled' ? (
        <StartPanel meeting={meeting} onChanged={stableOnChanged} />
      ) : meeting.status === 'in-progress' ? (
        <Running meeting={meeting} onChanged={stableOnChanged} compact={compact} />
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
