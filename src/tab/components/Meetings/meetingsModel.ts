/**
 * The meetings screens' rules, kept out of the components so they read as plain functions: which
 * meetings are still to come and which belong to the archive, London times for people, the agenda in
 * SPEC's sections, and the record being made "now".
 */
import { londonInstant, toLondonDate } from '../../../domain/calendar';
import { AGENDA_SECTION_LABELS } from '../../../domain/labels';
import type {
  AgendaItem,
  AgendaSection,
  Escalation,
  LocalDate,
  Meeting,
  MeetingCaseRecord,
} from '../../../domain/types';

// The labels are kept in agenda order (the tab takes no values from domain/types).
const SECTIONS = Object.keys(AGENDA_SECTION_LABELS) as AgendaSection[];

const meetingTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** `Tue 7 Apr 2026, 09:30`, London time whatever the device's time zone. */
export function formatMeetingTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : meetingTime.format(d);
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/London',
});

/** `10:32:05`, London time: when the follow-along view last heard from the server. */
export function formatClock(d: Date): string {
  return clock.format(d);
}

/**
 * Still to come: in progress first, then scheduled meetings from today on, soonest first. The archive:
 * held and cancelled meetings, and scheduled ones whose day has passed without being started, newest first.
 */
export function splitMeetings(
  meetings: readonly Meeting[],
  today: LocalDate,
): { upcoming: Meeting[]; archive: Meeting[] } {
  const upcoming: Meeting[] = [];
  const archive: Meeting[] = [];
  for (const m of meetings) {
    const day = toLondonDate(new Date(m.startsAt));
    if (m.status === 'in-progress' || (m.status === 'scheduled' && day >= today)) upcoming.push(m);
    else archive.push(m);
  }
  const rank = (m: Meeting) => (m.status === 'in-progress' ? 0 : 1);
  upcoming.sort((a, b) => rank(a) - rank(b) || a.startsAt.localeCompare(b.startsAt));
  archive.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return { upcoming, archive };
}

/** How an archived meeting stands, in words (colour is never the only signal). */
export function archiveStatus(m: Meeting): string {
  switch (m.status) {
    case 'cancelled':
      return 'Cancelled';
    case 'completed':
      return m.minutesPublishedAt ? 'Held · minutes published' : 'Held · minutes not yet published';
    case 'in-progress':
      return 'In progress';
    case 'scheduled':
      return 'Not held';
  }
}

/** A 24-hour `HH:MM` as a time input gives it. */
export function isClockTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** The ISO instant for a date and time typed as London wall-clock time; null when either is missing. */
export function startsAtFrom(date: LocalDate | null, time: string): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !isClockTime(time)) return null;
  return londonInstant(date, time).toISOString();
}

export interface AgendaGroup {
  section: AgendaSection;
  label: string;
  items: AgendaItem[];
}

/** The agenda in SPEC's section order, empty sections left out (items keep their agenda order). */
export function groupAgenda(items: readonly AgendaItem[]): AgendaGroup[] {
  return SECTIONS.map((section) => ({
    section,
    label: AGENDA_SECTION_LABELS[section],
    items: items.filter((i) => i.section === section),
  })).filter((g) => g.items.length > 0);
}

/** "3 cases: 1 new referral, 2 children of highest concern…" as section label and count. */
export function agendaCounts(items: readonly AgendaItem[]): { label: string; count: number }[] {
  return groupAgenda(items).map((g) => ({ label: g.label, count: g.items.length }));
}

/** The record saved last: what the meeting is discussing now. */
export function latestRecord(records: readonly MeetingCaseRecord[]): MeetingCaseRecord | null {
  let best: MeetingCaseRecord | null = null;
  for (const r of records) if (best === null || r.updatedAt > best.updatedAt) best = r;
  return best;
}

/** A record that says something (an autosave of empty text is not yet worth showing). */
export function hasContent(r: MeetingCaseRecord): boolean {
  return (
    r.summary !== '' ||
    r.decisions !== '' ||
    r.concernChange !== null ||
    r.actionIds.length > 0 ||
    r.escalationId !== null ||
    r.closure !== null ||
    (r.challengeNote ?? '') !== '' ||
    r.leadChange !== null
  );
}

export function escalationOverdue(e: Escalation, today: LocalDate): boolean {
  return e.response === null && e.responseDue < today;
}

/** Waiting ones first (overdue before the rest, soonest due first), then answered ones, newest first. */
export function sortEscalations(list: readonly Escalation[], today: LocalDate): Escalation[] {
  const rank = (e: Escalation) => (e.response !== null ? 2 : escalationOverdue(e, today) ? 0 : 1);
  return [...list].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.response === null
        ? a.responseDue.localeCompare(b.responseDue)
        : b.raisedOn.localeCompare(a.raisedOn)),
  );
}
