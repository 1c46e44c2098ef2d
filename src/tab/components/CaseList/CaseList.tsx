/**
 * The CMOE list: search, filters, saved views, sortable columns, and virtualised rows so 5,000 cases
 * scroll smoothly (only the rows in view are in the DOM; `aria-rowcount` / `aria-rowindex` tell
 * assistive technology where each one sits). Each row's ref is a real link to the case (Enter opens it,
 * arrow keys move between rows); a click anywhere on the row opens it too.
 */
import { Button, Text, mergeClasses } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef } from 'react';
import { CATEGORY_LABELS, YEAR_GROUP_LABELS } from '../../../domain/labels';
import type { CaseSummary } from '../../../domain/views';
import { formatDateShort, todayLondon } from '../../lib/format';
import { CATEGORY_SHORT_LABELS, yearGroupShort } from '../../lib/options';
import { useFixedRows } from '../../lib/fixedRows';
import { navigate, pathOf } from '../../lib/router';
import { ConcernBadge, FlagBadges, StatusBadge } from '../common/CaseBadges';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { CaseFilters, SavedViews } from './CaseFilters';
import { ROW_HEIGHT, useCaseListStyles } from './CaseList.styles';
import { ExportMenu, ExportResult, useCaseExport } from './ExportMenu';
import type { SortKey } from './caseListModel';
import type { CaseListState } from './useCaseList';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

interface Column {
  key: SortKey;
  label: string;
  /** Flex basis in px and how much of the spare width it takes. */
  width: number;
  grow: number;
}

export const COLUMNS: readonly Column[] = [
  { key: 'ref', label: 'Ref', width: 116, grow: 0 },
  { key: 'name', label: 'Name', width: 160, grow: 2 },
  { key: 'yearGroup', label: 'Year', width: 60, grow: 0 },
  { key: 'categories', label: 'Categories', width: 140, grow: 2 },
  { key: 'concern', label: 'Concern', width: 100, grow: 0 },
  { key: 'status', label: 'Status', width: 108, grow: 0 },
  { key: 'weeksOut', label: 'Weeks out', width: 96, grow: 0 },
  { key: 'lead', label: 'Lead', width: 130, grow: 1 },
  { key: 'nextActionDue', label: 'Next action due', width: 132, grow: 0 },
  { key: 'flags', label: 'Flags', width: 230, grow: 2 },
];

/** The columns' total basis: the table scrolls sideways below this width. */
export const TABLE_MIN_WIDTH = COLUMNS.reduce((n, c) => n + c.width, 0);

const colStyle = (c: Column) => ({ flex: `${c.grow} 0 ${c.width}px` });

function Row({ c, index, start, today }: { c: CaseSummary; index: number; start: number; today: string }) {
  const styles = useCaseListStyles();
  const href = pathOf({ name: 'case', ref: c.ref });
  const name = `${c.firstName} ${c.lastName}`;
  const categories = c.categories.map((k) => CATEGORY_LABELS[k]).join('; ');
  const overdueDue = c.nextActionDue !== null && c.nextActionDue < today;
  const cells: Record<SortKey, ReactNode> = {
    ref: (
      <RouterLink href={href} className={styles.rowLink} aria-label={`${c.ref}, ${name}`}>
        {c.ref}
      </RouterLink>
    ),
    name: (
      <span className={styles.nowrap} title={name}>
        {name}
      </span>
    ),
    yearGroup: <span title={YEAR_GROUP_LABELS[c.yearGroup]}>{yearGroupShort(c.yearGroup)}</span>,
    categories: (
      <span className={styles.nowrap} title={categories}>
        {c.categories.map((k) => CATEGORY_SHORT_LABELS[k]).join(', ')}
      </span>
    ),
    concern: <ConcernBadge concern={c.concern} />,
    status: <StatusBadge status={c.status} />,
    weeksOut: c.weeksOut === null ? <span className={styles.muted}>—</span> : c.weeksOut,
    lead: c.lead ? (
      <span className={styles.nowrap} title={c.lead}>
        {c.lead}
      </span>
    ) : (
      <span className={styles.muted}>No lead</span>
    ),
    nextActionDue: c.nextActionDue ? (
      <span className={overdueDue ? styles.overdueDate : undefined}>{formatDateShort(c.nextActionDue)}</span>
    ) : (
      <span className={styles.muted}>None</span>
    ),
    flags: <FlagBadges flags={c.flags} />,
  };
  return (
    <TableRow
      className={styles.row}
      aria-rowindex={index + 2}
      data-index={index}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={(e) => {
        // The ref link handles its own click (and Ctrl-click for a new tab).
        if ((e.target as HTMLElement).closest('a')) return;
        navigate(href);
      }}
    >
      {COLUMNS.map((col) => (
        <TableCell key={col.key} className={styles.cell} style={colStyle(col)}>
          {cells[col.key]}
        </TableCell>
      ))}
    </TableRow>
  );
}

export function CaseList({ list }: { list: CaseListState }) {
  const styles = useCaseListStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const rows = list.rows;
  const exporter = useCaseExport(list);
  const today = todayLondon();
  // The sticky header sits inside the scroller, above the rows: the rows start one row down, and a
  // row scrolled to must not hide under the header. The scroll position is kept (in the list's state)
  // while the user looks at a case; the rows refresh in the background.
  const virtual = useFixedRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    header: ROW_HEIGHT,
    overscan: 8,
    offset: list.scrollOffset,
  });
  const setScroller = virtual.ref;
  const scrollerRef = useCallback(
    (node: HTMLDivElement | null) => {
      scroller.current = node;
      setScroller(node);
    },
    [setScroller],
  );

  const { reload, status } = list;
  useEffect(() => {
    if (status === 'ready') void reload();
    // Only when the list is shown again, not on every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row || !(e.target as HTMLElement).matches('a')) return;
    const index = Number(row.dataset.index);
    const next =
      e.key === 'ArrowDown'
        ? Math.min(rows.length - 1, index + 1)
        : e.key === 'ArrowUp'
          ? Math.max(0, index - 1)
          : e.key === 'Home'
            ? 0
            : rows.length - 1;
    e.preventDefault();
    const linkAt = (i: number) => scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"] a`);
    virtual.scrollToIndex(next);
    // Rendered already (overscan): focus now, so fast key presses each move one row.
    const now = linkAt(next);
    if (now) {
      now.focus();
      return;
    }
    const focus = (tries: number) =>
      requestAnimationFrame(() => {
        const link = linkAt(next);
        if (link) link.focus();
        else if (tries > 0) focus(tries - 1);
      });
    focus(5);
  }

  const countText =
    list.status !== 'ready'
      ? ''
      : list.pending
        ? 'Updating…'
        : `Showing ${rows.length.toLocaleString('en-GB')} of ${list.all.length.toLocaleString('en-GB')} cases`;

  return (
    <section className={styles.root} aria-labelledby="cases-title">
      <div className={styles.titleRow}>
        <h1 id="cases-title" className={styles.title}>
          CMOE list
        </h1>
        <Text className={styles.count} role="status" aria-live="polite">
          {countText}
        </Text>
        <span className={styles.spacer} />
        <SavedViews list={list} />
        <Button
          appearance="subtle"
          icon={<ArrowClockwise20Regular />}
          onClick={() => void list.reload()}
          disabled={list.refreshing || list.status === 'loading'}
        >
          {list.refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
        <ExportMenu exporter={exporter} />
      </div>
      <ExportResult exporter={exporter} />
      <CaseFilters list={list} />
      {list.error && (
        <ProblemBar
          error={list.error}
          action={
            <Button size="small" onClick={() => void list.reload()}>
              Try again
            </Button>
          }
        />
      )}
      {list.status === 'loading' ? (
        <Spinner label="Loading the CMOE list…" />
      ) : list.status === 'error' ? null : rows.length === 0 && !list.pending ? (
        <div className={styles.empty}>
          <Text weight="semibold">No cases match these filters.</Text>
          {(list.filterCount > 0 || list.filters.q) && (
            <Button
              onClick={() => {
                list.clearFilters();
                list.setFilters({ q: '' });
              }}
            >
              Clear search and filters
            </Button>
          )}
        </div>
      ) : (
        <div ref={scrollerRef} className={styles.scroller} onKeyDown={onKeyDown}>
          <Table
            noNativeElements
            sortable
            aria-label="CMOE cases"
            aria-rowcount={rows.length + 1}
            className={styles.table}
            style={{ minWidth: TABLE_MIN_WIDTH }}
          >
            <TableHeader className={styles.header}>
              <TableRow aria-rowindex={1} style={{ height: ROW_HEIGHT }}>
                {COLUMNS.map((col) => (
                  <TableHeaderCell
                    key={col.key}
                    className={mergeClasses(styles.headerCell, styles.cell)}
                    style={colStyle(col)}
                    sortDirection={list.sort.key === col.key ? list.sort.direction : undefined}
                    onClick={() => list.sortBy(col.key)}
                  >
                    {col.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody className={styles.body} style={{ height: virtual.totalHeight }}>
              {rows.slice(virtual.first, virtual.end).map((c, i) => {
                const index = virtual.first + i;
                return <Row key={c.ref} c={c} index={index} start={index * ROW_HEIGHT} today={today} />;
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
