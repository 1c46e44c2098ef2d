/**
 * The SharePoint store: every port of src/store/ports.ts on SharePoint lists of one site, through
 * Microsoft Graph. See docs/architecture.md ("SharePoint store") for the mapping, paging, concurrency,
 * throttling, refs and the notification ledger.
 *
 * Identity is the caller's choice: `openSharePointStore` takes a token source (app-only for the bot's
 * sweeps and provisioning), and `withTokens` gives another handle on the same site calling as someone
 * else (on behalf of a signed-in user), sharing what was learnt about the site.
 */
import type { Store } from '../ports';
import { SharePointActionStore } from './actions';
import { SharePointAuditLog } from './audit';
import { SharePointBotStateStore } from './botState';
import { SharePointCaseStore } from './cases';
import { Counter } from './counter';
import { SharePointEscalationStore } from './escalations';
import { GraphTransport, type AccessTokenSource } from './graph';
import { ListItems, SiteLists } from './items';
import { mappings } from './mapper';
import { SharePointMeetingStore } from './meetings';
import { SharePointMinutesStore } from './minutes';
import type { RetryPolicy, ThrottleObserver } from './retry';
import { SCHEMA, type ListKey, type SharePointSchema } from './schema';
import { SharePointCaseUpdateStore } from './updates';
import type { MalformedReporter } from './versioned';

export { SharePointActionStore } from './actions';
export { SharePointAuditLog } from './audit';
export { SharePointBotStateStore } from './botState';
export { SharePointCaseStore, type NewCaseAt } from './cases';
export { SharePointEscalationStore } from './escalations';
export { GraphRequestError, GraphTransport, type AccessTokenSource } from './graph';
export { ListsMissingError } from './items';
export { StoredItemError } from './mapper';
export { SharePointMeetingStore } from './meetings';
export { SharePointMinutesStore } from './minutes';
export { provisionSharePoint, type ProvisionReport } from './provision';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { SCHEMA, type SharePointSchema } from './schema';
export { SharePointCaseUpdateStore } from './updates';
export type { MalformedReporter } from './versioned';

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
  retry?: Partial<RetryPolicy>;
  onThrottle?: ThrottleObserver;
  /** Told about each item that cannot be read back (list and item id only); default: ignored silently. */
  onMalformed?: MalformedReporter;
  schema?: SharePointSchema;
}

/** The store handle, with the SharePoint-only extras (bulk writes, another identity). */
export interface SharePointStore extends Store {
  cases: SharePointCaseStore;
  actions: SharePointActionStore;
  updates: SharePointCaseUpdateStore;
  /** Another handle on the same site calling Graph with other tokens (e.g. on behalf of a user). */
  withTokens(tokens: AccessTokenSource): SharePointStore;
  /**
   * The store for one signed-in user's request: case data (cases, actions, updates, meetings, minutes,
   * escalations) through Graph with the user's tokens, so SharePoint's own permissions apply too; the
   * audit log and the bot's state through this handle (the app). The audit is the app's record of what
   * users did: users need no write access to it (so cannot edit it in SharePoint), and a refusal of the
   * user's own call is still recorded.
   */
  forUser(tokens: AccessTokenSource): Store;
}

function build(options: SharePointStoreOptions, site: SiteLists): SharePointStore {
  const self = buildPorts(options, site);
  return {
    ...self,
    withTokens: (tokens) => build({ ...options, tokens }, site),
    forUser: (tokens) => {
      const user = buildPorts({ ...options, tokens }, site);
      return { ...user, audit: self.audit, bot: self.bot };
    },
  };
}

function buildPorts(
  options: SharePointStoreOptions,
  site: SiteLists,
): Omit<SharePointStore, 'withTokens' | 'forUser'> {
  const graph = new GraphTransport({
    baseUrl: options.graphBaseUrl,
    tokens: options.tokens,
    retry: options.retry,
    onThrottle: options.onThrottle,
  });
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError('The page size is a positive whole number.');
  const m = mappings(site.schema);
  const items = (key: ListKey) => new ListItems(graph, site, site.schema.lists[key], pageSize);
  const report: MalformedReporter = options.onMalformed ?? (() => undefined);
  const counter = new Counter(items('counters'), graph, 'case_ref');
  return {
    cases: new SharePointCaseStore(items('cases'), m, site.schema, counter, report),
    actions: new SharePointActionStore(items('actions'), m, report),
    updates: new SharePointCaseUpdateStore(items('updates'), m, report),
    meetings: new SharePointMeetingStore(items('meetings'), m, report),
    minutes: new SharePointMinutesStore(graph, site),
    escalations: new SharePointEscalationStore(items('escalations'), m, report),
    audit: new SharePointAuditLog(items('audit'), m, report),
    bot: new SharePointBotStateStore(items('conversations'), items('notifications'), m, report),
    // Nothing to release: Graph connections are pooled by fetch and idle out.
    close: () => Promise.resolve(),
  };
}

/**
 * The store on a provisioned site. Nothing is requested until first use; a site without the lists then
 * fails with `ListsMissingError` naming them.
 */
export function openSharePointStore(options: SharePointStoreOptions): SharePointStore {
  return build(options, new SiteLists(options.siteId, options.schema ?? SCHEMA));
}
