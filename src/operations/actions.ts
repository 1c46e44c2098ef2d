/**
 * SMART action use cases. Members create actions and update those they own; the chair updates any.
 * Every new action passes the SMART check; every change of due date is a deferral with a reason.
 */
import { asPerson } from '../auth/principal';
import { isOverdue } from '../domain/actions';
import { isWorkingDay } from '../domain/calendar';
import { assertDates, completionDateIssues, dueDateIssues } from '../domain/dateRules';
import { ConflictError, InvalidError, NotFoundError } from '../domain/errors';
import { assertSmart } from '../domain/smart';
import type { Action } from '../domain/types';
import type { ActionView } from '../domain/views';
import type { ActionPatch, ActionQuery } from '../store/ports';
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
import { loadCase } from './cases';
import type {
  ActionInput,
  ActionListQuery,
  ActionPatchInput,
  CompleteActionInput,
  ExtendActionInput,
} from '../contract/inputs';

async function loadAction(deps: OperationDeps, id: string): Promise<Action> {
  const a = await deps.store.actions.get(id);
  if (!a) throw new NotFoundError(`Action ${id}`);
  return a;
}

async function auditAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  fields: string[],
  from: number | null,
  to: number,
): Promise<void> {
  await audit(deps, call, from === null ? 'action.create' : 'action.update', id, fields, from, to);
}

/**
 * Actions, due soonest first; `mine` is what the signed-in user owns. One child's actions (`caseRef`)
 * are a view of that child's case; any other list is one `case.list` entry with its filters.
 */
export async function listActions(
  deps: OperationDeps,
  call: Call,
  query: ActionListQuery,
): Promise<ActionView[]> {
  await authorize(deps, call, 'case.read', 'actions');
  const storeQuery: ActionQuery = {
    ...(query.caseRef ? { caseRef: query.caseRef } : {}),
    ...(query.mine ? { ownerId: call.caller.id } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const actions = await deps.store.actions.list(storeQuery);
  const day = today(call);
  if (query.caseRef) await audit(deps, call, 'case.view', query.caseRef, ['actions']);
  else await auditListView(deps, call, 'actions', query);
  const chosen =
    query.overdue === undefined ? actions : actions.filter((a) => isOverdue(a, day) === query.overdue);
  return chosen.map((a) => actionView(deps, call, a));
}

/** One action: a view of its child's case (target the case ref, so "who saw CMOE-0042" finds it). */
export async function getAction(deps: OperationDeps, call: Call, id: string): Promise<ActionView> {
  await authorize(deps, call, 'case.read', id);
  const a = await loadAction(deps, id);
  await audit(deps, call, 'case.view', a.caseRef, ['actions']);
  return actionView(deps, call, a);
}

/** Creates a SMART action on a case: the error names each missing part. */
export async function createAction(deps: OperationDeps, call: Call, input: ActionInput): Promise<ActionView> {
  await authorize(deps, call, 'action.create', input.caseRef);
  const c = await loadCase(deps, input.caseRef);
  if (c.status === 'closed') {
    throw new InvalidError('This case is closed: reopen it before adding actions.', [
      { path: 'caseRef', message: 'is closed' },
    ]);
  }
  assertSmart(input, today(call), deps.policy.calendar);
  assertDates(dueDateIssues('dueDate', input.dueDate, today(call)));
  if (input.meetingId && !(await deps.store.meetings.get(input.meetingId))) {
    throw new InvalidError('The meeting does not exist.', [{ path: 'meetingId', message: 'does not exist' }]);
  }
  // assertSmart guarantees these; the checks narrow the types without a cast.
  if (!input.description || !input.successMeasure || !input.owner || !input.dueDate)
    throw new Error('unreachable');
  const now = nowIso(call);
  const created = await deps.store.actions.create(
    {
      caseRef: input.caseRef,
      description: input.description,
      successMeasure: input.successMeasure,
      owner: input.owner,
      ownerService: input.ownerService,
      dueDate: input.dueDate,
      meetingId: input.meetingId ?? null,
      status: 'open',
      completionNote: null,
      completedOn: null,
      deferrals: [],
      incompleteFromImport: false,
      createdBy: asPerson(call.caller),
    },
    now,
  );
  await auditAction(deps, call, created.id, [], null, created.version);
  return actionView(deps, call, created);
}

/** Loads an action the caller may change: the chair any, a member only their own. */
async function loadChangeable(deps: OperationDeps, call: Call, id: string): Promise<Action> {
  if (!can(call, 'action.updateAny', 'action.updateOwn')) await refuse(deps, call, id);
  const a = await loadAction(deps, id);
  if (!can(call, 'action.updateAny') && a.owner?.id !== call.caller.id) {
    await refuse(deps, call, id, 'You can change only the actions you own.');
  }
  return a;
}

/**
 * Refuses (and audits) a caller who may not change this action, before anything they sent is read: the
 * route runs it first so a member without the right learns nothing from a validation error.
 */
export async function authorizeChange(deps: OperationDeps, call: Call, id: string): Promise<void> {
  await loadChangeable(deps, call, id);
}

function requireOpen(a: Action): void {
  if (a.status !== 'open') {
    throw new InvalidError(`This action is already ${a.status}.`, [
      { path: 'status', message: `is ${a.status}` },
    ]);
  }
}

async function write(
  deps: OperationDeps,
  call: Call,
  a: Action,
  expectedVersion: number,
  patch: ActionPatch,
): Promise<ActionView> {
  let updated: Action;
  try {
    updated = await deps.store.actions.update(a.id, expectedVersion, patch, nowIso(call));
  } catch (e) {
    // The 412 carries the current action as the API sends actions: with its timing.
    if (e instanceof ConflictError && e.current) {
      throw new ConflictError(actionView(deps, call, e.current as Action), e.message);
    }
    throw e;
  }
  await auditAction(deps, call, a.id, Object.keys(patch), expectedVersion, updated.version);
  return actionView(deps, call, updated);
}

export async function updateAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  input: ActionPatchInput,
): Promise<ActionView> {
  const a = await loadChangeable(deps, call, id);
  requireOpen(a);
  return write(deps, call, a, expectedVersion, { ...input, incompleteFromImport: false });
}

export async function completeAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  input: CompleteActionInput,
): Promise<ActionView> {
  const a = await loadChangeable(deps, call, id);
  requireOpen(a);
  const completedOn = input.completedOn ?? today(call);
  if (completedOn > today(call)) {
    throw new InvalidError('An action cannot be completed in the future.', [
      { path: 'completedOn', message: 'is in the future' },
    ]);
  }
  assertDates(completionDateIssues(completedOn, a.createdAt, today(call)));
  return write(deps, call, a, expectedVersion, { status: 'done', completionNote: input.note, completedOn });
}

/** Moves the due date: a deferral, counted by the stuck rule, with who, when and why. */
export async function extendAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  input: ExtendActionInput,
): Promise<ActionView> {
  const a = await loadChangeable(deps, call, id);
  requireOpen(a);
  const day = today(call);
  if (input.dueDate <= day || !isWorkingDay(input.dueDate, deps.policy.calendar)) {
    throw new InvalidError('The new due date must be a future working day.', [
      { path: 'dueDate', message: 'must be a future working day' },
    ]);
  }
  assertDates(dueDateIssues('dueDate', input.dueDate, day));
  if (input.dueDate === a.dueDate) {
    throw new InvalidError('The new due date is the same as the current one.', [
      { path: 'dueDate', message: 'is unchanged' },
    ]);
  }
  const deferral = {
    from: a.dueDate,
    to: input.dueDate,
    reason: input.reason,
    by: asPerson(call.caller),
    at: nowIso(call),
  };
  return write(deps, call, a, expectedVersion, {
    dueDate: input.dueDate,
    deferrals: [...a.deferrals, deferral],
  });
}

export async function cancelAction(
  deps: OperationDeps,
  call: Call,
  id: string,
  expectedVersion: number,
  reason: string,
): Promise<ActionView> {
  await authorize(deps, call, 'action.updateAny', id);
  const a = await loadAction(deps, id);
  requireOpen(a);
  return write(deps, call, a, expectedVersion, {
    status: 'cancelled',
    completionNote: `Cancelled: ${reason}`,
  });
}
