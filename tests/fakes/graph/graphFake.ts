/**
 * A local Microsoft Graph for the SharePoint endpoints the app uses, in memory, behaving as Graph's
 * documentation describes (not as the adapter happens to call it):
 *
 * - sites, lists (`genericList`, `documentLibrary`), columns (columnDefinition: text / number / boolean,
 *   `indexed`, `enforceUniqueValues`), list items with `fields` (`$expand=fields`), create, get, PATCH
 *   `/fields` with `If-Match` (412 on a stale eTag), DELETE;
 * - `$filter` on `fields/X`: a column that is not indexed is refused with 400, as SharePoint does for large
 *   lists, unless the request says `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`;
 * - paging: `$top` (capped at the fake's page size) and `@odata.nextLink` with a `$skiptoken`;
 * - unique columns: a second item with a value already used is refused with 409;
 * - JSON batching (`POST /$batch`, at most 20 requests, `dependsOn`, a response per request);
 * - the document library's drive: upload (`PUT root:/{name}:/content`), download (302 to a
 *   pre-authenticated URL), the file's `listItem` and its fields;
 * - a bearer-token check (401 without a token the test accepts), and throttling on demand (429 / 503
 *   with `Retry-After`, for the next n matching requests, inside batches too);
 * - a log of every request (method, path, query, Prefer, If-Match, the bearer token, status) for tests
 *   to assert on; and SharePoint's own refusal (403 accessDenied) for the tokens a test chooses;
 * - Teams activity feed notifications (`POST /teams/{id}/sendActivityNotification`, 204 / 400 / 403 / 404);
 * - list item delta (`GET .../items/delta`, listItem: delta in v1.0): without a token the list is
 *   enumerated in pages (`$top`, `@odata.nextLink`) ending in an `@odata.deltaLink`; `token=latest` answers
 *   no items and a deltaLink from now; with a token, the latest state of each item changed since, deleted
 *   ones as `{ id, deleted: { state: 'deleted' } }` (an item may appear twice; the last one counts); a
 *   token the fake has forgotten (`expireDeltaTokens`) is `410 Gone` with a `Location` to enumerate anew.
 *   `$expand=fields($select=A,B)` and `$select` trim the answer as Graph does.
 *
 * `changeItem` and `deleteItem` change a list as another writer would (SharePoint's UI, another instance),
 * so that delta reports them. Latency per round trip and the count of round trips live in server.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  evaluate,
  parseFilter,
  referencedFields,
  type FilterNode,
  type FilterSyntaxError,
} from './odataFilter';

export interface FakeRequest {
  method: string;
  /** Path after the version root, e.g. `/sites/x/lists`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON, or raw bytes for uploads. */
  body: unknown;
  bytes?: Buffer;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  bytes?: Buffer;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  prefer: string | null;
  ifMatch: string | null;
  /** A request inside a JSON batch. */
  inBatch: boolean;
  /** The bearer token the request carried (inside a batch: the batch's). */
  token: string | null;
  status: number;
}

export interface GraphFakeOptions {
  /** Items per page when the request gives no `$top`, and the most a page ever holds. */
  maxPageSize?: number;
  /** Which bearer tokens are good; default: any non-empty one. */
  acceptToken?: (token: string) => boolean;
  /** The public origin (`https://127.0.0.1:port`), for nextLinks and download URLs. */
  origin?: string;
}

export interface ThrottleRule {
  status: 429 | 503 | 504;
  retryAfterSeconds: number | null;
  /** How many matching requests get it (Infinity: until cleared). */
  remaining: number;
  match: (r: { method: string; path: string; inBatch: boolean }) => boolean;
}

type ColumnType = 'text' | 'number' | 'boolean' | 'dateTime';

export interface FakeColumn {
  id: string;
  name: string;
  displayName: string;
  description: string;
  indexed: boolean;
  required: boolean;
  enforceUniqueValues: boolean;
  readOnly: boolean;
  type: ColumnType;
  allowMultipleLines: boolean;
  maxLength: number;
}

export interface FakeItem {
  id: number;
  guid: string;
  version: number;
  created: string;
  modified: string;
  fields: Record<string, unknown>;
  /** The fake's change number of the item's last change (what delta compares its token with). */
  changed: number;
}

export interface FakeList {
  id: string;
  displayName: string;
  description: string;
  template: 'genericList' | 'documentLibrary';
  columns: FakeColumn[];
  items: Map<number, FakeItem>;
  nextItemId: number;
  drive?: { id: string; files: Map<string, { itemId: number; driveItemId: string; bytes: Buffer }> };
  /** Unique column -> lower-cased value -> item id. */
  unique: Map<string, Map<string, number>>;
  /** Deleted item id -> the change number of its deletion (delta reports it to older tokens). */
  deleted: Map<number, number>;
}

/** What a delta token or page token holds (opaque to clients: base64url JSON). */
interface DeltaState {
  list: string;
  /** Tokens of an earlier epoch are forgotten (410 Gone). */
  epoch: number;
  /** Changes after this change number; null: the first enumeration (every item, no deletions). */
  since: number | null;
  /** The change number when the enumeration began: the deltaLink's `since`. */
  anchor: number;
  /** Items with a larger id come next (paging). */
  after: number;
}

export interface FakeSite {
  id: string;
  lists: Map<string, FakeList>;
}

const HONOR_NON_INDEXED = 'honornonindexedquerieswarningmayfailrandomly';
const MAX_MULTILINE = 63_999;

function error(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: {
      // eslint-disable-next-line no-restricted-syntax -- real time: SharePoint stamps with its own clock
      error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } },
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

function uniqueIndex(list: FakeList, column: string): Map<string, number> {
  let idx = list.unique.get(column);
  if (!idx) {
    idx = new Map();
    for (const item of list.items.values()) {
      const v = item.fields[column];
      if (v !== undefined && v !== null) idx.set(String(v).toLowerCase(), item.id);
    }
    list.unique.set(column, idx);
  }
  return idx;
}

function index(list: FakeList, item: FakeItem): void {
  for (const col of list.columns) {
    if (!col.enforceUniqueValues) continue;
    const v = item.fields[col.name];
    if (v !== undefined && v !== null) uniqueIndex(list, col.name).set(String(v).toLowerCase(), item.id);
  }
}

function unindex(list: FakeList, item: FakeItem): void {
  for (const col of list.columns) {
    if (!col.enforceUniqueValues) continue;
    const v = item.fields[col.name];
    const idx = uniqueIndex(list, col.name);
    if (v !== undefined && v !== null && idx.get(String(v).toLowerCase()) === item.id)
      idx.delete(String(v).toLowerCase());
  }
}

function column(name: string, type: ColumnType, extra: Partial<FakeColumn> = {}): FakeColumn {
  return {
    id: randomUUID(),
    name,
    displayName: name,
    description: '',
    indexed: false,
    required: false,
    enforceUniqueValues: false,
    readOnly: false,
    type,
    allowMultipleLines: false,
    maxLength: 255,
    ...extra,
  };
}

/** The columns SharePoint puts on every new list (Title on generic lists, Name on libraries). */
function builtInColumns(template: FakeList['template']): FakeColumn[] {
  const cols = [
    column('ID', 'number', { readOnly: true, indexed: true }),
    column('Created', 'dateTime', { readOnly: true }),
    column('Modified', 'dateTime', { readOnly: true }),
    column('ContentType', 'text', { readOnly: true }),
  ];
  if (template === 'genericList') cols.push(column('Title', 'text', { required: true }));
  else cols.push(column('FileLeafRef', 'text', { readOnly: true, displayName: 'Name' }));
  return cols;
}

function columnJson(c: FakeColumn): Record<string, unknown> {
  const facet =
    c.type === 'text'
      ? {
          text: {
            allowMultipleLines: c.allowMultipleLines,
            appendChangesToExistingText: false,
            linesForEditing: 0,
            maxLength: c.maxLength,
          },
        }
      : c.type === 'number'
        ? {
            number: {
              decimalPlaces: 'automatic',
              displayAs: 'number',
              maximum: 1.7976931348623157e308,
              minimum: -1.7976931348623157e308,
            },
          }
        : c.type === 'boolean'
          ? { boolean: {} }
          : { dateTime: { displayAs: 'default', format: 'dateTime' } };
  return {
    columnGroup: 'Custom Columns',
    description: c.description,
    displayName: c.displayName,
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: false,
    id: c.id,
    indexed: c.indexed,
    name: c.name,
    readOnly: c.readOnly,
    required: c.required,
    ...facet,
  };
}

export class GraphFake {
  readonly sites = new Map<string, FakeSite>();
  readonly log: LoggedRequest[] = [];
  readonly throttles: ThrottleRule[] = [];
  private readonly failures: { status: 400 | 500; remaining: number; match: ThrottleRule['match'] }[] = [];
  /**
   * SharePoint's own permissions: a request whose token this answers true for is refused with 403
   * (`accessDenied`), as for a user the site does not share a list with. Null: nobody is refused.
   */
  refuse: ((r: { token: string; method: string; path: string }) => boolean) | null = null;
  maxPageSize: number;
  origin: string;
  /**
   * Added to every round trip by the HTTPS server (server.ts), as a tenant's network and SharePoint's own
   * time would: 0 answers at once.
   */
  latencyMs = 0;
  /** HTTP requests the server answered (a JSON batch is one, whatever it holds). */
  roundTrips = 0;
  /** Teams by id, each with its members' Entra object ids (lower case): who may receive a notification. */
  readonly teams = new Map<string, Set<string>>();
  /** Activity feed notifications Graph accepted (204), in order. */
  readonly activityNotifications: { teamId: string; token: string; body: Record<string, unknown> }[] = [];
  /** Whether a token carries TeamsActivity.Send; false answers 403, as for an app never granted it. */
  activityPermission: (token: string) => boolean = () => true;
  private readonly acceptToken: (token: string) => boolean;
  private readonly downloads = new Map<string, Buffer>();
  /** The change number: every item change or deletion takes the next one. */
  private changes = 0;
  private deltaEpoch = 0;

  constructor(options: GraphFakeOptions = {}) {
    this.maxPageSize = options.maxPageSize ?? 200;
    this.acceptToken = options.acceptToken ?? ((t) => t.length > 0);
    this.origin = options.origin ?? 'https://127.0.0.1';
  }

  /** A new empty site (with the default Documents library, as SharePoint makes). */
  addSite(id = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`): FakeSite {
    const site: FakeSite = { id, lists: new Map() };
    this.sites.set(id, site);
    this.createList(site, 'Documents', 'documentLibrary', '');
    return site;
  }

  /** A team and its members (Entra object ids), for activity feed notifications. */
  addTeam(teamId: string, memberIds: readonly string[]): void {
    this.teams.set(teamId, new Set(memberIds.map((id) => id.toLowerCase())));
  }

  /** The next `times` requests matching get `status` with `Retry-After` (null: none). */
  throttle(
    status: ThrottleRule['status'],
    times: number,
    retryAfterSeconds: number | null = 1,
    match: ThrottleRule['match'] = () => true,
  ): ThrottleRule {
    const rule = { status, remaining: times, retryAfterSeconds, match };
    this.throttles.push(rule);
    return rule;
  }

  clearThrottles(): void {
    this.throttles.length = 0;
    this.failures.length = 0;
  }

  /**
   * The next `times` requests matching fail with `status` (400 `invalidRequest`, 500 `generalException`,
   * as Graph answers a request it cannot serve); cleared with the throttles.
   */
  fail(status: 400 | 500, times: number, match: ThrottleRule['match'] = () => true): { remaining: number } {
    const rule = { status, remaining: times, match };
    this.failures.push(rule);
    return rule;
  }

  list(siteId: string, displayName: string): FakeList {
    const list = [...(this.sites.get(siteId)?.lists.values() ?? [])].find(
      (l) => l.displayName === displayName,
    );
    if (!list) throw new Error(`no list ${displayName}`);
    return list;
  }

  /** Adds an item as SharePoint would store it (no checks): for seeding large lists and malformed items. */
  putItem(list: FakeList, fields: Record<string, unknown>): FakeItem {
    // eslint-disable-next-line no-restricted-syntax -- real time: SharePoint stamps with its own clock
    const now = new Date().toISOString();
    const item: FakeItem = {
      id: list.nextItemId++,
      guid: randomUUID(),
      version: 1,
      created: now,
      modified: now,
      fields,
      changed: ++this.changes,
    };
    list.items.set(item.id, item);
    index(list, item);
    return item;
  }

  /** Changes an item's fields as another writer would (no checks): a new version and eTag, seen by delta. */
  changeItem(list: FakeList, id: number, fields: Record<string, unknown>): FakeItem {
    const item = list.items.get(id);
    if (!item) throw new Error(`no item ${id}`);
    unindex(list, item);
    Object.assign(item.fields, fields);
    index(list, item);
    this.touch(item);
    return item;
  }

  /** Deletes an item as another writer would; delta reports it as deleted. */
  deleteItem(list: FakeList, id: number): void {
    const item = list.items.get(id);
    if (!item) throw new Error(`no item ${id}`);
    unindex(list, item);
    list.items.delete(id);
    list.deleted.set(id, ++this.changes);
  }

  /** Forgets every delta token given so far: the next use of one is 410 Gone (as after a long absence). */
  expireDeltaTokens(): void {
    this.deltaEpoch++;
  }

  private touch(item: FakeItem): void {
    item.version++;
    // eslint-disable-next-line no-restricted-syntax -- real time: SharePoint stamps with its own clock
    item.modified = new Date().toISOString();
    item.changed = ++this.changes;
  }

  private createList(
    site: FakeSite,
    displayName: string,
    template: FakeList['template'],
    description: string,
  ): FakeList {
    const list: FakeList = {
      id: randomUUID(),
      displayName,
      description,
      template,
      columns: builtInColumns(template),
      items: new Map(),
      nextItemId: 1,
      unique: new Map(),
      deleted: new Map(),
      ...(template === 'documentLibrary'
        ? { drive: { id: `b!${randomUUID().replace(/-/g, '')}`, files: new Map() } }
        : {}),
    };
    site.lists.set(list.id, list);
    return list;
  }

  // --- entry point -----------------------------------------------------------------------------

  /** Handles one request to the version root (top level or inside a batch). */
  handle(req: FakeRequest, inBatch = false, batchToken: string | null = null): FakeResponse {
    const token = inBatch ? batchToken : bearerOf(req.headers);
    const res =
      token !== null && this.refuse?.({ token, method: req.method, path: req.path })
        ? error(403, 'accessDenied', 'Access denied. You do not have permission to perform this action.')
        : this.route(req, inBatch);
    this.log.push({
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query.entries()),
      prefer: req.headers['prefer'] ?? null,
      ifMatch: req.headers['if-match'] ?? null,
      inBatch,
      token,
      status: res.status,
    });
    return res;
  }

  /** A pre-authenticated download (what a 302 from `.../content` points at). */
  download(token: string): FakeResponse {
    const bytes = this.downloads.get(token);
    if (!bytes) return error(404, 'itemNotFound', 'The resource could not be found.');
    this.downloads.delete(token);
    return { status: 200, headers: { 'content-type': 'application/octet-stream' }, bytes };
  }

  private route(req: FakeRequest, inBatch: boolean): FakeResponse {
    if (!inBatch) {
      const token = bearerOf(req.headers) ?? '';
      if (!token) return error(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      if (!this.acceptToken(token))
        return error(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
    const rule = this.throttles.find(
      (r) => r.remaining > 0 && r.match({ method: req.method, path: req.path, inBatch }),
    );
    if (rule) {
      rule.remaining--;
      const headers: Record<string, string> =
        rule.retryAfterSeconds === null ? {} : { 'retry-after': String(rule.retryAfterSeconds) };
      return rule.status === 429
        ? error(429, 'TooManyRequests', 'Too many requests.', headers)
        : error(rule.status, 'serviceNotAvailable', 'The service is temporarily unavailable.', headers);
    }
    const failure = this.failures.find(
      (r) => r.remaining > 0 && r.match({ method: req.method, path: req.path, inBatch }),
    );
    if (failure) {
      failure.remaining--;
      return failure.status === 400
        ? error(400, 'invalidRequest', 'Invalid request.')
        : error(500, 'generalException', 'General exception while processing.');
    }
    const { method, path } = req;
    if (path === '/$batch' && method === 'POST')
      return inBatch ? error(400, 'BadRequest', 'Nested batches are not supported.') : this.batch(req);

    let m = /^\/drives\/([^/]+)\/root:\/(.+?):(\/.*)?$/.exec(path);
    if (m)
      return this.drivePath(
        req,
        decodeURIComponent(m[1] as string),
        decodeURIComponent(m[2] as string),
        m[3] ?? '',
      );
    m = /^\/drives\/([^/]+)\/items\/([^/]+)\/listItem\/fields$/.exec(path);
    if (m)
      return this.driveItemFields(
        req,
        decodeURIComponent(m[1] as string),
        decodeURIComponent(m[2] as string),
      );

    m = /^\/teams\/([^/]+)\/sendActivityNotification$/.exec(path);
    if (m && method === 'POST') return this.sendActivityNotification(req, decodeURIComponent(m[1] as string));

    m = /^\/sites\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return error(400, 'BadRequest', 'Resource not found for the segment.');
    const site = this.sites.get(decodeURIComponent(m[1] as string));
    if (!site) return error(404, 'itemNotFound', 'Requested site could not be found');
    const rest = m[2] ?? '';
    if (rest === '' && method === 'GET') return json(200, { id: site.id, displayName: 'CMOE', name: 'cmoe' });
    if (rest === '/lists' && method === 'GET')
      return json(200, { value: [...site.lists.values()].map((l) => this.listJson(site, l)) });
    if (rest === '/lists' && method === 'POST') return this.createListRequest(site, req);

    m = /^\/lists\/([^/]+)(\/.*)?$/.exec(rest);
    if (!m) return error(400, 'BadRequest', 'Resource not found for the segment.');
    const ref = decodeURIComponent(m[1] as string);
    const list = site.lists.get(ref) ?? [...site.lists.values()].find((l) => l.displayName === ref);
    if (!list) return error(404, 'itemNotFound', 'The specified list was not found');
    const sub = m[2] ?? '';
    if (sub === '' && method === 'GET') return json(200, this.listJson(site, list));
    if (sub === '/columns' && method === 'GET') return json(200, { value: list.columns.map(columnJson) });
    if (sub === '/columns' && method === 'POST') return this.createColumn(list, req);
    m = /^\/columns\/([^/]+)$/.exec(sub);
    if (m && method === 'PATCH') return this.updateColumn(list, decodeURIComponent(m[1] as string), req);
    if (sub === '/drive' && method === 'GET') {
      if (!list.drive) return error(404, 'itemNotFound', 'The list has no drive.');
      return json(200, { id: list.drive.id, driveType: 'documentLibrary', name: list.displayName });
    }
    if (sub === '/items' && method === 'GET') return this.listItems(site, list, req);
    if (sub === '/items/delta' && method === 'GET') return this.delta(site, list, req);
    if (sub === '/items' && method === 'POST') return this.createItem(list, req);
    m = /^\/items\/([^/]+)(\/fields)?$/.exec(sub);
    if (m) {
      const item = list.items.get(Number(decodeURIComponent(m[1] as string)));
      if (!item) return error(404, 'itemNotFound', 'The resource could not be found.');
      if (!m[2] && method === 'GET') return json(200, this.itemJson(site, list, item, true));
      if (!m[2] && method === 'DELETE') {
        const pre = this.precondition(req, item);
        if (pre) return pre;
        this.deleteItem(list, item.id);
        return { status: 204, headers: {} };
      }
      if (m[2] && method === 'PATCH') return this.updateFields(list, item, req);
      if (m[2] && method === 'GET') return json(200, this.fieldsJson(list, item));
    }
    return error(400, 'BadRequest', `Unsupported request: ${method} ${path}`);
  }

  // --- Teams activity feed -------------------------------------------------------------------------

  /**
   * `POST /teams/{team-id}/sendActivityNotification` as Graph documents it: `topic` (`source` 'text' with
   * a `value` and a `webUrl`, or 'entityUrl' with a Graph URL as `value`), `activityType`, `previewText`
   * {content}, `recipient` (an `aadUserNotificationRecipient` with `userId`), `templateParameters`
   * [{name, value}]; 204 No Content. 403 when the app lacks TeamsActivity.Send (`activityPermission`),
   * 404 for a team the fake does not know, or a recipient who is not a member of the team.
   */
  private sendActivityNotification(req: FakeRequest, teamId: string): FakeResponse {
    const token = bearerOf(req.headers) ?? '';
    if (!this.activityPermission(token))
      return error(
        403,
        'Forbidden',
        'Missing role permissions on the request. API requires one of TeamsActivity.Send.',
      );
    const members = this.teams.get(teamId);
    if (!members) return error(404, 'NotFound', 'No team found with Group Id ' + teamId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const topic = body['topic'] as Record<string, unknown> | undefined;
    const preview = body['previewText'] as Record<string, unknown> | undefined;
    const recipient = body['recipient'] as Record<string, unknown> | undefined;
    const params = body['templateParameters'];
    const bad = (what: string) => error(400, 'BadRequest', `Invalid request body: ${what}.`);
    if (!topic || (topic['source'] !== 'text' && topic['source'] !== 'entityUrl')) return bad('topic.source');
    if (typeof topic['value'] !== 'string' || topic['value'].length === 0) return bad('topic.value');
    if (
      topic['source'] === 'text' &&
      (typeof topic['webUrl'] !== 'string' || !/^https:\/\//.test(topic['webUrl']))
    )
      return bad('topic.webUrl');
    if (typeof body['activityType'] !== 'string' || body['activityType'].length === 0)
      return bad('activityType');
    if (!preview || typeof preview['content'] !== 'string') return bad('previewText');
    if (
      !recipient ||
      recipient['@odata.type'] !== '#microsoft.graph.aadUserNotificationRecipient' ||
      typeof recipient['userId'] !== 'string'
    )
      return bad('recipient');
    if (
      params !== undefined &&
      (!Array.isArray(params) ||
        !params.every(
          (p) =>
            typeof p === 'object' &&
            p !== null &&
            typeof (p as Record<string, unknown>)['name'] === 'string' &&
            typeof (p as Record<string, unknown>)['value'] === 'string',
        ))
    )
      return bad('templateParameters');
    if (!members.has(recipient['userId'].toLowerCase()))
      return error(404, 'NotFound', 'Recipient is not a member of the team.');
    this.activityNotifications.push({ teamId, token, body: structuredClone(body) });
    return { status: 204, headers: {} };
  }

  // --- lists and columns ---------------------------------------------------------------------------

  private listJson(site: FakeSite, l: FakeList): Record<string, unknown> {
    return {
      id: l.id,
      name: l.displayName.replace(/\s+/g, ''),
      displayName: l.displayName,
      description: l.description,
      webUrl: `https://contoso.sharepoint.com/sites/cmoe/Lists/${encodeURIComponent(l.displayName)}`,
      parentReference: { siteId: site.id },
      list: { contentTypesEnabled: false, hidden: false, template: l.template },
    };
  }

  private createListRequest(site: FakeSite, req: FakeRequest): FakeResponse {
    const body = req.body as {
      displayName?: unknown;
      description?: unknown;
      list?: { template?: unknown };
      columns?: unknown[];
    };
    if (typeof body?.displayName !== 'string' || body.displayName.trim() === '') {
      return error(400, 'invalidRequest', 'displayName is required.');
    }
    if (
      [...site.lists.values()].some(
        (l) => l.displayName.toLowerCase() === (body.displayName as string).toLowerCase(),
      )
    ) {
      return error(409, 'nameAlreadyExists', 'A list with this name already exists.');
    }
    const template = body.list?.template ?? 'genericList';
    if (template !== 'genericList' && template !== 'documentLibrary')
      return error(400, 'invalidRequest', 'Unsupported template.');
    const list = this.createList(
      site,
      body.displayName,
      template,
      typeof body.description === 'string' ? body.description : '',
    );
    for (const def of body.columns ?? []) {
      const made = this.columnFrom(list, def);
      if ('status' in made) return made;
      list.columns.push(made);
    }
    return json(201, this.listJson(site, list));
  }

  private columnFrom(list: FakeList, def: unknown): FakeColumn | FakeResponse {
    const d = def as Record<string, unknown>;
    if (typeof d?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(d.name))
      return error(400, 'invalidRequest', 'A column needs a valid name.');
    if (list.columns.some((c) => c.name.toLowerCase() === (d.name as string).toLowerCase())) {
      return error(409, 'nameAlreadyExists', 'A column with this name already exists.');
    }
    const facets = (['text', 'number', 'boolean', 'dateTime'] as const).filter((f) => d[f] !== undefined);
    if (facets.length !== 1)
      return error(400, 'invalidRequest', 'A column definition needs exactly one type facet.');
    const type = facets[0] as ColumnType;
    const text = (d.text ?? {}) as { allowMultipleLines?: unknown; maxLength?: unknown };
    const enforceUniqueValues = d.enforceUniqueValues === true;
    const indexed = d.indexed === true;
    if (enforceUniqueValues && !indexed)
      return error(400, 'invalidRequest', 'A column that enforces unique values must be indexed.');
    if (enforceUniqueValues && type === 'text' && text.allowMultipleLines === true) {
      return error(400, 'invalidRequest', 'Multiple lines of text cannot enforce unique values.');
    }
    return column(d.name, type, {
      displayName: typeof d.displayName === 'string' ? d.displayName : d.name,
      description: typeof d.description === 'string' ? d.description : '',
      indexed,
      required: d.required === true,
      enforceUniqueValues,
      allowMultipleLines: type === 'text' && text.allowMultipleLines === true,
      maxLength: typeof text.maxLength === 'number' ? Math.min(255, text.maxLength) : 255,
    });
  }

  private createColumn(list: FakeList, req: FakeRequest): FakeResponse {
    const made = this.columnFrom(list, req.body);
    if ('status' in made) return made;
    if (made.enforceUniqueValues) {
      const seen = new Set<string>();
      for (const item of list.items.values()) {
        const v = item.fields[made.name];
        if (v !== undefined && v !== null && seen.has(String(v).toLowerCase())) {
          return error(400, 'invalidRequest', 'The column has duplicate values.');
        }
        if (v !== undefined && v !== null) seen.add(String(v).toLowerCase());
      }
    }
    list.columns.push(made);
    list.unique.delete(made.name);
    return json(201, columnJson(made));
  }

  private updateColumn(list: FakeList, id: string, req: FakeRequest): FakeResponse {
    const col = list.columns.find((c) => c.id === id);
    if (!col) return error(404, 'itemNotFound', 'The column was not found.');
    const body = req.body as Record<string, unknown>;
    if (typeof body?.indexed === 'boolean') col.indexed = body.indexed;
    if (typeof body?.enforceUniqueValues === 'boolean') {
      if (body.enforceUniqueValues && !col.indexed)
        return error(400, 'invalidRequest', 'Index the column first.');
      col.enforceUniqueValues = body.enforceUniqueValues;
      list.unique.delete(col.name);
    }
    if (typeof body?.description === 'string') col.description = body.description;
    return json(200, columnJson(col));
  }

  // --- items ---------------------------------------------------------------------------------------

  private eTag(item: FakeItem): string {
    return `"${item.guid},${item.version}"`;
  }

  private fieldsJson(
    list: FakeList,
    item: FakeItem,
    only: Set<string> | null = null,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      '@odata.etag': this.eTag(item),
      id: String(item.id),
      ContentType: list.template === 'documentLibrary' ? 'Document' : 'Item',
      Modified: item.modified,
      Created: item.created,
    };
    for (const [k, v] of Object.entries(item.fields)) if (v !== null && v !== undefined) out[k] = v;
    if (only === null) return out;
    // `$expand=fields($select=A,B)`: those fields (and the field set's own etag and id).
    return Object.fromEntries(
      Object.entries(out).filter(([k]) => k === '@odata.etag' || k === 'id' || only.has(k)),
    );
  }

  private itemJson(
    site: FakeSite,
    list: FakeList,
    item: FakeItem,
    withFields: boolean,
    fieldSelect: Set<string> | null = null,
  ): Record<string, unknown> {
    return {
      '@odata.etag': this.eTag(item),
      createdDateTime: item.created,
      eTag: this.eTag(item),
      id: String(item.id),
      lastModifiedDateTime: item.modified,
      webUrl: `https://contoso.sharepoint.com/sites/cmoe/Lists/${encodeURIComponent(list.displayName)}/${item.id}_.000`,
      parentReference: { id: list.id, siteId: site.id },
      contentType: { id: '0x01', name: 'Item' },
      ...(withFields ? { fields: this.fieldsJson(list, item, fieldSelect) } : {}),
    };
  }

  // --- delta -----------------------------------------------------------------------------------------

  private deltaToken(state: DeltaState): string {
    return Buffer.from(JSON.stringify(state)).toString('base64url');
  }

  private readDeltaToken(raw: string): DeltaState | null {
    try {
      const s = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as DeltaState;
      return typeof s.list === 'string' && typeof s.epoch === 'number' && typeof s.anchor === 'number'
        ? s
        : null;
    } catch {
      return null;
    }
  }

  /** The delta URL of a list with the request's options and a token (none: enumerate anew). */
  private deltaUrl(site: FakeSite, list: FakeList, req: FakeRequest, token: string | null): string {
    const q = new URLSearchParams();
    for (const [k, v] of req.query.entries()) if (k !== 'token' && k !== '$skiptoken') q.set(k, v);
    if (token !== null) q.set('token', token);
    const query = q.toString().replace(/\+/g, '%20');
    return `${this.origin}/v1.0/sites/${site.id}/lists/${list.id}/items/delta${query ? `?${query}` : ''}`;
  }

  private delta(site: FakeSite, list: FakeList, req: FakeRequest): FakeResponse {
    const q = req.query;
    const expand = q.get('$expand') ?? q.get('expand');
    const em = expand === null ? null : /^fields(?:\(\$select=([A-Za-z0-9_,]+)\))?$/.exec(expand);
    if (expand !== null && !em) return error(400, 'invalidRequest', 'Invalid $expand.');
    const fieldSelect = em?.[1] ? new Set(em[1].split(',')) : null;
    const select = q.get('$select') ?? q.get('select');
    const topRaw = q.get('$top') ?? q.get('top');
    const top = topRaw === null ? this.maxPageSize : Math.min(Number(topRaw), this.maxPageSize);
    if (!Number.isInteger(top) || top < 1) return error(400, 'invalidRequest', 'Invalid $top.');
    const rawToken = q.get('token');
    const context = `${this.origin}/v1.0/$metadata#Collection(listItem)`;
    if (rawToken === 'latest') {
      const state = {
        list: list.id,
        epoch: this.deltaEpoch,
        since: this.changes,
        anchor: this.changes,
        after: 0,
      };
      return json(200, {
        '@odata.context': context,
        '@odata.deltaLink': this.deltaUrl(site, list, req, this.deltaToken(state)),
        value: [],
      });
    }
    let state: DeltaState;
    if (rawToken === null) {
      state = { list: list.id, epoch: this.deltaEpoch, since: null, anchor: this.changes, after: 0 };
    } else {
      const parsed = this.readDeltaToken(rawToken);
      if (parsed === null || parsed.list !== list.id)
        return error(400, 'invalidRequest', 'The delta token is not valid.');
      if (parsed.epoch !== this.deltaEpoch) {
        // As Graph does when it can no longer say what changed since a token: start again from Location.
        return error(410, 'resyncChangesApplyDifferences', 'Resync required: enumerate the list again.', {
          location: this.deltaUrl(site, list, req, null),
        });
      }
      // A deltaLink's token starts a new round: what changes from now on belongs to the next one.
      state = parsed.after === 0 ? { ...parsed, anchor: this.changes } : parsed;
    }
    const since = state.since;
    type Row = { id: number; item: FakeItem | null };
    const rows: Row[] = [];
    for (const item of list.items.values())
      if (item.id > state.after && (since === null || item.changed > since)) rows.push({ id: item.id, item });
    if (since !== null)
      for (const [id, at] of list.deleted) if (id > state.after && at > since) rows.push({ id, item: null });
    rows.sort((a, b) => a.id - b.id);
    const page = rows.slice(0, top);
    const pick = (o: Record<string, unknown>) => {
      if (select === null) return o;
      const keep = new Set(['id', ...select.split(','), ...(expand !== null ? ['fields'] : [])]);
      return Object.fromEntries(Object.entries(o).filter(([k]) => keep.has(k) || k.startsWith('@odata')));
    };
    const value = page.map((r) =>
      r.item === null
        ? { id: String(r.id), deleted: { state: 'deleted' } }
        : pick(this.itemJson(site, list, r.item, expand !== null, fieldSelect)),
    );
    const body: Record<string, unknown> = { '@odata.context': context, value };
    const last = page[page.length - 1];
    if (rows.length > top && last) {
      body['@odata.nextLink'] = this.deltaUrl(site, list, req, this.deltaToken({ ...state, after: last.id }));
    } else {
      const next = {
        list: list.id,
        epoch: this.deltaEpoch,
        since: state.anchor,
        anchor: state.anchor,
        after: 0,
      };
      body['@odata.deltaLink'] = this.deltaUrl(site, list, req, this.deltaToken(next));
    }
    return json(200, body);
  }

  /** Checks and converts written field values; an error response when one is not acceptable. */
  private coerce(
    list: FakeList,
    fields: unknown,
    item: FakeItem | null,
  ): { ok: true; fields: Record<string, unknown> } | { ok: false; res: FakeResponse } {
    const fail = (res: FakeResponse) => ({ ok: false as const, res });
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      return fail(error(400, 'invalidRequest', 'Invalid request: fields must be an object.'));
    }
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      if (name.startsWith('@odata')) continue;
      const col = list.columns.find((c) => c.name === name);
      if (!col) return fail(error(400, 'invalidRequest', `Field '${name}' is not recognized`));
      if (col.readOnly) return fail(error(400, 'invalidRequest', `Field '${name}' is read-only`));
      if (value === null) {
        out[name] = null;
        continue;
      }
      if (col.type === 'text') {
        if (typeof value !== 'string')
          return fail(error(400, 'invalidRequest', `Field '${name}' expects text`));
        if (value.length > (col.allowMultipleLines ? MAX_MULTILINE : col.maxLength)) {
          return fail(error(400, 'invalidRequest', `The value of field '${name}' is too long`));
        }
      } else if (col.type === 'number') {
        if (typeof value !== 'number' || !Number.isFinite(value))
          return fail(error(400, 'invalidRequest', `Field '${name}' expects a number`));
      } else if (col.type === 'boolean') {
        if (typeof value !== 'boolean')
          return fail(error(400, 'invalidRequest', `Field '${name}' expects a boolean`));
      }
      out[name] = value;
    }
    // Unique columns: no other item may hold the same value (compared without regard to case).
    for (const col of list.columns.filter((c) => c.enforceUniqueValues)) {
      const v = out[col.name];
      if (v === undefined || v === null) continue;
      const holder = uniqueIndex(list, col.name).get(String(v).toLowerCase());
      if (holder !== undefined && holder !== item?.id) {
        return fail(
          error(
            409,
            'nameAlreadyExists',
            'One or more fields with unique constraints already has the provided value.',
          ),
        );
      }
    }
    return { ok: true, fields: out };
  }

  private createItem(list: FakeList, req: FakeRequest): FakeResponse {
    if (list.template === 'documentLibrary')
      return error(400, 'invalidRequest', 'Files are added to a library through its drive.');
    const body = req.body as { fields?: unknown };
    const checked = this.coerce(list, body?.fields ?? {}, null);
    if (!checked.ok) return checked.res;
    const item = this.putItem(list, checked.fields);
    const site = [...this.sites.values()].find((s) => s.lists.get(list.id) === list) as FakeSite;
    return json(201, this.itemJson(site, list, item, true));
  }

  private precondition(req: FakeRequest, item: FakeItem): FakeResponse | null {
    const ifMatch = req.headers['if-match'];
    if (ifMatch === undefined || ifMatch === '*' || ifMatch === this.eTag(item)) return null;
    return error(412, 'preconditionFailed', 'The eTag provided does not match the current eTag on the item.');
  }

  private updateFields(list: FakeList, item: FakeItem, req: FakeRequest): FakeResponse {
    const pre = this.precondition(req, item);
    if (pre) return pre;
    const checked = this.coerce(list, req.body, item);
    if (!checked.ok) return checked.res;
    unindex(list, item);
    Object.assign(item.fields, checked.fields);
    index(list, item);
    this.touch(item);
    return json(200, this.fieldsJson(list, item));
  }

  private listItems(site: FakeSite, list: FakeList, req: FakeRequest): FakeResponse {
    const q = req.query;
    const expand = q.get('$expand') ?? q.get('expand');
    const withFields = expand !== null && /^fields(\(.*\))?$/.test(expand);
    let filter: FilterNode | null = null;
    const rawFilter = q.get('$filter') ?? q.get('filter');
    if (rawFilter !== null) {
      try {
        filter = parseFilter(rawFilter);
      } catch (e) {
        return error(400, 'invalidRequest', `Invalid filter clause: ${(e as FilterSyntaxError).message}`);
      }
      const honour = (req.headers['prefer'] ?? '').toLowerCase().includes(HONOR_NON_INDEXED);
      for (const path of referencedFields(filter)) {
        if (!path.startsWith('fields/'))
          return error(400, 'invalidRequest', `Invalid filter clause: unknown property ${path}`);
        const name = path.slice('fields/'.length);
        const col = list.columns.find((c) => c.name === name);
        if (!col) return error(400, 'invalidRequest', `Field '${name}' is not recognized`);
        if (!col.indexed && !honour) {
          return error(
            400,
            'invalidRequest',
            `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
          );
        }
      }
    }
    const topRaw = q.get('$top') ?? q.get('top');
    const top = topRaw === null ? this.maxPageSize : Math.min(Number(topRaw), this.maxPageSize);
    if (!Number.isInteger(top) || top < 1) return error(400, 'invalidRequest', 'Invalid $top.');
    let after = 0;
    const skip = q.get('$skiptoken') ?? q.get('$skipToken');
    if (skip !== null) {
      const m = /^Paged=TRUE&p_ID=(\d+)$/.exec(Buffer.from(skip, 'base64url').toString('utf8'));
      if (!m) return error(400, 'invalidRequest', 'Invalid skip token.');
      after = Number(m[1]);
    }
    const matching = [...list.items.values()]
      .filter((i) => i.id > after)
      .sort((a, b) => a.id - b.id)
      .filter((i) => filter === null || evaluate(filter, (f) => i.fields[f.slice('fields/'.length)]));
    const page = matching.slice(0, top);
    const body: Record<string, unknown> = {
      '@odata.context': `${this.origin}/v1.0/$metadata#sites('${site.id}')/lists('${list.id}')/items`,
      value: page.map((i) => this.itemJson(site, list, i, withFields)),
    };
    const last = page[page.length - 1];
    if (matching.length > top && last) {
      const next = new URLSearchParams();
      for (const [k, v] of q.entries()) if (k !== '$skiptoken' && k !== '$skipToken') next.set(k, v);
      next.set('$skiptoken', Buffer.from(`Paged=TRUE&p_ID=${last.id}`).toString('base64url'));
      body['@odata.nextLink'] = `${this.origin}/v1.0${req.path}?${next.toString().replace(/\+/g, '%20')}`;
    }
    return json(200, body);
  }

  // --- drives ----------------------------------------------------------------------------------------

  private findDrive(driveId: string): { site: FakeSite; list: FakeList } | null {
    for (const site of this.sites.values()) {
      for (const list of site.lists.values()) if (list.drive?.id === driveId) return { site, list };
    }
    return null;
  }

  private driveItemJson(list: FakeList, name: string): Record<string, unknown> {
    const file = list.drive?.files.get(name);
    const item = file ? list.items.get(file.itemId) : undefined;
    return {
      id: file?.driveItemId,
      name,
      size: file?.bytes.length ?? 0,
      eTag: item ? `"{${item.guid}},${item.version}"` : undefined,
      file: { mimeType: 'application/octet-stream' },
      parentReference: { driveId: list.drive?.id, driveType: 'documentLibrary' },
    };
  }

  private drivePath(req: FakeRequest, driveId: string, name: string, tail: string): FakeResponse {
    const found = this.findDrive(driveId);
    if (!found?.list.drive) return error(404, 'itemNotFound', 'The drive could not be found.');
    const { site, list } = found;
    const drive = found.list.drive;
    const file = drive.files.get(name);
    if (tail === '/content' && req.method === 'PUT') {
      const bytes = req.bytes ?? Buffer.alloc(0);
      if (file) {
        file.bytes = Buffer.from(bytes);
        this.touch(list.items.get(file.itemId) as FakeItem);
        return json(200, this.driveItemJson(list, name));
      }
      const item = this.putItem(list, { FileLeafRef: name });
      drive.files.set(name, {
        itemId: item.id,
        driveItemId: `01${randomUUID().replace(/-/g, '').toUpperCase()}`,
        bytes: Buffer.from(bytes),
      });
      return json(201, this.driveItemJson(list, name));
    }
    if (!file) return error(404, 'itemNotFound', 'The resource could not be found.');
    if (tail === '/content' && req.method === 'GET') {
      const token = randomUUID();
      this.downloads.set(token, Buffer.from(file.bytes));
      return {
        status: 302,
        headers: { location: `${this.origin}/_download/${token}?tempauth=${randomUUID()}` },
      };
    }
    if (tail === '/listItem' && req.method === 'GET') {
      const item = list.items.get(file.itemId) as FakeItem;
      const expand = req.query.get('$expand') ?? req.query.get('expand');
      return json(200, this.itemJson(site, list, item, expand === 'fields'));
    }
    if (tail === '' && req.method === 'GET') return json(200, this.driveItemJson(list, name));
    return error(400, 'BadRequest', `Unsupported request: ${req.method} ${req.path}`);
  }

  private driveItemFields(req: FakeRequest, driveId: string, driveItemId: string): FakeResponse {
    const found = this.findDrive(driveId);
    const file = [...(found?.list.drive?.files.values() ?? [])].find((f) => f.driveItemId === driveItemId);
    if (!found || !file) return error(404, 'itemNotFound', 'The resource could not be found.');
    const item = found.list.items.get(file.itemId) as FakeItem;
    if (req.method === 'PATCH') return this.updateFields(found.list, item, req);
    if (req.method === 'GET') return json(200, this.fieldsJson(found.list, item));
    return error(400, 'BadRequest', 'Unsupported request.');
  }

  // --- JSON batching ---------------------------------------------------------------------------------

  private batch(req: FakeRequest): FakeResponse {
    const body = req.body as { requests?: unknown };
    if (!Array.isArray(body?.requests)) return error(400, 'BadRequest', 'Invalid batch payload format.');
    const requests = body.requests as {
      id?: unknown;
      method?: unknown;
      url?: unknown;
      body?: unknown;
      headers?: unknown;
      dependsOn?: unknown;
    }[];
    if (requests.length > 20)
      return error(400, 'BadRequest', 'The number of batch requests exceeds the limit of 20.');
    const ids = requests.map((r) => r.id);
    if (ids.some((id) => typeof id !== 'string' || id === '') || new Set(ids).size !== ids.length) {
      return error(400, 'BadRequest', 'Batch request ids must be unique, non-empty strings.');
    }
    const statuses = new Map<string, number>();
    const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
    for (const r of requests) {
      const id = r.id as string;
      const headers = Object.fromEntries(
        Object.entries((r.headers ?? {}) as Record<string, string>).map(([k, v]) => [
          k.toLowerCase(),
          String(v),
        ]),
      );
      if (r.body !== undefined && !headers['content-type']) {
        return error(400, 'BadRequest', 'A batch request with a body needs a Content-Type header.');
      }
      const deps = Array.isArray(r.dependsOn) ? (r.dependsOn as string[]) : [];
      if (deps.some((d) => (statuses.get(d) ?? 424) >= 400)) {
        statuses.set(id, 424);
        responses.push({
          id,
          status: 424,
          headers: {},
          body: { error: { code: 'FailedDependency', message: 'A dependency failed.' } },
        });
        continue;
      }
      const url = new URL(
        String(r.url).startsWith('/') ? String(r.url) : `/${String(r.url)}`,
        'https://batch.invalid',
      );
      const res = this.handle(
        {
          method: String(r.method).toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers,
          body: r.body,
        },
        true,
        bearerOf(req.headers),
      );
      statuses.set(id, res.status);
      responses.push({
        id,
        status: res.status,
        headers: res.headers,
        ...(res.body !== undefined ? { body: res.body } : {}),
      });
    }
    // Graph does not promise the order of responses: give them back reversed, so callers match by id.
    return json(200, { responses: responses.reverse() });
  }
}

function bearerOf(headers: Record<string, string>): string | null {
  const auth = headers['authorization'] ?? '';
  return auth.startsWith('Bearer ') && auth.length > 7 ? auth.slice(7) : null;
}
