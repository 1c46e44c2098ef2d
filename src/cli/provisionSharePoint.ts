/**
 * `npm run provision:sharepoint`: creates the SharePoint lists and columns of infra/sharepoint/lists.json
 * on the site SHAREPOINT_SITE_ID, signing in as the app (TENANT_ID, CLIENT_ID, CLIENT_SECRET or
 * CLIENT_CERTIFICATE_PATH; GRAPH_BASE_URL and AUTHORITY_HOST for national clouds). Safe to run again: it
 * only adds what is missing, never deletes or renames, and prints what it did. Exit codes: 0 done,
 * 1 something does not match and was left alone (or Graph refused), 78 settings missing.
 */
import { readFileSync } from 'node:fs';
import { GraphTokenProvider, type GraphIdentityOptions } from '../auth/graphTokens';
import { ConfigError, loadConfig } from '../config';
import { GraphTransport, provisionSharePoint, type ProvisionReport } from '../store/sharepoint';

/** The report as people read it. */
export function formatReport(report: ProvisionReport): string {
  const lines: string[] = [];
  for (const c of report.changes) lines.push(`  + ${c}`);
  for (const p of report.problems) lines.push(`  ! ${p}`);
  const summary =
    report.changes.length === 0 && report.problems.length === 0
      ? `Nothing to change: the site already has all ${report.unchanged.length} lists and columns.`
      : `${report.changes.length} change(s), ${report.unchanged.length} already in place, ${report.problems.length} problem(s).`;
  return [...lines, summary].join('\n');
}

/**
 * Runs the command; resolves to the exit code. `identity` lets tests give msal the authority metadata
 * of a local token endpoint.
 */
export async function main(
  env: NodeJS.ProcessEnv,
  print: (line: string) => void = console.log,
  identity: Partial<GraphIdentityOptions> = {},
): Promise<number> {
  let settings;
  try {
    settings = loadConfig({ ...env, STORE: 'sharepoint' }).sharePoint;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    print(error.message);
    return 78;
  }
  if (!settings) return 78;
  const tokens = new GraphTokenProvider({
    tenantId: settings.tenantId,
    clientId: settings.clientId,
    credential:
      'clientSecret' in settings.credential
        ? { clientSecret: settings.credential.clientSecret }
        : { certificatePem: readFileSync(settings.credential.certificatePath, 'utf8') },
    authorityHost: settings.authorityHost,
    graphBaseUrl: settings.graphBaseUrl,
    ...identity,
  });
  const graph = new GraphTransport({ baseUrl: settings.graphBaseUrl, tokens: tokens.appOnly() });
  print(`Provisioning the CMOE lists on site ${settings.siteId} through ${settings.graphBaseUrl}:`);
  const report = await provisionSharePoint(graph, settings.siteId);
  print(formatReport(report));
  return report.problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Graph and sign-in errors here name the operation and a code, never data or secrets.
      console.error(`Provisioning failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      process.exitCode = 1;
    },
  );
}
