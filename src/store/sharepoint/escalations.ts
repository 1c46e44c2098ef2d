import type { Escalation, Instant } from '../../domain/types';
import { newId } from '../ids';
import type {
  EscalationPatch,
  EscalationRedaction,
  EscalationQuery,
  EscalationStore,
  NewEscalation,
} from '../ports';
import type { ListItems } from './items';
import { allOf, filterOn, type Mappings } from './mapper';
import { VersionedList, type MalformedReporter, type ModelView } from './versioned';

const responded = (e: Escalation) => e.response !== null || e.respondedOn !== null;
const byRaisedThenId = (a: Escalation, b: Escalation) =>
  a.raisedOn === b.raisedOn ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.raisedOn < b.raisedOn ? -1 : 1;

/** Escalations to senior managers, ordered by the day raised then id. */
export class SharePointEscalationStore implements EscalationStore {
  readonly records: VersionedList<Escalation>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
    view: ModelView<Escalation> | null = null,
  ) {
    this.records = new VersionedList<Escalation>(
      items,
      m.escalations,
      reportMalformed,
      ['caseRef', 'raisedBy'],
      'id',
      view,
    );
  }

  async list(query: EscalationQuery = {}): Promise<Escalation[]> {
    const f = filterOn(this.m.escalations.list);
    const parts: string[] = [];
    if (query.caseRef !== undefined) parts.push(f.eq('CaseRef', query.caseRef));
    if (query.awaitingResponse !== undefined) parts.push(f.eq('Responded', !query.awaitingResponse));
    return this.records.list(
      allOf(parts),
      (e) =>
        (query.caseRef === undefined || e.caseRef === query.caseRef) &&
        (query.awaitingResponse === undefined || responded(e) !== query.awaitingResponse),
      byRaisedThenId,
    );
  }

  get(id: string): Promise<Escalation | null> {
    return this.records.get(id);
  }

  create(input: NewEscalation, now: Instant): Promise<Escalation> {
    return this.records.insertNew({
      earlierResponses: [],
      ...input,
      id: newId(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(id: string, expectedVersion: number, patch: EscalationPatch, now: Instant): Promise<Escalation> {
    return this.records.update(id, expectedVersion, patch, now);
  }

  redact(id: string, expectedVersion: number, patch: EscalationRedaction, now: Instant): Promise<Escalation> {
    return this.records.update(id, expectedVersion, patch, now, ['raisedBy']);
  }
}
