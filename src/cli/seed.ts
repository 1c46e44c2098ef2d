/**
 * `npm run seed -- [--cases N] [--seed N] [--reset]`: fills the SQLite database with synthetic demo data.
 *
 * Thin on purpose: argument parsing is a pure function (unit tested), and everything else is the demo
 * generator, the seeder and the SQLite adapter. It refuses to add to a database that already has data
 * unless `--reset`, which deletes the database file (and its WAL and shared-memory files) first.
 */
import { rmSync } from 'node:fs';
import { generateDemoData } from '../demo/generate';
import { isStoreEmpty, seedStore } from '../demo/seed';
import { toLondonDate } from '../domain/calendar';
import { DEFAULT_POLICY } from '../domain/policy';
import { openSqliteStore } from '../store/sqlite';

export const DEFAULT_CASES = 200;
export const MAX_CASES = 100_000;
export const DEFAULT_SQLITE_PATH = '.data/cmoe.sqlite';

export const USAGE = `Usage: npm run seed -- [--cases N] [--seed N] [--reset]

  --cases N   how many synthetic cases to generate (1-${MAX_CASES}, default ${DEFAULT_CASES})
  --seed N    random seed (0-4294967295, default 1): the same seed and day give the same data
  --reset     delete the database first (otherwise a database with data is left alone)
  --help      show this help

The database is SQLITE_PATH (default ${DEFAULT_SQLITE_PATH}). All data is synthetic.`;

export interface SeedArgs {
  cases: number;
  /** Undefined: the generator's default. */
  seed: number | undefined;
  reset: boolean;
  help: boolean;
}

/** A bad command line: the message says what is wrong; the caller prints it with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${flag} needs a number.`);
  // Digits only: Number() would accept "1e3", "0x10" or " 5 ".
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${raw}.`);
  return n;
}

/**
 * Parses the seed command's arguments (after `node seed.js`). Strict: an unknown flag, a repeated flag,
 * a stray argument or a bad number throws {@link UsageError}. Accepts `--flag value` and `--flag=value`.
 */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const out: SeedArgs = { cases: DEFAULT_CASES, seed: undefined, reset: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!flag.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    if (seen.has(flag)) throw new UsageError(`${flag} is given more than once.`);
    seen.add(flag);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--cases':
        out.cases = wholeNumber(flag, value(), 1, MAX_CASES);
        break;
      case '--seed':
        out.seed = wholeNumber(flag, value(), 0, 0xffff_ffff);
        break;
      case '--reset':
      case '--help':
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
        out[flag === '--reset' ? 'reset' : 'help'] = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  return out;
}

/** Runs the command; resolves to the process exit code. `now` is read once here (tests pin it). */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  now: Date = new Date(),
): Promise<number> {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const path = env.SQLITE_PATH ?? DEFAULT_SQLITE_PATH;
  if (args.reset && path !== ':memory:') {
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  }
  const store = openSqliteStore(path);
  try {
    if (!(await isStoreEmpty(store))) {
      console.error(
        `The database at ${path} already has data. Run with --reset to delete it and seed afresh.`,
      );
      return 1;
    }
    const today = toLondonDate(now);
    const started = process.hrtime.bigint();
    const data = generateDemoData({ cases: args.cases, seed: args.seed, today, policy: DEFAULT_POLICY });
    const counts = await seedStore(store, data, now.toISOString());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `Seeded ${path} with synthetic demo data as of ${today} (seed ${args.seed ?? 'default'}) in ${seconds.toFixed(1)} s:\n` +
        `  ${counts.cases} cases, ${counts.actions} actions, ${counts.meetings} meetings, ` +
        `${counts.escalations} escalations, ${counts.updates} timeline updates.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Names the failure only: demo data is synthetic, but the habit of never echoing records stays.
      console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
