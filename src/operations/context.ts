/**
 * What every operation receives. Operations are the one place where permission checks, domain rules,
 * writes and the audit trail meet; the API routes and bot handlers stay thin around them.
 */
import type { Principal } from '../auth/principal';
import type { Permission } from '../auth/roles';
import { actionTiming } from '../domain/actions';
import { toLondonDate } from '../domain/calendar';
import { ForbiddenError, InvalidError } from '../domain/errors';
import { DEFAULT_NOTIFICATION_POLICY, type NotificationPolicy } from '../domain/notifications';
import type { Policy } from '../domain/policy';
import type { Action, AuditAction, LocalDate } from '../domain/types';
import type { ActionView } from '../domain/views';
import type { Store } from '../store/ports';

export interface OperationDeps {
  store: Store;
  policy: Policy;
  /**
   * The bot's timings (server.ts passes the configured ones to the API and the bot alike): the API reads
   * "due soon" from them so the tab's badge and the bot's reminder agree. Defaults when left out.
   */
  notificationPolicy?: NotificationPolicy;
}

/** One call: who asks, and when (the clock is read once, at the edge). */
export interface Call {
  caller: Principal;
  now: Date;
}

export function today(call: Call): LocalDate {
  return toLondonDate(call.now);
}

export function nowIso(call: Call): string {
  return call.now.toISOString();
}

/** An action with its timing for today, by the council's calendar and the bot's "due soon" days. */
export function actionView(deps: OperationDeps, call: Call, action: Action): ActionView {
  const np = deps.notificationPolicy ?? DEFAULT_NOTIFICATION_POLICY;
  const timing = actionTiming(action, today(call), deps.policy.calendar, np.actionDueSoonWorkingDays);
  return { ...action, timing };
}

/**
 * Throws `ForbiddenError` unless the caller holds `permission`. A refusal is audited with the caller and
 * the target (a ref or id, never child data) so repeated probing is visible to the system owner.
 */
export async function authorize(
  deps: OperationDeps,
  call: Call,
  permission: Permission,
  target: string,
): Promise<void> {
  if (call.caller.permissions.has(permission)) return;
  await refuse(deps, call, target);
}

/**
 * Appends an audit entry for this call: who, when, what and which fields with version numbers, never
 * values (the audit log must not become a second copy of children's data).
 */
export async function audit(
  deps: OperationDeps,
  call: Call,
  action: AuditAction,
  target: string,
  fields: string[] = [],
  fromVersion: number | null = null,
  toVersion: number | null = null,
): Promise<void> {
  await deps.store.audit.append({
    at: nowIso(call),
    userId: call.caller.id,
    action,
    target,
    fields,
    fromVersion,
    toVersion,
  });
}

/**
 * Audits one view of a list of children: one entry a request (never one a child), target the area, and
 * as fields the names of the filters used, never their values (a search can be a child's name).
 */
export async function auditListView(
  deps: OperationDeps,
  call: Call,
  area: string,
  filters: object,
): Promise<void> {
  const used = Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
  await audit(deps, call, 'case.list', area, used);
}

/** Audits a refusal and throws. */
export async function refuse(
  deps: OperationDeps,
  call: Call,
  target: string,
  message?: string,
): Promise<never> {
  await audit(deps, call, 'access.refused', target);
  throw new ForbiddenError(message);
}

/** True when the caller holds at least one of the permissions. */
export function can(call: Call, ...permissions: Permission[]): boolean {
  return permissions.some((p) => call.caller.permissions.has(p));
}

export function requireVersion(version: number | undefined): number {
  if (version === undefined || !Number.isInteger(version) || version < 1) {
    throw new InvalidError('A version (If-Match) is required for this change.', [
      { path: 'If-Match', message: 'is required' },
    ]);
  }
  return version;
}
