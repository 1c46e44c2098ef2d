/**
 * One agenda case in meeting mode: why it is on the agenda, the key facts, open actions and what changed
 * since the last meeting; then what the meeting records (autosaved) and does (concern, stuck, SMART
 * actions, escalation, closure). A case with no progress gets the robust challenge: escalate, reassign
 * the lead, or record why not.
 */
import { Button } from '@fluentui/react-components';
import { Add20Regular, Flag20Regular, FlagOff20Regular } from '@fluentui/react-icons';
import { type ComponentProps, useCallback, useEffect, useRef, useState } from 'react';
import {
  AGENDA_SECTION_LABELS,
  CLOSURE_REASON_LABELS,
  CONCERN_LABELS,
  ESCALATION_TARGET_LABELS,
  PROVISION_LABELS,
  YEAR_GROUP_LABELS,
} from '../../../../domain/labels';
import type { Action, AgendaSection, Case, Concern } from '../../../../domain/types';
import type { MeetingCaseView } from '../../../../domain/views';
import { ApiError } from '../../../client/client';
import { useApp } from '../../../app/AppContext';
import { formatDate, formatInstant, plural } from '../../../lib/format';
import { CONCERN_OPTIONS } from '../../../lib/options';
import { useSubmission } from '../../../lib/useSubmission';
import { ActionForm } from '../../Actions/ActionForm';
import { CloseDialog, EscalateDialog } from '../../CaseView/CaseDialogs';
import { casePeople } from '../../CaseView/CaseView';
import { ConcernBadge, StatusBadge } from '../../common/CaseBadges';
import { SelectField, TextField } from '../../common/FormFields';
import { ProblemBar } from '../../common/ProblemBar';
import { LeadDialog } from './LeadDialog';
import { MeetingDisclosures } from './MeetingDisclosures';
import { useRunnerStyles } from './MeetingRunner.styles';
import { FIELD_LABELS, RecordEditor } from './RecordEditor';
import { type RecordAutosave, useRecordAutosave } from './useRecordAutosave';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

const STALE_CASE =
  'The case changed since it was opened here. It has been refreshed: check it, then try again (what you typed is kept).';

function ActionLine({ a }: { a: Action }) {
  const deferred = a.deferrals.length;
  return (
    <li>
      {a.description} — {a.owner?.name ?? 'no owner'}
      {a.ownerService ? ` (${a.ownerService})` : ''}, due {formatDate(a.dueDate)}
      {deferred > 0 ? `, deferred ${plural(deferred, 'time', 'times')}` : ''}
    </li>
  );
}

function SinceLastTime({ view }: { view: MeetingCaseView }) {
  const styles = useRunnerStyles();
  const { previousRecord: prev, sincePrevious: since } = view;
  return (
    <section className={styles.section} aria-labelledby="since-title">
      <h3 id="since-title" className={styles.sectionTitle}>
        {since.since ? `Since the last meeting (${formatInstant(since.since)})` : 'So far'}
      </h3>
      {prev && (prev.decisions || prev.summary) && (
        <div>
          <p className={styles.muted}>Last time the group decided:</p>
          <p className={styles.preWrap}>{prev.decisions || prev.summary}</p>
        </div>
      )}
      <ul className={styles.facts} aria-label="Changes since the last meeting">
        <li>{plural(since.updates.length, 'update', 'updates')}</li>
        <li>{plural(since.actionsSet.length, 'action set', 'actions set')}</li>
        <li>{plural(since.actionsCompleted.length, 'action completed', 'actions completed')}</li>
      </ul>
      {since.updates.length > 0 && (
        <ul className={styles.list} aria-label="Updates since the last meeting">
          {since.updates.slice(-3).map((u) => (
            <li key={u.id}>
              {formatInstant(u.at)}, {u.by.name}: {u.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** ToR §4-5: a case with no progress is challenged; the chair chooses and the choice is recorded. */
function Challenge({
  view,
  autosave,
  onEscalate,
  onReassign,
  canEscalate,
}: {
  view: MeetingCaseView;
  autosave: RecordAutosave;
  onEscalate: ComponentProps<typeof EscalateDialog>['onEscalate'];
  onReassign: ComponentProps<typeof LeadDialog>['onReassign'];
  canEscalate: boolean;
}) {
  const styles = useRunnerStyles();
  const { detail, record, agendaItem } = view;
  const deferred = detail.actions.filter((a) => a.status === 'open' && a.deferrals.length > 0);
  const answered = record?.escalationId
    ? 'Escalated in this meeting.'
    : record?.leadChange
      ? `Lead reassigned to ${record.leadChange.to}.`
      : autosave.draft.challengeNote.trim()
        ? 'Reason recorded below.'
        : null;
  return (
    <section className={styles.section} aria-labelledby="challenge-title">
      <MessageBar intent={answered ? 'info' : 'warning'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            <span id="challenge-title">No progress: challenge this case</span>
          </MessageBarTitle>
          {answered ?? 'Choose one: escalate it, reassign the lead, or record why not.'}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list} aria-label="Evidence of no progress">
        {detail.insights.stuckReasons.map((r) => (
          <li key={r.code}>{r.text}</li>
        ))}
        {agendaItem?.section === 'stuck' &&
          agendaItem.reasons
            .filter((r) => !detail.insights.stuckReasons.some((x) => x.text === r))
            .map((r) => <li key={r}>{r}</li>)}
        {deferred.map((a) => (
          <li key={a.id}>
            “{a.description}” deferred {plural(a.deferrals.length, 'time', 'times')} (now due{' '}
            {formatDate(a.dueDate)})
          </li>
        ))}
      </ul>
      <div className={styles.toolbar}>
        {canEscalate && detail.case.status !== 'closed' && !record?.escalationId && (
          <EscalateDialog onEscalate={onEscalate} defaultResponseDue={detail.insights.defaultResponseDue} />
        )}
        <LeadDialog current={detail.case.lead?.name ?? null} onReassign={onReassign} />
      </div>
      <TextField
        label={FIELD_LABELS.challengeNote}
        hint="Saved with the record; it goes in the minutes."
        multiline
        maxLength={4000}
        value={autosave.draft.challengeNote}
        onChange={(v) => autosave.set('challengeNote', v)}
      />
    </section>
  );
}

function Recorded({ view, meetingId }: { view: MeetingCaseView; meetingId: string }) {
  const styles = useRunnerStyles();
  const r = view.record;
  const set = view.detail.actions.filter((a) => a.meetingId === meetingId);
  const escalation = r?.escalationId ? view.detail.escalations.find((e) => e.id === r.escalationId) : null;
  const lines: string[] = [];
  if (r?.concernChange)
    lines.push(
      `Concern changed from ${CONCERN_LABELS[r.concernChange.from]} to ${CONCERN_LABELS[r.concernChange.to]}.`,
    );
  if (r?.leadChange) lines.push(`Lead reassigned from ${r.leadChange.from ?? 'none'} to ${r.leadChange.to}.`);
  if (r?.escalationId)
    lines.push(
      escalation
        ? `Escalated to ${ESCALATION_TARGET_LABELS[escalation.to]}${escalation.toName ? ` (${escalation.toName})` : ''}: ${escalation.decisionRequested} — response due ${formatDate(escalation.responseDue)}.`
        : 'Escalated.',
    );
  if (r?.closure)
    lines.push(`Closed: ${CLOSURE_REASON_LABELS[r.closure.reason]} (${formatDate(r.closure.date)}).`);
  if (lines.length === 0 && set.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="recorded-title">
      <h3 id="recorded-title" className={styles.sectionTitle}>
        Recorded in this meeting
      </h3>
      {lines.length > 0 && (
        <ul className={styles.list}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {set.length > 0 && (
        <>
          <p className={styles.muted}>Actions set:</p>
          <ul className={styles.list} aria-label="Actions set in this meeting">
            {set.map((a) => (
              <ActionLine key={a.id} a={a} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LoadedCase({
  view,
  reload,
  meetingId,
  onMeetingChanged,
}: {
  view: MeetingCaseView;
  reload(): Promise<MeetingCaseView | null>;
  meetingId: string;
  onMeetingChanged(): void;
}) {
  const styles = useRunnerStyles();
  const { api, can, me } = useApp();
  const d = view.detail;
  const c = d.case;
  const autosave = useRecordAutosave(api, me.id, meetingId, c.ref, view.record);
  const { rebase } = autosave;
  const firstRecord = useRef(view.record);
  useEffect(() => {
    if (view.record !== firstRecord.current) rebase(view.record);
    // rebase is a fresh closure each render; the record is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.record]);
  const caseVersion = useRef(c.version);
  caseVersion.current = c.version;
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const quick = useSubmission();
  const { busy, error: stepError } = quick;

  /** A change to the case, conditional on its version; the view and the meeting reload after it. */
  async function step(write: (version: number) => Promise<unknown>): Promise<void> {
    try {
      await write(caseVersion.current);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        await reload();
        throw new ApiError(412, 'Conflict', e.title, STALE_CASE);
      }
      throw e;
    }
    await reload();
    onMeetingChanged();
  }
  function quickStep(write: (version: number) => Promise<unknown>): Promise<void> {
    return quick.run(() => step(write));
  }

  const stuck = d.insights.stuck || view.agendaItem?.section === 'stuck';
  const open = d.actions.filter((a) => a.status === 'open').sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  const closed = c.status === 'closed';
  const section = view.agendaItem?.section as AgendaSection | undefined;

  return (
    <article className={styles.case} aria-labelledby="run-case-title">
      <div className={styles.head}>
        <h2 id="run-case-title" className={styles.caseTitle}>
          {c.ref} · {c.firstName} {c.lastName}
        </h2>
        <span className={styles.badges}>
          <StatusBadge status={c.status} />
          <ConcernBadge concern={c.concern} />
        </span>
      </div>
      {view.agendaItem && (
        <div>
          <p className={styles.muted}>
            On the agenda: {section ? AGENDA_SECTION_LABELS[section] : view.agendaItem.section}
          </p>
          {view.agendaItem.reasons.length > 0 && (
            <ul className={styles.list} aria-label="Why it is on the agenda">
              {view.agendaItem.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <ul className={styles.facts} aria-label="Key facts">
        <li>{YEAR_GROUP_LABELS[c.yearGroup]}</li>
        <li>
          {d.insights.weeksOut === null
            ? 'Weeks out not known'
            : `${plural(d.insights.weeksOut, 'week', 'weeks')} out of education`}
        </li>
        <li>Provision: {PROVISION_LABELS[c.provision]}</li>
        <li>Lead: {c.lead?.name ?? 'none yet'}</li>
        {c.stuckFlag && <li>Flagged stuck by the chair</li>}
      </ul>
      <section className={styles.section} aria-labelledby="open-actions-title">
        <h3 id="open-actions-title" className={styles.sectionTitle}>
          Open actions ({open.length})
        </h3>
        {open.length === 0 ? (
          <p className={styles.muted}>No open actions.</p>
        ) : (
          <ul className={styles.list} aria-label="Open actions">
            {open.map((a) => (
              <ActionLine key={a.id} a={a} />
            ))}
          </ul>
        )}
      </section>
      <SinceLastTime view={view} />
      {stuck && !closed && (
        <Challenge
          view={view}
          autosave={autosave}
          canEscalate={can('case.escalate')}
          onEscalate={(body) => step((v) => api.escalateInMeeting(meetingId, c.ref, v, body))}
          onReassign={(lead) => step((v) => api.reassignLead(meetingId, c.ref, v, lead))}
        />
      )}
      <RecordEditor autosave={autosave} caseRef={c.ref} />
      {!closed && (
        <section className={styles.section} aria-labelledby="decide-title">
          <h3 id="decide-title" className={styles.sectionTitle}>
            Act on the case
          </h3>
          <div className={styles.toolbar}>
            {can('case.setConcern') && (
              <SelectField
                label="Concern level"
                value={c.concern}
                options={CONCERN_OPTIONS}
                onChange={(x: Concern) => void quickStep((v) => api.changeConcern(meetingId, c.ref, v, x))}
              />
            )}
            {can('case.markStuck') && (
              <Button
                disabled={busy}
                icon={c.stuckFlag ? <FlagOff20Regular /> : <Flag20Regular />}
                onClick={() =>
                  void quickStep((v) =>
                    api.updateCase(c.ref, v, { stuckFlag: !c.stuckFlag }).then((x: Case) => x),
                  )
                }
              >
                {c.stuckFlag ? 'Clear the stuck flag' : 'Mark as stuck'}
              </Button>
            )}
            {!stuck && can('case.escalate') && !view.record?.escalationId && (
              <EscalateDialog
                defaultResponseDue={d.insights.defaultResponseDue}
                onEscalate={(body) => step((v) => api.escalateInMeeting(meetingId, c.ref, v, body))}
              />
            )}
            {can('case.close') && (
              <CloseDialog onClose={(body) => step((v) => api.closeInMeeting(meetingId, c.ref, v, body))} />
            )}
            {!adding && (
              <Button
                appearance="primary"
                icon={<Add20Regular />}
                onClick={() => {
                  setAdded(null);
                  setAdding(true);
                }}
              >
                Add SMART action
              </Button>
            )}
          </div>
          {busy && <Spinner size="tiny" label="Saving…" />}
          {stepError !== null && <ProblemBar error={stepError} />}
          {adding && (
            <ActionForm
              caseRef={c.ref}
              casePeople={casePeople(d)}
              create={({ caseRef: _ref, meetingId: _m, ...body }) =>
                api.addMeetingAction(meetingId, c.ref, body)
              }
              onCancel={() => setAdding(false)}
              onCreated={(a) => {
                setAdding(false);
                setAdded(
                  `Action added: due ${formatDate(a.dueDate)}, owned by ${a.owner?.name ?? 'nobody'}.`,
                );
                void reload().then(() => onMeetingChanged());
              }}
            />
          )}
          {added && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{added}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
      <MeetingDisclosures meetingId={meetingId} caseRef={c.ref} />
      <Recorded view={view} meetingId={meetingId} />
    </article>
  );
}

/** Loads one case's meeting view, then runs it. Keyed by case so each case has its own autosave. */
export function CaseRunner({
  meetingId,
  caseRef,
  onMeetingChanged,
}: {
  meetingId: string;
  caseRef: string;
  onMeetingChanged(): void;
}) {
  const { api } = useApp();
  const [view, setView] = useState<MeetingCaseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const v = await api.getMeetingCase(meetingId, caseRef);
      setView(v);
      setError(null);
      return v;
    } catch (e) {
      setError(e);
      return null;
    }
  }, [api, meetingId, caseRef]);
  useEffect(() => {
    void load();
  }, [load]);
  if (view)
    return <LoadedCase view={view} reload={load} meetingId={meetingId} onMeetingChanged={onMeetingChanged} />;
  if (error)
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{caseRef} could not be loaded</MessageBarTitle>
          {error instanceof ApiError ? error.detail : 'Something went wrong.'}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void load()}>Try again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  return <Spinner label={`Loading ${caseRef}…`} />;
}
