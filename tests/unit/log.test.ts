import { MAX_LOGGED_STRING, createLogger, formatLine, scrub } from '../../src/log';

const AT = new Date('2026-03-25T10:00:00.000Z');

function line(fields: Record<string, string | number | boolean | null | undefined>, msg = 'm') {
  return JSON.parse(formatLine('info', msg, fields, AT)) as Record<string, unknown>;
}

describe('log redaction', () => {
  test.each([
    'firstName',
    'lastName',
    'name',
    'childName',
    'dateOfBirth',
    'date_of_birth',
    'dob',
    'address',
    'homeAddress',
    'postcode',
    'email',
    'upn',
    'q',
    'text',
    'note',
    'reason',
    'summary',
    'authorization',
    'accessToken',
    'clientSecret',
  ])('a field named %s is redacted whatever it holds', (key) => {
    expect(line({ [key]: 'Anything at all' })[key]).toBe('[redacted]');
  });

  test('refs, ids, routes, statuses and codes pass unchanged', () => {
    expect(
      line({
        target: 'CMOE-0042',
        user: 'dev-chair',
        route: '/api/cases/:ref',
        status: 401,
        code: 'expired',
      }),
    ).toMatchObject({
      target: 'CMOE-0042',
      user: 'dev-chair',
      route: '/api/cases/:ref',
      status: 401,
      code: 'expired',
    });
  });

  test('a date in any other field or in the message is masked (a date of birth looks like one)', () => {
    const l = line({ note2: 'born 2013-05-14', other: '14/05/2013' }, 'child 2013-05-14');
    expect(JSON.stringify(l)).not.toMatch(/2013/);
    expect(l.msg).toBe('child [date]');
  });

  test('instants are kept: logs need them and no date of birth is stored as one', () => {
    expect(line({ at: '2026-03-25T10:00:00.000Z' }).at).toBe('2026-03-25T10:00:00.000Z');
  });

  test('email addresses and bearer tokens are masked wherever they appear', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const l = line({ who: 'alex.sample@example.org', header: `Bearer ${token}` });
    expect(l.who).toBe('[email]');
    expect(l.header).toBe('Bearer [token]');
  });

  test('long strings are cut: free text does not belong in a log line', () => {
    const out = scrub('x'.repeat(1000));
    expect(out.length).toBeLessThan(MAX_LOGGED_STRING + 10);
    expect(out.endsWith('[cut]')).toBe(true);
  });

  test('a field cannot overwrite the time, level or message of a line', () => {
    const l = line({ t: 'forged', level: 'error', msg: 'forged' }, 'real');
    expect(l).toMatchObject({ t: AT.toISOString(), level: 'info', msg: 'real', field_msg: 'forged' });
  });

  test('levels below the logger level are not written', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud', { code: 'x' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'loud', code: 'x' });
  });
});
