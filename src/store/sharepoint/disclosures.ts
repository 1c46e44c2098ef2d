import type { Disclosure } from '../../domain/disclosures';
import type { CaseRef } from '../../domain/types';
import { newId } from '../ids';
import type { DisclosureStore, NewDisclosure } from '../ports';
import type { ListItems } from './items';
import { filterOn, type Mappings } from './mapper';
import { itemOrder } from './order';
import { RecordList, type Entry, type MalformedReporter } from './versioned';

/**
 * The disclosure log on its own list: append-only here (no update or delete method), and written with the
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
