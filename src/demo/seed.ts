/**
 * Writes generated demo data into a store, through the store port only, so it works on any adapter
 * (SQLite for `npm start` and benchmarks, the SharePoint adapter against a test site).
 */
import type { AgendaItem, Instant, MeetingCaseRecord } from '../domain/types';
import { minutesContentFrom, minutesRecordOf } from '../documents/minutesRecord';
import type { Store } from '../store/ports';
import type { DemoData, DemoMeetingRecord } from './generate';

/** How many records of each kind were written. A type alias, so it passes as plain log fields. */
export type SeedCounts = {
  cases: number;
  actions: number;
  meetings: number;
  escalations: number;
  updates: number;
};

/** True when the store holds no cases and no meetings (the seed command refuses to add to real data). */
export async function isStoreEmpty(store: Store): Promise<boolean> {
  if ((await store.meetings.list()).length > 0) return false;
  // The port has no count, so listing is the check; on a big store the meetings usually answer first.
  return (await store.cases.list()).length === 0;
}

function at(list: readonly string[], index: number | null, what: string): string | null {
  if (index === null) return null;
  const id = list[index];
  if (id === undefined) throw new RangeError(`demo data refers to ${what} ${index}, which does not exist`);
  return id;
}

/**
 * Seeds `data` into `store`: meetings first (actions and escalations point at them), then cases in
 * order (so refs follow referral order), then actions, escalations and timeline updates, and last the
 * completed meetings' agenda and records, which need refs and ids.
 *
 * Each record is created with its own historical instant (`createdAt` in the demo data) as the store's
 * `now`, so "referred since the last meeting" and timelines look real; an instant later than `now` (a
 * referral stamped later today) is written as `now`.
 */
export async function seedStore(store: Store, data: DemoData, now: Instant): Promise<SeedCounts> {
  const clamp = (instant: Instant): Instant => (instant > now ? now : instant);

  const meetingIds: string[] = [];
  const meetingVersions: number[] = [];
  for (const { createdAt, ...meeting } of data.meetings) {
    const created = await store.meetings.create(meeting, clamp(createdAt));
    meetingIds.push(created.id);
    meetingVersions.push(created.version);
  }

  // Cases, actions and timeline updates are the bulk of the data: bulk writes (one transaction in
  // SQLite, $batch requests of 20 in SharePoint).
  const refs = (
    await store.cases.createMany(
      data.cases.map(({ createdAt, ...c }) => ({ input: c, now: clamp(createdAt) })),
    )
  ).map((c) => c.ref);

  const actionIds = (
    await store.actions.createMany(
      data.actions.map(({ caseIndex, meetingIndex, createdAt, ...a }) => ({
        input: {
          ...a,
          caseRef: at(refs, caseIndex, 'case') as string,
          meetingId: at(meetingIds, meetingIndex, 'meeting'),
        },
        now: clamp(createdAt),
      })),
    )
  ).map((a) => a.id);

  const escalationIds: string[] = [];
  for (const { caseIndex, meetingIndex, createdAt, ...e } of data.escalations) {
    const caseRef = at(refs, caseIndex, 'case') as string;
    const meetingId = at(meetingIds, meetingIndex, 'meeting');
    escalationIds.push((await store.escalations.create({ ...e, caseRef, meetingId }, clamp(createdAt))).id);
  }

  await store.updates.addMany(
    data.updates.map(({ caseIndex, at: when, ...u }) => ({
      ...u,
      caseRef: at(refs, caseIndex, 'case') as string,
      at: clamp(when),
    })),
  );

  // One write per meeting: its frozen agenda and what it recorded for each case discussed.
  const byMeeting = new Map<number, DemoMeetingRecord[]>();
  for (const r of data.meetingRecords) {
    const list = byMeeting.get(r.meetingIndex);
    if (list) list.push(r);
    else byMeeting.set(r.meetingIndex, [r]);
  }
  for (const [meetingIndex, list] of byMeeting) {
    const id = at(meetingIds, meetingIndex, 'meeting') as string;
    const agenda: AgendaItem[] = [];
    const records: MeetingCaseRecord[] = [];
    let latest = '';
    for (const r of list) {
      const caseRef = at(refs, r.caseIndex, 'case') as string;
      agenda.push({ caseRef, section: r.section, reasons: [...r.reasons] });
      records.push({
        caseRef,
        summary: r.summary,
        decisions: r.decisions,
        concernChange: r.concernChange,
        leadChange: null,
        version: 1,
        actionIds: r.actionIndexes.map((n) => at(actionIds, n, 'action') as string),
        escalationId: at(escalationIds, r.escalationIndex, 'escalation'),
        closure: r.closure,
        challengeNote: r.challengeNote,
        updatedAt: clamp(r.updatedAt),
      });
      if (r.updatedAt > latest) latest = r.updatedAt;
    }
    const held = await store.meetings.update(
      id,
      meetingVersions[meetingIndex] ?? 1,
      { agenda, records },
      clamp(latest),
    );
    // A held meeting has its minutes, as finishing it in the tab would have left them (the archive's
    // download and the minutes view need them).
    if (held.status === 'completed') {
      const content = await minutesContentFrom(store, held);
      await store.minutes.put(await minutesRecordOf(content, id, clamp(latest)));
    }
  }

  return {
    cases: refs.length,
    actions: actionIds.length,
    meetings: meetingIds.length,
    escalations: escalationIds.length,
    updates: data.updates.length,
  };
}
