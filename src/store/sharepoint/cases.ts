import { AppError, ConflictError } from '../../domain/errors';
import type { Case, CaseRef, Instant } from '../../domain/types';
import { caseRefNumber, formatCaseRef } from '../ids';
import { validateRecord } from '../records';
import { matchesCaseFilter } from '../../domain/caseFilter';
import type { CasePatch, CaseQuery, CaseStore, NewCase } from '../ports';
import type { Counter } from './counter';
import { allOf, filterOn, type Mappings } from './mapper';
import type { ListItems } from './items';
import { VersionedList, type MalformedReporter, type ModelView } from './versioned';
import type { SharePointSchema } from './schema';

/** A ref that validates, for checking a new case before a real ref is taken for it. */
const PLACEHOLDER_REF = 'CMOE-0000';
/** How many taken refs may turn out to be in use already (a counter set back by hand) before giving up. */
const MAX_TAKEN_REFS = 5;

const byRef = (a: Case, b: Case) => (caseRefNumber(a.ref) ?? 0) - (caseRefNumber(b.ref) ?? 0);

/** One new case for `createMany`, with the instant it is created at. */
export interface NewCaseAt {
  input: NewCase;
  now: Instant;
}

/**
 * Cases, keyed by ref. A ref comes from the `case_ref` counter (conditional update, so two writers never
 * get the same number), and the case is then created with the ref in `RecordKey`, a unique column: a
 * second item with a ref already in use is refused by SharePoint itself (a safety net for a counter set
 * back by hand), and the adapter takes the next ref. The case is validated before a ref is taken, and a
 * ref whose create certainly failed is given back if nobody took one since, so refs have no gaps in
 * normal running; one lost to a crash between the two requests stays a gap (never a reuse).
 */
export class SharePointCaseStore implements CaseStore {
  readonly records: VersionedList<Case>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    private readonly schema: SharePointSchema,
    private readonly counter: Counter,
    reportMalformed: MalformedReporter,
    view: ModelView<Case> | null = null,
  ) {
    this.records = new VersionedList<Case>(items, m.cases, reportMalformed, [], 'ref', view);
  }

  async list(query: CaseQuery = {}): Promise<Case[]> {
    if (query.status?.length === 0 || query.concern?.length === 0) return [];
    const f = filterOn(this.m.cases.list);
    const parts: string[] = [];
    if (query.status !== undefined) parts.push(f.oneOf('CaseStatus', query.status));
    if (query.concern !== undefined) parts.push(f.oneOf('CaseConcern', query.concern));
    if (query.category !== undefined) parts.push(f.eq(this.schema.categoryColumns[query.category], true));
    const lead = query.leadEmail?.trim().toLowerCase();
    if (lead !== undefined) parts.push(f.eq('LeadEmail', lead));
    return this.records.list(
      allOf(parts),
      (c) =>
        matchesCaseFilter(
          { ...c, leadEmail: c.lead?.email ?? null },
          {
            status: query.status,
            concern: query.concern,
            categories: query.category === undefined ? undefined : [query.category],
            leadEmail: lead,
          },
        ),
      byRef,
    );
  }

  get(ref: CaseRef): Promise<Case | null> {
    return this.records.get(ref);
  }

  async create(input: NewCase, now: Instant): Promise<Case> {
    const candidate = (ref: string) => ({ ...input, ref, version: 1, createdAt: now, updatedAt: now });
    // Invalid input must use up no ref: check it in full first.
    validateRecord(this.m.cases.schema, 'Case', candidate(PLACEHOLDER_REF));
    for (let tries = 0; tries < MAX_TAKEN_REFS; tries++) {
      const n = await this.counter.take(1);
      let outcome: Awaited<ReturnType<VersionedList<Case>['insert']>>;
      try {
        outcome = await this.records.insert(candidate(formatCaseRef(n)));
      } catch (error) {
        // Refused (busy, forbidden, invalid): nothing was created, so the ref can go back.
        if (error instanceof AppError) await this.counter.giveBack(n, 1);
        throw error;
      }
      if (outcome.status === 'created') return outcome.record;
    }
    throw new ConflictError(null, 'Every case ref tried is already in use: check the case_ref counter.');
  }

  update(ref: CaseRef, expectedVersion: number, patch: CasePatch, now: Instant): Promise<Case> {
    return this.records.update(ref, expectedVersion, patch, now);
  }

  /**
   * Creates many cases in few requests (spreadsheet import, seeding): all are validated first, their refs
   * taken from the counter in one conditional update, then they are written in JSON batches of 20.
   * Returns the cases in input order, refs in sequence.
   */
  async createMany(all: readonly NewCaseAt[]): Promise<Case[]> {
    if (all.length === 0) return [];
    const candidates = all.map(({ input, now }) => ({
      ...input,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }));
    candidates.forEach((c) => validateRecord(this.m.cases.schema, 'Case', { ...c, ref: PLACEHOLDER_REF }));
    const first = await this.counter.take(all.length);
    return this.records.insertMany(candidates.map((c, i) => ({ ...c, ref: formatCaseRef(first + i) })));
  }
}
