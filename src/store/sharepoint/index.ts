/**
 * The SharePoint store: every port of src/store/ports.ts on SharePoint lists of one site, through
 * Microsoft Graph. See docs/architecture.md ("SharePoint store") for the mapping, paging, concurrency,
 * throttling, refs and the notification ledger.
 *
 * Identity is the caller's choice: `openSharePointStore` takes a token source (app-only for the bot's
 * sweeps and provisioning), and `withTokens` gives another handle on the same site calling as someone
 * else (on behalf of a signed-in user), sharing what was learnt about the site.
 *
 * Reads of the case lists come from the site's read model (readModel.ts), kept current by Graph delta
 * with the store's own tokens and shared by every handle; a handle calling as someone else reads it only
 * once SharePoint has confirmed, as them, that they may (AccessChecks), and writes as them.
 */
import type { Store } from '../ports';
import { SharePointActionStore } from './actions';
import { SharePointAuditLog } from './audit';
import { SharePointDisclosureStore } from './disclosures';
import { SharePointBotStateStore } from './botState';
import { SharePointCaseStore } from './cases';
import { Counter } from './counter';
import { SharePointEscalationStore } from './escalations';
import { GraphTransport, type AccessTokenSource } from './graph';
import { SharePointImportBatchStore } from './importBatches';
import { ListItems, SiteLists } from './items';
import { mappings } from './mapper';
import { SharePointMeetingStore } from './meetings';
import { SharePointImportMappingStore } from './importMappings';
import { SharePointMinutesStore } from './minutes';
import {
  AccessChecks,
  SiteModel,
  type ModelListKey,
  type ReadModelOptions,
  type ReadModelStatus,
} from './readModel';
import type { GraphRetryPolicy, ThrottleObserver } from './retry';
import { SCHEMA, type ListKey, type SharePointSchema } from './schema';
import { SharePointCaseUpdateStore } from './updates';
import type { MalformedReporter, ModelView } from './versioned';

export { SharePointActionStore } from './actions';
export { SharePointAuditLog } from './audit';
export { SharePointDisclosureStore } from './disclosures';
export { SharePointBotStateStore } from './botState';
export { SharePointCaseStore, type NewCaseAt } from './cases';
export { SharePointEscalationStore } from './escalations';
export { GraphRequestError, GraphTransport, type AccessTokenSource } from './graph';
export { ListsMissingError } from './items';
export { StoredItemError } from './mapper';
export { SharePointMeetingStore } from './meetings';
export { SharePointMinutesStore } from './minutes';
export { provisionSharePoint, type ProvisionReport } from './provision';
export { DEFAULT_RETRY_POLICY, type GraphRetryPolicy } from './retry';
export { SCHEMA, type SharePointSchema } from './schema';
export { SharePointCaseUpdateStore } from './updates';
export type { MalformedReporter } from './versioned';
export {
  DEFAULT_ACCESS_TTL_MS,
  DEFAULT_FRESH_MS,
  MODEL_LISTS,
  type ReadModelEvent,
  type ReadModelOptions,
  type ReadModelStatus,
} from './readModel';

/** Items per page asked of Graph (`$top`); Graph may send fewer, and the adapter follows nextLink. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface SharePointStoreOptions {
  /** GRAPH_BASE_URL: `https://graph.microsoft.com`, a national cloud's Graph, or a local fake. */
  graphBaseUrl: string;
  /** SHAREPOINT_SITE_ID: `{host},{site-guid},{web-guid}`. */
  siteId: string;
  /** Who the store calls Graph as. */
  tokens: AccessTokenSource;
  pageSize?: number;
  /** Throttling retries; tests inject `sleep` and `random`. */
  retry?: Partial<GraphRetryPolicy>;
  onThrottle?: ThrottleObserver;
  /** Told about each item that cannot be read back (list and item id only); default: ignored silently. */
  onMalformed?: MalformedReporter;
  schema?: SharePointSchema;
  /**
   * The read model's settings (default: on, with its defaults); false: every read asks Graph (a one-off
   * command reading once gains nothing from keeping a model).
   */
  readModel?: ReadModelOptions | false;
}

/** The store handle, with the SharePoint-only extras (bulk writes, another identity). */
export interface SharePointStore extends Store {
  cases: SharePointCaseStore;
  actions: SharePointActionStore;
  updates: SharePointCaseUpdateStore;
  /**
   * Another handle on the same site calling Graph with other tokens (e.g. on behalf of a user). It reads
   * the read model only after SharePoint confirmed access with those tokens (once per handle).
   */
  withTokens(tokens: AccessTokenSource): SharePointStore;
  /**
   * The store for one signed-in user's request: case data (cases, actions, updates, meetings, minutes,
   * escalations) through Graph with the user's tokens, so SharePoint's own permissions apply too; the
   * audit log and the bot's state through this handle (the app). The audit is the app's record of what
   * users did: users need no write access to it (so cannot edit it in SharePoint), and a refusal of the
   * user's own call is still recorded.
   *
   * `user` names the user (tenant and object id) so their confirmed access to the site is remembered
   * for a few minutes across requests; without it, it is confirmed once for this handle.
   */
  forUser(tokens: AccessTokenSource, user?: string): Store;
  /** The read model's age and last delta (null without a model): counts and times, nothing of a record. */
  readModelStatus(): ReadModelStatus | null;
}

/** What every handle on one site shares: the list ids, and the read model with its access checks. */
interface Shared {
  site: SiteLists;
  model: SiteModel | null;
  access: AccessChecks;
}

/** Who a handle reads the model as: the store's own identity, or someone SharePoint must vouch for. */
type Reader = { kind: 'owner' } | { kind: 'user'; key: string };

let handles = 0;

function build(options: SharePointStoreOptions, shared: Shared, reader: Reader): SharePointStore {
  const self = buildPorts(options, shared, reader);
  return {
    ...self,
    withTokens: (tokens) =>
      build({ ...options, tokens }, shared, { kind: 'user', key: `handle:${++handles}` }),
    forUser: (tokens, user) => {
      const key = user === undefined ? `handle:${++handles}` : `user:${user}`;
      const ports = buildPorts({ ...options, tokens }, shared, { kind: 'user', key });
      return { ...ports, audit: self.audit, disclosures: self.disclosures, bot: self.bot };
    },
    readModelStatus: () => shared.model?.status() ?? null,
  };
}

function buildPorts(
  options: SharePointStoreOptions,
  shared: Shared,
  reader: Reader,
): Omit<SharePointStore, 'withTokens' | 'forUser' | 'readModelStatus'> {
  const { site, model, access } = shared;
  const graph = new GraphTransport({
    baseUrl: options.graphBaseUrl,
    tokens: options.tokens,
    retry: options.retry,
    onThrottle: options.onThrottle,
    // A refusal of any call as the user ends the trust in their earlier confirmation.
    ...(reader.kind === 'user' ? { onForbidden: () => access.forget(reader.key) } : {}),
  });
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError('The page size is a positive whole number.');
  const m = mappings(site.schema);
  const items = (key: ListKey) => new ListItems(graph, site, site.schema.lists[key], pageSize);
  const report: MalformedReporter = options.onMalformed ?? (() => undefined);
  const counter = new Counter(items('counters'), graph, 'case_ref');
  // The model current (one delta at most) and, for a user, their access confirmed: side by side, so a
  // user's first read costs one round trip of time, not two.
  const ready =
    model === null
      ? null
      : reader.kind === 'owner'
        ? () => model.current()
        : async () => {
            await Promise.all([model.current(), access.confirm(reader.key, graph)]);
          };
  const view = <T>(key: ModelListKey): ModelView<T> | null =>
    model === null || ready === null ? null : { model: model.list<T>(key), ready };
  const cases = new SharePointCaseStore(items('cases'), m, site.schema, counter, report, view('cases'));
  const actions = new SharePointActionStore(items('actions'), m, report, view('actions'));
  const updates = new SharePointCaseUpdateStore(items('updates'), m, report, view('updates'));
  const escalations = new SharePointEscalationStore(items('escalations'), m, report, view('escalations'));
  return {
    cases,
    actions,
    updates,
    meetings: new SharePointMeetingStore(items('meetings'), m, report, view('meetings')),
    minutes: new SharePointMinutesStore(graph, site),
    escalations,
    disclosures: new SharePointDisclosureStore(items('disclosures'), m, report),
    audit: new SharePointAuditLog(items('audit'), m, report),
    bot: new SharePointBotStateStore(
      items('conversations'),
      items('notifications'),
      m,
      report,
      items('feedPreferences'),
    ),
    importBatches: new SharePointImportBatchStore(
      items('importBatches'),
      items('importBatchCases'),
      site.schema,
      {
        cases: cases.records,
        actions: actions.records,
        updates: updates.records,
        escalations: escalations.records,
      },
      report,
    ),
    importMappings: new SharePointImportMappingStore(items('importMappings')),
    // Nothing to release: Graph connections are pooled by fetch and idle out.
    close: () => Promise.resolve(),
  };
}

/**
 * The store on a provisioned site. Nothing is requested until first use; a site without the lists then
 * fails with `ListsMissingError` naming them.
 */
export function openSharePointStore(options: SharePointStoreOptions): SharePointStore {
  const site = new SiteLists(options.siteId, options.schema ?? SCHEMA);
  const modelOptions = options.readModel === false ? null : (options.readModel ?? {});
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const model =
    modelOptions === null
      ? null
      : new SiteModel(
          new GraphTransport({
            baseUrl: options.graphBaseUrl,
            tokens: options.tokens,
            retry: options.retry,
            onThrottle: options.onThrottle,
          }),
          site,
          pageSize,
          mappings(site.schema),
          options.onMalformed ?? (() => undefined),
          modelOptions,
        );
  const access = new AccessChecks(site, modelOptions ?? {});
  return build(options, { site, model, access }, { kind: 'owner' });
}
