/**
 * Builds the Teams app package for one environment, the same zip `teamsApp/zipAppPackage` makes, but
 * offline and stricter: fill `appPackage/manifest.json`'s `${{NAME}}` placeholders from
 * `env/.env.<env>` (+ `.user`), refuse any that stay empty (naming the step that would have written
 * them), validate against the bundled JSON schema and the Teams rules, check the icons, and write
 * `appPackage/build/appPackage.<env>.zip` with manifest.json, color.png and outline.png at its root.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from './envFiles';
import { colorIconErrors, outlineIconErrors } from './icons';
import { lifecycleFileFor, provisionOutputs, readLifecycle } from './lifecycle';
import { schemaErrors, teamsRuleErrors } from './manifestCheck';
import { placeholdersIn, substituteJson } from './placeholders';
import { decodePng, PngError } from './png';
import { readZip, writeZip } from './zip';

/** What to build. */
export interface BuildOptions {
  /** The repository root (holds appPackage/ and env/). */
  root: string;
  /** Environment name: reads env/.env.<env>. */
  env: string;
  /** Values that win over the env files (`--set NAME=value`), e.g. from a CI pipeline. */
  set?: ReadonlyMap<string, string>;
}

/** What was built. */
export interface BuildResult {
  zipPath: string;
  /** The filled-in manifest, as written into the zip. */
  manifest: Record<string, unknown>;
  /** Names of the zip's entries. */
  entries: string[];
  /**
   * For an unprovisioned `local` environment: the placeholders filled with preview values (see
   * {@link LOCAL_PREVIEW_VALUES}); empty for a provisioned build. The CLI warns when it is not empty.
   */
  preview: string[];
}

/**
 * A fresh clone has no ids yet: Teams Toolkit's provision creates the Entra app, the bot and the Teams app
 * and writes their ids into env/.env.local, and the developer puts the dev tunnel there. So that the
 * package can still be built and checked offline on a fresh clone, the `local` environment (never any
 * other) fills what provision would write with preview values: ids are stable name-based UUIDs (v5 of
 * "cmoe-tracker/local-preview/<NAME>", the same on every machine), the tab is https://localhost:3978
 * (the toolkit's own local convention of host:port). Such a package validates, but Teams sign-in and the bot need the real ids:
 * the CLI says so on every preview build.
 */
export const LOCAL_PREVIEW_VALUES: ReadonlyMap<string, string> = new Map([
  ...['TEAMS_APP_ID', 'AAD_APP_CLIENT_ID', 'BOT_ID'].map((name) => [name, previewUuid(name)] as const),
  ['TAB_DOMAIN', 'localhost:3978'],
  ['TAB_ENDPOINT', 'https://localhost:3978'],
]);

function previewUuid(name: string): string {
  const h = createHash('sha1').update(`cmoe-tracker/local-preview/${name}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50; // version 5 (name-based, SHA-1)
  h[8] = ((h[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The package could not be built; `problems` says every reason found, each naming what to fix. */
export class PackageError extends Error {
  constructor(
    readonly problems: string[],
    headline = 'The app package was not built',
  ) {
    super(`${headline}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

function unresolvedHint(name: string, env: string, root: string): string {
  const lifecycleFile = lifecycleFileFor(env);
  const path = join(root, lifecycleFile);
  let writer: string | undefined;
  if (existsSync(path)) {
    try {
      writer = provisionOutputs(readLifecycle(path)).get(name);
    } catch {
      writer = undefined; // a broken lifecycle file must not hide the real problem
    }
  }
  return writer
    ? `${name} is empty: provision writes it (${writer} in ${lifecycleFile}); provision the "${env}" environment, or set it in env/.env.${env}`
    : `${name} is empty or missing: set it in env/.env.${env}`;
}

function readIcon(
  root: string,
  file: string,
  label: string,
  check: typeof colorIconErrors,
  problems: string[],
) {
  const path = join(root, 'appPackage', file);
  if (!/^[A-Za-z0-9._-]+\.png$/.test(file)) {
    problems.push(`icons.${label} must be a PNG file name in appPackage/, got "${file}"`);
    return undefined;
  }
  if (!existsSync(path)) {
    problems.push(`icons.${label}: appPackage/${file} does not exist`);
    return undefined;
  }
  const data = readFileSync(path);
  try {
    for (const e of check(decodePng(data))) problems.push(`icons.${label} (appPackage/${file}) ${e}`);
  } catch (err) {
    if (!(err instanceof PngError)) throw err;
    problems.push(`icons.${label} (appPackage/${file}) is not a readable PNG: ${err.message}`);
  }
  return data;
}

/**
 * Builds the package for `options.env`. Throws {@link PackageError} listing every problem (unresolved
 * placeholders first, since nothing else can be checked without them); writes nothing on failure.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const { root, env } = options;
  let loaded;
  try {
    loaded = loadEnvironment(root, env);
  } catch (err) {
    throw new PackageError([(err as Error).message]);
  }
  const values = new Map(loaded.values);
  for (const [k, v] of options.set ?? []) values.set(k, v);

  const templatePath = join(root, 'appPackage', 'manifest.json');
  const templateText = readFileSync(templatePath, 'utf8');
  let template: Record<string, unknown>;
  try {
    template = JSON.parse(templateText) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError([`appPackage/manifest.json is not valid JSON: ${(err as Error).message}`]);
  }
  const preview: string[] = [];
  if (env === 'local') {
    for (const [name, value] of LOCAL_PREVIEW_VALUES) {
      if ((values.get(name) ?? '') !== '') continue;
      values.set(name, value);
      preview.push(name);
    }
  }
  const { value: manifest, unresolved } = substituteJson(template, values);
  if (unresolved.length > 0) {
    const ordered = placeholdersIn(templateText).filter((n) => unresolved.includes(n));
    throw new PackageError(
      ordered.map((n) => unresolvedHint(n, env, root)),
      `The app package for "${env}" was not built: placeholders without a value`,
    );
  }

  const problems = [
    ...(await schemaErrors(manifest)).map((e) => `manifest schema: ${e}`),
    ...teamsRuleErrors(manifest, { allowExampleUrls: env === 'local' }).map((e) => `manifest: ${e}`),
  ];
  const icons = (manifest.icons ?? {}) as { color?: string; outline?: string };
  const color = readIcon(root, String(icons.color ?? ''), 'color', colorIconErrors, problems);
  const outline = readIcon(root, String(icons.outline ?? ''), 'outline', outlineIconErrors, problems);
  if (problems.length > 0 || !color || !outline) throw new PackageError(problems);

  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(manifestJson, 'utf8') },
    { name: String(icons.color), data: color },
    { name: String(icons.outline), data: outline },
  ]);
  // Read back what was written: a package Teams cannot open should fail here, not in the admin centre.
  const entries = readZip(zip).map((e) => e.name);

  const outDir = join(root, 'appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  // Write-then-rename, so a half-written zip never sits where an upload would pick it up.
  writeFileSync(`${zipPath}.tmp`, zip);
  renameSync(`${zipPath}.tmp`, zipPath);
  writeFileSync(join(outDir, `manifest.${env}.json`), manifestJson);
  return {
    zipPath,
    manifest,
    entries,
    preview: placeholdersIn(templateText).filter((n) => preview.includes(n)),
  };
}
