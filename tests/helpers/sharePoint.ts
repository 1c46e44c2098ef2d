/**
 * The SharePoint store on the local fakes, for tests and the benchmark: the Graph fake and the token
 * endpoint over HTTPS on loopback, msal-node signing in for real (app-only), and sites provisioned by the
 * real provisioning code. Sleeps of the retry policy are recorded, never waited for.
 */
import { GraphTokenProvider } from '../../src/auth/graphTokens';
import {
  GraphTransport,
  openSharePointStore,
  provisionSharePoint,
  type SharePointStore,
  type SharePointStoreOptions,
} from '../../src/store/sharepoint';
import { startGraphFake, type RunningGraphFake } from '../fakes/graph/server';
import { openIdConfiguration, startTokenEndpoint, type RunningTokenEndpoint } from '../fakes/tokenEndpoint';
import { explainTlsFailure } from '../fakes/tls';

export const TENANT_ID = '00000000-0000-4000-8000-00000000c0de';
export const CLIENT_ID = '11111111-1111-4111-8111-111111111111';
export const CLIENT_SECRET = 'test-only-secret';

export interface SharePointTestEnv {
  graph: RunningGraphFake;
  tokens: RunningTokenEndpoint;
  provider: GraphTokenProvider;
  /** Every wait the retry policies asked for, in milliseconds. */
  sleeps: number[];
  /** A new site with the lists provisioned. */
  newSite(): Promise<string>;
  /** The store on a site (page size and retry policy overridable). */
  open(siteId: string, options?: Partial<SharePointStoreOptions>): SharePointStore;
  /** A transport as the app identity (for provisioning and raw calls). */
  transport(options?: { maxRetries?: number }): GraphTransport;
  close(): Promise<void>;
}

export async function startSharePointEnv(
  options: { maxPageSize?: number; expiresInSeconds?: number } = {},
): Promise<SharePointTestEnv> {
  const tokens = await startTokenEndpoint({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    expiresInSeconds: options.expiresInSeconds,
  });
  const graph = await startGraphFake({ maxPageSize: options.maxPageSize, acceptToken: tokens.isIssued });
  const provider = new GraphTokenProvider({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    credential: { clientSecret: CLIENT_SECRET },
    authorityHost: tokens.url,
    graphBaseUrl: graph.url,
    authorityMetadata: JSON.stringify(openIdConfiguration(tokens.url, TENANT_ID)),
  });
  const sleeps: number[] = [];
  const retry = {
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  };
  const transport = (o: { maxRetries?: number } = {}) =>
    new GraphTransport({ baseUrl: graph.url, tokens: provider.appOnly(), retry: { ...retry, ...o } });
  const env: SharePointTestEnv = {
    graph,
    tokens,
    provider,
    sleeps,
    transport,
    newSite: async () => {
      const site = graph.fake.addSite();
      try {
        const report = await provisionSharePoint(transport(), site.id);
        if (report.problems.length > 0) throw new Error(report.problems.join('; '));
      } catch (error) {
        throw explainTlsFailure(error);
      }
      return site.id;
    },
    open: (siteId, o = {}) =>
      openSharePointStore({
        graphBaseUrl: graph.url,
        siteId,
        tokens: provider.appOnly(),
        ...o,
        retry: { ...retry, ...o.retry },
      }),
    close: async () => {
      await graph.close();
      await tokens.close();
    },
  };
  return env;
}
