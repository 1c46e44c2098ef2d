/**
 * `npm run import -- <file.xlsx|file.csv> [--dry-run] [--skip-invalid] [--mapping mapping.json]
 * [--received-on YYYY-MM-DD | --received-from COLUMN]` (or `--undo-last`):
 * imports the group's spreadsheet into the configured SQLite store.
 *
 * Thin on purpose: arguments are parsed by a pure function, the report is formatted by another, and the
 * work is the import operation the API calls too. It runs as the system owner (the person with the
 * database on their machine), recorded in the audit trail as `cli:<os user>`. Nothing it prints names
 * a child: the report names rows, cells and fields, and the file's path is never echoed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { makePrincipal } from '../auth/principal';
import { ConfigError, loadConfig } from '../config';
import { AppError, InvalidError } from '../domain/errors';
import type { UndoReport } from '../domain/importBatches';
import { mappingFileSchema, type MappingFile } from '../domain/importColumns';
import { describeIssue, type ImportReport, MAX_IMPORT_BYTES, receivedFallbackOf } from '../domain/importing';
import { localDateSchema } from '../domain/types';
import type { OperationDeps } from '../operations/context';
import { importSpreadsheet } from '../operations/importExport';
import { undoLastImport } from '../operations/importUndo';
import { getImportMapping } from '../operations/importMapping';
import { openSqliteStore } from '../store/sqlite';

export const USAGE = `Usage: npm run import -- <file.xlsx|file.csv> [--dry-run] [--skip-invalid] [--mapping NAME|mapping.json]
         [--received-on YYYY-MM-DD | --received-from COLUMN]

  --dry-run               report what would happen, row by row, and write nothing
  --skip-invalid          import the valid rows even if some are rejected (otherwise nothing is written)
  --mapping NAME|FILE     a mapping saved in the tab's import under NAME, or a JSON file naming columns
                          the import does not recognise (a path ending .json, or an existing file):
                          { "columns": { "Pupil surname": "lastName", "Old notes": null }, "headerRow": 3 }
  --received-on DATE      for a file with no date received: use one date for every new case
                          (each such row says so in a warning)
  --received-from COLUMN  for a file with no date received: take it from another column,
                          such as --received-from "Date out of education"
  --undo-last             undo the last import (no file): removes the cases it created and puts back
                          the cases it changed, except those changed in the app since (listed, left alone)
  --help                  show this help

Imports into the SQLite database at SQLITE_PATH (default .data/cmoe.sqlite). Run a dry run first.
Importing the same file twice changes nothing the second time.`;

export interface ImportArgs {
  file: string | null;
  dryRun: boolean;
  skipInvalid: boolean;
  mapping: string | null;
  /** YYYY-MM-DD, checked with the domain's date rules. */
  receivedOn: string | null;
  /** A header of the file. */
  receivedFrom: string | null;
  /** Undo the last import instead of importing (issue 19). */
  undoLast: boolean;
  help: boolean;
}

/** A bad command line: the caller prints the message with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses the import command's arguments. Strict: an unknown or repeated flag, a second file or a flag
 * without its value throws {@link UsageError}. Accepts `--mapping FILE` and `--mapping=FILE`.
 */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const out: ImportArgs = {
    file: null,
    dryRun: false,
    skipInvalid: false,
    mapping: null,
    receivedOn: null,
    receivedFrom: null,
    undoLast: false,
    help: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      if (out.file !== null) throw new UsageError('Give one file to import.');
      out.file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (seen.has(flag)) throw new UsageError(`${flag} is given more than once.`);
    seen.add(flag);
    switch (flag) {
      case '--mapping': {
        const value = inline ?? argv[++i];
        if (value === undefined || value === '' || value.startsWith('--'))
          throw new UsageError('--mapping needs a file.');
        out.mapping = value;
        break;
      }
      case '--received-on': {
        const value = inline ?? argv[++i];
        if (value === undefined || !localDateSchema.safeParse(value).success)
          throw new UsageError('--received-on needs a real date as YYYY-MM-DD.');
        out.receivedOn = value;
        break;
      }
      case '--received-from': {
        const value = (inline ?? argv[++i])?.trim();
        if (value === undefined || value === '' || value.startsWith('--') || value.length > 200)
          throw new UsageError('--received-from needs the header of a column.');
        out.receivedFrom = value;
        break;
      }
      case '--dry-run':
      case '--skip-invalid':
      case '--undo-last':
      case '--help':
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
        if (flag === '--dry-run') out.dryRun = true;
        else if (flag === '--skip-invalid') out.skipInvalid = true;
        else if (flag === '--undo-last') out.undoLast = true;
        else out.help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  if (out.undoLast && seen.size > 1) throw new UsageError('--undo-last takes no other option.');
  if (out.undoLast && out.file !== null) throw new UsageError('--undo-last takes no file.');
  if (out.file === null && !out.help && !out.undoLast) throw new UsageError('Name the file to import.');
  if (out.receivedOn !== null && out.receivedFrom !== null)
    throw new UsageError('Give --received-on or --received-from, not both.');
  return out;
}

/** `--mapping` names a file (a path ending .json, or one that exists) rather than a saved mapping. */
export function isMappingFile(arg: string): boolean {
  return /\.json$/i.test(arg) || existsSync(arg);
}

/** Reads and checks a mapping file; the message names what is wrong, never the file's content. */
export function readMapping(path: string): MappingFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError('The mapping file cannot be read: check its path.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('The mapping file is not valid JSON.');
  }
  const r = mappingFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
    throw new UsageError(`The mapping file is not valid:\n${issues.join('\n')}`);
  }
  return r.data;
}

const OUTCOME_WORDS: Record<ImportReport['rows'][number]['outcome'], string> = {
  create: 'create',
  update: 'update',
  unchanged: 'unchanged',
  rejected: 'REJECTED',
  conflict: 'CONFLICT',
};

/** The report as the command prints it: one line a row, then its problems and warnings, then the counts. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = [];
  const verb = report.dryRun ? 'Dry run' : 'Import';
  lines.push(
    `${verb} of ${report.format === 'xlsx' ? `worksheet "${report.sheet}"` : 'the CSV file'}: header in row ${report.headerRow}, ${report.columns.length} columns read.`,
  );
  for (const s of report.skipped.filter((x) => x.reason === 'unknown' || x.reason === 'ignored'))
    lines.push(
      `  Column ${s.letter} (${s.header}) is ${s.reason === 'unknown' ? 'not recognised' : 'ignored'}.`,
    );
  for (const n of report.notices) lines.push(`  ${n}`);
  lines.push('');
  for (const r of report.rows) {
    const extra = [
      r.fields.length > 0 ? `fields: ${r.fields.join(', ')}` : '',
      r.actions > 0 ? `${r.actions} action${r.actions === 1 ? '' : 's'} (incomplete — from import)` : '',
      r.updates > 0 ? `${r.updates} note${r.updates === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    lines.push(
      `row ${r.row}: ${OUTCOME_WORDS[r.outcome]}${r.ref ? ` ${r.ref}` : ''}${extra.length ? ` (${extra.join('; ')})` : ''}`,
    );
    for (const i of r.issues) lines.push(`    problem: ${describeIssue(i)}`);
    for (const w of r.warnings) lines.push(`    warning: ${w}`);
  }
  const c = report.counts;
  lines.push('');
  lines.push(
    `${c.rows} rows: ${c.create} ${report.dryRun ? 'to create' : 'created'}, ${c.update} ${report.dryRun ? 'to update' : 'updated'}, ${c.unchanged} unchanged, ${c.rejected} rejected${c.conflict ? `, ${c.conflict} conflicts` : ''}; ${c.actions} actions and ${c.updates} notes ${report.dryRun ? 'to add' : 'added'}.`,
  );
  if (report.dryRun) {
    lines.push(
      c.rejected > 0
        ? 'Nothing was written. Fix the rejected rows, or import with --skip-invalid to leave them out.'
        : 'Nothing was written. Run again without --dry-run to import.',
    );
  }
  return lines.join('\n');
}

/** The command-line user, as the import's caller: the system owner. */
function cliCaller() {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No user database (some containers): the audit still says it came from the command line.
  }
  return makePrincipal({
    id: `cli:${name}`,
    name: `Command-line import (${name})`,
    email: 'import-cli@example.invalid',
    roles: ['CMOE.Admin'],
  });
}

/**
 * Runs the command; resolves to the exit code (0 done, 1 refused or rejected rows, 2 bad usage). `now`
 * is read once here (tests pin it).
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  now: Date = new Date(),
): Promise<number> {
  let args: ImportArgs;
  let mapping: MappingFile | null = null;
  try {
    args = parseImportArgs(argv);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (args.mapping !== null && isMappingFile(args.mapping)) mapping = readMapping(args.mapping);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }

  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (config.store !== 'sqlite') {
    console.error(
      'The import command works on the SQLite store (STORE=sqlite). Use the tab to import into SharePoint.',
    );
    return 2;
  }

  if (args.undoLast)
    return undoFromCli({ store: openSqliteStore(config.sqlitePath), policy: config.policy }, now);

  const file = args.file as string;
  let bytes: Uint8Array;
  try {
    // The size first: a wrong 2 GB file is refused without being read.
    if (statSync(file).size > MAX_IMPORT_BYTES) {
      console.error(
        `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: check it is the CMOE list.`,
      );
      return 1;
    }
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    console.error('The file cannot be read: check its path.');
    return 1;
  }

  const store = openSqliteStore(config.sqlitePath);
  try {
    const call = { caller: cliCaller(), now };
    // A saved mapping's name (issue 19): the one the tab's mapping step saved.
    if (args.mapping !== null && mapping === null)
      mapping = (await getImportMapping({ store, policy: config.policy }, call, args.mapping)).mapping;
    const report = await importSpreadsheet(
      { store, policy: config.policy },
      call,
      { bytes, fileName: file },
      {
        dryRun: args.dryRun,
        skipInvalid: args.skipInvalid,
        mapping,
        received: receivedFallbackOf({
          ...(args.receivedOn !== null && { receivedOn: args.receivedOn }),
          ...(args.receivedFrom !== null && { receivedFrom: args.receivedFrom }),
        }),
      },
    );
    console.log(formatReport(report));
    // A dry run with rejected rows, or conflicts, need someone's attention: a script sees a failure.
    return report.counts.conflict > 0 || (report.dryRun && report.counts.rejected > 0) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = error instanceof InvalidError ? error.issues.map((i) => `  ${i.path}: ${i.message}`) : [];
    console.error([error.message, ...issues].join('\n'));
    return 1;
  } finally {
    await store.close();
  }
}

/** The undo's result as printed: refs and reasons only. */
export function formatUndo(r: UndoReport): string {
  const lines = [
    `Undid the import of ${r.importedAt}: ${r.removed.length} cases removed, ${r.restored.length} put back, ${r.leftAlone.length} left alone.`,
  ];
  if (r.removed.length > 0) lines.push(`Removed: ${r.removed.join(', ')}`);
  if (r.restored.length > 0) lines.push(`Put back: ${r.restored.join(', ')}`);
  for (const l of r.leftAlone) lines.push(`Left alone: ${l.ref} (${LEFT_ALONE_WORDS[l.reason]})`);
  return lines.join('\n');
}

const LEFT_ALONE_WORDS: Record<UndoReport['leftAlone'][number]['reason'], string> = {
  edited: 'changed in the app since the import',
  timeline: 'a timeline note was added since',
  actions: 'an action was added or changed since',
  escalation: 'escalated since',
  meeting: 'discussed or on an agenda since',
  conflict: 'changed while the undo ran',
};

async function undoFromCli(deps: OperationDeps, now: Date): Promise<number> {
  try {
    console.log(formatUndo(await undoLastImport(deps, { caller: cliCaller(), now })));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await deps.store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // The error's name only: a driver's message could quote a row.
      console.error(
        `The import failed (${error instanceof Error ? error.name : 'unknown error'}). Rows written before the failure stay; importing the file again completes it.`,
      );
      process.exitCode = 1;
    },
  );
}
