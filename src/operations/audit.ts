import { auditActionSchema, type AuditEntry } from '../domain/types';
import type { AuditQuery } from '../store/ports';
import { type Call, type OperationDeps, authorize } from './context';
import { InvalidError } from '../domain/errors';

/** The audit trail, newest first, for the system owner. It can be read, never edited. */
export async function queryAudit(
  deps: OperationDeps,
  call: Call,
  query: { userId?: string; target?: string; action?: string; from?: string; to?: string; limit?: number },
): Promise<AuditEntry[]> {
  await authorize(deps, call, 'audit.read', 'audit');
  const { action, ...rest } = query;
  const q: AuditQuery = { ...rest };
  if (action !== undefined) {
    const parsed = auditActionSchema.safeParse(action);
    if (!parsed.success)
      throw new InvalidError('Unknown audit action.', [{ path: 'action', message: 'is not a known action' }]);
    q.action = parsed.data;
  }
  return deps.store.audit.query(q);
}
