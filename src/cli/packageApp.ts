/**
 * `npm run package -- --env <name> [--set NAME=value ...]`: builds appPackage/build/appPackage.<name>.zip
 * for uploading to Teams (see docs/deploy.md). Offline: placeholders come from env/.env.<name> (and its
 * git-ignored .user file), the schema from the installed @microsoft/app-manifest.
 *
 * Thin on purpose: argument parsing is a pure function; the work is `buildAppPackage`.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildAppPackage, PackageError } from './appPackage/build';

export const USAGE = `Usage: npm run package [-- --env <name>] [--set NAME=value ...]

  --env NAME        the environment: reads env/.env.NAME (and env/.env.NAME.user if present);
                    default local (before provisioning, an offline preview with placeholder ids)
  --set NAME=value  a value that wins over the env files (repeatable), e.g. from a CI pipeline
  --help            show this help

Writes appPackage/build/appPackage.NAME.zip (manifest.json, color.png, outline.png).`;

/** Parsed command line. */
export interface PackageArgs {
  env: string;
  set: Map<string, string>;
  help: boolean;
}

/** A bad command line; the caller prints the message with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses the arguments after the script name. Strict: unknown flags and stray words are errors. */
export function parsePackageArgs(argv: readonly string[]): PackageArgs {
  const out: { env: string | undefined; set: Map<string, string>; help: boolean } = {
    env: undefined,
    set: new Map(),
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--env':
        if (out.env !== undefined) throw new UsageError('--env given more than once.');
        out.env = value();
        break;
      case '--set': {
        const pair = value();
        const eq = pair.indexOf('=');
        const name = eq > 0 ? pair.slice(0, eq) : '';
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          throw new UsageError(`--set needs NAME=value, got "${pair}".`);
        out.set.set(name, pair.slice(eq + 1));
        break;
      }
      default:
        throw new UsageError(
          arg.startsWith('-') ? `Unknown option ${flag}.` : `Unexpected argument "${arg}".`,
        );
    }
  }
  // A fresh clone's `npm run package` builds the local preview; every other environment is named.
  return { ...out, env: out.env ?? 'local' };
}

/** Where output goes; tests pass their own. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs the command; returns the exit code (0 built, 1 not built, 2 bad command line). */
export async function main(
  argv: readonly string[],
  root = process.cwd(),
  io: Io = consoleIo,
): Promise<number> {
  let args: PackageArgs;
  try {
    args = parsePackageArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (!existsSync(join(root, 'appPackage', 'manifest.json'))) {
    io.err(`No appPackage/manifest.json under ${root}: run this from the repository root.`);
    return 1;
  }
  try {
    const result = await buildAppPackage({ root, env: args.env, set: args.set });
    const m = result.manifest as { version?: string; id?: string };
    io.out(`Built ${relative(root, result.zipPath)} (version ${m.version}, app id ${m.id}).`);
    io.out(`Contents: ${result.entries.join(', ')}. Validated offline against the bundled schema.`);
    if (result.preview.length > 0) {
      io.err(
        [
          `WARNING: this is an unprovisioned preview package. Not yet provisioned, so filled with preview values: ${result.preview.join(', ')}.`,
          'It validates, but Teams sign-in and the bot need the real ids: put the dev tunnel in env/.env.local and run',
          '`atk provision --env local` (docs/deploy.md, "Local debugging in Teams"), then package again to upload it.',
        ].join('\n'),
      );
    }
    return 0;
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    io.err(err.message);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
