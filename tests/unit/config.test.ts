import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
  test('the activity feed is off by default, and on it needs the team and the app identity, named', () => {
    expect(loadConfig({}).bot.activityFeed).toBeNull();
    let error: unknown;
    try {
      loadConfig({ ACTIVITY_FEED: 'on' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    for (const name of ['ACTIVITY_FEED_TEAM_ID', 'TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET'])
      expect((error as Error).message).toContain(name);
    expect(() => loadConfig({ ACTIVITY_FEED: 'yes' })).toThrow(/ACTIVITY_FEED/);
    expect(() => loadConfig({ ACTIVITY_FEED: 'on', ACTIVITY_FEED_TEAM_ID: '19:abc@thread.tacv2' })).toThrow(
      /ACTIVITY_FEED_TEAM_ID/,
    );
    const c = loadConfig({
      ACTIVITY_FEED: 'on',
      ACTIVITY_FEED_TEAM_ID: '5b3a1c2d-0000-4000-8000-0000000000aa',
      TENANT_ID: '00000000-0000-4000-8000-00000000C0DE',
      CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      CLIENT_SECRET: 'test-only-secret',
    });
    expect(c.bot.activityFeed).toEqual({
      graphBaseUrl: 'https://graph.microsoft.com',
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: '00000000-0000-4000-8000-00000000c0de',
      clientId: '11111111-1111-4111-8111-111111111111',
      credential: { clientSecret: 'test-only-secret' },
      teamGroupId: '5b3a1c2d-0000-4000-8000-0000000000aa',
    });
  });

  test('defaults give a local run on port 3978 with SQLite and dev sign-in', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      store: 'sqlite',
      sqlitePath: '.data/cmoe.sqlite',
      authMode: 'dev',
    });
    expect(c.publicBaseUrl).toBe('http://127.0.0.1:3978');
    expect(c.policy.cadence).toEqual({ anchorDate: '2026-01-06', everyWeeks: 4, time: '10:00' });
  });

  test('reads the retention rule, defaulting to until the child is 25, and names a bad one', () => {
    expect(loadConfig({}).policy.retention).toEqual({ kind: 'until-age', age: 25 });
    expect(loadConfig({ RETENTION_RULE: 'years-after-closure:6' }).policy.retention).toEqual({
      kind: 'years-after-closure',
      years: 6,
    });
    expect(() => loadConfig({ RETENTION_RULE: 'forever' })).toThrow(/RETENTION_RULE: must be until-age:N/);
  });

  test('reads the meeting cadence, closures and school holidays from settings', () => {
    const c = loadConfig({
      MEETING_ANCHOR_DATE: '2026-09-08',
      MEETING_EVERY_WEEKS: '6',
      MEETING_TIME: '14:30',
      EXTRA_CLOSURES: '2026-12-24, 2026-12-31',
      SCHOOL_HOLIDAYS: '2026-10-26..2026-10-30,2026-12-21..2027-01-01',
    });
    expect(c.policy.cadence).toEqual({ anchorDate: '2026-09-08', everyWeeks: 6, time: '14:30' });
    expect(c.policy.calendar.extraClosures).toEqual(['2026-12-24', '2026-12-31']);
    expect(c.policy.calendar.schoolHolidays).toEqual([
      { start: '2026-10-26', end: '2026-10-30' },
      { start: '2026-12-21', end: '2027-01-01' },
    ]);
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ STORE: 'postgres' }, 'STORE'],
    [{ MEETING_TIME: '25:00' }, 'MEETING_TIME'],
    [{ MEETING_ANCHOR_DATE: '2026-02-30' }, 'MEETING_ANCHOR_DATE'],
    [{ EXTRA_CLOSURES: '2026-12-24,christmas' }, 'EXTRA_CLOSURES'],
    [{ SCHOOL_HOLIDAYS: '2026-10-30..2026-10-26' }, 'SCHOOL_HOLIDAYS'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
  ])('a bad setting stops the start naming the variable (%o)', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).message).toContain(name);
    }
  });

  test('dev sign-in refuses to start in production or off localhost', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_MODE: dev sign-in is refused when NODE_ENV=production/,
    );
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: dev sign-in only listens on localhost/);
    expect(() => loadConfig({ HOST: '::1' })).not.toThrow();
  });

  test('CLOCK_START starts the clock at an instant for development and tests, never in production', () => {
    expect(loadConfig({}).clockStart).toBeNull();
    expect(loadConfig({ CLOCK_START: '2027-03-27T23:30:00Z' }).clockStart).toEqual(
      new Date('2027-03-27T23:30:00.000Z'),
    );
    expect(loadConfig({ NODE_ENV: 'test', CLOCK_START: '2027-03-28T00:30:00+01:00' }).clockStart).toEqual(
      new Date('2027-03-27T23:30:00.000Z'),
    );
    expect(() => loadConfig({ CLOCK_START: '2027-03-27 23:30' })).toThrow(
      /CLOCK_START: must be an ISO time with a zone/,
    );
    expect(() => loadConfig({ CLOCK_START: '2027-03-27T23:30:00' })).toThrow(/CLOCK_START/);
    // Production refuses it even before dev sign-in is refused, naming the setting.
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_MODE: 'teams',
        TENANT_ID: '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
        CLIENT_ID: '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
        CLOCK_START: '2027-03-27T23:30:00Z',
      }),
    ).toThrow(/CLOCK_START: refused when NODE_ENV=production/);
    expect(() =>
      loadConfig({
        AUTH_MODE: 'teams',
        TENANT_ID: '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
        CLIENT_ID: '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
        CLOCK_START: '2027-03-27T23:30:00Z',
      }),
    ).toThrow(/CLOCK_START: only accepted with AUTH_MODE=dev/);
  });

  const TENANT = '7d1c0a4e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';
  const CLIENT = '3c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
  const SITE =
    'contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe';

  test('the SharePoint store reads Graph, the sign-in host, the app, its secret and the site', () => {
    const c = loadConfig({
      STORE: 'sharepoint',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      CLIENT_SECRET: 'not-a-real-secret',
      SHAREPOINT_SITE_ID: SITE,
    });
    expect(c.store).toBe('sharepoint');
    expect(c.sharePoint).toEqual({
      graphBaseUrl: 'https://graph.microsoft.com',
      // Dev sign-in has no user token to exchange: everything as the app.
      onBehalfOf: false,
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { clientSecret: 'not-a-real-secret' },
      siteId: SITE,
    });
    const national = loadConfig({
      STORE: 'sharepoint',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      CLIENT_CERTIFICATE_PATH: '/etc/cmoe/app.pem',
      SHAREPOINT_SITE_ID: SITE,
      GRAPH_BASE_URL: 'https://graph.microsoft.us',
      AUTHORITY_HOST: 'https://login.microsoftonline.us',
    });
    expect(national.sharePoint).toMatchObject({
      graphBaseUrl: 'https://graph.microsoft.us',
      authorityHost: 'https://login.microsoftonline.us',
      credential: { certificatePath: '/etc/cmoe/app.pem' },
    });
    expect(loadConfig({}).sharePoint).toBeUndefined();
  });

  test('the SharePoint store without its settings stops the start naming each missing one', () => {
    let message = '';
    try {
      loadConfig({ STORE: 'sharepoint' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as ConfigError).message;
    }
    for (const name of ['TENANT_ID', 'CLIENT_ID', 'SHAREPOINT_SITE_ID', 'CLIENT_SECRET'])
      expect(message).toContain(`${name}: required with STORE=sharepoint`);
  });

  test.each([
    [{ GRAPH_BASE_URL: 'http://graph.example.org' }, 'GRAPH_BASE_URL'],
    [{ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' }, 'GRAPH_BASE_URL'],
    [{ SHAREPOINT_SITE_ID: 'cmoe' }, 'SHAREPOINT_SITE_ID'],
    [{ CLIENT_CERTIFICATE_PATH: '/etc/cmoe/app.pem' }, 'CLIENT_CERTIFICATE_PATH'],
    [{ AUTHORITY_HOST: 'http://127.0.0.1:4010' }, 'AUTHORITY_HOST'],
  ])('a bad SharePoint setting stops the start naming it (%o)', (env, name) => {
    const base = {
      STORE: 'sharepoint',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      CLIENT_SECRET: 'not-a-real-secret',
      SHAREPOINT_SITE_ID: SITE,
    };
    expect(() => loadConfig({ ...base, ...env })).toThrow(new RegExp(`${name}:`));
  });

  test('a SharePoint secret never appears in a configuration error', () => {
    expect(() =>
      loadConfig({
        STORE: 'sharepoint',
        CLIENT_SECRET: 'very-secret-value',
        CLIENT_CERTIFICATE_PATH: '/x.pem',
      }),
    ).toThrow(/^((?!very-secret-value)[\s\S])*$/);
  });

  test('Teams sign-in reads the tenant, the app and the authority, and allows the home tenant by default', () => {
    const c = loadConfig({ AUTH_MODE: 'teams', HOST: '0.0.0.0', TENANT_ID: TENANT, CLIENT_ID: CLIENT });
    expect(c.authMode).toBe('teams');
    expect(c.teams).toEqual({
      tenantId: TENANT,
      clientId: CLIENT,
      allowedTenantIds: [TENANT],
      authorityHost: 'https://login.microsoftonline.com',
      appIdUri: undefined,
    });
    expect(c.rateLimitPerMinute).toBe(300);
  });

  test('Teams sign-in takes a national-cloud authority, more tenants and the App ID URI', () => {
    const other = 'f0e1d2c3-b4a5-4968-8776-655443322110';
    const c = loadConfig({
      AUTH_MODE: 'teams',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      ALLOWED_TENANT_IDS: `${TENANT}, ${other.toUpperCase()}`,
      AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      APP_ID_URI: `api://cmoe.example.org/${CLIENT}`,
      RATE_LIMIT_PER_MINUTE: '60',
    });
    expect(c.teams).toMatchObject({
      allowedTenantIds: [TENANT, other],
      authorityHost: 'https://login.microsoftonline.us',
      appIdUri: `api://cmoe.example.org/${CLIENT}`,
    });
    expect(c.rateLimitPerMinute).toBe(60);
  });

  test('Teams sign-in without its settings stops the start naming each missing one', () => {
    expect(() => loadConfig({ AUTH_MODE: 'teams' })).toThrow(/TENANT_ID: required with AUTH_MODE=teams/);
    expect(() => loadConfig({ AUTH_MODE: 'teams' })).toThrow(/CLIENT_ID: required with AUTH_MODE=teams/);
    expect(() => loadConfig({ AUTH_MODE: 'teams', TENANT_ID: TENANT })).toThrow(/CLIENT_ID/);
  });

  test('a production start without tenant and client settings fails naming them', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    } catch (e) {
      message = (e as ConfigError).message;
    }
    expect(message).toMatch(/AUTH_MODE: dev sign-in is refused when NODE_ENV=production/);
    expect(message).toMatch(/TENANT_ID: required/);
    expect(message).toMatch(/CLIENT_ID: required/);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        AUTH_MODE: 'teams',
        TENANT_ID: TENANT,
        CLIENT_ID: CLIENT,
      }).authMode,
    ).toBe('teams');
  });

  test.each([
    [{ TENANT_ID: 'contoso.onmicrosoft.com' }, 'TENANT_ID'],
    [{ CLIENT_ID: 'my-app' }, 'CLIENT_ID'],
    [{ ALLOWED_TENANT_IDS: 'common' }, 'ALLOWED_TENANT_IDS'],
    [{ AUTHORITY_HOST: 'http://login.example.org' }, 'AUTHORITY_HOST'],
    [{ AUTHORITY_HOST: 'https://login.microsoftonline.com/common' }, 'AUTHORITY_HOST'],
    [{ APP_ID_URI: 'https://cmoe.example.org' }, 'APP_ID_URI'],
    [{ APP_ID_URI: 'api://cmoe.example.org/another-app' }, 'APP_ID_URI'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
  ])('a bad Teams sign-in setting stops the start naming it (%o)', (env, name) => {
    const base = { AUTH_MODE: 'teams', TENANT_ID: TENANT, CLIENT_ID: CLIENT };
    expect(() => loadConfig({ ...base, ...env })).toThrow(new RegExp(`${name}(\\.\\d+)?:`));
  });

  test('a local issuer on loopback may use plain http (tests and local fakes)', () => {
    const c = loadConfig({
      AUTH_MODE: 'teams',
      TENANT_ID: TENANT,
      CLIENT_ID: CLIENT,
      AUTHORITY_HOST: 'http://127.0.0.1:4010',
    });
    expect(c.teams?.authorityHost).toBe('http://127.0.0.1:4010');
  });
});
