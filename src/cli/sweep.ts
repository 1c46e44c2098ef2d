/**
 * `npm run sweep -- [--now <ISO time>] [--dry-run]`: one run of the bot's sweep, for cron, an Azure
 * Functions timer, or trying the bot locally. The server runs the same sweep on its own schedule; the
 * ledger makes the two safe together (nothing is posted twice).
 *
 * `--now` plans as if it were that time (dates in the past or the future both work); the ledger's own
 * timestamps stay on the real clock (or CLOCK_START's, in development and tests). `--dry-run` lists what would be posted and writes nothing.
 * Exit codes: 0 done, 1 some deliveries failed (they are retried by the next sweep), 2 bad usage,
 * 78 bad configuration.
 */
import { createBotRuntime } from '../bot';
import type { SweepReport } from '../bot/sweep';
import { timingOn } from '../bot/timing';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';
import { botSettingsFor, clockFor, storeFor } from '../server';

export const USAGE = `Usage: npm run sweep -- [--now <ISO time>] [--dry-run]

  --now T     plan as of T, e.g. 2026-03-25T08:30:00Z or 2026-03-25T08:30:00+00:00 (default: now)
  --dry-run   list what is due and where it would go; claim and send nothing
  --help      show this help

Posts go to the channels where the bot is installed (BOT_TEAM_ID limits them to one team).`;

export interface SweepArgs {
  now: Date | null;
  dryRun: boolean;
  help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses the command line (after `node sweep.js`). Strict: unknown or repeated flags are errors. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const out: SweepArgs = { now: null, dryRun: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!flag.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    if (seen.has(flag)) throw new UsageError(`${flag} is given more than once.`);
    seen.add(flag);
    switch (flag) {
      case '--now': {
        const v = inline ?? argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError('--now needs a time.');
        const t = Date.parse(v);
        if (!ISO.test(v) || !Number.isFinite(t)) {
          throw new UsageError(
            `--now must be an ISO time with a zone, like 2026-03-25T08:30:00Z; got "${v}".`,
          );
        }
        out.now = new Date(t);
        break;
      }
      case '--dry-run':
      case '--help':
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
        if (flag === '--dry-run') out.dryRun = true;
        else out.help = true;
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  return out;
}

/** The report as lines for a terminal: ids, kinds, targets and outcomes; never card text. */
export function formatReport(report: SweepReport, dryRun: boolean): string[] {
  const lines = [
    `${dryRun ? 'Dry run' : 'Sweep'} as of ${report.at}: ${report.planned} notification(s) due, ${report.targets} channel(s).`,
  ];
  if (report.targets === 0 && report.planned > 0) {
    lines.push('No channel to post in: install the bot in the group team (or check BOT_TEAM_ID).');
  }
  for (const d of report.deliveries) {
    lines.push(`  ${d.result.padEnd(14)} ${d.id} -> ${d.conversationId}${d.code ? `  (${d.code})` : ''}`);
  }
  // Activity feed notifications (ACTIVITY_FEED=on): staff ids only.
  for (const f of report.feed) {
    lines.push(
      `  ${f.result.padEnd(14)} ${f.id} -> activity feed of ${f.userId}${f.code ? `  (${f.code})` : ''}`,
    );
  }
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  lines.push(counts.length > 0 ? `Done: ${counts.join(', ')}.` : 'Done: nothing to post.');
  for (const c of report.deactivated) lines.push(`Marked inactive (the bot can no longer post there): ${c}`);
  return lines;
}

/** Runs the command; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  let args: SweepArgs;
  try {
    args = parseSweepArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    print(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    print(USAGE);
    return 0;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    print(e.message);
    return 78;
  }
  if (config.bot.mode === 'off' && !args.dryRun) {
    print('BOT_APP_ID is not set, so the bot cannot post from here. Set it, or use --dry-run.');
    return 78;
  }
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const store = storeFor(config, log);
  // The system clock, or CLOCK_START's (development and tests): the ledger's timestamps follow it.
  const clock = clockFor(config);
  try {
    const bot = createBotRuntime({
      store,
      policy: config.policy,
      notificationPolicy: config.notificationPolicy,
      settings: botSettingsFor(config, log),
      log,
      clock,
      timing: timingOn(clock),
    });
    const report = await bot.sweep({ ...(args.now ? { now: args.now } : {}), dryRun: args.dryRun });
    for (const line of formatReport(report, args.dryRun)) print(line);
    return report.counts.failed > 0 ? 1 : 0;
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
      // The error's name only: a driver's message could quote stored data.
      console.error(`The sweep failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      process.exitCode = 1;
    },
  );
}
