import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { describeStoreContract } from '../helpers/storeContract';

describeStoreContract('SQLite in memory', () => {
  const store = openSqliteStore(':memory:');
  return Promise.resolve({ store, cleanup: () => store.close() });
});

describeStoreContract('SQLite file (WAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmoe-contract-'));
  const store = openSqliteStore(join(dir, 'nested', 'cmoe.db'));
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
