/**
 * Oversight (issue 17; ToR §4 "corporate oversight … with senior management oversight"): the list now,
 * and how it moved over a period, by month or by meeting. Each figure is a chart, its numbers as a table
 * and a one-sentence summary. The cases behind a figure are listed only for people who may read cases
 * (the server sends the refs only to them). Loaded lazily: the charts never weigh on the list.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { cellText, type FigureTable, nowTables, overTimeTables } from '../../../domain/oversightTables';
import { useApp } from '../../app/AppContext';
import { RouterLink } from '../common/RouterLink';
import { FigureChart } from './FigureChart';
import { useOversightStyles } from './Oversight.styles';
import { markOversightScreenLoaded } from './prefetch';
import { useOversight } from './useOversight';

const SCREEN = { suppress: false };
markOversightScreenLoaded();

/** The width a chart may take: its card's, followed as the frame resizes. */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(420);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

function FigureCard({ table, drill }: { table: FigureTable; drill: boolean }) {
  const styles = useOversightStyles();
  const titleId = useId();
  const [chartRef, width] = useWidth<HTMLDivElement>();
  const [open, setOpen] = useState<number | null>(null);
  const withRefs = drill && table.rows.some((r) => r.refs !== undefined);
  const openRow = open === null ? null : table.rows[open];
  return (
    <section className={styles.card} aria-labelledby={titleId} data-figure={table.id}>
      <h3 id={titleId} className={styles.cardTitle}>
        {table.title}
      </h3>
      <p className={styles.summary}>{table.summary}</p>
      <div ref={chartRef} className={styles.chart}>
        <FigureChart table={table} width={width} />
      </div>
      {/* A wide table scrolls sideways in a narrow frame: the wrapper is a focus stop for the keyboard. */}
      <div className={styles.tableWrap} tabIndex={0} role="group" aria-label={`${table.title}: table`}>
        <Table size="small" aria-label={`${table.title}: the numbers`}>
          <TableHeader>
            <TableRow>
              {table.columns.map((c, i) => (
                <TableHeaderCell key={c} className={i > 0 ? styles.number : undefined}>
                  {c}
                </TableHeaderCell>
              ))}
              {withRefs && <TableHeaderCell>Cases</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((r, i) => (
              <TableRow key={`${r.label}-${i}`}>
                <TableCell>{r.label}</TableCell>
                {r.cells.map((c, j) => (
                  <TableCell key={j} className={styles.number}>
                    {cellText(c, SCREEN)}
                  </TableCell>
                ))}
                {withRefs && (
                  <TableCell>
                    {r.refs && r.refs.length > 0 && (
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-expanded={open === i}
                        aria-label={`${open === i ? 'Hide cases' : `Show ${r.refs.length} cases`}: ${r.label}`}
                        onClick={() => setOpen(open === i ? null : i)}
                      >
                        {open === i ? 'Hide cases' : `Show ${r.refs.length} cases`}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {openRow?.refs && (
        <nav aria-label={`Cases: ${openRow.label}`}>
          <ul className={styles.refs}>
            {openRow.refs.map((ref) => (
              <li key={ref}>
                <RouterLink href={`/cases/${encodeURIComponent(ref)}`}>{ref}</RouterLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </section>
  );
}

function Help() {
  const styles = useOversightStyles();
  return (
    <Accordion collapsible className={styles.help}>
      <AccordionItem value="help">
        <AccordionHeader as="h2">How each figure is counted</AccordionHeader>
        <AccordionPanel>
          <ul>
            <li>
              <strong>On the list</strong>: every case that is not closed, referrals waiting for their first
              meeting included. Over time, a child is on the list from the referral date (the date of the next
              meeting after the referral was received) until the closure date: a child closed on the last day
              of a month is not on the list at that month’s end.
            </li>
            <li>
              <strong>Categories</strong>: a child in two categories counts in both, so the categories add up
              to more than the children; the summary says by how much.
            </li>
            <li>
              <strong>Weeks out of education</strong>: whole weeks from the “out of education since” date to
              today, in bands (4 to 8 means at least 4 and under 8). Children with no date are counted apart.
            </li>
            <li>
              <strong>Stuck</strong>: the group’s own rule: flagged by the chair, no progress at the last
              meetings, or an action deferred repeatedly. A case can be stuck for several reasons.
            </li>
            <li>
              <strong>Escalations</strong>: awaiting a response until one is recorded; overdue from the day
              after the response due date. Response times are working days from raising to the response.
            </li>
            <li>
              <strong>Actions by service</strong>: open actions by the service their owner works for; overdue
              when the due date has passed.
            </li>
            <li>
              <strong>Statutory prompts</strong>: a permanently excluded child with no provision by the 6th
              school day, and part-time timetables with no end or review date or past either.
            </li>
            <li>
              <strong>Referrals and closures</strong>: a referral counts in the month (or the weeks up to the
              meeting) of its referral date, a closure in that of its closure date, with its reason. A
              reopened case is not a new referral: it counts as a reopening, its earlier closure still counts,
              and weeks to closure run from the reopening.
            </li>
            <li>
              <strong>Actions completed</strong>: on time (by the due date it was set with), deferred then on
              time, or late (after its due date).
            </li>
            <li>
              <strong>Attendance</strong>: for meetings held, how many each service attended.
            </li>
            <li>
              <strong>By meeting</strong>: each meeting held in the period answers for the days since the
              meeting before it.
            </li>
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

export function OversightPage() {
  const { api, can } = useApp();
  const styles = useOversightStyles();
  const state = useOversight(api);
  const [by, setBy] = useState<'month' | 'meeting'>('month');
  const [format, setFormat] = useState<'docx' | 'xlsx'>('docx');
  const [suppress, setSuppress] = useState(false);
  const drill = can('case.read');
  const f = state.figures;
  // "Over time" renders in the frame after "Now", so the first charts paint without waiting for all.
  const [later, setLater] = useState(false);
  useEffect(() => {
    if (!f || later) return;
    const id = requestAnimationFrame(() => setLater(true));
    return () => cancelAnimationFrame(id);
  }, [f, later]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    state.apply();
  };

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>Oversight</h1>
      <p className={styles.lead}>
        Where the group stands today and how the list moved over a period: for senior managers’ oversight of
        stuck cases and of which service is behind. Figures only:{' '}
        {drill
          ? 'open a figure’s cases from its table.'
          : 'your role does not include the cases behind them.'}
      </p>

      <form className={styles.bar} onSubmit={onSubmit} aria-label="Period">
        <Field label="From">
          <Input type="date" value={state.from} onChange={(_, d) => state.setFrom(d.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={state.to} onChange={(_, d) => state.setTo(d.value)} />
        </Field>
        <Button type="submit" appearance="primary">
          Show figures
        </Button>
      </form>

      {state.status === 'error' && state.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{state.error.title}</MessageBarTitle>
            {state.error.detail}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'loading' && <Spinner label="Loading the figures…" />}

      {f && (
        <>
          <p className={styles.notes} role="status">
            Figures for {f.period.from} to {f.period.to}; “now” is {f.asOf}.
          </p>
          {f.notes.map((n) => (
            <p key={n} className={styles.notes}>
              {n}
            </p>
          ))}

          <div className={styles.bar} role="group" aria-label="Report">
            <Field label="Report format">
              <Select value={format} onChange={(_, d) => setFormat(d.value as 'docx' | 'xlsx')}>
                <option value="docx">Word (.docx)</option>
                <option value="xlsx">Excel (.xlsx)</option>
              </Select>
            </Field>
            <Checkbox
              checked={suppress}
              onChange={(_, d) => setSuppress(d.checked === true)}
              label="Show counts from 1 to 4 as “fewer than 5” (for circulation beyond the group)"
            />
            <Button
              disabledFocusable={state.downloading}
              onClick={() => void state.download(format, suppress)}
            >
              {state.downloading ? 'Preparing the report…' : 'Download report'}
            </Button>
          </div>
          {state.downloadError && (
            <MessageBar intent="error">
              <MessageBarBody>{state.downloadError.detail}</MessageBarBody>
            </MessageBar>
          )}

          <Help />

          <h2 className={styles.sectionTitle}>Now</h2>
          <div className={styles.grid}>
            {nowTables(f, SCREEN).map((t) => (
              <FigureCard key={t.id} table={t} drill={drill} />
            ))}
          </div>

          <h2 className={styles.sectionTitle}>Over time</h2>
          <TabList
            selectedValue={by}
            onTabSelect={(_, d) => setBy(d.value as 'month' | 'meeting')}
            aria-label="Over time, by"
          >
            <Tab value="month">By month</Tab>
            <Tab value="meeting">By meeting</Tab>
          </TabList>
          <div className={styles.grid}>
            {later &&
              overTimeTables(f, by === 'month' ? f.byMonth : f.byMeeting, by, SCREEN).map((t) => (
                <FigureCard key={t.id} table={t} drill={drill} />
              ))}
          </div>
        </>
      )}
    </div>
  );
}
