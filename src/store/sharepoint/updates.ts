import type { CaseRef, CaseUpdate } from '../../domain/types';
import { newId } from '../ids';
import type { CaseUpdateStore, NewCaseUpdate } from '../ports';
import type { ListItems } from './items';
import { filterOn, type Mappings } from './mapper';
import { itemOrder } from './order';
import { RecordList, type MalformedReporter, type ModelView } from './versioned';

/**
 * A case's timeline: append-only, oldest first. Ties (the same instant) keep the order they were added,
 * which SharePoint's item ids (always increasing) record.
 */
export class SharePointCaseUpdateStore implements CaseUpdateStore {
  readonly records: RecordList<CaseUpdate>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
    view: ModelView<CaseUpdate> | null = null,
  ) {
    this.records = new RecordList<CaseUpdate>(items, m.updates, reportMalformed, view);
  }

  async list(caseRef: CaseRef): Promise<CaseUpdate[]> {
    const entries = await this.records.entriesMatching(filterOn(this.m.updates.list).eq('CaseRef', caseRef));
    return entries
      .filter((e) => e.record.caseRef === caseRef)
      .sort((a, b) => Date.parse(a.record.at) - Date.parse(b.record.at) || itemOrder(a.itemId, b.itemId))
      .map((e) => e.record);
  }

  add(input: NewCaseUpdate): Promise<CaseUpdate> {
    return this.records.insertNew({ ...input, id: newId() });
  }

  /** Adds many updates in JSON batches of 20 (import, seeding); input order kept. */
  addMany(all: readonly NewCaseUpdate[]): Promise<CaseUpdate[]> {
    return this.records.insertMany(all.map((u) => ({ ...u, id: newId() })));
  }
}
