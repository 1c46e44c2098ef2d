/**
 * The Teams Toolkit's environment files: `env/.env.<name>` (committed, no secrets) and
 * `env/.env.<name>.user` (git-ignored, `SECRET_*` values), in dotenv syntax. The packager reads them the
 * way the toolkit does, so `npm run package` and `teamsApp/zipAppPackage` fill the same values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A bad environment name or a malformed line; the message names the file and line. */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/** Environment names are plain words, so `--env ../../x` can never read a file outside `env/`. */
const ENV_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws {@link EnvFileError} unless `name` is a safe environment name (`dev`, `local`, `prod-2`). */
export function checkEnvName(name: string): void {
  if (!ENV_NAME.test(name)) {
    throw new EnvFileError(`"${name}" is not an environment name (letters, digits, - and _; e.g. dev)`);
  }
}

/**
 * Parses dotenv text: `KEY=value` lines, `#` comments, blank lines, optional `export `, values in single
 * or double quotes (double quotes understand `\n`), and ` #` comments after an unquoted value. A later
 * line for the same key wins, as in dotenv.
 */
export function parseEnvFile(text: string, file = '(text)'): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const body = trimmed.startsWith('export ') ? trimmed.slice(7).trimStart() : trimmed;
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq).trim();
    if (eq < 0 || !KEY.test(key)) {
      throw new EnvFileError(`${file}:${index + 1}: expected NAME=value`);
    }
    let value = body.slice(eq + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const comment = value.search(/\s#/);
      if (comment >= 0) value = value.slice(0, comment).trimEnd();
    }
    values.set(key, value);
  });
  return values;
}

/** The values of one environment and the files they came from. */
export interface LoadedEnvironment {
  name: string;
  values: Map<string, string>;
  /** Paths read, the committed file first. */
  files: string[];
}

/**
 * Reads `env/.env.<name>` (required) and then `env/.env.<name>.user` (optional, its values win), under
 * `root`. `TEAMSFX_ENV` is always the environment's name, as the toolkit sets it.
 */
export function loadEnvironment(root: string, name: string): LoadedEnvironment {
  checkEnvName(name);
  const committed = join(root, 'env', `.env.${name}`);
  if (!existsSync(committed)) {
    throw new EnvFileError(`env/.env.${name} does not exist: there is no "${name}" environment`);
  }
  const files = [committed];
  const values = parseEnvFile(readFileSync(committed, 'utf8'), `env/.env.${name}`);
  const user = `${committed}.user`;
  if (existsSync(user)) {
    files.push(user);
    for (const [k, v] of parseEnvFile(readFileSync(user, 'utf8'), `env/.env.${name}.user`)) values.set(k, v);
  }
  values.set('TEAMSFX_ENV', name);
  return { name, values, files };
}
