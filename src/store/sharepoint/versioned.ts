/**
 * One list of versioned records (cases, actions, meetings, escalations) and the conditional update they
 * share. Two guards, each for its own job: the record's `version` is the port's contract (a stale one is a
 * `ConflictError` carrying the stored record), and SharePoint's eTag in `If-Match` makes the write atomic
 * (if anyone wrote in between, SharePoint answers 412 and nothing is overwritten).
 *
 * The item id and eTag of each record last seen are remembered, so an update of a record just read costs
 * one request; a stale memory only costs a 412 and a re-read, never a lost write. With the site's read
 * model (readModel.ts) that memory is the model: reads come from it once it is current, and every write
 * and direct read is applied to it at once, so the writer reads its own write.
 */
import { ConflictError, NotFoundError } from '../../domain/errors';
import { deepFreeze, mergePatch, validateRecord } from '../records';
import type { ListItems } from './items';
import { decodeItem, encodeRecord, filterOn, keyOf, StoredItemError, type RecordMapping } from './mapper';
import type { ListModel } from './readModel';

interface Versioned {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Entry<T> {
  itemId: string;
  eTag: string | null;
  record: T;
}

/** Reports an item that cannot be read (by list and item id), so one bad item does not hide a whole list. */
export type MalformedReporter = (report: { list: string; itemId: string; problem: string }) => void;

/** How many times an update whose eTag went stale (but whose version still matches) is tried again. */
const MAX_STALE_RETRIES = 3;

/** A list's records in the site's read model, and what makes it fit to read for this handle's caller. */
export interface ModelView<T> {
  model: ListModel<T>;
  /** Brings the model up to date (at most one delta round trip) and confirms the caller may read it. */
  ready(): Promise<void>;
}

export class RecordList<T> {
  /** Without a model: the entries this handle last saw. */
  private readonly seen = new Map<string, Entry<T>>();

  constructor(
    readonly items: ListItems,
    readonly mapping: RecordMapping<T>,
    private readonly reportMalformed: MalformedReporter,
    private readonly view: ModelView<T> | null = null,
  ) {}

  /** The entry last seen (or held by the model) for a key, without asking Graph. */
  protected known(key: string): Entry<T> | null {
    return this.view ? this.view.model.entry(key) : (this.seen.get(key) ?? null);
  }

  private keep(entry: Entry<T>): void {
    if (this.view) this.view.model.put(entry);
    else this.seen.set(keyOf(this.mapping.id(entry.record)), entry);
  }

  private lose(key: string): void {
    if (this.view) this.view.model.remove(key);
    else this.seen.delete(key);
  }

  protected remember(item: unknown): Entry<T> {
    const decoded = decodeItem(this.mapping, item);
    if (!decoded.ok)
      throw new StoredItemError(this.mapping.list.displayName, decoded.itemId, decoded.problem);
    const entry = { itemId: decoded.itemId, eTag: decoded.eTag, record: decoded.record };
    this.keep(entry);
    return entry;
  }

  /**
   * The record with this id, read from SharePoint as this handle's caller (a malformed item is an error
   * naming it): what decides a conflict. The model, if any, takes what it says.
   */
  async read(id: string): Promise<Entry<T> | null> {
    const key = keyOf(id);
    const item = await this.items.findByKey(key, filterOn(this.mapping.list).eq('RecordKey', key));
    if (item === null) {
      this.lose(key);
      return null;
    }
    return this.remember(item);
  }

  /** The record with this id: from the model once current, else read from SharePoint. */
  async get(id: string): Promise<T | null> {
    if (!this.view) return (await this.read(id))?.record ?? null;
    await this.view.ready();
    const key = keyOf(id);
    const entry = this.view.model.entry(key);
    if (entry) return entry.record;
    const broken = this.view.model.brokenItem(key);
    if (broken) throw new StoredItemError(this.mapping.list.displayName, broken.itemId, broken.problem);
    return null;
  }

  /**
   * Records matching `filter` (server side, indexed columns) and `accept` (the same rule again in the app,
   * so a hand-edited column cannot make a record appear where its data says it does not belong), sorted
   * by `compare`. Malformed items are reported and left out.
   */
  async list(
    filter: string | null,
    accept: (r: T) => boolean,
    compare: (a: T, b: T) => number,
  ): Promise<T[]> {
    if (this.view) {
      await this.view.ready();
      return this.view.model.sorted(compare).filter(accept);
    }
    return (await this.entriesMatching(filter))
      .map((e) => e.record)
      .filter(accept)
      .sort(compare);
  }

  /**
   * The items matching `filter`, decoded, in SharePoint's order (item id); malformed ones reported, left
   * out. With the model: every entry it holds, once current (callers apply the filter's rule themselves).
   */
  async entriesMatching(filter: string | null): Promise<Entry<T>[]> {
    if (this.view) {
      await this.view.ready();
      return this.view.model.entries();
    }
    const out: Entry<T>[] = [];
    for (const item of await this.items.query(filter)) {
      const decoded = decodeItem(this.mapping, item);
      if (!decoded.ok) {
        this.reportMalformed({
          list: this.mapping.list.displayName,
          itemId: decoded.itemId,
          problem: decoded.problem,
        });
        continue;
      }
      const entry = { itemId: decoded.itemId, eTag: decoded.eTag, record: decoded.record };
      this.seen.set(keyOf(this.mapping.id(decoded.record)), entry);
      out.push(entry);
    }
    return out;
  }

  /** Validates and creates a record; `exists` when its key is taken. */
  async insert(candidate: unknown): Promise<{ status: 'created'; record: T } | { status: 'exists' }> {
    const record = validateRecord(this.mapping.schema, this.mapping.kind, candidate);
    const outcome = await this.items.create(encodeRecord(this.mapping, record));
    if (outcome.status === 'exists') return outcome;
    const entry = this.remember(outcome.item);
    return { status: 'created', record: entry.record };
  }

  /** Validates and creates a record whose key is new (a fresh uuid): a taken key is a bug, not a retry. */
  async insertNew(candidate: unknown): Promise<T> {
    const outcome = await this.insert(candidate);
    if (outcome.status === 'exists') {
      throw new Error(`A new ${this.mapping.kind.toLowerCase()} got a key that is already in use.`);
    }
    return outcome.record;
  }

  /**
   * Validates all, then creates them in JSON batches (20 a request). Returns the records in input order.
   * For new keys only (fresh ids or refs just taken).
   */
  async insertMany(candidates: readonly unknown[]): Promise<T[]> {
    const records = candidates.map((c) => validateRecord(this.mapping.schema, this.mapping.kind, c));
    const created = await this.items.createMany(records.map((r) => encodeRecord(this.mapping, r)));
    return created.map((item) => this.remember(item).record);
  }

  /** Writes a record over its item if the eTag still holds (`conflict` on 412, `missing` on 404). */
  async write(entry: Entry<T>, record: T): Promise<'updated' | 'conflict' | 'missing'> {
    if (entry.eTag === null) return 'conflict';
    const outcome = await this.items.update(entry.itemId, entry.eTag, encodeRecord(this.mapping, record));
    const key = keyOf(this.mapping.id(record));
    // Written: kept with its new eTag (none known: the next update re-reads first). A 412 is followed by
    // a read that replaces the entry; a 404 means the item is gone.
    if (outcome.status === 'updated') this.keep({ itemId: entry.itemId, eTag: outcome.eTag, record });
    else if (outcome.status === 'missing') this.lose(key);
    return outcome.status;
  }

  /**
   * Deletes a record's item if its eTag still holds (only an import's undo deletes): `conflict` on 412
   * (or no eTag known), `missing` when it is already gone. The model forgets it at once.
   */
  async remove(entry: Entry<T>): Promise<'deleted' | 'conflict' | 'missing'> {
    if (entry.eTag === null) return 'conflict';
    const outcome = await this.items.delete(entry.itemId, entry.eTag);
    if (outcome !== 'conflict') this.lose(keyOf(this.mapping.id(entry.record)));
    return outcome;
  }
}

export class VersionedList<T extends Versioned> extends RecordList<T> {
  constructor(
    items: ListItems,
    mapping: RecordMapping<T>,
    reportMalformed: MalformedReporter,
    /** Fields no patch may change besides the key and bookkeeping (e.g. an action's `caseRef`). */
    private readonly fixed: readonly (keyof T & string)[],
    private readonly keyField: keyof T & string,
    view: ModelView<T> | null = null,
  ) {
    super(items, mapping, reportMalformed, view);
  }

  /**
   * The conditional update: missing -> `NotFoundError`; a stale version -> `ConflictError` with the
   * record as stored now (re-read), nothing written; otherwise the patch is merged, the version bumped,
   * the result validated and written with If-Match.
   */
  async update(
    id: string,
    expectedVersion: number,
    patch: object,
    now: string,
    /** Fixed fields this write may change all the same: disposal's redaction only (issue 18). */
    released: readonly string[] = [],
  ): Promise<T> {
    const kind = this.mapping.kind;
    let entry = this.known(keyOf(id));
    let fresh = false;
    if (entry === null) {
      entry = await this.read(id);
      fresh = true;
    }
    for (let attempt = 0; ; attempt++) {
      if (entry === null) throw new NotFoundError(`${kind} ${id}`);
      if (entry.record.version !== expectedVersion) {
        // What we remembered may be older than what the caller saw: only a fresh read decides a conflict.
        if (!fresh) {
          entry = await this.read(id);
          fresh = true;
          continue;
        }
        throw new ConflictError<T>(entry.record);
      }
      const current = entry.record;
      const fixed: Record<string, unknown> = {
        [this.keyField]: current[this.keyField],
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: now,
      };
      for (const field of this.fixed) if (!released.includes(field)) fixed[field] = current[field];
      const record = deepFreeze(
        validateRecord(this.mapping.schema, kind, mergePatch(current, patch, fixed as Partial<T>)),
      );
      const outcome = await this.write(entry, record);
      if (outcome === 'updated') return record;
      if (outcome === 'missing') throw new NotFoundError(`${kind} ${id}`);
      // 412: someone wrote in between. Re-read; the version check above then decides.
      entry = await this.read(id);
      fresh = true;
      if (attempt >= MAX_STALE_RETRIES && entry !== null) throw new ConflictError<T>(entry.record);
    }
  }
}
