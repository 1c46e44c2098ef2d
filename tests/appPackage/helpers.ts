/**
 * Shared by the app package tests: the repository root, a throwaway copy of the files a council's clone
 * holds (no node_modules, no .user files), and the values provisioning would write into env files.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');

/** What `provision --env dev` writes (teamsApp/create, aadApp/create, arm/deploy outputs). */
export const DEV_OUTPUTS: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '0b7cbd1e-3a57-4c31-9d3e-5a2f4a6e1c01',
  AAD_APP_CLIENT_ID: '6a1f0c55-2f0e-4f55-8f1e-0d8b7c3e2a02',
  AAD_APP_OBJECT_ID: 'c3d1e9a0-7b3f-4b4e-9a51-3e5d2f1b0a03',
  AAD_APP_TENANT_ID: '9e1d7c3b-5a4f-4e2d-8c1b-7a6f5e4d3c04',
  AAD_APP_OAUTH_AUTHORITY: 'https://login.microsoftonline.com/9e1d7c3b-5a4f-4e2d-8c1b-7a6f5e4d3c04',
  AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '2f4e6a8c-1b3d-4f5a-9c7e-0d2b4f6a8c05',
  AZURE_APP_SERVICE_RESOURCE_ID:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-cmoe/providers/Microsoft.Web/sites/cmoe-abc123',
  TAB_DOMAIN: 'cmoe-abc123.azurewebsites.net',
  TAB_ENDPOINT: 'https://cmoe-abc123.azurewebsites.net',
  BOT_ID: '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a06',
  BOT_DOMAIN: 'cmoe-abc123.azurewebsites.net',
  KEY_VAULT_NAME: 'cmoekvabc123',
};

/** What a council types into env/.env.dev before publishing (docs/deploy.md). */
export const DEV_COUNCIL_INPUTS: Readonly<Record<string, string>> = {
  DEVELOPER_WEBSITE_URL: 'https://www.anytown.gov.uk/cmoe',
  PRIVACY_URL: 'https://www.anytown.gov.uk/privacy/cmoe',
  TERMS_OF_USE_URL: 'https://www.anytown.gov.uk/terms',
  SHAREPOINT_SITE_ID:
    'anytown.sharepoint.com,11111111-2222-4333-8444-555555555555,66666666-7777-4888-9999-000000000000',
};

/** What `provision --env local` writes, plus the dev tunnel the developer put in env/.env.local. */
export const LOCAL_VALUES: Readonly<Record<string, string>> = {
  TAB_DOMAIN: 'k8x2p9-3978.uks1.devtunnels.ms',
  TAB_ENDPOINT: 'https://k8x2p9-3978.uks1.devtunnels.ms',
  TEAMS_APP_ID: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e07',
  AAD_APP_CLIENT_ID: '7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a08',
  AAD_APP_OBJECT_ID: '3b4c5d6e-7f8a-4b9c-8d1e-2f3a4b5c6d09',
  AAD_APP_TENANT_ID: '9e1d7c3b-5a4f-4e2d-8c1b-7a6f5e4d3c04',
  AAD_APP_OAUTH_AUTHORITY: 'https://login.microsoftonline.com/9e1d7c3b-5a4f-4e2d-8c1b-7a6f5e4d3c04',
  AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.com',
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: '5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f10',
  BOT_ID: '8f9a0b1c-2d3e-4f4a-9b6c-7d8e9f0a1b11',
  BOT_OBJECT_ID: 'a0b1c2d3-e4f5-4a6b-8c8d-9e0f1a2b3c12',
  BOT_TENANT_ID: '9e1d7c3b-5a4f-4e2d-8c1b-7a6f5e4d3c04',
};

/**
 * Copies what a clone of the repository holds for packaging (committed files only: no .user files, no
 * build output, no node_modules) into a new temporary folder, and returns it.
 */
export function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmoe-clone-'));
  for (const path of [
    'appPackage/manifest.json',
    'appPackage/color.png',
    'appPackage/outline.png',
    'env/.env.dev',
    'env/.env.local',
    'teamsapp.yml',
    'teamsapp.local.yml',
    'infra/azure.bicep',
    'infra/azure.parameters.json',
    'aad.manifest.json',
  ]) {
    cpSync(join(REPO, path), join(dir, path), { recursive: true });
  }
  return dir;
}

/** Sets `NAME=value` lines in env/.env.<env> under `dir`, as provision does (replacing, else appending). */
export function writeEnvValues(dir: string, env: string, values: Readonly<Record<string, string>>): void {
  const file = join(dir, 'env', `.env.${env}`);
  let text = readFileSync(file, 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=.*$`, 'm');
    text = line.test(text) ? text.replace(line, () => `${name}=${value}`) : `${text}${name}=${value}\n`;
  }
  writeFileSync(file, text);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
