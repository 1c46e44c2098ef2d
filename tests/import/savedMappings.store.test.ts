/**
 * Saved named import mappings (issue 19) on both stores: SQLite, and SharePoint through the local Graph
 * fake. Saving a name again replaces it; a record that breaks the schema is refused before it is stored.
 */
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/ports';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';

let env: SharePointTestEnv;
beforeAll(async () => {
  env = await startSharePointEnv({ maxPageSize: 50 });
});
afterAll(async () => {
  await env.close();
});

const council = {
  name: 'Council tracker',
  mapping: { headerRow: 2, columns: { 'Date referred': 'receivedOn' as const, Postcode: null } },
  savedBy: 'dev-admin',
  savedAt: '2026-03-25T10:00:00.000Z',
};

describe.each<[string, () => Promise<Store>]>([
  ['SQLite', async () => openSqliteStore(':memory:')],
  ['SharePoint (Graph fake)', async () => env.open(await env.newSite(), { pageSize: 50 })],
])('saved import mappings on %s', (_name, open) => {
  test('a mapping is saved under its name, listed by name, and saving the name again replaces it', async () => {
    const store = await open();
    try {
      expect(await store.importMappings.list()).toEqual([]);
      expect(await store.importMappings.get('Council tracker')).toBeNull();
      await store.importMappings.put(council);
      await store.importMappings.put({ ...council, name: 'Academy MIS', mapping: { columns: {} } });
      expect((await store.importMappings.list()).map((m) => m.name)).toEqual([
        'Academy MIS',
        'Council tracker',
      ]);
      expect(await store.importMappings.get('Council tracker')).toEqual(council);

      const changed = {
        ...council,
        mapping: { columns: { 'Date referred': null } },
        savedAt: '2026-03-26T10:00:00.000Z',
      };
      await store.importMappings.put(changed);
      expect(await store.importMappings.get('Council tracker')).toEqual(changed);
      expect(await store.importMappings.list()).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  test('a mapping naming a field that does not exist is refused, and nothing is stored', async () => {
    const store = await open();
    try {
      const bad = { ...council, mapping: { columns: { 'Date referred': 'dateReferred' } } };
      await expect(store.importMappings.put(bad as never)).rejects.toThrow();
      expect(await store.importMappings.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
