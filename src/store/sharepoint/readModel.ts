/**
 * The read model: the site's case lists (cases, actions, updates, meetings, escalations) held in the server
 * as decoded records, filled on first use and kept current with Graph's list item delta
 * (`GET /sites/{site}/lists/{list}/items/delta`, v1.0). See docs/architecture.md ("The read model").
 *
 * - Filling: each list is enumerated by delta without a token (pages of `$top`, following
 *   `@odata.nextLink` to the `@odata.deltaLink`), all lists at once: ceil(N / page) round trips per list,
 *   in parallel, and the deltaLink comes with the last page.
 * - Keeping current: one JSON batch holding every list's deltaLink (one round trip when nothing changed);
 *   a list with more changes than a page follows its nextLinks. Deleted items (`deleted`) leave the model.
 * - Coalesced: concurrent reads share the delta in flight, and a read within `freshMs` of the last delta
 *   being sent skips it (one request reads several lists one after another; a tab opens with a burst).
 * - `410 Gone`: enumerated again from the `Location` Graph gives, and the model replaced by what it says.
 *   A delta failing otherwise (a token refused, an answer that cannot be read) cannot be resumed: the list
 *   is enumerated again from scratch. Throttling is resumable: the deltaLink is kept and the read is Busy.
 * - Writes of this process are applied at once (`put`), and a delta sent before a write cannot undo it.
 *
 * The model is the app's: deltas go with the app's tokens. Who may read it is decided per user by
 * `AccessChecks` (a cheap call as the user, cached for minutes).
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ForbiddenError } from '../../domain/errors';
import { GraphRequestError, graphErrorCode, throwIfThrottled, type GraphTransport } from './graph';
import { seg, type SiteLists } from './items';
import { decodeItem, keyOf, type Mappings, type RecordMapping } from './mapper';
import type { Entry, MalformedReporter } from './versioned';

/** The lists the model holds: what the read paths read (the audit, counters and bot state are not). */

/** Epoch milliseconds on the monotonic clock (see ReadModelOptions.clock). */
const monotonicEpochMs = (): number => performance.timeOrigin + performance.now();

export const MODEL_LISTS = ['cases', 'actions', 'updates', 'meetings', 'escalations'] as const;
export type ModelListKey = (typeof MODEL_LISTS)[number];

/**
 * A read this soon after the last delta was sent skips it. One second covers a request that reads several
 * lists one after another and the burst of calls a tab makes as it opens, while a change made elsewhere
 * still shows within about a second plus one round trip: less than it takes a person to turn from one
 * screen to another and look.
 */
export const DEFAULT_FRESH_MS = 1_000;
/** How long a user's confirmed access to the site is trusted before it is asked again. */
export const DEFAULT_ACCESS_TTL_MS = 5 * 60_000;
/** Users whose access is remembered at once; beyond it, expired ones and then the oldest are forgotten. */
const MAX_USERS = 5_000;
/** How many times one enumeration follows a `410 Gone` before giving up (Graph sending us round). */
const MAX_RESTARTS = 3;

export type ReadModelEvent =
  | { event: 'filled'; list: string; items: number; ms: number }
  | { event: 'changes'; list: string; changed: number; deleted: number; ms: number }
  | { event: 'resync'; list: string; reason: 'gone' | 'failed'; items: number; ms: number };

export interface ReadModelOptions {
  /** See DEFAULT_FRESH_MS; 0: every read sends a delta (or shares the one in flight). */
  freshMs?: number;
  /** See DEFAULT_ACCESS_TTL_MS. */
  accessTtlMs?: number;
  /**
   * Milliseconds since the epoch, for the freshness window, the access TTL and /healthz's ages; tests
   * pass their own. The default is the monotonic clock anchored at the process's start: these are
   * elapsed times, which a change of the system time (or libfaketime) must not stretch or shrink.
   */
  clock?: () => number;
  /** Fills, resyncs and applied changes: list names and counts only, never an item's content. */
  onEvent?: (event: ReadModelEvent) => void;
}

/** What /healthz and the logs say about the model: ages and counts, nothing of a record. */
export interface ReadModelStatus {
  items: Record<ModelListKey, number | null>;
  filledAt: string | null;
  ageMs: number | null;
  lastDeltaAt: string | null;
  sinceLastDeltaMs: number | null;
}

const deltaPageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});
const deletedSchema = z.object({ id: z.string().min(1), deleted: z.object({}).loose() });

/** One list's records in the model, by item id and by `RecordKey`. */
export class ListModel<T> {
  private readonly byItem = new Map<string, Entry<T>>();
  private readonly byKey = new Map<string, string>();
  /** Item id -> the write number of this process's last write (or direct read) of it. */
  private readonly written = new Map<string, number>();
  /** Items that cannot be read back, by the `RecordKey` they claim: a get of one says so, not "none". */
  private readonly broken = new Map<string, { itemId: string; problem: string }>();
  /** Where the next delta starts; null until filled (and after a failure that cannot be resumed). */
  deltaLink: string | null = null;
  /** Bumped by every change, so a sorted copy is made again only after one. */
  private generation = 0;
  private order: { generation: number; compare: (a: T, b: T) => number; records: T[] } | null = null;

  constructor(
    readonly key: ModelListKey,
    readonly mapping: RecordMapping<T>,
    private readonly report: MalformedReporter,
    private readonly nextWrite: () => number,
  ) {}

  get size(): number {
    return this.byItem.size;
  }

  entry(key: string): Entry<T> | null {
    const itemId = this.byKey.get(key);
    return itemId === undefined ? null : (this.byItem.get(itemId) ?? null);
  }

  /** The unreadable item claiming this key, if any (by item id and problem: never its content). */
  brokenItem(key: string): { itemId: string; problem: string } | null {
    return this.broken.get(key) ?? null;
  }

  /** Every record's entry, in the order first seen (callers filter and sort). */
  entries(): Entry<T>[] {
    return [...this.byItem.values()];
  }

  /**
   * Every record in `compare`'s order, sorted once per change of the list (the stores' orders are fixed
   * functions): a repeat view only filters. The array is shared: callers copy it (filter) before use.
   */
  sorted(compare: (a: T, b: T) => number): readonly T[] {
    const o = this.order;
    if (o !== null && o.generation === this.generation && o.compare === compare) return o.records;
    const records = [...this.byItem.values()].map((e) => e.record).sort(compare);
    this.order = { generation: this.generation, compare, records };
    return records;
  }

  /** What this process wrote or read directly: applied now, and not undone by a delta sent before it. */
  put(entry: Entry<T>): void {
    this.written.set(entry.itemId, this.nextWrite());
    this.set(entry);
  }

  /** A record this process found gone (a direct read, a 404 on write). */
  remove(key: string): void {
    const itemId = this.byKey.get(key);
    if (itemId === undefined) return;
    this.written.set(itemId, this.nextWrite());
    this.drop(itemId);
  }

  private set(entry: Entry<T>): void {
    const key = keyOf(this.mapping.id(entry.record));
    const holder = this.byKey.get(key);
    if (holder !== undefined && holder !== entry.itemId) this.byItem.delete(holder);
    const previous = this.byItem.get(entry.itemId);
    if (previous) {
      const was = keyOf(this.mapping.id(previous.record));
      if (was !== key) this.byKey.delete(was);
    }
    this.byItem.set(entry.itemId, entry);
    this.byKey.set(key, entry.itemId);
    this.generation++;
  }

  private drop(itemId: string): void {
    for (const [key, b] of this.broken) if (b.itemId === itemId) this.broken.delete(key);
    const previous = this.byItem.get(itemId);
    if (!previous) return;
    this.generation++;
    this.byItem.delete(itemId);
    const key = keyOf(this.mapping.id(previous.record));
    if (this.byKey.get(key) === itemId) this.byKey.delete(key);
  }

  /**
   * Applies a delta page got by a request sent when the write number was `sentAt`: the latest state of
   * each item (the last occurrence wins), deleted ones removed. An item this process wrote after `sentAt`
   * is left as written (the next delta brings it again). Returns what changed.
   */
  apply(items: readonly unknown[], sentAt: number): { changed: number; deleted: number } {
    let changed = 0;
    let deleted = 0;
    for (const raw of items) {
      const gone = deletedSchema.safeParse(raw);
      const itemId = gone.success ? gone.data.id : (raw as { id?: unknown } | null)?.id;
      if (typeof itemId === 'string' && (this.written.get(itemId) ?? -1) > sentAt) continue;
      if (gone.success) {
        if (this.byItem.has(gone.data.id)) deleted++;
        this.drop(gone.data.id);
        continue;
      }
      const decoded = decodeItem(this.mapping, raw);
      if (!decoded.ok) {
        // Unreadable: out of the model (as it is left out of a list read), reported by list and item id.
        this.report({
          list: this.mapping.list.displayName,
          itemId: decoded.itemId,
          problem: decoded.problem,
        });
        this.drop(decoded.itemId);
        const claimed = (raw as { fields?: { RecordKey?: unknown } } | null)?.fields?.RecordKey;
        if (typeof claimed === 'string') this.broken.set(claimed, decoded);
        continue;
      }
      this.set({ itemId: decoded.itemId, eTag: decoded.eTag, record: decoded.record });
      changed++;
    }
    return { changed, deleted };
  }

  /** Replaces every record with a full enumeration sent at `sentAt`, keeping this process's later writes. */
  replace(items: readonly unknown[], sentAt: number, deltaLink: string): void {
    const later = [...this.written].filter(([, n]) => n > sentAt).map(([itemId]) => itemId);
    const keep = later.map((itemId) => this.byItem.get(itemId)).filter((e): e is Entry<T> => !!e);
    this.byItem.clear();
    this.byKey.clear();
    this.broken.clear();
    this.generation++;
    this.apply(items, Infinity);
    for (const e of keep) this.set(e);
    // A later write of an item the enumeration still holds, but this process saw disappear, stays gone.
    for (const itemId of later) if (!keep.some((e) => e.itemId === itemId)) this.drop(itemId);
    this.deltaLink = deltaLink;
  }

  /** Forgets the write numbers no delta in flight can predate any more (keeps the map small). */
  settle(upTo: number): void {
    for (const [itemId, n] of this.written) if (n <= upTo) this.written.delete(itemId);
  }
}

/** The site's read model: every list in MODEL_LISTS, brought up to date together. */
export class SiteModel {
  readonly lists: { [K in ModelListKey]: ListModel<unknown> };
  private readonly freshMs: number;
  private readonly clock: () => number;
  private readonly onEvent: (event: ReadModelEvent) => void;
  private inflight: Promise<void> | null = null;
  private writes = 0;
  private lastSentAt: number | null = null;
  private filledAt: number | null = null;

  constructor(
    private readonly graph: GraphTransport,
    private readonly site: SiteLists,
    private readonly pageSize: number,
    m: Mappings,
    report: MalformedReporter,
    options: ReadModelOptions = {},
  ) {
    this.freshMs = options.freshMs ?? DEFAULT_FRESH_MS;
    this.clock = options.clock ?? monotonicEpochMs;
    this.onEvent = options.onEvent ?? (() => undefined);
    const next = () => ++this.writes;
    const list = <T>(key: ModelListKey, mapping: RecordMapping<T>) =>
      new ListModel<T>(key, mapping, report, next) as ListModel<unknown>;
    this.lists = {
      cases: list('cases', m.cases),
      actions: list('actions', m.actions),
      updates: list('updates', m.updates),
      meetings: list('meetings', m.meetings),
      escalations: list('escalations', m.escalations),
    };
  }

  list<T>(key: ModelListKey): ListModel<T> {
    return this.lists[key] as ListModel<T>;
  }

  /**
   * The model, current to at most one delta round trip: shares a delta in flight, skips one within
   * `freshMs` of the last, otherwise sends one (or fills the lists the first time).
   */
  current(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.lastSentAt !== null && this.clock() - this.lastSentAt < this.freshMs) return Promise.resolve();
    const run = this.sync().finally(() => {
      if (this.inflight === run) this.inflight = null;
    });
    this.inflight = run;
    return run;
  }

  status(): ReadModelStatus {
    const now = this.clock();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const items = Object.fromEntries(
      MODEL_LISTS.map((k) => [k, this.lists[k].deltaLink === null ? null : this.lists[k].size]),
    ) as Record<ModelListKey, number | null>;
    return {
      items,
      filledAt: iso(this.filledAt),
      ageMs: this.filledAt === null ? null : now - this.filledAt,
      lastDeltaAt: iso(this.lastSentAt),
      sinceLastDeltaMs: this.lastSentAt === null ? null : now - this.lastSentAt,
    };
  }

  private async sync(): Promise<void> {
    const startedAt = this.clock();
    const sentAt = this.writes;
    const all = MODEL_LISTS.map((k) => this.lists[k]);
    const empty = all.filter((l) => l.deltaLink === null);
    const filled = all.filter((l) => l.deltaLink !== null);
    await Promise.all([
      ...empty.map((l) => this.enumerate(l, null, 'filled')),
      filled.length > 0 ? this.deltas(filled, sentAt) : Promise.resolve(),
    ]);
    if (empty.length > 0 && empty.length === all.length) this.filledAt = startedAt;
    this.lastSentAt = startedAt;
    for (const l of all) l.settle(sentAt);
  }

  private async deltaStart(l: ListModel<unknown>): Promise<string> {
    const listId = await this.site.listId(this.graph, l.key);
    // Only what the mapper reads: the record, its key, and the item's id and eTag.
    return `${this.site.sitePath}/lists/${seg(listId)}/items/delta?$expand=fields($select=RecordKey,RecordData)&$top=${this.pageSize}`;
  }

  private op(l: ListModel<unknown>): string {
    return `read changes to the list "${l.mapping.list.displayName}"`;
  }

  /**
   * A full enumeration of a list by delta (from `from`, or the start), replacing what the model held.
   * `410 Gone` on a page starts again from its Location.
   */
  private async enumerate(
    l: ListModel<unknown>,
    from: string | null,
    why: 'filled' | 'gone' | 'failed',
  ): Promise<void> {
    const t = this.clock();
    const sentAt = this.writes;
    let next = from ?? (await this.deltaStart(l));
    let items: unknown[] = [];
    for (let restarts = 0; ;) {
      const res = await this.graph.send(this.op(l), 'GET', next);
      if (res.status === 410) {
        const location = res.headers.get('Location');
        if (location === null || ++restarts > MAX_RESTARTS)
          throw new GraphRequestError(this.op(l), 410, graphErrorCode(res.json));
        next = location;
        items = [];
        continue;
      }
      if (res.status !== 200) throw new GraphRequestError(this.op(l), res.status, graphErrorCode(res.json));
      const page = deltaPageSchema.safeParse(res.json);
      if (!page.success) throw new GraphRequestError(this.op(l), res.status, 'malformedDelta');
      for (const v of page.data.value) items.push(v);
      const link = page.data['@odata.deltaLink'];
      if (link !== undefined) {
        l.replace(items, sentAt, link);
        break;
      }
      const more = page.data['@odata.nextLink'];
      if (more === undefined) throw new GraphRequestError(this.op(l), res.status, 'malformedDelta');
      next = more;
    }
    const ms = this.clock() - t;
    const list = l.mapping.list.displayName;
    this.onEvent(
      why === 'filled'
        ? { event: 'filled', list, items: l.size, ms }
        : { event: 'resync', list, reason: why, items: l.size, ms },
    );
  }

  /** One JSON batch of every filled list's deltaLink; a list with more follows its nextLinks. */
  private async deltas(lists: ListModel<unknown>[], sentAt: number): Promise<void> {
    const t = this.clock();
    const root = this.graph.root;
    const relative = (link: string) => (link.startsWith(root) ? link.slice(root.length) : link);
    const results = await this.graph.batch(
      'read changes to the lists',
      lists.map((l, i) => ({ id: String(i), method: 'GET' as const, url: relative(l.deltaLink as string) })),
    );
    await Promise.all(
      lists.map(async (l, i) => {
        const r = results[i] as (typeof results)[number];
        if (r.status === 410) {
          const location = r.headers['location'];
          // Graph cannot say what changed since our token: enumerate again where it says.
          if (location !== undefined) return this.enumerate(l, location, 'gone');
        }
        throwIfThrottled(r);
        if (r.status === 403) throw new ForbiddenError('SharePoint does not allow this for the app.');
        let page = r.status === 200 ? deltaPageSchema.safeParse(r.body) : null;
        let changed = 0;
        let deleted = 0;
        while (page?.success) {
          const applied = l.apply(page.data.value, sentAt);
          changed += applied.changed;
          deleted += applied.deleted;
          const link = page.data['@odata.deltaLink'];
          if (link !== undefined) {
            l.deltaLink = link;
            if (changed + deleted > 0) {
              const list = l.mapping.list.displayName;
              this.onEvent({ event: 'changes', list, changed, deleted, ms: this.clock() - t });
            }
            return;
          }
          const more = page.data['@odata.nextLink'];
          if (more === undefined) break;
          const res = await this.graph.send(this.op(l), 'GET', more);
          if (res.status === 410) {
            const location = res.headers.get('Location');
            if (location !== null) return this.enumerate(l, location, 'gone');
          }
          page = res.status === 200 ? deltaPageSchema.safeParse(res.json) : null;
        }
        // Refused or unreadable (a token Graph no longer knows, a broken answer): cannot be resumed, so
        // the list is read again from scratch rather than left behind.
        l.deltaLink = null;
        return this.enumerate(l, null, 'failed');
      }),
    );
  }
}

/**
 * Which users SharePoint has lately let read the site's lists: the model serves a user only after one
 * JSON batch as that user reading each model list's metadata came back 200, trusted for `ttlMs`, and
 * forgotten at once when any of the user's calls is refused (403).
 */
export class AccessChecks {
  private readonly confirmed = new Map<string, number>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly site: SiteLists,
    options: ReadModelOptions = {},
  ) {
    this.ttlMs = options.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS;
    this.clock = options.clock ?? monotonicEpochMs;
  }

  /** Resolves when `user` may read the model; `ForbiddenError` (or the token's own error) when not. */
  confirm(user: string, graph: GraphTransport): Promise<void> {
    const until = this.confirmed.get(user);
    if (until !== undefined && until > this.clock()) return Promise.resolve();
    const inflight = this.pending.get(user);
    if (inflight) return inflight;
    const run = this.check(user, graph).finally(() => this.pending.delete(user));
    this.pending.set(user, run);
    return run;
  }

  forget(user: string): void {
    this.confirmed.delete(user);
  }

  private async check(user: string, graph: GraphTransport): Promise<void> {
    const op = 'confirm access to the site';
    // The user's token first (cached by its source): a user who must consent first gets that error as
    // it is (ConsentRequired), not wrapped by the Graph client.
    await graph.options.tokens.getAccessToken();
    const ids = await Promise.all(MODEL_LISTS.map((k) => this.site.listId(graph, k)));
    const results = await graph.batch(
      op,
      ids.map((id, i) => ({
        id: String(i),
        method: 'GET' as const,
        url: `${this.site.sitePath}/lists/${seg(id)}?$select=id`,
      })),
    );
    for (const r of results) {
      if (r.status === 200) continue;
      this.forget(user);
      if (r.status === 403) throw new ForbiddenError('SharePoint does not allow this for your account.');
      throwIfThrottled(r);
      throw new GraphRequestError(op, r.status, graphErrorCode(r.body));
    }
    const now = this.clock();
    if (this.confirmed.size >= MAX_USERS) {
      for (const [k, v] of this.confirmed) if (v <= now) this.confirmed.delete(k);
      for (const k of this.confirmed.keys()) {
        if (this.confirmed.size < MAX_USERS) break;
        this.confirmed.delete(k);
      }
    }
    this.confirmed.set(user, now + this.ttlMs);
  }
}
