/**
 * One child's case: header (ref, name, status, concern, flags), what the rules say today (warnings,
 * stuck reasons, statutory prompts), the chair's decisions (escalate, close, reopen) and tabs for the
 * record, actions, timeline, list checks and escalations. Every control is shown only when the user's
 * permissions allow it; the API refuses the rest anyway.
 */
import { Button, Tab, TabList, Text } from '@fluentui/react-components';
import { Add20Regular, ArrowLeft20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CLOSURE_REASON_LABELS, YEAR_GROUP_LABELS } from '../../../domain/labels';
import type { Case, Person } from '../../../domain/types';
import type { ActionView, CaseDetail } from '../../../domain/views';
import { ApiError } from '../../client/client';
import { useApp } from '../../app/AppContext';
import { formatDate, plural } from '../../lib/format';
import { navigate } from '../../lib/router';
import { ActionCard } from '../Actions/ActionCard';
import { ActionForm } from '../Actions/ActionForm';
import { useActionStyles } from '../Actions/Actions.styles';
import { ConcernBadge, FlagBadges, StatusBadge } from '../common/CaseBadges';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { CaseDetails } from './CaseDetails';
import { SubjectAccessButtons } from '../common/SubjectAccessButtons';
import { CaseDisclosures } from './CaseDisclosures';
import { CloseDialog, EscalateDialog, ReopenDialog } from './CaseDialogs';
import { Escalations } from './Escalations';
import { ListChecks } from './ListChecks';
import { ShareLink } from './ShareLink';
import { Timeline } from './Timeline';
import { type CaseResource, useCase } from './useCase';
import { useCaseEditor } from './useCaseEditor';
import { useCaseViewStyles } from './CaseView.styles';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

type Section = 'details' | 'actions' | 'timeline' | 'checks' | 'escalations' | 'disclosures';
/** Each tab's id, for the panel's aria-labelledby. */
const tabIdOf = (section: Section) => `tab-${section}`;

const STALE_CASE =
  'The case changed since you opened it. It has been refreshed: check it, then submit again (what you typed is kept).';

function flagsOf(d: CaseDetail) {
  return {
    stuck: d.insights.stuck,
    overdue: d.insights.overdueActions > 0,
    ehcp: d.case.sendStatus === 'ehcp',
    socialCare: d.case.socialCareStatus !== 'none',
    cseRisk: d.case.cseRisk === 'at-risk',
    statutory: d.insights.prompts.length > 0,
  };
}

function Insights({ d }: { d: CaseDetail }) {
  const styles = useCaseViewStyles();
  const { insights, case: c } = d;
  return (
    <div className={styles.insights}>
      {c.status === 'closed' && c.closure && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Closed on {formatDate(c.closure.date)}</MessageBarTitle>
            {CLOSURE_REASON_LABELS[c.closure.reason]}
            {c.closure.note ? `: ${c.closure.note}` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {insights.prompts.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              Statutory {insights.prompts.length === 1 ? 'prompt' : 'prompts'}
            </MessageBarTitle>
            <ul className={styles.list}>
              {insights.prompts.map((p) => (
                <li key={p.code}>
                  {p.text}
                  {p.dueOn ? ` (due ${formatDate(p.dueOn)})` : ''}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {insights.stuck && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Stuck</MessageBarTitle>
            <ul className={styles.list}>
              {insights.stuckReasons.map((r) => (
                <li key={r.code}>{r.text}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {insights.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {insights.eligible ? 'Check the record' : 'Outside the group’s definition (ToR §3)'}
            </MessageBarTitle>
            <ul className={styles.list}>
              {insights.warnings.map((w) => (
                <li key={w.code}>{w.text}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** The case's lead (when known in the directory) and the owners of its actions. */
export function casePeople(d: CaseDetail): (Person & { service?: string })[] {
  const out: (Person & { service?: string })[] = [];
  const lead = d.case.lead;
  if (lead?.id && lead.email) out.push({ id: lead.id, name: lead.name, email: lead.email });
  for (const a of d.actions)
    if (a.owner && !out.some((p) => p.id === a.owner?.id))
      out.push({ ...a.owner, ...(a.ownerService ? { service: a.ownerService } : {}) });
  return out;
}

function ActionsPanel({
  d,
  onCreated,
  onChanged,
}: {
  d: CaseDetail;
  onCreated(a: ActionView): void;
  onChanged(a: ActionView): void;
}) {
  const styles = useCaseViewStyles();
  const actionStyles = useActionStyles();
  const { can } = useApp();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const open = d.actions.filter((a) => a.status === 'open').sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  const closed = d.actions.filter((a) => a.status !== 'open');
  const mayAdd = can('action.create') && d.case.status !== 'closed';
  return (
    <div className={styles.panel}>
      {mayAdd && !adding && (
        <div className={styles.formActions}>
          <Button
            appearance="primary"
            icon={<Add20Regular />}
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            Add action
          </Button>
        </div>
      )}
      {adding && (
        <ActionForm
          caseRef={d.case.ref}
          casePeople={casePeople(d)}
          onCancel={() => setAdding(false)}
          onCreated={(a) => {
            setAdding(false);
            setAdded(`Action added: due ${formatDate(a.dueDate)}, owned by ${a.owner?.name ?? 'nobody'}.`);
            onCreated(a);
          }}
        />
      )}
      {added && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{added}</MessageBarBody>
        </MessageBar>
      )}
      {open.length === 0 ? (
        <Text className={styles.muted}>No open actions.</Text>
      ) : (
        <ul className={actionStyles.list} aria-label="Open actions">
          {open.map((a) => (
            <ActionCard key={a.id} action={a} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <details>
          <summary>Done and cancelled ({closed.length})</summary>
          <ul className={actionStyles.list} aria-label="Done and cancelled actions">
            {closed.map((a) => (
              <ActionCard key={a.id} action={a} onChanged={onChanged} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function LoadedCase({ res, onChanged }: { res: CaseResource; onChanged(): void }) {
  const styles = useCaseViewStyles();
  const { api, can, me } = useApp();
  const d = res.detail as CaseDetail;
  const detailRef = useRef(d);
  detailRef.current = d;
  const [section, setSection] = useState<Section>('details');

  const afterWrite = useCallback(async () => {
    await res.reload();
    onChanged();
  }, [res, onChanged]);

  const editor = useCaseEditor(api, d.case, () => void afterWrite());
  const { rebase } = editor;
  useEffect(() => {
    rebase(d.case);
  }, [d.case, rebase]);

  /** A write conditional on the case's version (list check, escalate, close, reopen). */
  async function versioned(write: (version: number) => Promise<Case>): Promise<void> {
    try {
      const updated = await write(detailRef.current.case.version);
      rebase(updated);
      await afterWrite();
    } catch (e) {
      if (e instanceof ApiError && e.isConflict) {
        await res.reload();
        throw new ApiError(412, 'Conflict', e.title, STALE_CASE);
      }
      throw e;
    }
  }

  const c = d.case;
  const name = `${c.firstName} ${c.lastName}`;
  const chairDecides = can('case.escalate') || can('case.close');
  const replaceAction = (a: ActionView) =>
    res.update((x) => ({ ...x, actions: x.actions.map((y) => (y.id === a.id ? a : y)) }));
  const openActions = d.actions.filter((a) => a.status === 'open').length;
  const sections: { value: Section; label: string }[] = [
    { value: 'details', label: 'Record' },
    { value: 'actions', label: `Actions (${openActions} open)` },
    { value: 'timeline', label: `Timeline (${d.updates.length})` },
    { value: 'checks', label: `List checks (${c.listChecks.length})` },
    { value: 'escalations', label: `Escalations (${d.escalations.length})` },
    // Issue 18: loaded (and audited as a view) only when opened.
    ...(can('disclosure.read') ? [{ value: 'disclosures' as const, label: 'Disclosures' }] : []),
  ];

  return (
    <article className={styles.root} aria-labelledby="case-title">
      <div className={styles.header}>
        <RouterLink href="/">
          <ArrowLeft20Regular aria-hidden="true" /> Back to the CMOE list
        </RouterLink>
        <div className={styles.titleRow}>
          <h1 id="case-title" className={styles.title}>
            {c.ref} · {name}
          </h1>
          <span className={styles.badges}>
            <StatusBadge status={c.status} />
            <ConcernBadge concern={c.concern} />
            <FlagBadges flags={flagsOf(d)} size="medium" />
          </span>
        </div>
        <ul className={styles.meta} aria-label="Key facts">
          <li>{YEAR_GROUP_LABELS[c.yearGroup]}</li>
          <li>Referral date {formatDate(c.referralDate)}</li>
          <li>
            {d.insights.weeksOut === null
              ? 'Weeks out not known'
              : `${plural(d.insights.weeksOut, 'week', 'weeks')} out of education`}
          </li>
          <li>Lead: {c.lead?.name ?? 'none yet'}</li>
          <li>Next action due: {formatDate(d.insights.nextActionDue, 'none')}</li>
        </ul>
        <div className={styles.toolbar}>
          <ShareLink caseRef={c.ref} />
          {can('case.subjectAccess') && <SubjectAccessButtons caseRef={c.ref} />}
          {chairDecides && c.status !== 'closed' && can('case.escalate') && (
            <EscalateDialog
              defaultResponseDue={d.insights.defaultResponseDue}
              onEscalate={(body) => versioned((v) => api.escalate(c.ref, v, body).then((r) => r.case))}
            />
          )}
          {can('case.close') && c.status !== 'closed' && (
            <CloseDialog onClose={(body) => versioned((v) => api.closeCase(c.ref, v, body))} />
          )}
          {can('case.close') && c.status === 'closed' && (
            <ReopenDialog onReopen={(reason) => versioned((v) => api.reopenCase(c.ref, v, reason))} />
          )}
        </div>
      </div>
      <Insights d={d} />
      {res.error && <ProblemBar error={res.error} />}
      {/* Fluent's TabList (issue 15: the stand-in bought nothing on the first load, this screen being a lazy
          chunk): arrow keys move between tabs and select them; each tab controls the one panel below. */}
      <TabList
        aria-label="Case sections"
        selectedValue={section}
        onTabSelect={(_, data) => setSection(data.value as Section)}
      >
        {sections.map((t) => (
          <Tab key={t.value} value={t.value} id={tabIdOf(t.value)} aria-controls="panel-case">
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id="panel-case" aria-labelledby={tabIdOf(section)}>
        {/* The record stays mounted (hidden) so switching tabs never loses an unsaved edit. */}
        <div hidden={section !== 'details'}>
          <CaseDetails editor={editor} insights={d.insights} />
        </div>
        {section === 'actions' && (
          <ActionsPanel
            d={d}
            onCreated={(a) => {
              res.update((x) => ({ ...x, actions: [...x.actions, a] }));
              void afterWrite();
            }}
            onChanged={(a) => {
              replaceAction(a);
              void afterWrite();
            }}
          />
        )}
        {section === 'timeline' && (
          <Timeline
            updates={d.updates}
            canAdd={can('case.addUpdate')}
            onAdd={async (text) => {
              const u = await api.addUpdate(c.ref, text);
              res.update((x) => ({ ...x, updates: [...x.updates, u] }));
            }}
          />
        )}
        {section === 'checks' && (
          <ListChecks
            checks={c.listChecks}
            canAdd={can('case.update') && c.status !== 'closed'}
            defaultCheckedBy={me.name}
            onAdd={(check) => versioned((v) => api.addListCheck(c.ref, v, check))}
          />
        )}
        {section === 'escalations' && (
          <Escalations
            escalations={d.escalations}
            canRespond={can('escalation.respond')}
            onRespond={async (e, body) => {
              try {
                await api.respondToEscalation(e.id, e.version, body);
              } catch (err) {
                if (err instanceof ApiError && err.isConflict) {
                  await res.reload();
                  throw new ApiError(412, 'Conflict', err.title, STALE_CASE);
                }
                throw err;
              }
              await afterWrite();
            }}
          />
        )}
        {section === 'disclosures' && (
          <CaseDisclosures caseRef={c.ref} canRecord={can('disclosure.record')} />
        )}
      </div>
    </article>
  );
}

export function CaseView({ caseRef, onChanged }: { caseRef: string; onChanged(): void }) {
  const { api } = useApp();
  const res = useCase(api, caseRef);
  const styles = useCaseViewStyles();
  useEffect(() => {
    document.title = `${caseRef} – CMOE Tracker`;
    return () => {
      document.title = 'CMOE Tracker';
    };
  }, [caseRef]);
  if (res.status === 'loading') return <Spinner label={`Loading ${caseRef}…`} />;
  if (res.status === 'error' || !res.detail)
    return (
      <div className={styles.root}>
        <MessageBar intent={res.error?.code === 'NotFound' ? 'info' : 'error'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {res.error?.code === 'NotFound'
                ? `There is no case ${caseRef}`
                : `${caseRef} could not be loaded`}
            </MessageBarTitle>
            {res.error?.detail}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate('/')}>Back to the CMOE list</Button>
            {res.error?.code !== 'NotFound' && <Button onClick={() => void res.reload()}>Try again</Button>}
          </MessageBarActions>
        </MessageBar>
      </div>
    );
  return <LoadedCase key={caseRef} res={res} onChanged={onChanged} />;
}
