import type Database from 'better-sqlite3';
import { actionSchema } from '../../domain/types';
import type { Action, Instant } from '../../domain/types';
import { newId } from '../ids';
import type { ActionPatch, ActionRedaction, ActionQuery, ActionStore, NewAction, Timed } from '../ports';
import { jsonList, run } from './records';
import type { StatementCache } from './records';
import { VersionedTable } from './versioned';

/** SMART actions, ordered by due date then id. */
export class SqliteActionStore implements ActionStore {
  private readonly records: VersionedTable<Action>;
  private readonly createManyTx: (all: readonly Timed<NewAction>[]) => Action[];

  constructor(db: Database.Database, statements: StatementCache) {
    this.records = new VersionedTable<Action>(db, statements, {
      table: 'actions',
      keyColumn: 'id',
      keyField: 'id',
      kind: 'Action',
      schema: actionSchema,
      columns: ['case_ref', 'owner_id', 'status', 'meeting_id', 'due_date'],
      values: (a) => [a.caseRef, a.owner?.id ?? null, a.status, a.meetingId, a.dueDate],
      fixed: ['caseRef', 'createdBy'],
    });
    const many = db.transaction((all: readonly Timed<NewAction>[]): Action[] =>
      all.map(({ input, now }) =>
        this.records.insert({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now }),
      ),
    );
    this.createManyTx = (all) => many.immediate(all);
  }

  list(query: ActionQuery = {}): Promise<Action[]> {
    return run(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.caseRef !== undefined) {
        where.push('case_ref = ?');
        params.push(query.caseRef);
      }
      if (query.ownerId !== undefined) {
        where.push('owner_id = ?');
        params.push(query.ownerId);
      }
      if (query.status !== undefined) {
        where.push('status IN (SELECT value FROM json_each(?))');
        params.push(jsonList(query.status));
      }
      if (query.meetingId !== undefined) {
        where.push('meeting_id = ?');
        params.push(query.meetingId);
      }
      return this.records.list(where, params, 'due_date, id');
    });
  }

  get(id: string): Promise<Action | null> {
    return run(() => this.records.find(id));
  }

  create(input: NewAction, now: Instant): Promise<Action> {
    return run(() =>
      this.records.insert({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now }),
    );
  }

  createMany(all: readonly Timed<NewAction>[]): Promise<Action[]> {
    return run(() => this.createManyTx(all));
  }

  update(id: string, expectedVersion: number, patch: ActionPatch, now: Instant): Promise<Action> {
    return run(() => this.records.update(id, expectedVersion, patch, now));
  }

  redact(id: string, expectedVersion: number, patch: ActionRedaction, now: Instant): Promise<Action> {
    return run(() => this.records.update(id, expectedVersion, patch, now, ['createdBy']));
  }
}
