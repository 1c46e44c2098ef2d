import type Database from 'better-sqlite3';
import { auditEntrySchema } from '../../domain/types';
import type { AuditEntry } from '../../domain/types';
import { InvalidError } from '../../domain/errors';
import { newId } from '../ids';
import type { AuditLog, AuditQuery, NewAuditEntry } from '../ports';
import { validateRecord } from '../records';
import { decodeRow, instantMs, run } from './records';
import type { StatementCache } from './records';

const DEFAULT_LIMIT = 500;

/**
 * The audit log: append-only here (no update or delete method) and in the database (triggers refuse
 * UPDATE and DELETE on the table). Queries return newest first, ties newest-appended first.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly insertRow: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly statements: StatementCache,
  ) {
    this.insertRow = db.prepare(
      'INSERT INTO audit_log (id, at_ms, user_id, target, action, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  append(entry: NewAuditEntry): Promise<void> {
    return run(() => {
      const e = validateRecord(auditEntrySchema, 'Audit entry', { ...entry, id: newId() });
      this.insertRow.run(e.id, Date.parse(e.at), e.userId, e.target, e.action, JSON.stringify(e));
    });
  }

  query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return run(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.userId !== undefined) {
        where.push('user_id = ?');
        params.push(query.userId);
      }
      if (query.target !== undefined) {
        where.push('target = ?');
        params.push(query.target);
      }
      if (query.action !== undefined) {
        where.push('action = ?');
        params.push(query.action);
      }
      if (query.from !== undefined) {
        where.push('at_ms >= ?');
        params.push(instantMs(query.from, 'from'));
      }
      if (query.to !== undefined) {
        where.push('at_ms < ?');
        params.push(instantMs(query.to, 'to'));
      }
      const limit = query.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 0) {
        throw new InvalidError('limit must be a whole number, zero or more.', [
          { path: 'limit', message: 'must be a whole number, zero or more' },
        ]);
      }
      params.push(limit);
      const sql =
        'SELECT id, data FROM audit_log' +
        (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY at_ms DESC, seq DESC LIMIT ?';
      return (this.statements.raw(sql).all(...params) as [string, unknown][]).map(([id, data]) =>
        decodeRow(auditEntrySchema, 'audit_log', id, data),
      );
    });
  }
}
