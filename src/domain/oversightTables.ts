/**
 * The oversight figures as tables with a one-sentence summary each: what the tab draws as a chart and
 * lists beneath it, and what the .docx and .xlsx report contain. One definition, so the screen and the
 * report never disagree. Presentation only (no rule is judged here); pure, so the tab may import it.
 *
 * Suppression (for circulation beyond the group): a count from 1 to 4 is shown as "fewer than 5", in the
 * cells and in the sentences. Medians and zeros are not counts of children and are shown as they are.
 */
import type { Bucket, Count, OversightFigures } from './oversight';

export type ChartKind = 'bar' | 'stacked' | 'line' | 'donut';

/** One cell: a count (suppressible), a measure (a median: never suppressed), or nothing. */
export type Cell = { count: number } | { measure: number | null };

export interface FigureRow {
  label: string;
  /** For a slice of time: its last day (a chart's x axis). */
  date?: string;
  cells: Cell[];
  /** The cases behind the row, when the caller may read cases (drill-down). */
  refs?: string[];
}

export interface FigureTable {
  id: string;
  title: string;
  summary: string;
  chart: ChartKind;
  /** The first column's heading, then one per cell. */
  columns: string[];
  rows: FigureRow[];
}

export interface TableOptions {
  /** Show counts from 1 to 4 as "fewer than 5". */
  suppress: boolean;
}

export const SUPPRESSED = 'fewer than 5';

/** A count for people: suppressed when asked and between 1 and 4. */
export function countText(n: number, options: TableOptions): string {
  return options.suppress && n >= 1 && n <= 4 ? SUPPRESSED : String(n);
}

export function cellText(cell: Cell, options: TableOptions): string {
  if ('count' in cell) return countText(cell.count, options);
  return cell.measure === null ? '–' : String(cell.measure);
}

/** A cell's number for a chart: suppressed counts are not drawn (null), so a bar cannot reveal them. */
export function cellValue(cell: Cell, options: TableOptions): number | null {
  if ('count' in cell) return options.suppress && cell.count >= 1 && cell.count <= 4 ? null : cell.count;
  return cell.measure;
}

const count = (n: number): Cell => ({ count: n });
const measure = (n: number | null): Cell => ({ measure: n });

function countRows(counts: Count[]): FigureRow[] {
  return counts.map((c) => ({
    label: c.label,
    cells: [count(c.count)],
    ...(c.refs ? { refs: c.refs } : {}),
  }));
}

function largest(counts: Count[]): Count | null {
  return counts.reduce<Count | null>((best, c) => (c.count > (best?.count ?? 0) ? c : best), null);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** The "now" tables. */
export function nowTables(f: OversightFigures, o: TableOptions): FigureTable[] {
  const n = f.now;
  const t = (x: number) => countText(x, o);
  const categorySum = sum(n.byCategory.map((c) => c.count));
  const topCategory = largest(n.byCategory);
  const topBand = largest(n.weeksOut);
  const overdueActions = sum(n.actionsByService.map((s) => s.overdue));
  const openActions = sum(n.actionsByService.map((s) => s.open));
  return [
    {
      id: 'now-category',
      title: 'Children on the list by category',
      summary:
        `${t(n.onList)} children are on the list; ${t(n.inSeveralCategories)} are in more than one category, ` +
        `so the categories add up to ${t(categorySum)}` +
        (topCategory ? `. The largest is "${topCategory.label}" (${t(topCategory.count)}).` : '.'),
      chart: 'bar',
      columns: ['Category', 'Children'],
      rows: countRows(n.byCategory),
    },
    {
      id: 'now-concern',
      title: 'Children on the list by concern',
      summary: `Of ${t(n.onList)} children on the list, ${n.byConcern.map((c) => `${t(c.count)} ${c.label.toLowerCase()}`).join(', ')} concern.`,
      chart: 'donut',
      columns: ['Concern', 'Children'],
      rows: countRows(n.byConcern),
    },
    {
      id: 'now-status',
      title: 'Children on the list by status',
      summary: `Of ${t(n.onList)} children on the list: ${n.byStatus.map((c) => `${c.label.toLowerCase()} ${t(c.count)}`).join(', ')}.`,
      chart: 'bar',
      columns: ['Status', 'Children'],
      rows: countRows(n.byStatus),
    },
    {
      id: 'now-year',
      title: 'Children on the list by year group',
      summary: `Children on the list by national curriculum year, reception to year 11; ${t(n.onList)} in all.`,
      chart: 'bar',
      columns: ['Year group', 'Children'],
      rows: countRows(n.byYearGroup),
    },
    {
      id: 'now-weeks-out',
      title: 'Weeks out of education',
      summary:
        (topBand
          ? `Most children on the list have been out ${topBand.label.toLowerCase()} (${t(topBand.count)}); `
          : '') + `${t(n.weeksOutNotRecorded)} have no date out of education recorded.`,
      chart: 'bar',
      columns: ['Weeks out', 'Children'],
      rows: [...countRows(n.weeksOut), { label: 'No date recorded', cells: [count(n.weeksOutNotRecorded)] }],
    },
    {
      id: 'now-stuck',
      title: 'Stuck cases',
      summary: `${t(n.stuck)} cases are stuck; a case may be stuck for more than one reason.`,
      chart: 'bar',
      columns: ['Reason', 'Cases'],
      rows: [
        { label: 'Stuck cases', cells: [count(n.stuck)], ...(n.stuckRefs ? { refs: n.stuckRefs } : {}) },
        ...countRows(n.stuckByReason),
      ],
    },
    {
      id: 'now-escalations',
      title: 'Escalations awaiting a response',
      summary: `${t(n.escalationsAwaiting)} escalations are awaiting a senior manager's response, ${t(n.escalationsOverdue)} of them past the due date.`,
      chart: 'bar',
      columns: ['Escalations', 'Number'],
      rows: [
        {
          label: 'Awaiting a response',
          cells: [count(n.escalationsAwaiting)],
          ...(n.escalationRefs ? { refs: n.escalationRefs } : {}),
        },
        {
          label: 'Past the response due date',
          cells: [count(n.escalationsOverdue)],
          ...(n.escalationOverdueRefs ? { refs: n.escalationOverdueRefs } : {}),
        },
      ],
    },
    {
      id: 'now-actions',
      title: "Open actions by the owner's service",
      summary: `${t(openActions)} actions are open, ${t(overdueActions)} of them overdue, across ${n.actionsByService.length} services.`,
      chart: 'stacked',
      columns: ['Service', 'Open, not overdue', 'Overdue'],
      rows: n.actionsByService.map((s) => ({
        label: s.service,
        cells: [count(s.open - s.overdue), count(s.overdue)],
        ...(s.refs ? { refs: s.refs } : {}),
      })),
    },
    {
      id: 'now-prompts',
      title: 'Statutory prompts outstanding',
      summary: `${t(n.promptCases)} cases have a statutory prompt outstanding (day-6 provision after a permanent exclusion, or a part-time timetable).`,
      chart: 'bar',
      columns: ['Prompt', 'Cases'],
      rows: [
        {
          label: 'Cases with a prompt',
          cells: [count(n.promptCases)],
          ...(n.promptRefs ? { refs: n.promptRefs } : {}),
        },
        ...countRows(n.prompts),
      ],
    },
  ];
}

/** The tables over time, for months or meetings. */
export function overTimeTables(
  f: OversightFigures,
  buckets: Bucket[],
  by: 'month' | 'meeting',
  o: TableOptions,
): FigureTable[] {
  const t = (x: number) => countText(x, o);
  const slice = by === 'month' ? 'Month' : 'Meeting';
  const p = `${by}-`;
  const total = (pick: (b: Bucket) => number) => sum(buckets.map(pick));
  const last = buckets[buckets.length - 1];
  const rows = (cells: (b: Bucket) => Cell[]): FigureRow[] =>
    buckets.map((b) => ({ label: b.label, date: b.end, cells: cells(b) }));
  const none = buckets.length === 0 ? ' No meetings were held in the period.' : '';
  return [
    {
      id: `${p}flow`,
      title: `Referrals, closures and children on the list, by ${by}`,
      summary:
        `Over the period ${t(total((b) => b.referralsIn))} referrals came in, ${t(total((b) => b.reopened))} cases were reopened and ` +
        `${t(total((b) => b.closures))} closed` +
        (last ? `; ${t(last.onListAtEnd)} children were on the list on ${last.end}.` : '.') +
        none,
      chart: 'line',
      columns: [slice, 'Referrals in', 'Reopened', 'Closures', 'On the list at the end'],
      rows: rows((b) => [count(b.referralsIn), count(b.reopened), count(b.closures), count(b.onListAtEnd)]),
    },
    {
      id: `${p}closure-reasons`,
      title: `Closures by reason, by ${by}`,
      summary: `${t(total((b) => b.closures))} closures over the period: ${
        f.closureReasons
          .map((r) => ({ r, n: total((b) => b.closuresByReason[r.key]) }))
          .filter((x) => x.n > 0)
          .map((x) => `${x.r.label.toLowerCase()} ${t(x.n)}`)
          .join(', ') || 'none'
      }.`,
      chart: 'stacked',
      columns: [slice, ...f.closureReasons.map((r) => r.label)],
      rows: rows((b) => f.closureReasons.map((r) => count(b.closuresByReason[r.key]))),
    },
    {
      id: `${p}weeks`,
      title: `Median weeks: referral to closure, and out of education at referral, by ${by}`,
      summary:
        'The median whole weeks from referral (or reopening) to closure for the closures in each slice, and the median weeks a child had been out of education on the referral date.' +
        none,
      chart: 'line',
      columns: [slice, 'Weeks to closure', 'Weeks out at referral'],
      rows: rows((b) => [measure(b.medianWeeksToClosure), measure(b.medianWeeksOutAtReferral)]),
    },
    {
      id: `${p}actions`,
      title: `Actions completed on time, after a deferral, or late, by ${by}`,
      summary: `Of ${t(total((b) => b.actionsOnTime + b.actionsDeferred + b.actionsLate))} actions completed, ${t(total((b) => b.actionsOnTime))} were on time, ${t(total((b) => b.actionsDeferred))} on time after a deferral and ${t(total((b) => b.actionsLate))} late.`,
      chart: 'stacked',
      columns: [slice, 'On time', 'Deferred, then on time', 'Late'],
      rows: rows((b) => [count(b.actionsOnTime), count(b.actionsDeferred), count(b.actionsLate)]),
    },
    {
      id: `${p}escalations`,
      title: `Escalations and response times, by ${by}`,
      summary: `${t(total((b) => b.escalationsRaised))} escalations were raised and ${t(total((b) => b.escalationsResponded))} answered, ${t(total((b) => b.escalationsRespondedInTime))} of them by the due date.`,
      chart: 'bar',
      columns: [slice, 'Raised', 'Answered', 'Answered by the due date', 'Median working days to answer'],
      rows: rows((b) => [
        count(b.escalationsRaised),
        count(b.escalationsResponded),
        count(b.escalationsRespondedInTime),
        measure(b.medianResponseWorkingDays),
      ]),
    },
    {
      id: `${p}attendance`,
      title: `Attendance at meetings by service, by ${by}`,
      // Meetings are not children: these are never suppressed.
      summary: `${total((b) => b.meetingsHeld)} meetings were held; each service's figure is the number of them it attended.`,
      chart: 'bar',
      columns: [slice, 'Meetings held', ...f.services],
      rows: rows((b) => [
        measure(b.meetingsHeld),
        ...f.services.map((s) => measure(b.attendanceByService[s] ?? 0)),
      ]),
    },
  ];
}

/** Every table in the report's order: now, by month, by meeting. */
export function allTables(f: OversightFigures, o: TableOptions): FigureTable[] {
  return [
    ...nowTables(f, o),
    ...overTimeTables(f, f.byMonth, 'month', o),
    ...overTimeTables(f, f.byMeeting, 'meeting', o),
  ];
}
