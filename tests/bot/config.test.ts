import { type ConfigError, loadConfig } from '../../src/config';

const TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CLIENT = '11111111-2222-4333-8444-555555555555';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as ConfigError).message;
  }
  return '';
}

describe('bot settings', () => {
  it('default to the SPEC timings and a local, unauthenticated bot on localhost', () => {
    const c = loadConfig({});
    expect(c.notificationPolicy).toMatchObject({
      notifyTime: '08:30',
      meetingReminderWorkingDays: 2,
      listCheckReminderWorkingDays: 5,
      actionDueSoonWorkingDays: 3,
      overdueRepeatWorkingDays: 5,
      torAnniversary: null,
    });
    expect(c.bot).toMatchObject({ mode: 'local', appId: null, sweepEnabled: true, sweepIntervalMinutes: 5 });
  });

  it('read the timings and the links from the environment', () => {
    const c = loadConfig({
      NOTIFY_TIME: '07:45',
      MEETING_REMINDER_WORKING_DAYS: '3',
      OVERDUE_REPEAT_WORKING_DAYS: '10',
      TOR_ANNIVERSARY: '2025-09-01',
      TEAMS_APP_ID: 'app-1',
      SWEEP_ENABLED: 'false',
    });
    expect(c.notificationPolicy).toMatchObject({
      notifyTime: '07:45',
      meetingReminderWorkingDays: 3,
      overdueRepeatWorkingDays: 10,
      torAnniversary: '2025-09-01',
    });
    expect(c.bot).toMatchObject({ teamsAppId: 'app-1', tabEntityId: 'cmoe-list', sweepEnabled: false });
  });

  it('never serve an unauthenticated bot on a network or in production: without an app id it is off', () => {
    const teams = { AUTH_MODE: 'teams', TENANT_ID: TENANT, CLIENT_ID: CLIENT };
    expect(loadConfig({ ...teams, HOST: '0.0.0.0' }).bot.mode).toBe('off');
    expect(loadConfig({ ...teams, NODE_ENV: 'production', HOST: '127.0.0.1' }).bot.mode).toBe('off');
  });

  it('take a managed identity (as the Bicep sets it) or a single-tenant app with its secret', () => {
    const msi = loadConfig({ BOT_APP_ID: CLIENT, BOT_APP_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT });
    expect(msi.bot).toMatchObject({ mode: 'azure', appType: 'UserAssignedMsi', appPassword: null });
    const single = loadConfig({ BOT_APP_ID: CLIENT, BOT_APP_PASSWORD: 's3cret', BOT_TENANT_ID: TENANT });
    expect(single.bot).toMatchObject({ mode: 'azure', appType: 'SingleTenant', tenantId: TENANT });
  });

  it('name what is missing or wrong, without echoing a secret', () => {
    expect(problems({ BOT_APP_ID: CLIENT })).toMatch(/BOT_APP_PASSWORD: required/);
    expect(problems({ BOT_APP_ID: CLIENT, BOT_APP_PASSWORD: 'x' })).toMatch(/BOT_TENANT_ID: required/);
    const msi = problems({
      BOT_APP_ID: CLIENT,
      BOT_APP_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: TENANT,
      BOT_APP_PASSWORD: 'do-not-echo-me',
    });
    expect(msi).toMatch(/BOT_APP_PASSWORD: must not be set/);
    expect(msi).not.toContain('do-not-echo-me');
    expect(problems({ BOT_APP_TYPE: 'Anonymous' })).toMatch(/BOT_APP_TYPE/);
    expect(problems({ NOTIFY_TIME: '8.30' })).toMatch(/NOTIFY_TIME: must be HH:MM/);
    expect(problems({ TOR_ANNIVERSARY: '2025-02-30' })).toMatch(/TOR_ANNIVERSARY/);
    expect(problems({ OVERDUE_REPEAT_WORKING_DAYS: '0' })).toMatch(/OVERDUE_REPEAT_WORKING_DAYS/);
  });
});
