import { ConfigError, loadConfig } from '../../src/config';

describe('configuration', () => {
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

  test('modes not built yet are refused plainly instead of half-working', () => {
    expect(() => loadConfig({ STORE: 'sharepoint' })).toThrow(/STORE: the SharePoint store is not available/);
    expect(() => loadConfig({ AUTH_MODE: 'teams', HOST: '0.0.0.0' })).toThrow(
      /AUTH_MODE: Teams SSO is not available/,
    );
  });
});
