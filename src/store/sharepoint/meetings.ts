import type { Instant, Meeting } from '../../domain/types';
import { newId } from '../ids';
import type { MeetingPatch, MeetingQuery, MeetingStore, NewMeeting } from '../ports';
import { instantMs } from './instants';
import type { ListItems } from './items';
import { allOf, filterOn, type Mappings } from './mapper';
import { VersionedList, type MalformedReporter, type ModelView } from './versioned';

const byStartThenId = (a: Meeting, b: Meeting) =>
  Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Meetings, ordered by when they start (compared as instants, whatever their precision). */
export class SharePointMeetingStore implements MeetingStore {
  readonly records: VersionedList<Meeting>;

  constructor(
    items: ListItems,
    private readonly m: Mappings,
    reportMalformed: MalformedReporter,
    view: ModelView<Meeting> | null = null,
  ) {
    this.records = new VersionedList<Meeting>(items, m.meetings, reportMalformed, [], 'id', view);
  }

  async list(query: MeetingQuery = {}): Promise<Meeting[]> {
    const f = filterOn(this.m.meetings.list);
    const from = query.from === undefined ? undefined : instantMs(query.from, 'from');
    const to = query.to === undefined ? undefined : instantMs(query.to, 'to');
    const parts: string[] = [];
    if (from !== undefined) parts.push(f.ge('StartsAtMs', from));
    if (to !== undefined) parts.push(f.lt('StartsAtMs', to));
    return this.records.list(
      allOf(parts),
      (m) => {
        const at = Date.parse(m.startsAt);
        return (from === undefined || at >= from) && (to === undefined || at < to);
      },
      byStartThenId,
    );
  }

  get(id: string): Promise<Meeting | null> {
    return this.records.get(id);
  }

  create(input: NewMeeting, now: Instant): Promise<Meeting> {
    return this.records.insertNew({ ...input, id: newId(), version: 1, createdAt: now, updatedAt: now });
  }

  update(id: string, expectedVersion: number, patch: MeetingPatch, now: Instant): Promise<Meeting> {
    return this.records.update(id, expectedVersion, patch, now);
  }
}
