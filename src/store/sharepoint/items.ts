/**
 * List items through Graph: finding the site's lists, reading every page of a (filtered) query, and the
 * item writes (create, conditional update, batched create), each answering with what happened rather than
 * throwing for the outcomes callers decide on (exists, conflict, missing).
 */
import {
  GraphRequestError,
  graphErrorCode,
  MAX_BATCH_STEPS,
  throwIfThrottled,
  type GraphTransport,
} from './graph';
import { fieldValueSetSchema, graphCollectionSchema, type Fields } from './mapper';
import type { ListKey, ListSpec, SharePointSchema } from './schema';
import { z } from 'zod';

/** A path segment; site ids keep their commas (`host,siteGuid,webGuid`), as Graph writes them. */
export function seg(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',');
}

const listsSchema = z.object({ id: z.string(), displayName: z.string() });

/** The lists need provisioning first; says which. */
export class ListsMissingError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `The SharePoint site lacks the lists ${missing.map((m) => `"${m}"`).join(', ')}: run npm run provision:sharepoint.`,
    );
    this.name = 'ListsMissingError';
  }
}

/**
 * The site's list ids by list key, looked up once (by display name) and shared by every store handle on
 * the site, whichever identity it calls with.
 */
export class SiteLists {
  private ids: Promise<Record<ListKey, string>> | null = null;

  constructor(
    readonly siteId: string,
    readonly schema: SharePointSchema,
  ) {}

  get sitePath(): string {
    return `/sites/${seg(this.siteId)}`;
  }

  async listId(graph: GraphTransport, key: ListKey): Promise<string> {
    if (!this.ids) {
      this.ids = this.lookup(graph);
      // A failed lookup (throttled, not provisioned yet) is tried again next time.
      this.ids.catch(() => {
        this.ids = null;
      });
    }
    return (await this.ids)[key];
  }

  private async lookup(graph: GraphTransport): Promise<Record<ListKey, string>> {
    const byName = new Map<string, string>();
    for (const raw of await readAllPages(graph, 'read the site lists', `${this.sitePath}/lists`)) {
      const l = listsSchema.safeParse(raw);
      if (l.success) byName.set(l.data.displayName, l.data.id);
    }
    const out = {} as Record<ListKey, string>;
    const missing: string[] = [];
    for (const spec of Object.values(this.schema.lists)) {
      const id = byName.get(spec.displayName);
      if (id === undefined) missing.push(spec.displayName);
      else out[spec.key] = id;
    }
    if (missing.length > 0) throw new ListsMissingError(missing);
    return out;
  }
}

/** Every item of a collection, following `@odata.nextLink` to the end. */
export async function readAllPages(
  graph: GraphTransport,
  operation: string,
  path: string,
): Promise<unknown[]> {
  const out: unknown[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const res = await graph.expect(operation, 'GET', next, [200]);
    const page = graphCollectionSchema.safeParse(res.json);
    if (!page.success) throw new GraphRequestError(operation, res.status, 'malformedCollection');
    for (const v of page.data.value) out.push(v);
    next = page.data['@odata.nextLink'];
  }
  return out;
}

export type CreateOutcome = { status: 'created'; item: unknown } | { status: 'exists' };
export type UpdateOutcome =
  { status: 'updated'; eTag: string | null } | { status: 'conflict' } | { status: 'missing' };

/** One list's items. */
export class ListItems {
  constructor(
    private readonly graph: GraphTransport,
    private readonly site: SiteLists,
    readonly spec: ListSpec,
    private readonly pageSize: number,
  ) {}

  private async itemsPath(): Promise<string> {
    return `${this.site.sitePath}/lists/${seg(await this.site.listId(this.graph, this.spec.key))}/items`;
  }

  private op(what: string): string {
    return `${what} in the list "${this.spec.displayName}"`;
  }

  /** All items matching a filter built by `filterOn` (indexed columns only), with their fields. */
  async query(filter: string | null): Promise<unknown[]> {
    const q = [`$expand=fields`, `$top=${this.pageSize}`];
    if (filter !== null) q.push(`$filter=${encodeURIComponent(filter)}`);
    return readAllPages(this.graph, this.op('read items'), `${await this.itemsPath()}?${q.join('&')}`);
  }

  /** The item with this `RecordKey` (unique), or null. */
  async findByKey(key: string, filter: string): Promise<unknown | null> {
    const items = await this.query(filter);
    if (items.length > 1) throw new GraphRequestError(this.op(`find ${key}`), 200, 'duplicateKey');
    return items[0] ?? null;
  }

  async getById(itemId: string): Promise<unknown | null> {
    const res = await this.graph.send(
      this.op('read an item'),
      'GET',
      `${await this.itemsPath()}/${seg(itemId)}?$expand=fields`,
    );
    if (res.status === 404) return null;
    if (res.status !== 200)
      throw new GraphRequestError(this.op('read an item'), res.status, graphErrorCode(res.json));
    return res.json;
  }

  /** Creates an item; `exists` when a unique column (`RecordKey`) already holds the value. */
  async create(fields: Fields): Promise<CreateOutcome> {
    const res = await this.graph.send(this.op('create an item'), 'POST', await this.itemsPath(), {
      body: { fields },
    });
    if (res.status === 201 || res.status === 200) return { status: 'created', item: res.json };
    if (res.status === 409) return { status: 'exists' };
    throw new GraphRequestError(this.op('create an item'), res.status, graphErrorCode(res.json));
  }

  /** Updates fields if the item still has `eTag` (If-Match): `conflict` on 412, `missing` on 404. */
  async update(itemId: string, eTag: string, fields: Fields): Promise<UpdateOutcome> {
    const res = await this.graph.send(
      this.op('update an item'),
      'PATCH',
      `${await this.itemsPath()}/${seg(itemId)}/fields`,
      { body: fields, headers: { 'If-Match': eTag } },
    );
    if (res.status === 200) {
      const set = fieldValueSetSchema.safeParse(res.json);
      return { status: 'updated', eTag: set.success ? (set.data['@odata.etag'] ?? null) : null };
    }
    if (res.status === 412) return { status: 'conflict' };
    if (res.status === 404) return { status: 'missing' };
    throw new GraphRequestError(this.op('update an item'), res.status, graphErrorCode(res.json));
  }

  /** Deletes an item if it still has `eTag` (If-Match): `conflict` on 412, `missing` on 404. */
  async delete(itemId: string, eTag: string): Promise<'deleted' | 'conflict' | 'missing'> {
    const res = await this.graph.send(
      this.op('delete an item'),
      'DELETE',
      `${await this.itemsPath()}/${seg(itemId)}`,
      { headers: { 'If-Match': eTag } },
    );
    if (res.status === 204 || res.status === 200) return 'deleted';
    if (res.status === 412) return 'conflict';
    if (res.status === 404) return 'missing';
    throw new GraphRequestError(this.op('delete an item'), res.status, graphErrorCode(res.json));
  }

  /**
   * Creates many items through JSON batches of 20, in order, each request answered on its own: created
   * items come back in input order. A request refused for a duplicate key, or failing otherwise, stops the
   * run with an error naming its position (no content); throttled ones are retried by the batch, then end
   * in `BusyError`.
   */
  async createMany(all: readonly Fields[]): Promise<unknown[]> {
    const path = await this.itemsPath();
    const url = path; // already relative to the version root
    const out: unknown[] = [];
    for (let start = 0; start < all.length; start += MAX_BATCH_STEPS) {
      const chunk = all.slice(start, start + MAX_BATCH_STEPS);
      const results = await this.graph.batch(
        this.op('create items'),
        chunk.map((fields, i) => ({ id: String(start + i), method: 'POST' as const, url, body: { fields } })),
      );
      for (const r of results) {
        if (r.status === 201 || r.status === 200) {
          out.push(r.body);
          continue;
        }
        throwIfThrottled(r);
        throw new GraphRequestError(
          this.op(`create item ${Number(r.id) + 1} of ${all.length}`),
          r.status,
          r.status === 409 ? 'duplicateKey' : graphErrorCode(r.body),
        );
      }
    }
    return out;
  }
}
