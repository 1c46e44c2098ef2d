/**
 * The calls of the admin and scrutiny screens: the audit log (admins and senior managers), and import
 * and export of the group's spreadsheet (issue 9). Built on the shared transport.
 */
import type { AuditAction, AuditEntry } from '../../domain/types';
import { type Call, queryString } from './transport';

/** GET /api/audit filters; `from`/`to` are instants. */
export interface AuditQuery {
  userId?: string;
  target?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit?: number;
}

export interface AdminApi {
  queryAudit(query?: AuditQuery): Promise<AuditEntry[]>;
}

export function adminApi(call: Call): AdminApi {
  return {
    queryAudit: (q = {}) =>
      call(
        'GET',
        `/api/audit${queryString({
          userId: q.userId,
          target: q.target,
          action: q.action,
          from: q.from,
          to: q.to,
          limit: q.limit === undefined ? undefined : String(q.limit),
        })}`,
      ),
  };
}
