import { ConflictError, NotFoundError } from '../../domain/errors';
import { caseUpdateSchema, type CaseRef, type CaseUpdate } from '../../domain/types';
import { validateRecord } from '../records';
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

  async redact(id: string, replacement: Pick<CaseUpdate, 'text' | 'by'>): Promise<CaseUpdate> {
    const entry = await this.records.read(id);
    if (entry === null) throw new NotFoundError(`Case update ${id}`);
    const record = validateRecord(caseUpdateSchema, 'Case update', {
      ...entry.record,
      text: replacement.text,
      by: replacement.by,
    });
    // The item is only ever rewritten here, so a 412 means a second disposal ran at once: answered as a
    // conflict, and re-running the disposal finishes the job.
    const outcome = await this.records.write(entry, record);
    if (outcome === 'missing') throw new NotFoundError(`Case update ${id}`);
    if (outcome === 'conflict') throw new ConflictError<CaseUpdate>(entry.record);
    return record;
  }

  /** Adds many updates in JSON batches of 20 (import, seeding); input order kept. */
  addMany(all: readonly NewCaseUpdate[]): Promise<CaseUpdate[]> {
    return this.records.insertMany(all.map((u) => ({ ...u, id: newId() })));
  }
}
