import {
  DEFAULT_FILTERS,
  NO_LEAD,
  SAVED_VIEWS,
  activeFilterCount,
  activeView,
  filterCases,
  lastMeetingStart,
  leadOptions,
  sortCases,
} from '../../src/tab/components/CaseList/caseListModel';
import { makeSummary } from './fakeApi';

const flags = {
  stuck: false,
  overdue: false,
  ehcp: false,
  socialCare: false,
  cseRisk: false,
  statutory: false,
};
const rows = [
  makeSummary(1, { firstName: 'Alpha', lastName: 'Zed', concern: 'high', lead: 'Lee', categories: ['cme'] }),
  makeSummary(2, { firstName: 'Bravo', lastName: 'Young', status: 'closed', weeksOut: null }),
  makeSummary(3, {
    firstName: 'Charlie',
    lastName: 'Xu',
    concern: 'low',
    categories: ['medically-unfit'],
    flags: { ...flags, stuck: true },
    createdAt: '2026-03-24T09:00:00.000Z',
    nextActionDue: '2026-03-30',
    weeksOut: 30,
  }),
  makeSummary(4, {
    firstName: 'Delta',
    lastName: 'Zed',
    flags: { ...flags, overdue: true, cseRisk: true },
    lead: 'Ann',
    nextActionDue: '2026-03-10',
    categories: ['permanently-excluded', 'off-rolling'],
  }),
];
const ctx = { mineRefs: new Set(['CMOE-0004']), lastMeetingAt: '2026-03-22T10:00:00.000Z' };
const refs = (xs: { ref: string }[]) => xs.map((x) => x.ref);

describe('the CMOE list model', () => {
  test('by default shows every case that is not closed', () => {
    expect(refs(filterCases(rows, DEFAULT_FILTERS, ctx))).toEqual(['CMOE-0001', 'CMOE-0003', 'CMOE-0004']);
  });

  test('filters by status, concern, category, lead, stuck, overdue, mine and new since the last meeting', () => {
    const f = (patch: Partial<typeof DEFAULT_FILTERS>) =>
      refs(filterCases(rows, { ...DEFAULT_FILTERS, ...patch }, ctx));
    expect(f({ status: ['closed'] })).toEqual(['CMOE-0002']);
    expect(f({ status: [] })).toHaveLength(4);
    expect(f({ concern: ['high', 'low'] })).toEqual(['CMOE-0001', 'CMOE-0003']);
    expect(f({ category: ['off-rolling', 'cme'] })).toEqual(['CMOE-0001', 'CMOE-0004']);
    expect(f({ lead: 'Ann' })).toEqual(['CMOE-0004']);
    expect(f({ lead: NO_LEAD })).toEqual(['CMOE-0003']);
    expect(f({ stuck: true })).toEqual(['CMOE-0003']);
    expect(f({ overdue: true })).toEqual(['CMOE-0004']);
    expect(f({ mine: true })).toEqual(['CMOE-0004']);
    expect(f({ newSinceLastMeeting: true })).toEqual(['CMOE-0003']);
  });

  test('"my cases" shows nothing until the server has said which are mine', () => {
    expect(filterCases(rows, { ...DEFAULT_FILTERS, mine: true }, { ...ctx, mineRefs: null })).toEqual([]);
  });

  test('searches ref, first and last name, case-insensitively, every word', () => {
    const q = (text: string) => refs(filterCases(rows, { ...DEFAULT_FILTERS, status: [], q: text }, ctx));
    expect(q('zed')).toEqual(['CMOE-0001', 'CMOE-0004']);
    expect(q('delta ZED')).toEqual(['CMOE-0004']);
    expect(q('cmoe-0003')).toEqual(['CMOE-0003']);
    expect(q('  ')).toHaveLength(4);
  });

  test('sorts by any column both ways, missing values last, ties by ref', () => {
    const s = (key: Parameters<typeof sortCases>[1]['key'], direction: 'ascending' | 'descending') =>
      refs(sortCases(rows, { key, direction }));
    expect(s('ref', 'descending')).toEqual(['CMOE-0004', 'CMOE-0003', 'CMOE-0002', 'CMOE-0001']);
    expect(s('name', 'ascending')).toEqual(['CMOE-0003', 'CMOE-0002', 'CMOE-0001', 'CMOE-0004']);
    expect(s('concern', 'descending')[0]).toBe('CMOE-0001');
    expect(s('concern', 'ascending')[0]).toBe('CMOE-0003');
    expect(s('weeksOut', 'descending')).toEqual(['CMOE-0003', 'CMOE-0001', 'CMOE-0004', 'CMOE-0002']);
    expect(s('weeksOut', 'ascending')).toEqual(['CMOE-0001', 'CMOE-0004', 'CMOE-0003', 'CMOE-0002']);
    expect(s('nextActionDue', 'ascending')).toEqual(['CMOE-0004', 'CMOE-0003', 'CMOE-0001', 'CMOE-0002']);
    expect(s('lead', 'ascending')).toEqual(['CMOE-0004', 'CMOE-0001', 'CMOE-0002', 'CMOE-0003']);
    expect(s('flags', 'descending')).toEqual(['CMOE-0004', 'CMOE-0003', 'CMOE-0001', 'CMOE-0002']);
    expect(s('categories', 'descending')[0]).toBe('CMOE-0004');
    expect(s('status', 'descending')[0]).toBe('CMOE-0002');
  });

  test('saved views set their filters, and the active one is recognised', () => {
    for (const v of SAVED_VIEWS) expect(activeView({ ...v.filters, q: 'anything' })).toBe(v.id);
    expect(activeView(DEFAULT_FILTERS)).toBeNull();
    expect(activeView({ ...DEFAULT_FILTERS, concern: ['high'], stuck: true })).toBeNull();
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, status: [], mine: true, q: 'x' })).toBe(2);
  });

  test('offers the leads in the list, "no lead" last, and finds the last meeting held', () => {
    expect(leadOptions(rows)).toEqual(['Ann', 'Lee', NO_LEAD]);
    const now = new Date('2026-03-25T10:00:00.000Z');
    expect(
      lastMeetingStart(
        [
          { startsAt: '2026-02-09T10:00:00.000Z', status: 'completed' },
          { startsAt: '2026-03-09T10:00:00.000Z', status: 'completed' },
          { startsAt: '2026-03-20T10:00:00.000Z', status: 'cancelled' },
          { startsAt: '2026-04-07T09:00:00.000Z', status: 'scheduled' },
        ],
        now,
      ),
    ).toBe('2026-03-09T10:00:00.000Z');
    expect(lastMeetingStart([], now)).toBeNull();
  });
});
