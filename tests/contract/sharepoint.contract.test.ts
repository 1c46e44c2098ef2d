import { describeStoreContract } from '../helpers/storeContract';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';

// One Graph fake and token endpoint for the file; every test gets a new, freshly provisioned site.
let env: SharePointTestEnv;

beforeAll(async () => {
  env = await startSharePointEnv({ maxPageSize: 50 });
});

afterAll(async () => {
  await env.close();
});

describeStoreContract('SharePoint through Graph (local fake)', async () => {
  const siteId = await env.newSite();
  const store = env.open(siteId, { pageSize: 50 });
  return { store, cleanup: () => store.close() };
});
