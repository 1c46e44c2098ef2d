import type Database from 'better-sqlite3';
import { escalationSchema } from '../../domain/types';
import type { Escalation, Instant } from '../../domain/types';
import { newId } from '../ids';
import type {
  EscalationPatch,
  EscalationRedaction,
  EscalationQuery,
  EscalationStore,
  NewEscalation,
} from '../ports';
import { run } from './records';
import type { StatementCache } from './records';
import { VersionedTable } from './versioned';

/** An escalation has been responded to once it carries a response or a response date. */
function responded(e: Escalation): boolean {
  return e.response !== null || e.respondedOn !== null;
}

/** Escalations to senior managers, ordered by the day raised then id. */
export class SqliteEscalationStore implements EscalationStore {
  private readonly records: VersionedTable<Escalation>;

  constructor(db: Database.Database, statements: StatementCache) {
    this.records = new VersionedTable<Escalation>(db, statements, {
      table: 'escalations',
      keyColumn: 'id',
      keyField: 'id',
      kind: 'Escalation',
      schema: escalationSchema,
      columns: ['case_ref', 'raised_on', 'responded'],
      values: (e) => [e.caseRef, e.raisedOn, responded(e) ? 1 : 0],
      fixed: ['caseRef', 'raisedBy'],
    });
  }

  list(query: EscalationQuery = {}): Promise<Escalation[]> {
    return run(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.caseRef !== undefined) {
        where.push('case_ref = ?');
        params.push(query.caseRef);
      }
      if (query.awaitingResponse !== undefined) {
        where.push('responded = ?');
        params.push(query.awaitingResponse ? 0 : 1);
      }
      return this.records.list(where, params, 'raised_on, id');
    });
  }

  get(id: string): Promise<Escalation | null> {
    return run(() => this.records.find(id));
  }

  create(input: NewEscalation, now: Instant): Promise<Escalation> {
    return run(() =>
      this.records.insert({
        earlierResponses: [],
        ...input,
        id: newId(),
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  update(id: string, expectedVersion: number, patch: EscalationPatch, now: Instant): Promise<Escalation> {
    return run(() => this.records.update(id, expectedVersion, patch, now));
  }

  redact(id: string, expectedVersion: number, patch: EscalationRedaction, now: Instant): Promise<Escalation> {
    return run(() => this.records.update(id, expectedVersion, patch, now, ['raisedBy']));
  }
}
