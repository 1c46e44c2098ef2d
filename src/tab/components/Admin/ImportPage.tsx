/**
 * Importing the group's spreadsheet (admins, import.run): choose the file (a labelled file input, or
 * drop it on the box), optionally a mapping file, check it (the server's dry run), read the report row
 * by row, then import. The report names rows, cells, fields and refs — never a child's details, which
 * an admin may not read.
 */
import { Button, Checkbox, Field, Select, Text, mergeClasses } from '@fluentui/react-components';
import {
  ArrowSync16Regular,
  Checkmark16Regular,
  DismissCircle16Filled,
  Edit16Regular,
  Add16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { type DragEvent, type ReactElement, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ImportRowReport } from '../../../domain/importing';
import type { ImportReport } from '../../client/adminApi';
import { useApp } from '../../app/AppContext';
import { plural } from '../../lib/format';
import { problemTitle } from '../common/ProblemBar';
import { useAdminStyles } from './Admin.styles';
import { ImportMapping } from './ImportMapping';
import { type ImportState, useImport } from './useImport';
import { UndoImport } from './UndoImport';
import { type MappingChoices, useImportMapping } from './useImportMapping';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Badge, type BadgeProps } from '@fluentui/react-components';
import { ProgressBar } from '@fluentui/react-components';

type Outcome = ImportRowReport['outcome'];

const OUTCOMES: Outcome[] = ['create', 'update', 'unchanged', 'rejected', 'conflict'];

const OUTCOME_WORDS: Record<Outcome, { dry: string; done: string }> = {
  create: { dry: 'Will create', done: 'Created' },
  update: { dry: 'Will update', done: 'Updated' },
  unchanged: { dry: 'Unchanged', done: 'Unchanged' },
  rejected: { dry: 'Rejected', done: 'Left out' },
  conflict: { dry: 'Conflict', done: 'Conflict' },
};

const OUTCOME_BADGE: Record<Outcome, { color: BadgeProps['color']; icon: ReactElement }> = {
  create: { color: 'success', icon: <Add16Regular /> },
  update: { color: 'brand', icon: <Edit16Regular /> },
  unchanged: { color: 'informative', icon: <Checkmark16Regular /> },
  rejected: { color: 'danger', icon: <DismissCircle16Filled /> },
  conflict: { color: 'warning', icon: <Warning16Filled /> },
};

const count = (n: number) => n.toLocaleString('en-GB');

/** What the running job is doing, in words: a phase and counts, never a value from the file. */
function progressWords(p: ImportState['progress'], busy: 'check' | 'import'): string {
  if (p === null || p.phase === 'reading') return 'Reading the file…';
  if (p.phase === 'checking')
    return busy === 'check'
      ? `Checking ${count(p.total)} ${p.total === 1 ? 'row' : 'rows'}…`
      : `Checking ${count(p.total)} rows again…`;
  if (p.phase === 'writing') return `Imported ${count(p.done)} of ${count(p.total)} rows`;
  return busy === 'check' ? 'Check finished' : 'Import finished';
}

/**
 * The running check or import (issue 19: a file of 5,000 rows takes a while): a labelled Fluent
 * ProgressBar (indeterminate until rows are being written) and a polite live status. The live text
 * moves by tenths while writing, so a screen reader hears a step every tenth of the way, not every poll.
 */
function JobProgress({ state }: { state: ImportState }): ReactElement | null {
  const styles = useAdminStyles();
  const busy = state.busy;
  if (busy === null) return null;
  const p = state.progress;
  const writing = p !== null && p.phase === 'writing' && p.total > 0;
  const fraction = writing ? Math.min(1, p.done / p.total) : undefined;
  const words = progressWords(p, busy);
  const announced = writing
    ? `Importing: ${Math.floor((fraction ?? 0) * 10) * 10}% of ${count(p.total)} rows written`
    : words;
  return (
    <div className={styles.section}>
      <Field label={busy === 'check' ? 'Checking the file' : 'Importing the file'} hint={words}>
        <ProgressBar value={fraction} thickness="large" aria-valuetext={words} />
      </Field>
      <Text role="status" aria-live="polite" className={styles.hint}>
        {announced}
      </Text>
    </div>
  );
}

/** How many report rows are rendered at first; more on request (a tracker can have 20,000). */
const PAGE = 200;

function outcomeWord(o: Outcome, dryRun: boolean): string {
  return OUTCOME_WORDS[o][dryRun ? 'dry' : 'done'];
}

function FilePicker({ state }: { state: ImportState }) {
  const styles = useAdminStyles();
  const fileId = useId();
  const mapId = useId();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) state.chooseFile(f);
  };
  return (
    <div
      className={mergeClasses(styles.drop, over && styles.dropActive)}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={fileId} className={styles.fileLabel}>
        Spreadsheet to import (.xlsx or .csv)
      </label>
      <input
        id={fileId}
        type="file"
        className={styles.fileInput}
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-describedby={`${fileId}-hint${state.fileError ? ` ${fileId}-error` : ''}`}
        aria-invalid={state.fileError ? true : undefined}
        onChange={(e) => state.chooseFile(e.currentTarget.files?.[0] ?? null)}
      />
      <span id={`${fileId}-hint`} className={styles.hint}>
        {state.file ? `Chosen: ${state.file.name}. ` : 'Choose a file, or drop it here. '}
        Up to 8 MB. Headers such as Surname, Forename, DOB, Reason and Date received are recognised.
      </span>
      {state.fileError && (
        <span id={`${fileId}-error`} className={styles.fieldError} role="alert">
          {state.fileError}
        </span>
      )}
      <label htmlFor={mapId} className={styles.fileLabel}>
        Mapping file (optional, .json)
      </label>
      <input
        id={mapId}
        type="file"
        className={styles.fileInput}
        accept=".json,application/json"
        aria-describedby={`${mapId}-hint${state.mapping?.error ? ` ${mapId}-error` : ''}`}
        aria-invalid={state.mapping?.error ? true : undefined}
        onChange={(e) => void state.chooseMapping(e.currentTarget.files?.[0] ?? null)}
      />
      <span id={`${mapId}-hint`} className={styles.hint}>
        Only for columns the import does not recognise: {'{ "columns": { "Pupil surname": "lastName" } }'}.
      </span>
      {state.mapping?.error && (
        <span id={`${mapId}-error`} className={styles.fieldError} role="alert">
          {state.mapping.error}
        </span>
      )}
    </div>
  );
}

function Counts({ report }: { report: ImportReport }) {
  const styles = useAdminStyles();
  const c = report.counts;
  const shown = OUTCOMES.filter((o) => o !== 'conflict' || c.conflict > 0);
  return (
    <dl className={styles.counts} aria-label="Rows by outcome">
      <div className={styles.count}>
        <dd className={styles.countValue}>{c.rows.toLocaleString('en-GB')}</dd>
        <dt className={styles.countLabel}>Rows</dt>
      </div>
      {shown.map((o) => (
        <div key={o} className={styles.count}>
          <dd className={styles.countValue}>{c[o].toLocaleString('en-GB')}</dd>
          <dt className={styles.countLabel}>{outcomeWord(o, report.dryRun)}</dt>
        </div>
      ))}
      <div className={styles.count}>
        <dd className={styles.countValue}>{c.actions.toLocaleString('en-GB')}</dd>
        <dt className={styles.countLabel}>{report.dryRun ? 'Actions to add' : 'Actions added'}</dt>
      </div>
      <div className={styles.count}>
        <dd className={styles.countValue}>{c.updates.toLocaleString('en-GB')}</dd>
        <dt className={styles.countLabel}>{report.dryRun ? 'Notes to add' : 'Notes added'}</dt>
      </div>
    </dl>
  );
}

function Details({ r }: { r: ImportRowReport }) {
  const styles = useAdminStyles();
  const lines: string[] = [];
  for (const i of r.issues)
    lines.push(i.column === null ? i.message : `Column '${i.column}', cell ${i.cell}: ${i.message}`);
  if (r.fields.length) lines.push(`Fields: ${r.fields.join(', ')}`);
  if (r.actions) lines.push(plural(r.actions, 'action', 'actions'));
  if (r.updates) lines.push(plural(r.updates, 'note', 'notes'));
  for (const w of r.warnings) lines.push(`Warning: ${w}`);
  if (lines.length === 0) return <span className={styles.muted}>—</span>;
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <ul className={styles.issues}>
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function ReportTable({ report }: { report: ImportReport }) {
  const styles = useAdminStyles();
  const [filter, setFilter] = useState<Outcome | 'all'>('all');
  const [limit, setLimit] = useState(PAGE);
  const rows = filter === 'all' ? report.rows : report.rows.filter((r) => r.outcome === filter);
  const visible = rows.slice(0, limit);
  const present = OUTCOMES.filter((o) => report.counts[o] > 0);
  return (
    <div className={styles.section}>
      <div className={styles.row}>
        <Field label="Show rows">
          <Select
            className={styles.narrow}
            value={filter}
            onChange={(_, d) => {
              setFilter(d.value as Outcome | 'all');
              setLimit(PAGE);
            }}
          >
            <option value="all">All ({report.counts.rows.toLocaleString('en-GB')})</option>
            {present.map((o) => (
              <option key={o} value={o}>
                {outcomeWord(o, report.dryRun)} ({report.counts[o].toLocaleString('en-GB')})
              </option>
            ))}
          </Select>
        </Field>
        <Text role="status" aria-live="polite">
          Showing {visible.length.toLocaleString('en-GB')} of {rows.length.toLocaleString('en-GB')} rows
        </Text>
      </div>
      <div className={styles.tableWrap}>
        <Table aria-label={report.dryRun ? 'Rows of the file, checked' : 'Rows of the file, imported'}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 80 }}>Row</TableHeaderCell>
              <TableHeaderCell style={{ width: 150 }}>Outcome</TableHeaderCell>
              <TableHeaderCell style={{ width: 130 }}>Case ref</TableHeaderCell>
              <TableHeaderCell>Details</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {visible.map((r) => (
              <TableRow key={r.row}>
                <TableCell>{r.row}</TableCell>
                <TableCell>
                  <Badge
                    appearance="tint"
                    color={OUTCOME_BADGE[r.outcome].color}
                    icon={OUTCOME_BADGE[r.outcome].icon}
                  >
                    {outcomeWord(r.outcome, report.dryRun)}
                  </Badge>
                </TableCell>
                <TableCell className={styles.nowrap}>
                  {r.ref ?? <span className={styles.muted}>{r.outcome === 'create' ? 'New' : '—'}</span>}
                </TableCell>
                <TableCell>
                  <Details r={r} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {rows.length > visible.length && (
        <Button className={styles.nowrap} onClick={() => setLimit((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - visible.length)} more rows
        </Button>
      )}
    </div>
  );
}

function Problem({ state }: { state: ImportState }) {
  const styles = useAdminStyles();
  const e = state.error;
  if (!e) return null;
  const title = e.code === 'Invalid' || e.status === 413 ? 'The file cannot be imported' : problemTitle(e);
  // A 413 comes from the body limit, before the import reads anything: say what the limit is.
  const detail = e.status === 413 ? `${e.detail} The import takes files up to 8 MB.` : e.detail;
  const shown = e.issues.slice(0, 10);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
        {shown.length > 0 && (
          <ul className={styles.issues}>
            {shown.map((i, n) => (
              <li key={n}>
                {i.path}: {i.message}
              </li>
            ))}
            {e.issues.length > shown.length && <li>and {e.issues.length - shown.length} more</li>}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

function ResultBar({ report }: { report: ImportReport }) {
  const c = report.counts;
  if (report.dryRun) {
    return (
      <MessageBar intent={c.rejected > 0 ? 'warning' : 'info'} layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>Checked: nothing has been written</MessageBarTitle>
          {plural(c.create, 'row', 'rows')} would create a case, {c.update} would update one, {c.unchanged}{' '}
          {c.unchanged === 1 ? 'is' : 'are'} unchanged
          {c.rejected > 0 ? `, and ${c.rejected} ${c.rejected === 1 ? 'is' : 'are'} rejected` : ''}.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent={report.written ? 'success' : 'info'} layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{report.written ? 'Imported' : 'Nothing was written'}</MessageBarTitle>
        {plural(c.create, 'case', 'cases')} created, {c.update} updated, {c.unchanged} unchanged
        {c.rejected > 0 ? `, ${plural(c.rejected, 'rejected row', 'rejected rows')} left out` : ''}
        {c.conflict > 0 ? `, ${c.conflict} changed in the app meanwhile (not written)` : ''}. Check the file
        again to confirm: every row it holds now reports unchanged.
      </MessageBarBody>
    </MessageBar>
  );
}

export function ImportPage() {
  const { api } = useApp();
  const styles = useAdminStyles();
  // The mapping step needs the chosen file, and the check needs the mapping step's choices.
  const choicesRef = useRef<() => MappingChoices>(() => ({ mapping: null }));
  const state = useImport(
    api,
    useCallback(() => choicesRef.current(), []),
  );
  const mapping = useImportMapping(
    api,
    state.fileError ? null : state.file,
    state.mapping && !state.mapping.error ? state.mapping.json : null,
  );
  choicesRef.current = mapping.choices;
  const { clearReport } = state;
  useEffect(() => {
    if (mapping.version > 0) clearReport();
  }, [mapping.version, clearReport]);
  const skipId = useId();
  const report = state.report;
  const blocked = state.blockedBecause;
  const canCheck =
    state.file !== null &&
    !state.fileError &&
    !state.mapping?.error &&
    state.busy === null &&
    mapping.blockedBecause === null;

  return (
    <section className={styles.root} aria-labelledby="import-title">
      <h1 id="import-title" className={styles.title}>
        Import the group’s spreadsheet
      </h1>
      <p className={styles.lead}>
        Check the file first: the check reports what each row would do and writes nothing. Rows are matched to
        cases by ref, UPN, or name and date of birth; blank cells change nothing, and importing the same file
        again changes nothing.
      </p>
      <FilePicker state={state} />
      <ImportMapping state={mapping} />
      <div className={styles.row}>
        <Button
          appearance={report?.dryRun ? 'secondary' : 'primary'}
          disabled={!canCheck}
          aria-describedby={mapping.blockedBecause ? 'mapping-blocked' : undefined}
          onClick={() => void state.check()}
        >
          {report ? 'Check again' : 'Check file'}
        </Button>
      </div>
      {state.busy === 'check' && <JobProgress state={state} />}
      {mapping.blockedBecause && (
        <Text id="mapping-blocked" className={styles.hint}>
          {mapping.blockedBecause}
        </Text>
      )}
      <Problem state={state} />
      {report && (
        <section className={styles.section} aria-labelledby="report-title">
          <h2 id="report-title" className={styles.subtitle}>
            {report.dryRun ? 'Check report' : 'Import report'}
            {state.file ? `: ${state.file.name}` : ''}
          </h2>
          <ResultBar report={report} />
          {!report.dryRun && report.written && <UndoImport api={api} />}
          {report.notices.length > 0 && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>About the file</MessageBarTitle>
                <ul className={styles.issues}>
                  {report.notices.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <Counts report={report} />
          {report.dryRun && (
            <div className={styles.section}>
              {state.rejected > 0 && (
                <Checkbox
                  id={skipId}
                  checked={state.skipRejected}
                  onChange={(_, d) => state.setSkipRejected(d.checked === true)}
                  label={`Skip rejected rows (leave out ${plural(state.rejected, 'row', 'rows')}, import the others)`}
                />
              )}
              <div className={styles.row}>
                <Button
                  appearance="primary"
                  icon={<ArrowSync16Regular />}
                  disabled={blocked !== null || state.busy !== null}
                  aria-describedby={blocked ? 'import-blocked' : undefined}
                  onClick={() => void state.runImport()}
                >
                  Import {plural(state.toWrite, 'row', 'rows')}
                </Button>
              </div>
              {state.busy === 'import' && <JobProgress state={state} />}
              {blocked && (
                <Text id="import-blocked" className={styles.hint}>
                  {blocked}
                </Text>
              )}
            </div>
          )}
          <ReportTable key={`${report.dryRun}-${report.counts.rows}`} report={report} />
        </section>
      )}
    </section>
  );
}
