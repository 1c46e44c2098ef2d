import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema, loadConfig } from '../../src/config';
import { bicepOutputs, readLifecycle } from '../../src/cli/appPackage/lifecycle';
import { loadEnvironment } from '../../src/cli/appPackage/envFiles';
import { PLACEHOLDER, placeholdersIn } from '../../src/cli/appPackage/placeholders';
import { DEV_COUNCIL_INPUTS, DEV_OUTPUTS, LOCAL_VALUES, REPO } from './helpers';

const bicep = readFileSync(join(REPO, 'infra', 'azure.bicep'), 'utf8');
const parameters = JSON.parse(readFileSync(join(REPO, 'infra', 'azure.parameters.json'), 'utf8')) as {
  parameters: Record<string, { value: string }>;
};
const deployDoc = readFileSync(join(REPO, 'docs', 'deploy.md'), 'utf8');

/** Names src/config.ts reads from the environment. */
const configNames = Object.keys(envSchema.shape);

/** Settings for the App Service platform itself (Oryx build, npm), not for the server. */
const PLATFORM_SETTINGS = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'NPM_CONFIG_INCLUDE']);

/** The list in `var appSettings = filter([...], ...)`, brackets balanced. */
function appSettingsBlock(text: string): string {
  const declared = text.indexOf('var appSettings = filter(');
  if (declared < 0) throw new Error('no `var appSettings = filter(` in azure.bicep');
  const start = text.indexOf('[', declared);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[') depth++;
    if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('appSettings is not closed');
}

/** `name: 'X'` / `value: ...` pairs of the App Service's app settings. */
const appSettings = new Map(
  [...appSettingsBlock(bicep).matchAll(/\{\s*name:\s*'([^']+)'\s*\n\s*value:\s*([^\n]+?)\s*\n\s*\}/g)].map(
    (m) => [m[1] as string, m[2] as string],
  ),
);

/** Bicep parameters: name -> has a default. */
const bicepParams = new Map(
  [...bicep.matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)].map((m) => [m[1] as string, m[2] !== undefined]),
);

/** Setting names in docs/deploy.md's "App settings" table (first column, in backticks). */
function documentedSettings(): Map<string, string> {
  const section = deployDoc.slice(deployDoc.indexOf('## App settings'));
  const table = section.slice(0, section.indexOf('\n## ', 3) > 0 ? section.indexOf('\n## ', 3) : undefined);
  return new Map(
    [...table.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|([^|]*)\|/gm)].map((m) => [
      m[1] as string,
      (m[2] as string).trim(),
    ]),
  );
}

describe('the App Service settings in infra/azure.bicep', () => {
  it('found the app settings to check', () => {
    expect(appSettings.size).toBeGreaterThan(10);
  });

  it('names only settings the server reads (src/config.ts) or the platform uses', () => {
    const unknown = [...appSettings.keys()].filter(
      (n) => !configNames.includes(n) && !PLATFORM_SETTINGS.has(n),
    );
    expect(unknown).toEqual([]);
  });

  it('gives them to the App Service, leaving out the empty ones so the server defaults apply', () => {
    expect(bicep).toMatch(/setting => !empty\(setting\.value\)\n\)/);
    expect(bicep).toMatch(/siteConfig: \{[\s\S]*appSettings: appSettings\n/);
  });

  it('sets each setting once', () => {
    const names = [...appSettingsBlock(bicep).matchAll(/name:\s*'([^']+)'/g)].map((m) => m[1]);
    expect(names.length).toBe(new Set(names).size);
  });

  it('leaves no setting the server reads unaccounted for: set here, or documented in docs/deploy.md', () => {
    const documented = documentedSettings();
    const unaccounted = configNames.filter((n) => !appSettings.has(n) && !documented.has(n));
    expect(unaccounted).toEqual([]);
  });

  it('documents every setting it sets in docs/deploy.md', () => {
    const documented = documentedSettings();
    expect([...appSettings.keys()].filter((n) => !PLATFORM_SETTINGS.has(n) && !documented.has(n))).toEqual(
      [],
    );
  });

  it('runs the server as production with Teams sign-in and the SharePoint store, reachable on all interfaces', () => {
    expect(appSettings.get('NODE_ENV')).toBe("'production'");
    expect(appSettings.get('AUTH_MODE')).toBe("'teams'");
    expect(appSettings.get('STORE')).toBe("'sharepoint'");
    expect(appSettings.get('HOST')).toBe("'0.0.0.0'");
    expect(appSettings.get('SEED_DEMO')).toBe("'false'");
  });

  it('passes the client secret as a Key Vault reference, never as a value', () => {
    expect(appSettings.get('CLIENT_SECRET')).toMatch(
      /^'@Microsoft\.KeyVault\(VaultName=\$\{vault\.name\};SecretName=/,
    );
    const secureParams = [...bicep.matchAll(/@secure\(\)\s*\nparam\s+(\w+)/g)].map((m) => m[1] as string);
    expect(secureParams).toEqual(['aadAppClientSecret']);
    for (const value of appSettings.values()) expect(value).not.toContain('aadAppClientSecret');
  });

  it('uses the SSO app id and App ID URI the Teams manifest uses', () => {
    expect(appSettings.get('CLIENT_ID')).toBe('aadAppClientId');
    expect(appSettings.get('APP_ID_URI')).toBe("'api://${appName}.azurewebsites.net/${aadAppClientId}'");
  });
});

describe('the Azure resources in infra/azure.bicep', () => {
  it('is a Linux App Service on Node 20 by default, https only, TLS 1.2, no FTP', () => {
    expect(bicep).toMatch(/kind: 'linux'[\s\S]*reserved: true/);
    expect(bicep).toMatch(/kind: 'app,linux'/);
    expect(bicep).toMatch(/param nodeRuntime string = 'NODE\|20-lts'/);
    expect(bicep).toMatch(/linuxFxVersion: nodeRuntime/);
    expect(bicep).toMatch(/httpsOnly: true/);
    expect(bicep).toMatch(/minTlsVersion: '1\.2'/);
    expect(bicep).toMatch(/ftpsState: 'Disabled'/);
  });

  it('gives the App Service a user-assigned managed identity, which also reads Key Vault', () => {
    expect(bicep).toMatch(/Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
    expect(bicep).toMatch(/type: 'UserAssigned'/);
    expect(bicep).toMatch(/keyVaultReferenceIdentity: identity\.id/);
    expect(bicep).toMatch(/enableRbacAuthorization: true/);
  });

  it('registers the bot as a user-assigned managed identity bot with the Teams channel, never multi-tenant', () => {
    expect(bicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bicep).toMatch(/msaAppMSIResourceId: identity\.id/);
    expect(bicep).not.toMatch(/MultiTenant/i);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    // botbuilder's spelling of the type (it compares without case; the server's settings do not).
    expect(appSettings.get('BOT_APP_TYPE')).toBe("'UserAssignedMsi'");
  });

  it('creates no storage account or database (the data lives in SharePoint)', () => {
    expect(bicep).not.toMatch(/Microsoft\.(Storage|Sql|DocumentDB|DBfor)/);
  });

  it('outputs what the manifest and the lifecycle need', () => {
    expect(bicepOutputs(bicep).sort()).toEqual(
      [
        'AZURE_APP_SERVICE_RESOURCE_ID',
        'BOT_DOMAIN',
        'BOT_ID',
        'KEY_VAULT_NAME',
        'TAB_DOMAIN',
        'TAB_ENDPOINT',
      ].sort(),
    );
  });
});

describe('infra/azure.parameters.json', () => {
  it('gives only parameters the template declares, and every one it requires', () => {
    const given = Object.keys(parameters.parameters);
    expect(given.filter((p) => !bicepParams.has(p))).toEqual([]);
    const required = [...bicepParams].filter(([, hasDefault]) => !hasDefault).map(([p]) => p);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });

  it('takes every value from the environment, the secret from a SECRET_ variable', () => {
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      expect(placeholdersIn(value)).toHaveLength(1);
      if (name === 'aadAppClientSecret') expect(value).toBe('${{SECRET_AAD_APP_CLIENT_SECRET}}');
    }
  });
});

describe('settings and names shared with the server', () => {
  it('writes only settings the server reads into the local server env file (teamsapp.local.yml)', () => {
    const local = readLifecycle(join(REPO, 'teamsapp.local.yml'));
    const write = local.deploy.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    const names = Object.keys((write.with as { envs: Record<string, string> }).envs);
    expect(names.filter((n) => !configNames.includes(n))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['AUTH_MODE', 'CLIENT_ID', 'BOT_APP_ID', 'BOT_APP_TYPE']));
  });

  it('gives a local run settings the server accepts (Teams SSO, single-tenant bot with its secret)', () => {
    const local = readLifecycle(join(REPO, 'teamsapp.local.yml'));
    const write = local.deploy.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    const values = new Map(
      Object.entries({ ...LOCAL_VALUES, SECRET_AAD_APP_CLIENT_SECRET: 's1', SECRET_BOT_PASSWORD: 's2' }),
    );
    const env = Object.fromEntries(
      Object.entries((write.with as { envs: Record<string, string> }).envs).map(([k, v]) => [
        k,
        v.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? ''),
      ]),
    );
    const config = loadConfig(env);
    expect(config.authMode).toBe('teams');
    expect(config.teams?.appIdUri).toBe(`api://${LOCAL_VALUES.TAB_DOMAIN}/${LOCAL_VALUES.AAD_APP_CLIENT_ID}`);
    expect(config.bot).toMatchObject({ mode: 'azure', appType: 'SingleTenant', appId: LOCAL_VALUES.BOT_ID });
  });

  it("links the bot's cards to the manifest's Cases tab by default", () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'appPackage', 'manifest.json'), 'utf8')) as {
      staticTabs: { entityId: string; name?: string }[];
    };
    const cases = manifest.staticTabs.find((t) => t.name === 'Cases')!;
    expect(envSchema.shape.TEAMS_TAB_ENTITY_ID.parse(undefined)).toBe(cases.entityId);
  });
});

describe('the production settings, as App Service would see them', () => {
  /**
   * Evaluates the app settings for a provisioned dev environment: parameters from env/.env.dev (plus what
   * provision writes), Bicep variables and resource properties by name, the Key Vault reference resolved
   * to a secret as App Service does, empty values left out as the template's filter does.
   */
  function productionEnvironment(): NodeJS.ProcessEnv {
    const env = loadEnvironment(REPO, 'dev').values;
    for (const [k, v] of Object.entries({ ...DEV_OUTPUTS, ...DEV_COUNCIL_INPUTS })) env.set(k, v);
    env.set('SECRET_AAD_APP_CLIENT_SECRET', 'not-a-real-secret');
    // The toolkit fills an empty variable with an empty string.
    const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => env.get(name) ?? '');
    const values: Record<string, string> = {
      ...Object.fromEntries(Object.entries(parameters.parameters).map(([k, v]) => [k, fill(v.value)])),
      appName: 'cmoe-abc123',
      membersFile: '/home/data/cmoe-members.json',
      clientSecretName: 'entra-client-secret',
      'vault.name': 'cmoekvabc123',
      'identity.properties.clientId': DEV_OUTPUTS.BOT_ID!,
      'identity.properties.tenantId': DEV_OUTPUTS.AAD_APP_TENANT_ID!,
    };
    const evaluate = (expression: string): string => {
      const lookup = (name: string): string => {
        const value = values[name.trim()];
        if (value === undefined) throw new Error(`the test cannot evaluate ${name} in ${expression}`);
        return value;
      };
      if (!expression.startsWith("'")) return lookup(expression);
      return expression.slice(1, -1).replace(/\$\{([^}]+)\}/g, (_, name: string) => lookup(name));
    };
    const out: NodeJS.ProcessEnv = {};
    for (const [name, expression] of appSettings) {
      let value = evaluate(expression);
      if (value.startsWith('@Microsoft.KeyVault(')) value = 'resolved-secret-value';
      if (value !== '') out[name] = value;
    }
    return out;
  }

  it('start the server: src/config.ts accepts them as production with Teams SSO, SharePoint and the bot', () => {
    const config = loadConfig({ ...productionEnvironment(), PORT: '8080' });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      authMode: 'teams',
      store: 'sharepoint',
      host: '0.0.0.0',
      publicBaseUrl: 'https://cmoe-abc123.azurewebsites.net',
    });
    expect(config.teams?.appIdUri).toBe(
      `api://cmoe-abc123.azurewebsites.net/${DEV_OUTPUTS.AAD_APP_CLIENT_ID}`,
    );
    expect(config.sharePoint?.siteId).toBe(DEV_COUNCIL_INPUTS.SHAREPOINT_SITE_ID);
    expect(config.bot).toMatchObject({ mode: 'azure', appType: 'UserAssignedMsi', appPassword: null });
  });

  it('leave out the optional settings the council left empty, so their defaults apply', () => {
    const env = productionEnvironment();
    expect(env).not.toHaveProperty('BOT_TEAM_ID');
    expect(env).not.toHaveProperty('TOR_ANNIVERSARY');
  });
});
