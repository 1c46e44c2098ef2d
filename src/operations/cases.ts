/**
 * Case use cases: list, view, refer, change, close, reopen, list checks and the timeline.
 * Each checks the caller's permission first, applies the domain rules, writes conditionally and audits.
 */
import { defaultResponseDue } from '../domain/escalations';
import { asPerson } from '../auth/principal';
import { isOverdue } from '../domain/actions';
import { caseSearchText, matchesCaseSearch, searchTerms } from '../domain/caseFilter';
import { checkEligibility, weeksOut } from '../domain/eligibility';
import { assertDates, caseDateIssues, closureDateIssues, pastDateIssues } from '../domain/dateRules';
import { InvalidError, NotFoundError } from '../domain/errors';
import { referralDateFor } from '../domain/meetings';
import { statutoryPrompts } from '../domain/prompts';
import { describeStuckReason, stuckStatus, stuckWindowStart } from '../domain/stuck';
import type { Action, Case, CaseUpdate, ListCheck, LocalDate, Meeting } from '../domain/types';
import type { CaseDetail, CaseInsights, CaseSummary, ReferralCheck } from '../domain/views';
import { nationalCurriculumYear, yearGroupFor } from '../domain/yearGroup';
import type { CasePatch } from '../store/ports';
import {
  type Call,
  type OperationDeps,
  actionView,
  audit,
  auditListView,
  authorize,
  can,
  nowIso,
  refuse,
  today,
} from './context';
import type {
  CaseListQuery,
  CasePatchInput,
  CloseCaseInput,
  ReferralInput,
  ReopenCaseInput,
} from '../contract/inputs';

export async function loadCase(deps: OperationDeps, ref: string): Promise<Case> {
  const c = await deps.store.cases.get(ref);
  if (!c) throw new NotFoundError(`Case ${ref}`);
  return c;
}

/**
 * A closed case is read-only until the chair reopens it (SPEC: closed, reopen allowed): no field
 * change, list check, timeline note, action, escalation or second closure. Answered as `Invalid` with
 * the issue `status: is closed`, checked before the version, so a stale If-Match cannot hide it.
 */
export function requireNotClosed(c: Case, doing: string): void {
  if (c.status === 'closed') {
    throw new InvalidError(`This case is closed: reopen it before ${doing}.`, [
      { path: 'status', message: 'is closed' },
    ]);
  }
}

function groupByCase(actions: readonly Action[]): Map<string, Action[]> {
  const map = new Map<string, Action[]>();
  for (const a of actions) {
    const list = map.get(a.caseRef);
    if (list) list.push(a);
    else map.set(a.caseRef, [a]);
  }
  return map;
}

function nextOpenDue(actions: readonly Action[]): LocalDate | null {
  let next: LocalDate | null = null;
  for (const a of actions) if (a.status === 'open' && (next === null || a.dueDate < next)) next = a.dueDate;
  return next;
}

/** The lead, or an owner of an open action: what "my cases" means to a member. */
function isMine(c: Case, actions: readonly Action[], call: Call): boolean {
  const me = call.caller;
  if (c.lead && (c.lead.id === me.id || (c.lead.email ?? '').toLowerCase() === me.email.toLowerCase()))
    return true;
  return actions.some((a) => a.status === 'open' && a.owner?.id === me.id);
}

/** The CMOE list as the tab shows it: one `case.list` audit entry for the request, with its filters. */
export async function listCases(
  deps: OperationDeps,
  call: Call,
  query: CaseListQuery,
): Promise<CaseSummary[]> {
  await authorize(deps, call, 'case.read', 'cases');
  // The audit entry and the read together: on SharePoint each is a round trip (the audit list is
  // written, the read model sends its delta), and a view waits for one, not both. Authorised first, so a
  // refused caller leaves only the refusal; if either fails, nothing is shown.
  const [rows] = await Promise.all([
    caseSummaries(deps, call, query),
    auditListView(deps, call, 'cases', query),
  ]);
  return rows;
}

/**
 * The CMOE list with computed flags, unaudited (the export audits itself as `export`). Filters on
 * stored columns run in the store; stuck, overdue, "mine" and text search are computed here, because
 * they depend on actions, meetings and today.
 */
export async function caseSummaries(
  deps: OperationDeps,
  call: Call,
  query: CaseListQuery,
): Promise<CaseSummary[]> {
  await authorize(deps, call, 'case.read', 'cases');
  const [cases, actions, meetings] = await Promise.all([
    deps.store.cases.list({
      ...(query.status ? { status: query.status } : {}),
      ...(query.concern ? { concern: query.concern } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.lead ? { leadEmail: query.lead } : {}),
    }),
    deps.store.actions.list({ status: ['open', 'done'] }),
    deps.store.meetings.list({ to: nowIso(call) }),
  ]);
  const day = today(call);
  const byCase = groupByCase(actions);
  const windowStart = stuckWindowStart(meetings, call.now, deps.policy);
  const terms = searchTerms(query.q);

  const rows: CaseSummary[] = [];
  for (const c of cases) {
    if (terms.length && !matchesCaseSearch(caseSearchText(c), terms)) continue;
    const caseActions = byCase.get(c.ref) ?? [];
    if (query.mine && !isMine(c, caseActions, call)) continue;
    const stuck = stuckStatus(c, caseActions, meetings, call.now, deps.policy, { windowStart }).stuck;
    if (query.stuck !== undefined && query.stuck !== stuck) continue;
    const overdue = caseActions.some((a) => isOverdue(a, day));
    if (query.overdue !== undefined && query.overdue !== overdue) continue;
    rows.push({
      ref: c.ref,
      firstName: c.firstName,
      lastName: c.lastName,
      yearGroup: c.yearGroup,
      categories: c.categories,
      concern: c.concern,
      status: c.status,
      weeksOut: weeksOut(c.outOfEducationSince, day),
      lead: c.lead?.name ?? null,
      leadEmail: c.lead?.email ?? null,
      nextActionDue: nextOpenDue(caseActions),
      flags: {
        stuck,
        overdue,
        ehcp: c.sendStatus === 'ehcp',
        socialCare: c.socialCareStatus !== 'none',
        cseRisk: c.cseRisk === 'at-risk',
        statutory: statutoryPrompts(c, day, deps.policy).length > 0,
      },
      createdAt: c.createdAt,
    });
  }
  return rows;
}

function insightsFor(
  deps: OperationDeps,
  call: Call,
  c: Case,
  actions: readonly Action[],
  meetings: readonly Meeting[],
): CaseInsights {
  const day = today(call);
  const eligibility = checkEligibility(c, day, deps.policy);
  const stuck = stuckStatus(c, actions, meetings, call.now, deps.policy);
  return {
    weeksOut: weeksOut(c.outOfEducationSince, day),
    derivedYearGroup: yearGroupFor(c.dateOfBirth, day),
    warnings: eligibility.warnings.map((w) => ({ code: w.code, text: w.message })),
    eligible: eligibility.eligible,
    stuck: stuck.stuck,
    stuckReasons: stuck.reasons.map((r) => ({ code: r.code, text: describeStuckReason(r) })),
    prompts: statutoryPrompts(c, day, deps.policy).map((p) => ({
      code: p.code,
      text: p.message,
      dueOn: p.dueOn,
    })),
    overdueActions: actions.filter((a) => isOverdue(a, day)).length,
    nextActionDue: nextOpenDue(actions),
    defaultResponseDue: defaultResponseDue(day, deps.policy),
  };
}

/** One child's record with everything computed. Every view is audited. */
export async function getCase(deps: OperationDeps, call: Call, ref: string): Promise<CaseDetail> {
  await authorize(deps, call, 'case.read', ref);
  const c = await loadCase(deps, ref);
  const [actions, updates, escalations, meetings] = await Promise.all([
    deps.store.actions.list({ caseRef: ref }),
    deps.store.updates.list(ref),
    deps.store.escalations.list({ caseRef: ref }),
    deps.store.meetings.list({ to: nowIso(call) }),
  ]);
  await audit(deps, call, 'case.view', ref);
  return {
    case: c,
    insights: insightsFor(deps, call, c, actions, meetings),
    actions: actions.map((a) => actionView(deps, call, a)),
    updates,
    escalations,
  };
}

/** What a referral would look like (referral date, year group, eligibility warnings) before it is made. */
export async function checkReferral(
  deps: OperationDeps,
  call: Call,
  input: ReferralInput,
): Promise<ReferralCheck> {
  await authorize(deps, call, 'case.refer', 'cases');
  // The preview says what the referral would: the tab shows these issues by their fields as people
  // type, and no referral date is computed from a date the referral would refuse (9999-12-31 gave
  // `+010000-01`).
  assertDates(caseDateIssues(input, today(call)));
  const meetings = await deps.store.meetings.list({});
  const day = today(call);
  const derived = yearGroupFor(input.dateOfBirth, day);
  const eligibility = checkEligibility(
    { ...input, yearGroup: input.yearGroup ?? derived ?? 'R' },
    day,
    deps.policy,
  );
  return {
    referralDate: referralDateFor(input.receivedOn, meetings, deps.policy),
    derivedYearGroup: derived,
    eligible: eligibility.eligible,
    warnings: eligibility.warnings.map((w) => ({ code: w.code, text: w.message })),
  };
}

/**
 * Refers a child. A referral outside the ToR's definition is accepted with its warnings (never silently
 * dropped); the year group comes from the date of birth unless typed; the referral date is the next
 * meeting on or after receipt.
 */
export async function referCase(
  deps: OperationDeps,
  call: Call,
  input: ReferralInput,
): Promise<{ case: Case; check: ReferralCheck }> {
  const check = await checkReferral(deps, call, input);
  const yearGroup = input.yearGroup ?? check.derivedYearGroup;
  if (yearGroup === null) {
    // Outside R-11 and not typed: record the nearest edge so the case is kept, with the warning shown.
    const nearest = nationalCurriculumYear(input.dateOfBirth, today(call)) < 0 ? 'R' : '11';
    return referWith(deps, call, input, nearest, check);
  }
  return referWith(deps, call, input, yearGroup, check);
}

async function referWith(
  deps: OperationDeps,
  call: Call,
  input: ReferralInput,
  yearGroup: Case['yearGroup'],
  check: ReferralCheck,
): Promise<{ case: Case; check: ReferralCheck }> {
  const now = nowIso(call);
  const created = await deps.store.cases.create(
    {
      ...input,
      yearGroup,
      concern: 'medium',
      referralDate: check.referralDate,
      status: 'referred',
      closure: null,
      listChecks: [],
      stuckFlag: false,
      proposedForClosure: false,
      lastProgressAt: now,
    },
    now,
  );
  await audit(deps, call, 'case.create', created.ref, [], null, created.version);
  return { case: created, check };
}

const CHAIR_FIELDS: Partial<
  Record<keyof CasePatchInput, 'case.setConcern' | 'case.setStatus' | 'case.markStuck'>
> = {
  concern: 'case.setConcern',
  status: 'case.setStatus',
  stuckFlag: 'case.markStuck',
};

/** Fields whose change counts as progress for the stuck rule (SPEC: status, provision, concern). */
const PROGRESS_FIELDS = ['status', 'provision', 'concern'] as const;

function changedFields(current: Case, patch: CasePatch): string[] {
  return Object.keys(patch).filter(
    (k) => JSON.stringify(patch[k as keyof CasePatch]) !== JSON.stringify(current[k as keyof Case]),
  );
}

/**
 * Changes a case's fields. Members edit the record; concern, status and the stuck flag need the chair.
 * A change of receipt date recomputes the referral date. A stale version is a conflict, never an overwrite.
 */
export async function updateCase(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  input: CasePatchInput,
): Promise<Case> {
  await authorize(deps, call, 'case.update', ref);
  for (const key of Object.keys(input) as (keyof CasePatchInput)[]) {
    const needed = CHAIR_FIELDS[key];
    if (needed && !can(call, needed)) await refuse(deps, call, ref, `Only the chair may change ${key}.`);
  }
  const current = await loadCase(deps, ref);
  // Editing a closed record would hide the change from every agenda: reopen it first.
  requireNotClosed(current, 'changing it');
  // The date rules for the fields sent (a date of birth is judged against the receipt date, so a new
  // receipt date re-judges it); a stored date from before the rules does not block other changes.
  assertDates(
    caseDateIssues({ ...current, ...input }, today(call)).filter(
      (i) => i.path in input || (i.path === 'dateOfBirth' && 'receivedOn' in input),
    ),
  );
  const patch: CasePatch = { ...(input as CasePatch) };
  if (input.receivedOn !== undefined && input.receivedOn !== current.receivedOn) {
    patch.referralDate = referralDateFor(input.receivedOn, await deps.store.meetings.list({}), deps.policy);
  }
  const fields = changedFields(current, patch);
  if (fields.length === 0) return current;
  if (PROGRESS_FIELDS.some((f) => fields.includes(f))) patch.lastProgressAt = nowIso(call);
  const updated = await deps.store.cases.update(ref, expectedVersion, patch, nowIso(call));
  await audit(deps, call, 'case.update', ref, fields, expectedVersion, updated.version);
  return updated;
}

/** Closes a case with a reason (chair). */
export async function closeCase(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  input: CloseCaseInput,
): Promise<Case> {
  await authorize(deps, call, 'case.close', ref);
  assertDates(closureDateIssues(input.date, today(call)));
  // Closing again would overwrite the closure (its reason, date and note) that the record holds.
  requireNotClosed(await loadCase(deps, ref), 'closing it again');
  const updated = await deps.store.cases.update(
    ref,
    expectedVersion,
    {
      status: 'closed',
      closure: { reason: input.reason, date: input.date, note: input.note ?? null },
      proposedForClosure: false,
      stuckFlag: false,
      lastProgressAt: nowIso(call),
    },
    nowIso(call),
  );
  await audit(deps, call, 'case.close', ref, ['status', 'closure'], expectedVersion, updated.version);
  return updated;
}

/** Reopens a closed case (chair); the reason goes on the timeline. */
export async function reopenCase(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  input: ReopenCaseInput,
): Promise<Case> {
  await authorize(deps, call, 'case.close', ref);
  const current = await loadCase(deps, ref);
  // A disposed case is an anonymous record for the figures (issue 18): there is no child left to work on.
  if (current.disposal) {
    throw new InvalidError('This case was disposed of after its retention and cannot be reopened.', [
      { path: 'disposal', message: 'is set' },
    ]);
  }
  if (current.status !== 'closed') {
    throw new InvalidError('Only a closed case can be reopened.', [
      { path: 'status', message: 'is not closed' },
    ]);
  }
  // The closure being undone is kept (issue 17): without it the oversight figures would lose the
  // earlier closure and the weeks the child was off the list.
  const reopenings =
    current.closure === null
      ? (current.reopenings ?? [])
      : [
          ...(current.reopenings ?? []),
          { closure: current.closure, reopenedOn: today(call), reopenedAt: nowIso(call) },
        ];
  const updated = await deps.store.cases.update(
    ref,
    expectedVersion,
    { status: 'open', closure: null, reopenings, lastProgressAt: nowIso(call) },
    nowIso(call),
  );
  await deps.store.updates.add({
    caseRef: ref,
    at: nowIso(call),
    by: asPerson(call.caller),
    text: `Reopened: ${input.reason}`,
  });
  await audit(
    deps,
    call,
    'case.reopen',
    ref,
    ['status', 'closure', 'reopenings'],
    expectedVersion,
    updated.version,
  );
  return updated;
}

/** Records one list check (S&S, CSC or CSE list); a CSE check updates the case's CSE risk. */
export async function addListCheck(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedVersion: number,
  check: ListCheck,
): Promise<Case> {
  await authorize(deps, call, 'case.update', ref);
  assertDates(pastDateIssues('checkedOn', check.checkedOn, today(call)));
  const current = await loadCase(deps, ref);
  requireNotClosed(current, 'recording a list check');
  const updated = await deps.store.cases.update(
    ref,
    expectedVersion,
    { listChecks: [...current.listChecks, check] },
    nowIso(call),
  );
  await audit(deps, call, 'case.update', ref, ['listChecks'], expectedVersion, updated.version);
  return updated;
}

export async function listCaseUpdates(deps: OperationDeps, call: Call, ref: string): Promise<CaseUpdate[]> {
  await authorize(deps, call, 'case.read', ref);
  await loadCase(deps, ref);
  const updates = await deps.store.updates.list(ref);
  // The timeline is the child's record: a view of the case, naming the part seen.
  await audit(deps, call, 'case.view', ref, ['updates']);
  return updates;
}

/** Adds to a case's timeline. Appending needs no version: it cannot overwrite anyone's change. */
export async function addCaseUpdate(
  deps: OperationDeps,
  call: Call,
  ref: string,
  text: string,
): Promise<CaseUpdate> {
  await authorize(deps, call, 'case.addUpdate', ref);
  requireNotClosed(await loadCase(deps, ref), 'adding to its timeline');
  const update = await deps.store.updates.add({
    caseRef: ref,
    at: nowIso(call),
    by: asPerson(call.caller),
    text,
  });
  await audit(deps, call, 'case.update-added', ref);
  return update;
}
