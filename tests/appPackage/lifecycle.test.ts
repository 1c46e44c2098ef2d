import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile } from '../../src/cli/appPackage/envFiles';
import {
  actionOutputs,
  type LifecycleAction,
  provisionOutputs,
  readLifecycle,
} from '../../src/cli/appPackage/lifecycle';
import { placeholdersIn } from '../../src/cli/appPackage/placeholders';
import { REPO } from './helpers';

/** Variables the toolkit itself supplies (or asks for) in every environment. */
const BUILT_IN = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME']);

const lifecycles = [
  { file: 'teamsapp.yml', env: 'dev' },
  { file: 'teamsapp.local.yml', env: 'local' },
] as const;

function envKeys(env: string): Map<string, string> {
  return parseEnvFile(readFileSync(join(REPO, 'env', `.env.${env}`), 'utf8'), `env/.env.${env}`);
}

/** Every placeholder an action uses: in its own YAML, and in the files it hands to the toolkit. */
function placeholdersUsedBy(action: LifecycleAction): string[] {
  const texts = [JSON.stringify(action)];
  const w = action.with ?? {};
  for (const key of ['manifestPath', 'parameters']) {
    if (typeof w[key] === 'string') texts.push(readFileSync(join(REPO, w[key]), 'utf8'));
  }
  for (const t of (w.templates ?? []) as { parameters?: string }[]) {
    if (t.parameters) texts.push(readFileSync(join(REPO, t.parameters), 'utf8'));
  }
  return placeholdersIn(texts.join('\n'));
}

function uses(actions: LifecycleAction[]): string[] {
  return actions.map((a) => a.uses);
}

/** True when `wanted` appear in `list` in this order (other actions may sit between them). */
function inOrder(list: string[], wanted: string[]): boolean {
  let at = 0;
  for (const item of list) if (item === wanted[at]) at++;
  return at === wanted.length;
}

describe.each(lifecycles)('$file', ({ file, env }) => {
  const lifecycle = readLifecycle(join(REPO, file));
  const committed = envKeys(env);
  const outputs = provisionOutputs(lifecycle);

  it('uses the current lifecycle schema (v1.11), named in its yaml-language-server line', () => {
    expect(lifecycle.version).toBe('v1.11');
    expect(readFileSync(join(REPO, file), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.11/yaml.schema.json',
    );
    expect(lifecycle.environmentFolderPath).toBe('./env');
  });

  it('has every placeholder filled before the action that uses it runs', () => {
    const inputs = new Set([...committed.keys()].filter((k) => !outputs.has(k)));
    const missing: string[] = [];
    const check = (stage: string, actions: LifecycleAction[], available: Set<string>) => {
      for (const action of actions) {
        // aadApp/update generates the access_as_user scope id itself when it is empty.
        if (action.uses === 'aadApp/update')
          for (const name of actionOutputs(action, REPO)) available.add(name);
        for (const name of placeholdersUsedBy(action)) {
          if (!available.has(name) && !inputs.has(name) && !BUILT_IN.has(name)) {
            missing.push(`${stage}: ${action.uses} uses ${name} before anything sets it`);
          }
        }
        for (const name of actionOutputs(action, REPO)) available.add(name);
      }
    };
    check('provision', lifecycle.provision, new Set());
    check('deploy', lifecycle.deploy, new Set(outputs.keys()));
    check('publish', lifecycle.publish, new Set(outputs.keys()));
    expect(missing).toEqual([]);
  });

  it('lists every non-secret value provision writes in the committed env file, for the council to commit', () => {
    const undeclared = [...outputs.keys()].filter((k) => !k.startsWith('SECRET_') && !committed.has(k));
    expect(undeclared).toEqual([]);
  });

  it('keeps secrets out of the committed env file and passes them only as SECRET_ placeholders', () => {
    expect([...committed.keys()].filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    for (const action of [...lifecycle.provision, ...lifecycle.deploy, ...lifecycle.publish]) {
      for (const [key, name] of Object.entries(action.writeToEnvironmentFile ?? {})) {
        if (/secret|password/i.test(key)) expect(name).toMatch(/^SECRET_/);
      }
      const walk = (node: unknown, key = ''): void => {
        // A value under a secret-like key (CLIENT_SECRET, BOT_APP_PASSWORD...), not its description.
        if (typeof node === 'string' && /secret|password/i.test(key) && !/Description$/.test(key)) {
          expect(node).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
        } else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) walk(v, k);
        }
      };
      walk(action.with);
    }
  });

  it('creates only single-tenant Entra apps and no multi-tenant bot', () => {
    expect(uses(lifecycle.provision)).not.toContain('botAadApp/create');
    for (const action of lifecycle.provision.filter((a) => a.uses === 'aadApp/create')) {
      expect(action.with?.signInAudience).toBe('AzureADMyOrg');
    }
  });

  it('builds, validates and applies the app package in provision, and submits it in publish', () => {
    expect(
      inOrder(uses(lifecycle.provision), [
        'teamsApp/create',
        'aadApp/create',
        'aadApp/update',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/validateAppPackage',
        'teamsApp/update',
      ]),
    ).toBe(true);
    const zip = lifecycle.provision.find((a) => a.uses === 'teamsApp/zipAppPackage')!;
    expect(zip.with).toEqual({
      manifestPath: './appPackage/manifest.json',
      outputZipPath: './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip',
      outputFolder: './appPackage/build',
    });
  });
});

describe('teamsapp.yml (Azure)', () => {
  const lifecycle = readLifecycle(join(REPO, 'teamsapp.yml'));

  it('provisions Azure with infra/azure.bicep after the Entra app exists and before it is updated', () => {
    expect(inOrder(uses(lifecycle.provision), ['aadApp/create', 'arm/deploy', 'aadApp/update'])).toBe(true);
    const arm = lifecycle.provision.find((a) => a.uses === 'arm/deploy')!;
    expect(arm.with?.templates).toEqual([
      expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
    ]);
  });

  it('deploys by installing, building and zip-deploying to the App Service provision created', () => {
    expect(lifecycle.deploy.map((a) => [a.uses, a.with?.args ?? a.with?.resourceId])).toEqual([
      ['cli/runNpmCommand', 'ci --no-audit --no-fund'],
      ['cli/runNpmCommand', 'run build'],
      ['azureAppService/zipDeploy', '${{AZURE_APP_SERVICE_RESOURCE_ID}}'],
    ]);
  });

  it('leaves node_modules, local data and env files out of what it uploads', () => {
    const ignore = readFileSync(join(REPO, '.webappignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules/', '.data/', 'env/', '.env*']));
  });

  it('publishes to the Teams admin centre', () => {
    expect(uses(lifecycle.publish).at(-1)).toBe('teamsApp/publishAppPackage');
  });
});

describe('teamsapp.local.yml (a developer machine)', () => {
  const lifecycle = readLifecycle(join(REPO, 'teamsapp.local.yml'));

  it('registers a single-tenant bot with its own service principal, pointing at the tunnel', () => {
    const botApp = lifecycle.provision.find(
      (a) => a.uses === 'aadApp/create' && a.writeToEnvironmentFile?.clientId === 'BOT_ID',
    );
    expect(botApp?.with).toMatchObject({ generateServicePrincipal: true, signInAudience: 'AzureADMyOrg' });
    const registration = lifecycle.provision.find((a) => a.uses === 'botFramework/create');
    expect(registration?.with).toMatchObject({
      botId: '${{BOT_ID}}',
      messagingEndpoint: '${{TAB_ENDPOINT}}/api/messages',
    });
  });

  it('writes the local server settings, secrets included, only under the git-ignored .data folder', () => {
    const write = lifecycle.deploy.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(write.with?.target).toBe('./.data/teams-local.env');
    expect(readFileSync(join(REPO, '.gitignore'), 'utf8').split('\n')).toContain('.data/');
  });
});

describe('the env files', () => {
  it('are committed for local and dev, while the .user files with secrets are git-ignored', () => {
    expect(readFileSync(join(REPO, '.gitignore'), 'utf8').split('\n')).toContain('env/.env.*.user');
    for (const env of ['local', 'dev']) expect(envKeys(env).get('TEAMSFX_ENV')).toBe(env);
  });

  it('hold no value that looks like a secret', () => {
    for (const env of ['local', 'dev']) {
      const text = readFileSync(join(REPO, 'env', `.env.${env}`), 'utf8');
      expect(text).not.toMatch(/[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{30,}/); // Entra client secrets
      expect(text).not.toMatch(/-----BEGIN|AccountKey=|SharedAccessSignature|password=/i);
      for (const [key, value] of envKeys(env)) {
        if (/SECRET|PASSWORD|KEY$/i.test(key)) expect(value).toBe('');
      }
    }
  });
});
