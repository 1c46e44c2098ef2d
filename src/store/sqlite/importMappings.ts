import type Database from 'better-sqlite3';
import { type SavedImportMapping, savedImportMappingSchema } from '../../domain/importing/saved';
import type { ImportMappingStore } from '../ports';
import { validateRecord } from '../records';
import { StoredRecordError, run } from './records';

/** Saved import mappings, one row per name, the record as JSON (migration 0006). */
export class SqliteImportMappingStore implements ImportMappingStore {
  private readonly upsert: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly selectAll: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      'INSERT INTO import_mappings (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
    );
    this.selectOne = db.prepare('SELECT data FROM import_mappings WHERE name = ?');
    this.selectAll = db.prepare('SELECT name, data FROM import_mappings ORDER BY name');
  }

  private decode(name: string, data: string): SavedImportMapping {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new StoredRecordError('import_mappings', name, 'is not valid JSON');
    }
    const r = savedImportMappingSchema.safeParse(json);
    if (!r.success) throw new StoredRecordError('import_mappings', name, 'does not match the schema');
    return r.data;
  }

  list(): Promise<SavedImportMapping[]> {
    return run(() =>
      (this.selectAll.all() as { name: string; data: string }[]).map((r) => this.decode(r.name, r.data)),
    );
  }

  get(name: string): Promise<SavedImportMapping | null> {
    return run(() => {
      const row = this.selectOne.get(name) as { data: string } | undefined;
      return row ? this.decode(name, row.data) : null;
    });
  }

  put(mapping: SavedImportMapping): Promise<void> {
    return run(() => {
      const m = validateRecord(savedImportMappingSchema, 'Import mapping', mapping);
      this.upsert.run(m.name, JSON.stringify(m));
    });
  }
}
