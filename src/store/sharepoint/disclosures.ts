import { disclosureSchema, type Disclosure } from '../../domain/disclosures';
import type { DisclosureRedaction } from '../../domain/disposal';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { CaseRef } from '../../domain/types';
import { newId } from '../ids';
import type { DisclosureStore, NewDisclosure } from '../ports';
import type { ListItems } from './items';
import { filterOn, type Mappings } from './mapper';
import { itemOrder } from './order';
import { validateRecord } from '../records';
import { RecordList, type Entry, type MalformedReporter } from './versioned';

/**
 * The disclosure log on its own list: append-only here (no update or delete method for users; only a
 * disposal redacts an entry), and written with the
 * app's identity (like the audit log), so users need no write access to the list and cannot edit an entry
 * in SharePoint either. Oldest first; ties in the order added (item id).
 */
export class SharePointDisclosureStore implements DisclosureStore {
  private readonly records: RecordList<Disclosure>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
  ) {
    this.records = new RecordList<Disclosure>(items, m.disclosures, reportMalformed);
  }

  append(input: NewDisclosure): Promise<Disclosure> {
    return this.records.insertNew({ ...input, id: newId() });
  }

  /**
   * Disposal only: the item rewritten through Graph as the app (this store is always the app's, see
   * `forUser`). Earlier versions of the item keep the old text until SharePoint's version history is
   * dealt with (docs/data-protection.md §6 says what disposal does about it).
   */
  async redact(id: string, replacement: DisclosureRedaction): Promise<Disclosure> {
    const entry = await this.records.read(id);
    if (entry === null) throw new NotFoundError(`Disclosure ${id}`);
    const record = validateRecord(disclosureSchema, 'Disclosure', { ...entry.record, ...replacement });
    // Only a disposal rewrites an item, so a 412 means a second disposal ran at once: answered as a
    // conflict, and running the disposal again finishes the job.
    const outcome = await this.records.write(entry, record);
    if (outcome === 'missing') throw new NotFoundError(`Disclosure ${id}`);
    if (outcome === 'conflict') throw new ConflictError<Disclosure>(entry.record);
    return record;
  }

  async listByCase(caseRef: CaseRef): Promise<Disclosure[]> {
    const entries = await this.records.entriesMatching(
      filterOn(this.m.disclosures.list).eq('CaseRef', caseRef),
    );
    // The rule again in the app: a hand-edited column cannot move an entry to another child.
    return ordered(entries.filter((e) => e.record.caseRef === caseRef));
  }

  async listAll(): Promise<Disclosure[]> {
    return ordered(await this.records.entriesMatching(null));
  }
}

function ordered(entries: Entry<Disclosure>[]): Disclosure[] {
  return entries
    .sort(
      (a, b) =>
        Date.parse(a.record.recordedAt) - Date.parse(b.record.recordedAt) || itemOrder(a.itemId, b.itemId),
    )
    .map((e) => e.record);
}
