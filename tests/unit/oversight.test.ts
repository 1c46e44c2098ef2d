/**
 * The oversight figures over one fixed, hand-made fixture. Every expected number below was counted by
 * hand from the fixture (the comments say how), and the month-end counts are also checked against a
 * deliberately simple second implementation that walks the calendar day by day.
 *
 * The fixture has the cases the issue asks for: multi-category children (0001, 0005), a reopened case
 * (0002), a closure on a month's last day (0003) and a child referred and closed in the same month (0004).
 */
import { addDays, toLondonDate } from '../../src/domain/calendar';
import {
  defaultPeriod,
  episodesOf,
  median,
  oversightFigures,
  periodProblem,
  withoutRefs,
  type Bucket,
  type Count,
  type OversightRecords,
} from '../../src/domain/oversight';
import { cellText, cellValue, nowTables, overTimeTables } from '../../src/domain/oversightTables';
import type { Action, Attendee, Case, Meeting } from '../../src/domain/types';
import { deferrals, makeAction, makeCase, makeEscalation, policyWith } from './fixtures';

const NOW = new Date('2026-06-15T09:00:00Z'); // a Monday
const TODAY = toLondonDate(NOW);
const POLICY = policyWith();
const PERIOD = { from: '2026-01-01', to: TODAY };

const att = (service: string | null): Attendee => ({ name: `Someone from ${service}`, service, email: null });

function heldMeeting(
  id: string,
  startsAt: string,
  services: (string | null)[],
  status: Meeting['status'] = 'completed',
): Meeting {
  return {
    id,
    startsAt,
    chair: null,
    attendees: services.map(att),
    apologies: [],
    status,
    agenda: null,
    records: [],
    minutesPublishedAt: null,
    createdAt: startsAt,
    updatedAt: startsAt,
    version: 1,
  };
}

const cases: Case[] = [
  // A: two categories, open, stuck for no progress, permanently excluded with no provision (day-6 prompt).
  makeCase({
    ref: 'CMOE-0001',
    categories: ['permanently-excluded', 'part-time-or-ap'],
    concern: 'high',
    yearGroup: '9',
    status: 'open',
    referralDate: '2026-01-06',
    outOfEducationSince: '2025-12-01',
    exclusionDate: '2026-05-01',
    provision: 'none',
    lastProgressAt: '2026-01-06T10:00:00.000Z',
  }),
  // B: referred in January, closed 10 February, reopened 3 March, escalated now.
  makeCase({
    ref: 'CMOE-0002',
    categories: ['cme'],
    concern: 'medium',
    yearGroup: '7',
    status: 'escalated',
    referralDate: '2026-01-06',
    outOfEducationSince: null,
    lastProgressAt: '2026-06-01T10:00:00.000Z',
    reopenings: [
      {
        closure: { reason: 'school-place', date: '2026-02-10', note: null },
        reopenedOn: '2026-03-03',
        reopenedAt: '2026-03-03T11:00:00.000Z',
      },
    ],
  }),
  // C: closed on 31 March, the last day of the month.
  makeCase({
    ref: 'CMOE-0003',
    status: 'closed',
    referralDate: '2026-02-03',
    outOfEducationSince: '2026-01-01',
    closure: { reason: 'ehe-confirmed', date: '2026-03-31', note: null },
  }),
  // D: referred 28 April and closed 30 April.
  makeCase({
    ref: 'CMOE-0004',
    status: 'closed',
    referralDate: '2026-04-28',
    outOfEducationSince: '2026-03-01',
    closure: { reason: 'moved-out', date: '2026-04-30', note: null },
  }),
  // E: three categories, flagged stuck, a part-time timetable with no end or review date.
  makeCase({
    ref: 'CMOE-0005',
    categories: ['no-school-place', 'off-rolling', 'cme'],
    concern: 'low',
    yearGroup: 'R',
    status: 'referred',
    referralDate: '2026-05-26',
    outOfEducationSince: '2025-06-01',
    provision: 'part-time-timetable',
    stuckFlag: true,
    lastProgressAt: '2026-05-20T09:00:00.000Z',
  }),
  // F: referred before the period, still open, monitoring.
  makeCase({
    ref: 'CMOE-0006',
    concern: 'medium',
    yearGroup: '11',
    status: 'monitoring',
    referralDate: '2025-10-07',
    outOfEducationSince: '2026-04-20',
    lastProgressAt: '2026-05-01T09:00:00.000Z',
  }),
  // G: closed before the period: in no figure.
  makeCase({
    ref: 'CMOE-0007',
    status: 'closed',
    referralDate: '2025-09-09',
    closure: { reason: 'left-uk', date: '2025-12-15', note: null },
  }),
];

const actions: Action[] = [
  makeAction({ id: 'a1', caseRef: 'CMOE-0001', ownerService: 'Education', dueDate: '2026-06-01' }),
  makeAction({ id: 'a2', caseRef: 'CMOE-0002', ownerService: 'SEND', dueDate: '2026-07-01' }),
  makeAction({
    id: 'a3',
    caseRef: 'CMOE-0006',
    status: 'done',
    dueDate: '2026-02-27',
    completedOn: '2026-02-20',
  }),
  makeAction({
    id: 'a4',
    caseRef: 'CMOE-0006',
    status: 'done',
    dueDate: '2026-03-13',
    completedOn: '2026-03-10',
    deferrals: deferrals(1),
  }),
  makeAction({
    id: 'a5',
    caseRef: 'CMOE-0002',
    status: 'done',
    dueDate: '2026-04-10',
    completedOn: '2026-04-15',
  }),
  makeAction({
    id: 'a6',
    caseRef: 'CMOE-0005',
    ownerService: '  ',
    dueDate: '2026-06-10',
    deferrals: deferrals(2),
  }),
  makeAction({ id: 'a7', caseRef: 'CMOE-0001', status: 'cancelled', dueDate: '2026-02-01' }),
];

const escalations = [
  makeEscalation({
    id: 'e1',
    caseRef: 'CMOE-0002',
    raisedOn: '2026-03-03',
    responseDue: '2026-03-17',
    response: 'Agreed',
    respondedOn: '2026-03-16',
  }),
  makeEscalation({ id: 'e2', caseRef: 'CMOE-0001', raisedOn: '2026-05-26', responseDue: '2026-06-09' }),
  makeEscalation({ id: 'e3', caseRef: 'CMOE-0006', raisedOn: '2026-06-10', responseDue: '2026-06-24' }),
  makeEscalation({
    id: 'e4',
    caseRef: 'CMOE-0003',
    raisedOn: '2026-02-03',
    responseDue: '2026-02-17',
    response: 'Late',
    respondedOn: '2026-02-24',
  }),
];

const meetings: Meeting[] = [
  heldMeeting('m0', '2025-12-09T10:00:00.000Z', ['Education']),
  heldMeeting('m1', '2026-01-06T10:00:00.000Z', ['Education', 'SEND']),
  heldMeeting('m2', '2026-02-03T10:00:00.000Z', ['Education', 'Education']),
  heldMeeting('m3', '2026-03-03T10:00:00.000Z', ['Education', 'SEND', 'Social care']),
  heldMeeting('m4', '2026-03-31T09:00:00.000Z', ['SEND']),
  heldMeeting('m5', '2026-04-28T09:00:00.000Z', ['Education']),
  heldMeeting('m6', '2026-05-26T09:00:00.000Z', ['Education', null]),
  heldMeeting('mx', '2026-06-09T09:00:00.000Z', ['Education'], 'cancelled'),
  heldMeeting('m7', '2026-06-23T09:00:00.000Z', [], 'scheduled'),
];

const records: OversightRecords = { cases, actions, meetings, escalations };
const figures = oversightFigures(records, PERIOD, NOW, POLICY);

const countsOf = (counts: Count[]) =>
  Object.fromEntries(counts.filter((c) => c.count > 0).map((c) => [c.key, c.count]));
const refsOf = (counts: Count[], key: string) => counts.find((c) => c.key === key)?.refs;
const column = <K extends keyof Bucket>(buckets: Bucket[], key: K) => buckets.map((b) => b[key]);

describe('oversight figures now', () => {
  it('counts the children not closed, a child in several categories in each of them', () => {
    expect(figures.now.onList).toBe(4); // A, B, E, F
    expect(countsOf(figures.now.byCategory)).toEqual({
      'permanently-excluded': 1,
      'part-time-or-ap': 1,
      cme: 2, // B and E
      'no-school-place': 2, // E and F (F has the fixture's default category)
      'off-rolling': 1,
    });
    expect(figures.now.inSeveralCategories).toBe(2); // A and E
    expect(refsOf(figures.now.byCategory, 'cme')).toEqual(['CMOE-0002', 'CMOE-0005']);
  });

  it('counts concern, status and year group over the children on the list', () => {
    expect(countsOf(figures.now.byConcern)).toEqual({ high: 1, medium: 2, low: 1 });
    expect(countsOf(figures.now.byStatus)).toEqual({ open: 1, escalated: 1, referred: 1, monitoring: 1 });
    expect(countsOf(figures.now.byYearGroup)).toEqual({ R: 1, '7': 1, '9': 1, '11': 1 });
  });

  it('bands weeks out of education today and counts the children with no date apart', () => {
    // A: 196 days = 28 weeks; E: 379 days = 54 weeks; F: 56 days = 8 weeks; B has no date.
    expect(countsOf(figures.now.weeksOut)).toEqual({ '26-52': 1, '52-plus': 1, '8-13': 1 });
    expect(figures.now.weeksOutNotRecorded).toBe(1);
  });

  it('counts stuck cases by the stuck rule, with each reason', () => {
    // The last two held meetings are 28 April and 26 May: A has made no progress since January; E is
    // flagged and has an action deferred twice. The cancelled meeting of 9 June does not count.
    expect(figures.now.stuck).toBe(2);
    expect(figures.now.stuckRefs).toEqual(['CMOE-0001', 'CMOE-0005']);
    expect(countsOf(figures.now.stuckByReason)).toEqual({ flagged: 1, 'no-progress': 1, deferred: 1 });
  });

  it('counts escalations awaiting a response and those past their due date', () => {
    expect(figures.now.escalationsAwaiting).toBe(2); // e2, e3
    expect(figures.now.escalationsOverdue).toBe(1); // e2, due 9 June
    expect(figures.now.escalationOverdueRefs).toEqual(['CMOE-0001']);
  });

  it("counts open and overdue actions by the owner's service, a blank service apart", () => {
    expect(
      figures.now.actionsByService.map(({ service, open, overdue }) => ({ service, open, overdue })),
    ).toEqual([
      { service: 'Education', open: 1, overdue: 1 },
      { service: 'SEND', open: 1, overdue: 0 },
      { service: 'Service not recorded', open: 1, overdue: 1 },
    ]);
  });

  it('counts the statutory prompts outstanding', () => {
    // A: excluded 1 May, 6th school day 11 May (4 May is a bank holiday); E: timetable with no dates.
    expect(figures.now.promptCases).toBe(2);
    expect(countsOf(figures.now.prompts)).toEqual({
      'day6-no-provision': 1,
      'timetable-no-end-or-review': 1,
    });
  });
});

describe('oversight figures by month', () => {
  const months = figures.byMonth;

  it('has one slice per calendar month of the period, the last clipped to today', () => {
    expect(months.map((b) => `${b.start}..${b.end}`)).toEqual([
      '2026-01-01..2026-01-31',
      '2026-02-01..2026-02-28',
      '2026-03-01..2026-03-31',
      '2026-04-01..2026-04-30',
      '2026-05-01..2026-05-31',
      '2026-06-01..2026-06-15',
    ]);
  });

  it('counts referrals by referral date and a reopening as a reopening, not a referral', () => {
    expect(column(months, 'referralsIn')).toEqual([2, 1, 0, 1, 1, 0]);
    expect(column(months, 'reopened')).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it("counts each closure once in its own month with its reason, a reopened case's first closure included", () => {
    expect(column(months, 'closures')).toEqual([0, 1, 1, 1, 0, 0]);
    expect(months[1]?.closuresByReason['school-place']).toBe(1); // B's first closure
    expect(months[2]?.closuresByReason['ehe-confirmed']).toBe(1); // C, on 31 March
    expect(months[3]?.closuresByReason['moved-out']).toBe(1); // D, referred and closed in April
  });

  it('counts the children on the list at each month end', () => {
    // Jan: A B F; Feb: A C F (B closed); Mar: A B F (B reopened, C closed on the 31st); Apr: A B F (D came
    // and went); May: A B E F; 15 Jun: the same four.
    expect(column(months, 'onListAtEnd')).toEqual([3, 3, 3, 3, 4, 4]);
  });

  it('takes medians of weeks to closure and of weeks out at referral', () => {
    // B 6 Jan -> 10 Feb: 5 weeks; C 3 Feb -> 31 Mar: 8; D 28 -> 30 Apr: 0.
    expect(column(months, 'medianWeeksToClosure')).toEqual([null, 5, 8, 0, null, null]);
    // Jan: A 5 weeks (B has no date); Feb: C 4; Apr: D 8; May: E 51.
    expect(column(months, 'medianWeeksOutAtReferral')).toEqual([5, 4, null, 8, 51, null]);
  });

  it('splits completed actions into on time, deferred and late', () => {
    expect(column(months, 'actionsOnTime')).toEqual([0, 1, 0, 0, 0, 0]);
    expect(column(months, 'actionsDeferred')).toEqual([0, 0, 1, 0, 0, 0]);
    expect(column(months, 'actionsLate')).toEqual([0, 0, 0, 1, 0, 0]);
  });

  it('measures escalation responses in working days', () => {
    expect(column(months, 'escalationsRaised')).toEqual([0, 1, 1, 0, 1, 1]);
    expect(column(months, 'escalationsResponded')).toEqual([0, 1, 1, 0, 0, 0]);
    expect(column(months, 'escalationsRespondedInTime')).toEqual([0, 0, 1, 0, 0, 0]);
    // e4: 3 Feb -> 24 Feb is 15 working days; e1: 3 Mar -> 16 Mar is 9.
    expect(column(months, 'medianResponseWorkingDays')).toEqual([null, 15, 9, null, null, null]);
  });

  it('counts the meetings each service attended, a service once per meeting', () => {
    expect(column(months, 'meetingsHeld')).toEqual([1, 1, 2, 1, 1, 0]);
    expect(column(months, 'attendanceByService')).toEqual([
      { Education: 1, SEND: 1 },
      { Education: 1 },
      { Education: 1, SEND: 2, 'Social care': 1 },
      { Education: 1 },
      { Education: 1, 'Service not recorded': 1 },
      {},
    ]);
    expect(figures.services).toEqual(['Education', 'SEND', 'Service not recorded', 'Social care']);
  });
});

describe('oversight figures by meeting', () => {
  const byMeeting = figures.byMeeting;

  it('slices the period at each meeting held, from the day after the one before', () => {
    expect(byMeeting.map((b) => `${b.key} ${b.start}..${b.end}`)).toEqual([
      'm1 2026-01-01..2026-01-06',
      'm2 2026-01-07..2026-02-03',
      'm3 2026-02-04..2026-03-03',
      'm4 2026-03-04..2026-03-31',
      'm5 2026-04-01..2026-04-28',
      'm6 2026-04-29..2026-05-26',
    ]);
  });

  it('counts referrals, closures and reopenings in the weeks up to each meeting', () => {
    expect(column(byMeeting, 'referralsIn')).toEqual([2, 1, 0, 0, 1, 1]);
    expect(column(byMeeting, 'closures')).toEqual([0, 0, 1, 1, 0, 1]);
    expect(column(byMeeting, 'reopened')).toEqual([0, 0, 1, 0, 0, 0]);
    expect(column(byMeeting, 'onListAtEnd')).toEqual([3, 4, 4, 3, 4, 4]);
    expect(byMeeting.map((b) => b.meetingsHeld)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

/**
 * The simple second implementation: replay each case's events day by day from before its referral and
 * read who is on the list at the end of each day. No episodes, no interval logic.
 */
function onListByDaySimply(all: readonly Case[], day: string): number {
  let n = 0;
  for (const c of all) {
    const events = new Map<string, 'on' | 'off-tonight'>();
    events.set(c.referralDate, 'on');
    for (const r of c.reopenings ?? []) {
      events.set(r.closure.date, 'off-tonight');
      events.set(r.reopenedOn, 'on');
    }
    if (c.closure) events.set(c.closure.date, 'off-tonight');
    let on = false;
    for (let d = '2025-01-01'; d <= day; d = addDays(d, 1)) {
      const e = events.get(d);
      if (e === 'on') on = true;
      if (e === 'off-tonight') on = false;
    }
    n += on ? 1 : 0;
  }
  return n;
}

describe('the month-end counts against a day-by-day replay', () => {
  it('agrees at every month end and meeting day of the period', () => {
    for (const b of [...figures.byMonth, ...figures.byMeeting]) {
      expect({ day: b.end, count: b.onListAtEnd }).toEqual({
        day: b.end,
        count: onListByDaySimply(cases, b.end),
      });
    }
  });

  it('agrees with the "now" count at the end of today', () => {
    expect(onListByDaySimply(cases, TODAY)).toBe(figures.now.onList);
  });
});

describe('oversight helpers', () => {
  it('splits a reopened case into episodes at each reopening', () => {
    expect(episodesOf(cases[1] as Case).map((e) => [e.start, e.closure?.date ?? null, e.reopened])).toEqual([
      ['2026-01-06', '2026-02-10', false],
      ['2026-03-03', null, true],
    ]);
  });

  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 8])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('defaults to the last 12 calendar months up to today', () => {
    expect(defaultPeriod('2026-06-15')).toEqual({ from: '2025-07-01', to: '2026-06-15' });
    expect(defaultPeriod('2026-01-31')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
  });

  it('refuses a period that ends before it starts, ends after today or spans more than 60 months', () => {
    expect(periodProblem({ from: '2026-03-01', to: '2026-02-01' }, TODAY)).toMatch(
      /not end before it starts/,
    );
    expect(periodProblem({ from: '2026-03-01', to: '2026-06-16' }, TODAY)).toMatch(/after today/);
    expect(periodProblem({ from: '2021-06-01', to: '2026-06-15' }, TODAY)).toMatch(/at most 60 months/);
    expect(periodProblem({ from: '2021-07-01', to: '2026-06-15' }, TODAY)).toBeNull();
  });

  it('strips every case ref for a caller who may not read cases', () => {
    const json = JSON.stringify(withoutRefs(figures));
    expect(json).not.toMatch(/CMOE-\d/);
    expect(JSON.parse(json).now.onList).toBe(4);
  });

  it('says that closures before reopenings were recorded may be incomplete', () => {
    expect(figures.notes.join(' ')).toMatch(/Reopenings are recorded from 2026-12-08/);
    expect(
      oversightFigures(
        records,
        { from: '2026-12-08', to: '2026-12-31' },
        new Date('2027-01-04T09:00:00Z'),
        POLICY,
      ).notes,
    ).toEqual([]);
  });
});

describe('the figures as tables (screen and report)', () => {
  const SUPPRESS = { suppress: true };
  const FULL = { suppress: false };

  it('shows counts from 1 to 4 as "fewer than 5" when asked, in cells and sentences, never zeros or medians', () => {
    const [category] = nowTables(figures, SUPPRESS);
    expect(category?.summary).toBe(
      'fewer than 5 children are on the list; fewer than 5 are in more than one category, so the categories add up to 7. The largest is "No school place or awaiting a place" (fewer than 5).',
    );
    const cells = category?.rows.map((r) => [r.label, cellText(r.cells[0]!, SUPPRESS)]);
    expect(cells).toContainEqual(['High rate of suspensions', '0']);
    expect(cells).toContainEqual(['Reported missing education (CME)', 'fewer than 5']);
    const weeks = overTimeTables(figures, figures.byMonth, 'month', SUPPRESS).find(
      (t) => t.id === 'month-weeks',
    );
    // Medians are not counts of children: 51 weeks is shown, and so is 5.
    expect(weeks?.rows.map((r) => r.cells.map((c) => cellText(c, SUPPRESS)))).toEqual([
      ['–', '5'],
      ['5', '4'],
      ['8', '–'],
      ['0', '8'],
      ['–', '51'],
      ['–', '–'],
    ]);
  });

  it('draws no bar for a suppressed count, so a chart cannot reveal it', () => {
    const [category] = nowTables(figures, SUPPRESS);
    const cme = category?.rows.find((r) => r.label === 'Reported missing education (CME)');
    expect(cellValue(cme!.cells[0]!, SUPPRESS)).toBeNull();
    expect(cellValue(cme!.cells[0]!, FULL)).toBe(2);
  });

  it('carries the refs behind a row only when the figures have them', () => {
    const withRefs = nowTables(figures, FULL).find((t) => t.id === 'now-stuck');
    expect(withRefs?.rows[0]?.refs).toEqual(['CMOE-0001', 'CMOE-0005']);
    const without = nowTables(withoutRefs(figures), FULL).find((t) => t.id === 'now-stuck');
    expect(without?.rows.every((r) => r.refs === undefined)).toBe(true);
  });
});
