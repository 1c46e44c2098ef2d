import { InvalidError } from '../../domain/errors';
import type { AuditEntry } from '../../domain/types';
import { newId } from '../ids';
import type { AuditLog, AuditQuery, NewAuditEntry } from '../ports';
import { instantMs } from './instants';
import type { ListItems } from './items';
import { allOf, filterOn, keyOf, type Mappings } from './mapper';
import { itemOrder } from './order';
import { RecordList, type MalformedReporter } from './versioned';

const DEFAULT_LIMIT = 500;

/**
 * The audit log: append-only here (no update or delete method). Queries filter server side on the indexed
 * columns and return newest first (ties: the latest added first), at most `limit`.
 *
 * Every matching entry is read to find the newest: fine for the filtered queries the app makes, but an
 * unfiltered query reads the whole log. A very large log would want `$orderby` on the indexed `AtMs`
 * with `$top` (not done: the adapter leaves ordering to the app everywhere).
 */
export class SharePointAuditLog implements AuditLog {
  private readonly records: RecordList<AuditEntry>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
  ) {
    this.records = new RecordList<AuditEntry>(items, m.audit, reportMalformed);
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.records.insertNew({ ...entry, id: newId() });
  }

  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new InvalidError('limit must be a whole number, zero or more.', [
        { path: 'limit', message: 'must be a whole number, zero or more' },
      ]);
    }
    const from = query.from === undefined ? undefined : instantMs(query.from, 'from');
    const to = query.to === undefined ? undefined : instantMs(query.to, 'to');
    const f = filterOn(this.m.audit.list);
    const parts: string[] = [];
    if (query.userId !== undefined) parts.push(f.eq('UserId', query.userId));
    if (query.target !== undefined) parts.push(f.eq('Target', keyOf(query.target)));
    if (query.action !== undefined) parts.push(f.eq('AuditAction', query.action));
    if (from !== undefined) parts.push(f.ge('AtMs', from));
    if (to !== undefined) parts.push(f.lt('AtMs', to));
    const entries = await this.records.entriesMatching(allOf(parts));
    return entries
      .filter(({ record: e }) => {
        const at = Date.parse(e.at);
        return (
          (query.userId === undefined || e.userId === query.userId) &&
          (query.target === undefined || e.target === query.target) &&
          (query.action === undefined || e.action === query.action) &&
          (from === undefined || at >= from) &&
          (to === undefined || at < to)
        );
      })
      .sort((a, b) => Date.parse(b.record.at) - Date.parse(a.record.at) || itemOrder(b.itemId, a.itemId))
      .slice(0, limit)
      .map((e) => e.record);
  }
}
