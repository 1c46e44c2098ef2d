import type Database from 'better-sqlite3';
import { meetingSchema } from '../../domain/types';
import type { Instant, Meeting } from '../../domain/types';
import { newId } from '../ids';
import type { MeetingPatch, MeetingQuery, MeetingStore, NewMeeting } from '../ports';
import { instantMs, run } from './records';
import type { StatementCache } from './records';
import { VersionedTable } from './versioned';

/** Meetings, ordered by when they start (held as epoch ms so instants of any precision sort right). */
export class SqliteMeetingStore implements MeetingStore {
  private readonly records: VersionedTable<Meeting>;

  constructor(db: Database.Database, statements: StatementCache) {
    this.records = new VersionedTable<Meeting>(db, statements, {
      table: 'meetings',
      keyColumn: 'id',
      keyField: 'id',
      kind: 'Meeting',
      schema: meetingSchema,
      columns: ['starts_at_ms'],
      values: (m) => [Date.parse(m.startsAt)],
      fixed: [],
    });
  }

  list(query: MeetingQuery = {}): Promise<Meeting[]> {
    return run(() => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.from !== undefined) {
        where.push('starts_at_ms >= ?');
        params.push(instantMs(query.from, 'from'));
      }
      if (query.to !== undefined) {
        where.push('starts_at_ms < ?');
        params.push(instantMs(query.to, 'to'));
      }
      return this.records.list(where, params, 'starts_at_ms, id');
    });
  }

  get(id: string): Promise<Meeting | null> {
    return run(() => this.records.find(id));
  }

  create(input: NewMeeting, now: Instant): Promise<Meeting> {
    return run(() =>
      this.records.insert({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now }),
    );
  }

  update(id: string, expectedVersion: number, patch: MeetingPatch, now: Instant): Promise<Meeting> {
    return run(() => this.records.update(id, expectedVersion, patch, now));
  }
}
