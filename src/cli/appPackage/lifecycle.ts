/**
 * Reads the Teams Toolkit lifecycle files (`teamsapp.yml`, `teamsapp.local.yml`) enough to know which
 * environment variables each action writes: `writeToEnvironmentFile` entries, the outputs of the Bicep
 * templates an `arm/deploy` runs (the toolkit writes each `output NAME` as an environment variable), and
 * `::set-teamsfx-env NAME=` lines of `script` actions. The packager uses it to say *which* step produces a
 * missing value; the tests use it to prove every placeholder has a source before it is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/** One `- uses: ...` step of a lifecycle stage, as written in the YAML. */
export interface LifecycleAction {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** A parsed lifecycle file. */
export interface Lifecycle {
  file: string;
  version: string;
  environmentFolderPath?: string;
  provision: LifecycleAction[];
  deploy: LifecycleAction[];
  publish: LifecycleAction[];
}

/** The lifecycle file the toolkit uses for an environment: `local` has its own, the rest share one. */
export function lifecycleFileFor(envName: string): string {
  return envName === 'local' ? 'teamsapp.local.yml' : 'teamsapp.yml';
}

function actions(stage: unknown, file: string, stageName: string): LifecycleAction[] {
  if (stage === undefined || stage === null) return [];
  if (!Array.isArray(stage)) throw new Error(`${file}: ${stageName} must be a list of actions`);
  return stage.map((a: unknown, i) => {
    if (!a || typeof a !== 'object' || typeof (a as { uses?: unknown }).uses !== 'string') {
      throw new Error(`${file}: ${stageName}[${i}] has no "uses"`);
    }
    return a as LifecycleAction;
  });
}

/** Parses a lifecycle file at `path` (YAML); throws naming the file when it is not shaped like one. */
export function readLifecycle(path: string): Lifecycle {
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
  if (!doc || typeof doc !== 'object') throw new Error(`${path}: not a YAML mapping`);
  if (typeof doc.version !== 'string') throw new Error(`${path}: no version`);
  return {
    file: path,
    version: doc.version,
    ...(typeof doc.environmentFolderPath === 'string'
      ? { environmentFolderPath: doc.environmentFolderPath }
      : {}),
    provision: actions(doc.provision, path, 'provision'),
    deploy: actions(doc.deploy, path, 'deploy'),
    publish: actions(doc.publish, path, 'publish'),
  };
}

/** The names of a Bicep file's outputs (`output NAME type = ...`). */
export function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^\s*output\s+([A-Za-z_][A-Za-z0-9_]*)\s+/gm)].map((m) => m[1] as string);
}

/**
 * The environment variables an action writes. `root` is the folder of the lifecycle file, against which
 * the toolkit resolves template paths.
 */
export function actionOutputs(action: LifecycleAction, root: string): string[] {
  const out = new Set<string>(Object.values(action.writeToEnvironmentFile ?? {}));
  if (action.uses === 'arm/deploy') {
    const templates = (action.with?.templates ?? []) as { path?: string }[];
    for (const t of templates) {
      if (typeof t.path !== 'string' || !t.path.endsWith('.bicep')) continue;
      const file = join(root, t.path);
      if (existsSync(file)) for (const name of bicepOutputs(readFileSync(file, 'utf8'))) out.add(name);
    }
  }
  if (action.uses === 'aadApp/update') {
    // Documented output: generated when the manifest uses it and the variable is empty.
    out.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  }
  if (action.uses === 'script') {
    const run = String(action.with?.run ?? '');
    for (const m of run.matchAll(/::set-teamsfx-env\s+([A-Za-z_][A-Za-z0-9_]*)=/g)) out.add(m[1] as string);
  }
  return [...out];
}

/** Every variable written by the provision stage, with the action (`uses`) that writes it. */
export function provisionOutputs(lifecycle: Lifecycle): Map<string, string> {
  const root = dirname(lifecycle.file);
  const out = new Map<string, string>();
  for (const action of lifecycle.provision) {
    for (const name of actionOutputs(action, root)) if (!out.has(name)) out.set(name, action.uses);
  }
  return out;
}
