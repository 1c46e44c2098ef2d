import { DEV_USERS } from '../../src/auth/devUsers';
import {
  generateDemoData,
  MAX_RECORDS_PER_MEETING,
  PAST_MEETINGS,
  UPCOMING_MEETINGS,
} from '../../src/demo/generate';
import type { DemoData } from '../../src/demo/generate';
import { SYNTHETIC_FIRST_NAMES, SYNTHETIC_LAST_NAMES, SYNTHETIC_SCHOOLS } from '../../src/demo/vocabulary';
import { isDueSoon, isOverdue } from '../../src/domain/actions';
import { buildAgenda } from '../../src/domain/agenda';
import { londonInstant, toLondonDate } from '../../src/domain/calendar';
import { checkEligibility } from '../../src/domain/eligibility';
import { referralDateFor } from '../../src/domain/meetings';
import { DEFAULT_POLICY, policySchema } from '../../src/domain/policy';
import { statutoryPrompts } from '../../src/domain/prompts';
import { stuckStatus } from '../../src/domain/stuck';
import {
  ACTION_STATUSES,
  AGENDA_SECTIONS,
  actionSchema,
  CASE_STATUSES,
  CATEGORIES,
  caseFieldsSchema,
  caseSchema,
  caseUpdateSchema,
  CLOSURE_REASONS,
  CONCERNS,
  CSE_RISKS,
  ESCALATION_TARGETS,
  escalationSchema,
  LIST_CHECK_LISTS,
  meetingSchema,
  PROVISIONS,
  REFERRAL_SOURCES,
  SEND_STATUSES,
  SOCIAL_CARE_STATUSES,
  YEAR_GROUPS,
} from '../../src/domain/types';
import { yearGroupFor } from '../../src/domain/yearGroup';
import { byCase, materialise } from './materialise';

const policy = DEFAULT_POLICY;
/** A Wednesday in term, not a meeting day (the group meets on alternate-month Tuesdays). */
const TODAY = '2026-03-18';
const NOW = londonInstant(TODAY, '12:00');
const OWNERS = DEV_USERS.filter((u) => u.roles.includes('CMOE.Member'));

const cache = new Map<string, DemoData>();
function demo(cases: number, seed = 1, today = TODAY): DemoData {
  const key = `${cases}|${seed}|${today}`;
  let data = cache.get(key);
  if (data === undefined) {
    data = generateDemoData({ cases, seed, today, policy });
    cache.set(key, data);
  }
  return data;
}

function values<T>(items: readonly T[]): Set<T> {
  return new Set(items);
}

describe('determinism', () => {
  it('gives byte-identical data for the same seed and day', () => {
    const a = generateDemoData({ cases: 120, seed: 7, today: TODAY, policy });
    const b = generateDemoData({ cases: 120, seed: 7, today: TODAY, policy });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual(b);
  });

  it('gives different data for a different seed or day', () => {
    const a = generateDemoData({ cases: 50, seed: 1, today: TODAY, policy });
    expect(generateDemoData({ cases: 50, seed: 2, today: TODAY, policy })).not.toEqual(a);
    expect(generateDemoData({ cases: 50, seed: 1, today: '2026-03-19', policy })).not.toEqual(a);
  });

  it('defaults the seed to 1', () => {
    expect(generateDemoData({ cases: 30, today: TODAY, policy })).toEqual(demo(30, 1));
  });

  it('rejects a bad case count or day', () => {
    expect(() => generateDemoData({ cases: -1, today: TODAY, policy })).toThrow(RangeError);
    expect(() => generateDemoData({ cases: 1.5, today: TODAY, policy })).toThrow(RangeError);
    expect(() => generateDemoData({ cases: 1, today: '2026-02-30', policy })).toThrow(RangeError);
  });

  it('makes meetings and nothing else for zero cases', () => {
    const data = generateDemoData({ cases: 0, today: TODAY, policy });
    expect(data.cases).toEqual([]);
    expect(data.actions).toEqual([]);
    expect(data.meetings).toHaveLength(PAST_MEETINGS + UPCOMING_MEETINGS);
  });
});

describe.each([
  [1, TODAY],
  [2, '2026-09-02'],
  [42, '2026-11-28'],
])('coverage at 200 cases (seed %i, as of %s)', (seed, today) => {
  const data = demo(200, seed, today);
  const cases = data.cases;

  it('covers every value of every case enum', () => {
    expect(values(cases.flatMap((c) => c.categories))).toEqual(values(CATEGORIES));
    expect(values(cases.map((c) => c.provision))).toEqual(values(PROVISIONS));
    expect(values(cases.map((c) => c.referralSource))).toEqual(values(REFERRAL_SOURCES));
    expect(values(cases.map((c) => c.sendStatus))).toEqual(values(SEND_STATUSES));
    expect(values(cases.map((c) => c.socialCareStatus))).toEqual(values(SOCIAL_CARE_STATUSES));
    expect(values(cases.map((c) => c.cseRisk))).toEqual(values(CSE_RISKS));
    expect(values(cases.map((c) => c.concern))).toEqual(values(CONCERNS));
    expect(values(cases.map((c) => c.status))).toEqual(values(CASE_STATUSES));
    expect(values(cases.map((c) => c.yearGroup))).toEqual(values(YEAR_GROUPS));
    expect(values(cases.flatMap((c) => (c.closure ? [c.closure.reason] : [])))).toEqual(
      values(CLOSURE_REASONS),
    );
    expect(values(cases.flatMap((c) => c.listChecks.map((l) => l.list)))).toEqual(values(LIST_CHECK_LISTS));
  });

  it('covers every action status and escalation target', () => {
    expect(values(data.actions.map((a) => a.status))).toEqual(values(ACTION_STATUSES));
    expect(values(data.escalations.map((e) => e.to))).toEqual(values(ESCALATION_TARGETS));
  });

  it('puts every section on the agenda of the next meeting', () => {
    const m = materialise(data);
    const next = m.meetings.find((x) => x.status === 'scheduled');
    const agenda = buildAgenda({
      cases: m.cases,
      actions: m.actions,
      escalations: m.escalations,
      meetings: m.meetings,
      meetingStartsAt: new Date(next!.startsAt),
      now: londonInstant(today, '12:00'),
      policy,
    });
    expect(values(agenda.map((i) => i.section))).toEqual(values(AGENDA_SECTIONS));
  });
});

describe('closure reasons', () => {
  it.each([1, 2, 3, 4, 5])('shows every closure reason in 50 cases (seed %i)', (seed) => {
    const reasons = demo(50, seed).cases.flatMap((c) => (c.closure ? [c.closure.reason] : []));
    expect(values(reasons)).toEqual(values(CLOSURE_REASONS));
  });

  it('gives closed cases a reason and a date, and open ones neither', () => {
    for (const c of demo(200).cases) {
      if (c.status === 'closed') {
        expect(c.closure).not.toBeNull();
        expect(c.closure!.date >= c.receivedOn && c.closure!.date < TODAY).toBe(true);
      } else {
        expect(c.closure).toBeNull();
      }
    }
  });
});

describe('obviously synthetic people and places', () => {
  const data = demo(500, 3);

  it('names every child from the fictional lists', () => {
    const first = new Set<string>(SYNTHETIC_FIRST_NAMES);
    const last = new Set<string>(SYNTHETIC_LAST_NAMES);
    for (const c of data.cases) {
      expect(first.has(c.firstName)).toBe(true);
      expect(last.has(c.lastName)).toBe(true);
    }
  });

  it('uses only synthetic schools and fake-looking UPNs', () => {
    for (const c of data.cases) {
      if (c.lastSchool !== null) {
        expect(SYNTHETIC_SCHOOLS).toContain(c.lastSchool);
        expect(c.lastSchool).toMatch(/\(synthetic\)$/);
      }
      if (c.upn !== null) expect(c.upn).toMatch(/^X0000\d{7}[A-Z]$/);
    }
    expect(new Set(data.cases.flatMap((c) => (c.upn ? [c.upn] : []))).size).toBe(
      data.cases.filter((c) => c.upn !== null).length,
    );
  });

  it('uses only "Demo ..." professionals with example.org emails', () => {
    const people = [
      ...data.cases.flatMap((c) => [
        c.referredBy,
        ...(c.lead ? [c.lead.name] : []),
        ...c.listChecks.map((l) => l.checkedBy),
      ]),
      ...data.actions.flatMap((a) => [a.owner!.name, a.createdBy.name, ...a.deferrals.map((d) => d.by.name)]),
      ...data.updates.map((u) => u.by.name),
      ...data.escalations.flatMap((e) => [e.raisedBy.name, ...(e.toName ? [e.toName] : [])]),
      ...data.meetings.flatMap((m) => [...m.attendees, ...m.apologies].map((a) => a.name)),
    ];
    for (const name of people) expect(name).toMatch(/^Demo /);
    const emails = [
      ...data.cases.flatMap((c) => (c.lead?.email ? [c.lead.email] : [])),
      ...data.actions.map((a) => a.owner!.email),
      ...data.meetings.flatMap((m) =>
        [...m.attendees, ...m.apologies].flatMap((a) => (a.email ? [a.email] : [])),
      ),
    ];
    for (const email of emails) expect(email).toMatch(/@example\.org$/);
  });
});

describe('valid records', () => {
  const data = demo(300, 5);
  const m = materialise(data);

  it('passes the domain schemas', () => {
    for (const c of data.cases) expect(caseFieldsSchema.safeParse(c).error).toBeUndefined();
    for (const c of m.cases) expect(caseSchema.safeParse(c).error).toBeUndefined();
    for (const a of m.actions) expect(actionSchema.safeParse(a).error).toBeUndefined();
    for (const u of m.updates) expect(caseUpdateSchema.safeParse(u).error).toBeUndefined();
    for (const x of m.meetings) expect(meetingSchema.safeParse(x).error).toBeUndefined();
    for (const e of m.escalations) expect(escalationSchema.safeParse(e).error).toBeUndefined();
  });

  it('computes referral dates from the meetings and year groups from dates of birth', () => {
    let mismatched = 0;
    for (const c of m.cases) {
      expect(c.referralDate).toBe(referralDateFor(c.receivedOn, m.meetings, policy));
      expect(c.referralDate >= c.receivedOn).toBe(true);
      const on = c.closure?.date ?? TODAY;
      if (yearGroupFor(c.dateOfBirth, on) !== c.yearGroup) mismatched++;
      const age = (Date.parse(on) - Date.parse(c.dateOfBirth)) / (365.25 * 86_400_000);
      expect(age).toBeGreaterThan(3);
      expect(age).toBeLessThan(18);
    }
    // A few on purpose, for the eligibility warnings; most agree.
    expect(mismatched).toBeGreaterThan(0);
    expect(mismatched).toBeLessThan(m.cases.length / 10);
  });

  it('keeps every date in order and nothing after today', () => {
    for (const c of m.cases) {
      expect(c.receivedOn <= TODAY).toBe(true);
      expect(toLondonDate(new Date(c.createdAt))).toBe(c.receivedOn);
      expect(c.lastProgressAt >= c.createdAt).toBe(true);
      for (const l of c.listChecks) expect(l.checkedOn >= c.receivedOn && l.checkedOn <= TODAY).toBe(true);
    }
    const created = new Map(m.cases.map((c) => [c.ref, c.createdAt]));
    for (const a of m.actions) {
      expect(a.createdAt >= created.get(a.caseRef)!).toBe(true);
      if (a.completedOn !== null) expect(a.completedOn < TODAY).toBe(true);
      for (const d of a.deferrals) {
        expect(d.at > a.createdAt).toBe(true);
        expect(d.at <= NOW.toISOString()).toBe(true);
      }
      const last = a.deferrals[a.deferrals.length - 1];
      if (last) expect(last.to).toBe(a.dueDate);
    }
    for (const u of m.updates) expect(u.at >= created.get(u.caseRef)!).toBe(true);
  });

  it('lists cases in referral order, so refs come out chronological', () => {
    const at = m.cases.map((c) => c.createdAt);
    expect(at).toEqual([...at].sort());
  });

  it('has the CSE risk only when the CSE list was checked', () => {
    for (const c of m.cases) {
      const checked = c.listChecks.some((l) => l.list === 'cse');
      expect(c.cseRisk === 'not-checked').toBe(!checked);
    }
  });
});

describe('meetings', () => {
  const data = demo(200);

  it('has completed meetings on the cadence before today and scheduled ones after', () => {
    const past = data.meetings.filter((x) => x.status === 'completed');
    const upcoming = data.meetings.filter((x) => x.status === 'scheduled');
    expect(past).toHaveLength(PAST_MEETINGS);
    expect(upcoming).toHaveLength(UPCOMING_MEETINGS);
    for (const x of past) expect(toLondonDate(new Date(x.startsAt)) < TODAY).toBe(true);
    for (const x of upcoming) expect(toLondonDate(new Date(x.startsAt)) >= TODAY).toBe(true);
    const starts = data.meetings.map((x) => x.startsAt);
    expect(starts).toEqual([...starts].sort());
    // Dates on the 4-weekly Tuesday cadence, at 10:00 London time.
    for (const x of data.meetings) {
      expect(new Date(x.startsAt).getUTCDay()).toBe(2);
      expect(londonInstant(toLondonDate(new Date(x.startsAt)), '10:00').toISOString()).toBe(x.startsAt);
    }
  });

  it('records attendance, apologies and published minutes for past meetings', () => {
    const past = data.meetings.filter((x) => x.status === 'completed');
    for (const x of past) expect(x.attendees.length).toBeGreaterThan(3);
    expect(past.some((x) => x.apologies.length > 0)).toBe(true);
    expect(past.filter((x) => x.minutesPublishedAt !== null).length).toBeGreaterThanOrEqual(
      PAST_MEETINGS - 1,
    );
    for (const x of data.meetings.filter((y) => y.status === 'scheduled')) {
      expect(x.agenda).toBeNull();
      expect(x.minutesPublishedAt).toBeNull();
    }
  });

  it('records, for the meetings that set them, the actions, escalations and closures', () => {
    const m = materialise(data);
    const actions = new Map(m.actions.map((a) => [a.id, a]));
    for (const x of m.meetings.filter((y) => y.status === 'completed')) {
      expect(x.records.length).toBeGreaterThan(0);
      expect(x.records.length).toBeLessThanOrEqual(MAX_RECORDS_PER_MEETING);
      for (const r of x.records) {
        for (const id of r.actionIds) {
          expect(actions.get(id)?.meetingId).toBe(x.id);
          expect(actions.get(id)?.caseRef).toBe(r.caseRef);
        }
      }
    }
    expect(m.meetings.some((x) => x.records.some((r) => r.closure !== null))).toBe(true);
    expect(m.meetings.some((x) => x.records.some((r) => r.escalationId !== null))).toBe(true);
  });

  it('keeps meetings a realistic size at benchmark scale', () => {
    const big = generateDemoData({ cases: 1500, today: TODAY, policy });
    for (const i of big.meetings.keys()) {
      expect(big.meetingRecords.filter((r) => r.meetingIndex === i).length).toBeLessThanOrEqual(
        MAX_RECORDS_PER_MEETING,
      );
    }
  });
});

describe('every rule has cases', () => {
  const data = demo(200);
  const m = materialise(data);
  const actionsByCase = byCase(m.actions);

  it('has cases stuck by each rule on its own', () => {
    const only = new Map<string, number>();
    for (const c of m.cases) {
      const s = stuckStatus(c, actionsByCase.get(c.ref) ?? [], m.meetings, NOW, policy);
      const codes = [...new Set(s.reasons.map((r) => r.code))];
      if (codes.length === 1) only.set(codes[0]!, (only.get(codes[0]!) ?? 0) + 1);
    }
    expect(only.get('flagged')).toBeGreaterThanOrEqual(3);
    expect(only.get('no-progress')).toBeGreaterThanOrEqual(3);
    expect(only.get('deferred')).toBeGreaterThanOrEqual(3);
  });

  it('leaves most open cases unstuck', () => {
    const live = m.cases.filter((c) => c.status !== 'closed');
    const stuck = live.filter(
      (c) => stuckStatus(c, actionsByCase.get(c.ref) ?? [], m.meetings, NOW, policy).stuck,
    );
    expect(stuck.length).toBeLessThan(live.length / 2);
  });

  it('has overdue, due-soon, done and cancelled actions', () => {
    expect(m.actions.filter((a) => isOverdue(a, TODAY)).length).toBeGreaterThan(10);
    expect(m.actions.filter((a) => isDueSoon(a, TODAY, policy.calendar, 3)).length).toBeGreaterThan(10);
    expect(m.actions.filter((a) => a.status === 'done' && a.completedOn !== null).length).toBeGreaterThan(10);
    expect(m.actions.some((a) => a.status === 'cancelled')).toBe(true);
  });

  it('gives every member and the chair several actions, some overdue and some due soon', () => {
    expect(OWNERS.map((u) => u.id)).toContain('dev-chair');
    for (const u of OWNERS) {
      const mine = m.actions.filter((a) => a.owner?.id === u.id);
      expect(mine.length).toBeGreaterThan(5);
      expect(mine.every((a) => a.ownerService === u.service)).toBe(true);
      expect(mine.filter((a) => isOverdue(a, TODAY)).length).toBeGreaterThanOrEqual(2);
      expect(mine.filter((a) => isDueSoon(a, TODAY, policy.calendar, 3)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('has statutory prompts of every kind', () => {
    const codes = new Set(m.cases.flatMap((c) => statutoryPrompts(c, TODAY, policy).map((p) => p.code)));
    expect(codes).toContain('day6-no-provision');
    expect(codes).toContain('timetable-no-end-or-review');
    expect(codes).toContain('timetable-review-passed');
  });

  it('has referrals with eligibility warnings', () => {
    const codes = new Set(
      m.cases.flatMap((c) => checkEligibility(c, TODAY, policy).warnings.map((w) => w.code)),
    );
    expect(codes).toContain('outside-compulsory-age');
    expect(codes).toContain('year-group-mismatch');
    expect(codes).toContain('out-less-than-threshold');
  });

  it('has escalations awaiting a response, overdue, and responded', () => {
    const awaiting = m.escalations.filter((e) => e.response === null && e.responseDue >= TODAY);
    const overdue = m.escalations.filter((e) => e.response === null && e.responseDue < TODAY);
    const responded = m.escalations.filter((e) => e.response !== null && e.respondedOn !== null);
    expect(awaiting.length).toBeGreaterThan(0);
    expect(overdue.length).toBeGreaterThan(0);
    expect(responded.length).toBeGreaterThan(0);
    for (const e of responded)
      expect(e.respondedOn! <= e.responseDue && e.respondedOn! >= e.raisedOn).toBe(true);
  });

  it('has new referrals since the last meeting and cases proposed for closure', () => {
    const lastHeld = m.meetings.filter((x) => x.status === 'completed').at(-1)!;
    const fresh = m.cases.filter((c) => c.createdAt > lastHeld.startsAt);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((c) => c.status === 'referred')).toBe(true);
    expect(m.cases.some((c) => c.proposedForClosure && c.status !== 'closed')).toBe(true);
  });

  it('follows a different stuck policy', () => {
    const strict = policySchema.parse({ ...policy, stuckMeetings: 3, stuckDeferrals: 3 });
    const d = materialise(generateDemoData({ cases: 100, today: TODAY, policy: strict }));
    const grouped = byCase(d.actions);
    const codes = new Set(
      d.cases.flatMap((c) =>
        stuckStatus(c, grouped.get(c.ref) ?? [], d.meetings, NOW, strict).reasons.map((r) => r.code),
      ),
    );
    expect(codes).toEqual(new Set(['flagged', 'no-progress', 'deferred']));
  });
});

describe('scale', () => {
  it('generates 5,000 cases', () => {
    const data = generateDemoData({ cases: 5000, seed: 9, today: TODAY, policy });
    expect(data.cases).toHaveLength(5000);
    expect(data.actions.length).toBeGreaterThan(10_000);
    expect(data.actions.every((a) => a.caseIndex >= 0 && a.caseIndex < 5000)).toBe(true);
  });
});
