import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand } from '../../src/bot/commands';
import { failureClass } from '../../src/bot/delivery';
import { actionsLinks, caseLinks, caseTeamsDeepLink, listLinks, meetingLinks } from '../../src/bot/links';
import { RateLimiter } from '../../src/bot/rateLimiter';
import { DevRoleDirectory, MemberListDirectory, memberFileDirectory } from '../../src/bot/roleDirectory';
import { SendError, classify } from '../../src/bot/sender';
import { retryAfterFromHeaders, retryAfterMs } from '../../src/retry';
import { VirtualTiming } from '../../src/bot/timing';
import { LINKS } from './harness';

describe('commands', () => {
  it.each([
    ['help', { name: 'help' }],
    ['  HELP ', { name: 'help' }],
    ['my actions', { name: 'my-actions' }],
    ['My Actions.', { name: 'my-actions' }],
    ['myactions', { name: 'my-actions' }],
    ['agenda', { name: 'agenda' }],
    ['case CMOE-0042', { name: 'case', ref: 'CMOE-0042' }],
    ['case cmoe-42', { name: 'case', ref: 'CMOE-0042' }],
    ['case 42', { name: 'case', ref: 'CMOE-0042' }],
    ['<p>case&nbsp;CMOE-0042</p>', { name: 'case', ref: 'CMOE-0042' }],
    ['<at>Someone Else</at> agenda', { name: 'agenda' }],
    ['notify', { name: 'notify', preference: null }],
    ['notify feed', { name: 'notify', preference: 'feed' }],
    ['Notify me in the activity feed', { name: 'notify', preference: 'feed' }],
    ['notify channel', { name: 'notify', preference: 'channel' }],
    ['notify both', { name: 'notify', preference: 'both' }],
    ['notify email', { name: 'unknown' }],
    ['case Zebediah', { name: 'unknown' }],
    ['delete everything', { name: 'unknown' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});

describe('the rate limiter', () => {
  it('lets 7 through in a second, then holds the 8th until the first leaves the window', async () => {
    const timing = new VirtualTiming(0);
    const limiter = new RateLimiter([{ limit: 7, windowMs: 1000 }], timing);
    const at: number[] = [];
    for (let i = 0; i < 15; i++) {
      // Each send takes 10 ms; the limiter counts it when it ends.
      await limiter.run('conv', async () => {
        at.push(timing.now());
        timing.advance(10);
      });
    }
    expect(at.slice(0, 7)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    // The first send ended at 10: the 8th starts a full second after that.
    expect(at[7]).toBe(1010);
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(7);
  });

  it('keeps conversations apart and pauses one after a Retry-After', async () => {
    const timing = new VirtualTiming(0);
    const limiter = new RateLimiter([{ limit: 1, windowMs: 1000 }], timing);
    const send = async () => undefined;
    await limiter.run('a', send);
    await limiter.run('b', send);
    expect(timing.now()).toBe(0);
    limiter.pause('b', 5000);
    await limiter.run('b', send);
    expect(timing.now()).toBe(5000);
  });
});

describe('send failures', () => {
  it('reads Retry-After as seconds, as an HTTP date, or in milliseconds', () => {
    const h = (o: Record<string, string>) => ({ get: (k: string) => o[k.toLowerCase()] });
    const zero = () => 0;
    expect(retryAfterFromHeaders(h({ 'retry-after': '2' }), zero)).toBe(2000);
    expect(retryAfterFromHeaders(h({ 'retry-after': '0.5' }), zero)).toBe(500);
    const now = () => Date.parse('2026-03-25T09:00:00Z');
    expect(retryAfterFromHeaders(h({ 'retry-after': 'Wed, 25 Mar 2026 09:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterFromHeaders(h({ 'retry-after-ms': '250' }), zero)).toBe(250);
    expect(retryAfterFromHeaders(h({ 'x-ms-retry-after-ms': '75' }), zero)).toBe(75);
    expect(retryAfterFromHeaders(h({ 'retry-after': 'soon' }), zero)).toBeNull();
    expect(retryAfterFromHeaders(undefined, zero)).toBeNull();
  });

  it('reads the clock only for the HTTP-date form of Retry-After (one parser for the store, bot and tab)', () => {
    const never = () => {
      throw new Error('the clock was read');
    };
    expect(retryAfterMs(' 3 ', never)).toBe(3000);
    expect(retryAfterMs('', never)).toBeNull();
    expect(retryAfterMs(null, never)).toBeNull();
    expect(retryAfterMs('Wed, 25 Mar 2026 08:59:00 GMT', () => Date.parse('2026-03-25T09:00:00Z'))).toBe(0);
  });

  it('classifies without keeping the error message (it can echo the request)', () => {
    const e = classify(
      Object.assign(new Error('Zebediah cannot be posted'), {
        statusCode: 429,
        response: { headers: { get: (k: string) => (k === 'retry-after' ? '7' : undefined) } },
      }),
      0,
    );
    expect(e).toMatchObject({ status: 429, retryAfterMs: 7000, code: 'http-429' });
    expect(e.message).not.toContain('Zebediah');
    expect(classify(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 0).code).toBe(
      'network-ECONNREFUSED',
    );
  });

  it.each([
    [429, 'transient'],
    [412, 'transient'],
    [502, 'transient'],
    [504, 'transient'],
    [403, 'gone'],
    [404, 'gone'],
    [400, 'rejected'],
    [401, 'later'],
    [500, 'later'],
  ] as const)('treats %i as %s', (status, kind) => {
    expect(failureClass(new SendError(status, null, `http-${status}`))).toBe(kind);
  });
});

describe('links', () => {
  it('use the tab web form and the Teams deep-link form the tab reads', () => {
    expect(caseTeamsDeepLink('app-id', 'cmoe-list', 'CMOE-0042')).toBe(
      'https://teams.microsoft.com/l/entity/app-id/cmoe-list?context=%7B%22subEntityId%22%3A%22CMOE-0042%22%7D',
    );
    expect(caseLinks({ ...LINKS, teamsAppId: null }, 'CMOE-0042')).toEqual([
      { title: 'Open the case', url: 'https://cmoe.example.org/cases/CMOE-0042' },
    ]);
    expect(
      meetingLinks({ ...LINKS, teamsAppId: null, publicBaseUrl: 'https://x.example/' }, null, 'Open'),
    ).toEqual([{ title: 'Open', url: 'https://x.example/meetings' }]);
  });

  it('open the tab inside Teams when the app id is known: meetings, the list and actions by their path', () => {
    const teams = { ...LINKS, teamsAppId: 'app-id', tabEntityId: 'cmoe-list' };
    const entity = (sub: string) =>
      `https://teams.microsoft.com/l/entity/app-id/cmoe-list?context=${encodeURIComponent(JSON.stringify({ subEntityId: sub }))}`;
    expect(meetingLinks(teams, 'm 1', 'Open the agenda')).toEqual([
      { title: 'Open the agenda in Teams', url: entity('/meetings/m%201') },
      { title: 'Open in the browser', url: 'https://cmoe.example.org/meetings/m%201' },
    ]);
    expect(listLinks(teams)[0]!.url).toBe(entity('/'));
    expect(actionsLinks(teams)[0]!.url).toBe(entity('/actions'));
    // A case keeps the bare ref, the form links already shared carry.
    expect(caseLinks(teams, 'CMOE-0042')[0]!.url).toBe(entity('CMOE-0042'));
  });
});

describe('role directories', () => {
  it('in dev resolve the synthetic users by id or email, and anyone else to no role', async () => {
    const dir = new DevRoleDirectory();
    expect((await dir.principalFor({ aadObjectId: 'dev-chair' })).roles).toEqual([
      'CMOE.Member',
      'CMOE.Chair',
    ]);
    expect((await dir.principalFor({ aadObjectId: 'x', email: 'BEA.placeholder@example.org' })).id).toBe(
      'dev-member-ewo',
    );
    const stranger = await dir.principalFor({ aadObjectId: '00000000-0000-0000-0000-000000000099' });
    expect(stranger.roles).toEqual([]);
    expect(stranger.permissions.size).toBe(0);
    expect((await dir.holders('CMOE.Chair')).map((p) => p.id)).toEqual(['dev-chair']);
  });

  it('from a member file match the Entra object id case-insensitively, and see the file change on reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmoe-members-'));
    try {
      const file = join(dir, 'members.json');
      const member = (roles: string[]) =>
        JSON.stringify([{ id: 'AAAA-1', name: 'Real Chair', email: 'chair@council.example', roles }]);
      writeFileSync(file, member(['CMOE.Chair']));
      const directory = memberFileDirectory(file, 0);
      expect((await directory.principalFor({ aadObjectId: 'aaaa-1' })).roles).toEqual(['CMOE.Chair']);
      expect((await directory.holders('CMOE.Chair')).map((p) => p.name)).toEqual(['Real Chair']);
      writeFileSync(file, member(['CMOE.Member']));
      expect((await directory.principalFor({ aadObjectId: 'aaaa-1' })).roles).toEqual(['CMOE.Member']);
      expect((await directory.principalFor({ aadObjectId: 'someone-else' })).roles).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep the last good list when a reload fails, and know nobody before the first load', async () => {
    let now = 0;
    let fail = true;
    const errors: unknown[] = [];
    const dir = new MemberListDirectory(
      async () => {
        if (fail) throw new Error('graph down');
        return [{ id: 'u1', name: 'A Chair', email: 'a@council.example', roles: ['CMOE.Chair'] }];
      },
      1000,
      () => now,
      (e) => errors.push(e),
    );
    expect((await dir.principalFor({ aadObjectId: 'u1' })).roles).toEqual([]);
    fail = false;
    now = 1;
    expect((await dir.principalFor({ aadObjectId: 'u1' })).roles).toEqual(['CMOE.Chair']);
    fail = true;
    now = 5000;
    expect((await dir.principalFor({ aadObjectId: 'u1' })).roles).toEqual(['CMOE.Chair']);
    expect(errors).toHaveLength(2);
  });
});
