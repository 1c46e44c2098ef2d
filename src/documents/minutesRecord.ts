/**
 * The minutes of a meeting as the store keeps them: the content, built once from the store as it is when
 * the meeting finishes, and the .docx rendered from that same content. Finishing a meeting and the demo
 * seeder (whose held meetings need minutes like any other) both make them here.
 */
import { buildMinutes, type MinutesContent } from '../domain/minutes';
import type { Instant, Meeting } from '../domain/types';
import type { MinutesRecord, Store } from '../store/ports';
import { renderMinutesDocx } from './minutesDocx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the minutes of `meeting` say, from the cases, actions and escalations in the store now. */
export async function minutesContentFrom(store: Store, meeting: Meeting): Promise<MinutesContent> {
  const refs = new Set([
    ...meeting.records.map((r) => r.caseRef),
    ...(meeting.agenda ?? []).map((i) => i.caseRef),
  ]);
  const disclosures = (await store.disclosures.listAll()).filter((d) => d.meetingId === meeting.id);
  for (const d of disclosures) refs.add(d.caseRef);
  const [cases, actions, escalations] = await Promise.all([
    Promise.all([...refs].map((ref) => store.cases.get(ref))),
    store.actions.list({ meetingId: meeting.id }),
    store.escalations.list({}),
  ]);
  return buildMinutes({
    meeting,
    cases: cases.filter((c) => c !== null),
    actions,
    escalations,
    disclosures,
  });
}

/** The record to store: the content and the document rendered from it. */
export async function minutesRecordOf(
  content: MinutesContent,
  meetingId: string,
  now: Instant,
): Promise<MinutesRecord> {
  return {
    meetingId,
    fileName: `CMOE minutes ${content.date}.docx`,
    contentType: DOCX,
    bytes: await renderMinutesDocx(content),
    createdAt: now,
    content,
  };
}
