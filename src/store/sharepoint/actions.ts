import type { Action, Instant } from '../../domain/types';
import { newId } from '../ids';
import type { ActionPatch, ActionRedaction, ActionQuery, ActionStore, NewAction } from '../ports';
import type { ListItems } from './items';
import { allOf, filterOn, type Mappings } from './mapper';
import { VersionedList, type MalformedReporter, type ModelView } from './versioned';

const byDueThenId = (a: Action, b: Action) =>
  a.dueDate === b.dueDate ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.dueDate < b.dueDate ? -1 : 1;

/** SMART actions, ordered by due date then id (sorted here: SharePoint's order is by item id). */
export class SharePointActionStore implements ActionStore {
  readonly records: VersionedList<Action>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
    view: ModelView<Action> | null = null,
  ) {
    this.records = new VersionedList<Action>(
      items,
      m.actions,
      reportMalformed,
      ['caseRef', 'createdBy'],
      'id',
      view,
    );
  }

  async list(query: ActionQuery = {}): Promise<Action[]> {
    if (query.status?.length === 0) return [];
    const f = filterOn(this.m.actions.list);
    const parts: string[] = [];
    if (query.caseRef !== undefined) parts.push(f.eq('CaseRef', query.caseRef));
    if (query.ownerId !== undefined) parts.push(f.eq('OwnerId', query.ownerId));
    if (query.status !== undefined) parts.push(f.oneOf('ActionStatus', query.status));
    if (query.meetingId !== undefined) parts.push(f.eq('MeetingId', query.meetingId));
    return this.records.list(
      allOf(parts),
      (a) =>
        (query.caseRef === undefined || a.caseRef === query.caseRef) &&
        (query.ownerId === undefined || a.owner?.id === query.ownerId) &&
        (query.status === undefined || query.status.includes(a.status)) &&
        (query.meetingId === undefined || a.meetingId === query.meetingId),
      byDueThenId,
    );
  }

  get(id: string): Promise<Action | null> {
    return this.records.get(id);
  }

  create(input: NewAction, now: Instant): Promise<Action> {
    return this.records.insertNew({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now });
  }

  update(id: string, expectedVersion: number, patch: ActionPatch, now: Instant): Promise<Action> {
    return this.records.update(id, expectedVersion, patch, now);
  }

  redact(id: string, expectedVersion: number, patch: ActionRedaction, now: Instant): Promise<Action> {
    return this.records.update(id, expectedVersion, patch, now, ['createdBy']);
  }

  /** Creates many actions in JSON batches of 20 (import, seeding); input order kept. */
  createMany(all: readonly { input: NewAction; now: Instant }[]): Promise<Action[]> {
    return this.records.insertMany(
      all.map(({ input, now }) => ({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now })),
    );
  }
}
