/**
 * Escalation to senior managers (ToR §4-5): the chair escalates a case with the decision requested and a
 * response due date; the response is recorded when it comes back.
 */
import { asPerson } from '../auth/principal';
import { defaultResponseDue } from '../domain/escalations';
import { assertDates, dueDateIssues, pastDateIssues } from '../domain/dateRules';
import { InvalidError, NotFoundError } from '../domain/errors';
import { type Case, type Escalation, MAX_EARLIER_RESPONSES } from '../domain/types';
import { type Call, type OperationDeps, audit, auditListView, authorize, nowIso, today } from './context';
import { loadCase } from './cases';
import type { EscalateInput, EscalationResponseInput } from '../contract/inputs';

export async function listEscalations(
  deps: OperationDeps,
  call: Call,
  query: { caseRef?: string; awaiting?: boolean },
): Promise<Escalation[]> {
  await authorize(deps, call, 'escalation.read', query.caseRef ?? 'escalations');
  const list = await deps.store.escalations.list({
    ...(query.caseRef ? { caseRef: query.caseRef } : {}),
    ...(query.awaiting !== undefined ? { awaitingResponse: query.awaiting } : {}),
  });
  // One child's escalations are a view of the case; the list of all is one entry with its filters.
  if (query.caseRef) await audit(deps, call, 'case.view', query.caseRef, ['escalations']);
  else await auditListView(deps, call, 'escalations', query);
  return list;
}

/**
 * Escalates a case: the case moves to `escalated` (conditional on the version the chair saw) and the
 * escalation is recorded. The response is due after the policy's working days unless a date is given.
 */
export async function escalateCase(
  deps: OperationDeps,
  call: Call,
  ref: string,
  expectedCaseVersion: number,
  input: EscalateInput,
): Promise<{ case: Case; escalation: Escalation }> {
  await authorize(deps, call, 'case.escalate', ref);
  const c = await loadCase(deps, ref);
  if (c.status === 'closed') {
    throw new InvalidError('A closed case cannot be escalated.', [{ path: 'status', message: 'is closed' }]);
  }
  const day = today(call);
  const responseDue = input.responseDue ?? defaultResponseDue(day, deps.policy);
  if (responseDue <= day) {
    throw new InvalidError('The response due date must be in the future.', [
      { path: 'responseDue', message: 'must be in the future' },
    ]);
  }
  assertDates(dueDateIssues('responseDue', responseDue, day));
  const now = nowIso(call);
  // The case write goes first: if it conflicts, no orphan escalation is left behind.
  const updated = await deps.store.cases.update(
    ref,
    expectedCaseVersion,
    { status: 'escalated', lastProgressAt: now, stuckFlag: false },
    now,
  );
  const escalation = await deps.store.escalations.create(
    {
      caseRef: ref,
      raisedBy: asPerson(call.caller),
      raisedOn: day,
      to: input.to,
      toName: input.toName ?? null,
      reason: input.reason,
      decisionRequested: input.decisionRequested,
      responseDue,
      response: null,
      outcome: null,
      respondedOn: null,
      meetingId: input.meetingId ?? null,
    },
    now,
  );
  await audit(deps, call, 'case.update', ref, ['status'], expectedCaseVersion, updated.version);
  await audit(deps, call, 'escalation.create', escalation.id, [], null, escalation.version);
  return { case: updated, escalation };
}

/** Records the senior managers' response (entered by the chair). */
export async function recordEscalationResponse(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  input: EscalationResponseInput,
): Promise<Escalation> {
  await authorize(deps, call, 'escalation.respond', id);
  const e = await deps.store.escalations.get(id);
  if (!e) throw new NotFoundError(`Escalation ${id}`);
  const respondedOn = input.respondedOn ?? today(call);
  if (respondedOn < e.raisedOn) {
    throw new InvalidError('The response cannot be before the escalation.', [
      { path: 'respondedOn', message: 'is before the escalation' },
    ]);
  }
  assertDates(pastDateIssues('respondedOn', respondedOn, today(call)));
  const now = nowIso(call);
  // A second response does not overwrite the first: the one it replaces is kept, oldest first.
  const answered = e.response !== null || e.respondedOn !== null;
  if (answered && e.earlierResponses.length >= MAX_EARLIER_RESPONSES) {
    throw new InvalidError(
      `This escalation already has ${MAX_EARLIER_RESPONSES + 1} responses: escalate again to record more.`,
      [{ path: 'response', message: `at most ${MAX_EARLIER_RESPONSES + 1} responses are kept` }],
    );
  }
  const earlierResponses = answered
    ? [
        ...e.earlierResponses,
        { response: e.response, outcome: e.outcome, respondedOn: e.respondedOn, supersededAt: now },
      ]
    : e.earlierResponses;
  const updated = await deps.store.escalations.update(
    id,
    expectedVersion,
    { response: input.response, outcome: input.outcome ?? null, respondedOn, earlierResponses },
    now,
  );
  await audit(
    deps,
    call,
    'escalation.update',
    id,
    answered
      ? ['response', 'outcome', 'respondedOn', 'earlierResponses']
      : ['response', 'outcome', 'respondedOn'],
    expectedVersion,
    updated.version,
  );
  return updated;
}
