import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../src/auth/roles';
import { REPO } from './helpers';

interface AppRole {
  allowedMemberTypes: string[];
  id: string;
  isEnabled: boolean;
  origin: string;
  value: string;
}

const aad = JSON.parse(readFileSync(join(REPO, 'aad.manifest.json'), 'utf8')) as {
  accessTokenAcceptedVersion: number;
  signInAudience: string;
  appRoles: AppRole[];
  oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  identifierUris: string[];
  replyUrlsWithType: { url: string; type: string }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
};
const manifest = JSON.parse(readFileSync(join(REPO, 'appPackage', 'manifest.json'), 'utf8')) as {
  webApplicationInfo: { id: string; resource: string };
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the Entra app registration (aad.manifest.json)', () => {
  it('declares exactly the app roles of the permission matrix (src/auth/roles.ts)', () => {
    expect(aad.appRoles.map((r) => r.value).sort()).toEqual([...ROLES].sort());
  });

  it('makes every role assignable to users, enabled, with its own GUID', () => {
    for (const role of aad.appRoles) {
      expect(role).toMatchObject({ allowedMemberTypes: ['User'], isEnabled: true, origin: 'Application' });
      expect(role.id).toMatch(GUID);
    }
    expect(new Set(aad.appRoles.map((r) => r.id)).size).toBe(aad.appRoles.length);
  });

  it('keeps each role id stable, because user assignments in the council tenant point at it', () => {
    expect(Object.fromEntries(aad.appRoles.map((r) => [r.value, r.id]))).toEqual({
      'CMOE.Member': 'd860341d-e24e-495b-9508-1ce50f274945',
      'CMOE.Chair': '05e4555a-24ab-4553-8297-b8d841e3c1b7',
      'CMOE.SeniorManager': 'e1032fde-59fd-4083-abf9-71d0516ee192',
      'CMOE.Admin': '8bbf2dde-d7c9-41b6-99f0-c536892d5145',
    });
  });

  it('issues v2 access tokens to the council tenant only', () => {
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
  });

  it('exposes the access_as_user scope that Teams SSO asks for', () => {
    expect(aad.oauth2Permissions).toEqual([
      expect.objectContaining({
        id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
        value: 'access_as_user',
        type: 'User',
        isEnabled: true,
      }),
    ]);
  });

  it('pre-authorises the Teams, Microsoft 365 and Outlook clients (desktop, mobile and web) for that scope', () => {
    expect(aad.preAuthorizedApplications.map((p) => p.appId).sort()).toEqual(
      [
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
        '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
        '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
        'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
        'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
        '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
      ].sort(),
    );
    for (const p of aad.preAuthorizedApplications) {
      expect(p.permissionIds).toEqual(['${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}']);
    }
  });

  it('has the identifier URI the Teams manifest asks tokens for', () => {
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(manifest.webApplicationInfo.id).toBe('${{AAD_APP_CLIENT_ID}}');
  });

  it('redirects only to the tab own origin', () => {
    expect(aad.replyUrlsWithType.length).toBeGreaterThan(0);
    for (const r of aad.replyUrlsWithType) expect(r.url.startsWith('${{TAB_ENDPOINT}}/')).toBe(true);
  });

  it('registers the consent pop-up return path the server sends Microsoft to (a Web reply URL)', () => {
    const consent = readFileSync(join(REPO, 'src', 'api', 'consent.ts'), 'utf8');
    const path = /\/auth\/consent-done/.exec(consent)?.[0];
    expect(path).toBe('/auth/consent-done');
    expect(aad.replyUrlsWithType).toContainEqual({ url: `\${{TAB_ENDPOINT}}${path}`, type: 'Web' });
  });

  it('asks Microsoft Graph for User.Read, Sites.Selected (delegated and application) and TeamsActivity.Send (application, for activity feed nudges) and nothing broader', () => {
    expect(aad.requiredResourceAccess).toEqual([
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [
          { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }, // User.Read
          { id: 'f89c84ef-20d0-4b54-87e9-02e856d66d53', type: 'Scope' }, // Sites.Selected (delegated)
          { id: '883ea226-0bf2-4a8f-9f9d-92c9162a727d', type: 'Role' }, // Sites.Selected (application)
          { id: 'a267235f-af13-44dc-8385-c1dc93023186', type: 'Role' }, // TeamsActivity.Send (application)
        ],
      },
    ]);
  });
});
