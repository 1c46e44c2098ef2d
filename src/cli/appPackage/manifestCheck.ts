/**
 * Validates a filled-in Teams app manifest offline: against the JSON schema that `@microsoft/app-manifest`
 * bundles for the manifest's own `manifestVersion` (read from disk, never fetched: the library would
 * otherwise download a schema it does not have), plus the Teams rules a schema cannot express (content
 * URLs on a valid domain, the SSO resource naming the app's own client id and domain, semantic version).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AppManifest, AppManifestUtils } from '@microsoft/app-manifest';

/** Where `@microsoft/app-manifest` keeps the Teams schema for `manifestVersion` ("1.30", "devPreview"). */
export function bundledSchemaPath(manifestVersion: string): string {
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return join(pkg, 'build', 'json-schemas', 'teams', folder, 'MicrosoftTeams.schema.json');
}

/** The newest numbered Teams schema the installed `@microsoft/app-manifest` bundles, e.g. "1.30". */
export function newestBundledManifestVersion(): string {
  const dir = dirname(dirname(bundledSchemaPath('1.0')));
  const versions = readdirSync(dir)
    .map((d) => /^v(\d+)\.(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no Teams schemas under ${dir}`);
  return `${newest[0]}.${newest[1]}`;
}

/** Loads the bundled schema for `manifestVersion`; throws naming the version when it is not bundled. */
export function loadBundledSchema(manifestVersion: string): object {
  const path = bundledSchemaPath(manifestVersion);
  if (!existsSync(path)) {
    throw new Error(`@microsoft/app-manifest bundles no schema for manifestVersion "${manifestVersion}"`);
  }
  // The library cleans the same two escapes before parsing its schemas; do the same.
  return JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

/**
 * Schema errors for `manifest` (empty when valid), each as "<JSON pointer> <message>". Uses the library's
 * own validator (ajv with its formats) with the schema passed in, so no network is ever touched.
 */
export async function schemaErrors(manifest: Record<string, unknown>, schema?: object): Promise<string[]> {
  const version = String(manifest.manifestVersion ?? '');
  const resolved = schema ?? loadBundledSchema(version);
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, resolved as never);
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const EXAMPLE_HOST = /(^|\.)example\.(com|org|net|gov\.uk)$|(^|\.)example$/i;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function matchesDomain(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => {
    const domain = d.toLowerCase();
    return domain.startsWith('*.') ? host.endsWith(domain.slice(1)) : host === domain;
  });
}

/** Options for {@link teamsRuleErrors}. */
export interface TeamsRuleOptions {
  /** Accept example.* addresses for the developer's pages (the local environment). */
  allowExampleUrls?: boolean;
}

/**
 * The Teams rules the JSON schema leaves out, as messages naming the field: a semantic version; every
 * tab URL https and on a `validDomains` entry; `webApplicationInfo.resource` of the form
 * `api://<valid domain>/<webApplicationInfo.id>`; developer pages that are not example addresses.
 */
export function teamsRuleErrors(manifest: Record<string, unknown>, options: TeamsRuleOptions = {}): string[] {
  const errors: string[] = [];
  const m = manifest as {
    version?: string;
    validDomains?: string[];
    staticTabs?: { entityId?: string; contentUrl?: string }[];
    configurableTabs?: { configurationUrl?: string }[];
    webApplicationInfo?: { id?: string; resource?: string };
    developer?: Record<string, string>;
  };
  if (!SEMVER.test(m.version ?? '')) errors.push(`/version must be a semantic version like 1.4.0`);
  const domains = m.validDomains ?? [];
  const urls: [string, string | undefined][] = [
    ...(m.staticTabs ?? []).map((t, i) => [`/staticTabs/${i}/contentUrl`, t.contentUrl] as [string, string]),
    ...(m.configurableTabs ?? []).map(
      (t, i) => [`/configurableTabs/${i}/configurationUrl`, t.configurationUrl] as [string, string],
    ),
  ];
  for (const [where, url] of urls) {
    if (url === undefined) continue;
    const host = hostOf(url);
    if (!url.startsWith('https://') || !host) errors.push(`${where} must be an https URL, got "${url}"`);
    else if (!matchesDomain(host, domains)) errors.push(`${where}: ${host} is not in validDomains`);
  }
  const sso = m.webApplicationInfo;
  if (sso?.resource !== undefined) {
    const match = /^api:\/\/([^/]+)\/(.+)$/.exec(sso.resource);
    if (!match || match[2] !== sso.id) {
      errors.push(`/webApplicationInfo/resource must be api://<domain>/${sso.id ?? '<id>'}`);
    } else if (!matchesDomain((match[1] as string).toLowerCase(), domains)) {
      errors.push(`/webApplicationInfo/resource: ${match[1]} is not in validDomains`);
    }
  }
  if (!options.allowExampleUrls) {
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const host = hostOf(m.developer?.[key] ?? '');
      if (host && EXAMPLE_HOST.test(host)) {
        errors.push(`/developer/${key} is still an example address (${host}): use the council's own page`);
      }
    }
  }
  return errors;
}
