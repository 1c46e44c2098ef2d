/**
 * Saved import mappings (issue 19) in the import mappings list: one item per name (`RecordKey`, unique),
 * the record as JSON in `RecordData`, validated on every read. Saving a name again replaces its item
 * (If-Match on the eTag read just before; a lost race reads and writes again: the last save wins, as on
 * SQLite).
 */
import { type SavedImportMapping, savedImportMappingSchema } from '../../domain/importing/saved';
import type { ImportMappingStore } from '../ports';
import { validateRecord } from '../records';
import type { ListItems } from './items';
import { StoredItemError, eTagOf, filterOn, graphListItemSchema } from './mapper';

const ATTEMPTS = 5;

export class SharePointImportMappingStore implements ImportMappingStore {
  constructor(private readonly items: ListItems) {}

  private decode(raw: unknown): { mapping: SavedImportMapping; itemId: string; eTag: string | null } {
    const list = this.items.spec.displayName;
    const item = graphListItemSchema.safeParse(raw);
    if (!item.success) throw new StoredItemError(list, '(no id)', 'it is not a list item');
    const data = item.data.fields?.RecordData;
    let json: unknown = null;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : null;
    } catch {
      json = null;
    }
    const r = savedImportMappingSchema.safeParse(json);
    if (!r.success) throw new StoredItemError(list, item.data.id, 'its data does not match the schema');
    return { mapping: r.data, itemId: item.data.id, eTag: eTagOf(item.data) };
  }

  private find(name: string): Promise<unknown | null> {
    return this.items.findByKey(name, filterOn(this.items.spec).eq('RecordKey', name));
  }

  async list(): Promise<SavedImportMapping[]> {
    const all = (await this.items.query(null)).map((raw) => this.decode(raw).mapping);
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(name: string): Promise<SavedImportMapping | null> {
    const raw = await this.find(name);
    return raw === null ? null : this.decode(raw).mapping;
  }

  async put(mapping: SavedImportMapping): Promise<void> {
    const m = validateRecord(savedImportMappingSchema, 'Import mapping', mapping);
    const fields = { Title: m.name, RecordKey: m.name, RecordData: JSON.stringify(m) };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const raw = await this.find(m.name);
      if (raw === null) {
        if ((await this.items.create(fields)).status === 'created') return;
        continue; // Saved by someone else meanwhile: replace theirs.
      }
      const current = this.decode(raw);
      if (current.eTag === null)
        throw new StoredItemError(this.items.spec.displayName, current.itemId, 'it has no eTag');
      if ((await this.items.update(current.itemId, current.eTag, fields)).status === 'updated') return;
    }
    throw new Error(`The mapping could not be saved after ${ATTEMPTS} attempts: try again.`);
  }
}
