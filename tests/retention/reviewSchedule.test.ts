/**
 * Issue 18: the monthly disposal review. The review answers when the last one was held (the latest
 * `retention.review` or `retention.dispose` in the audit before this opening) and when the next is due,
 * a calendar month on (31 January -> end of February). On both stores, with fixed clocks.
 */
import { londonInstant } from '../../src/domain/calendar';
import { disposalReview, reviewDue } from '../../src/operations/disposal';
import type { Store } from '../../src/store/ports';
import { openSqliteStore } from '../../src/store/sqlite';
import { startSharePointEnv, type SharePointTestEnv } from '../helpers/sharePoint';
import { ADMIN_CALL, depsFor } from './scenario';

let env: SharePointTestEnv;
let store: Store;
beforeAll(async () => {
  env = await startSharePointEnv();
});
afterEach(async () => {
  await store.close();
});
afterAll(async () => {
  await env.close();
});

const STORES: readonly { name: string; open(): Promise<Store> }[] = [
  { name: 'SQLite', open: () => Promise.resolve(openSqliteStore(':memory:')) },
  { name: 'SharePoint', open: async () => env.open(await env.newSite()) },
];

const at = (date: string, time = '10:00') => ({ ...ADMIN_CALL, now: londonInstant(date, time) });

describe.each(STORES)('on the $name store', (kind) => {
  beforeEach(async () => {
    store = await kind.open();
  });

  test('the first review is due now, and each one sets the next a calendar month on', async () => {
    const review = (date: string) => disposalReview(depsFor(store), at(date)).then((r) => r.schedule);
    expect(await review('2027-01-31')).toEqual({
      previous: null,
      dueOn: null,
      overdue: true,
      nextDue: '2027-02-28',
    });
    expect(await review('2027-02-27')).toEqual({
      previous: '2027-01-31',
      dueOn: '2027-02-28',
      overdue: false,
      nextDue: '2027-03-27',
    });
    // Opened again on the day it was due: not overdue; a day later it would have been.
    expect(await review('2027-03-27')).toEqual({
      previous: '2027-02-27',
      dueOn: '2027-03-27',
      overdue: false,
      nextDue: '2027-04-27',
    });
    expect(await review('2027-04-28')).toMatchObject({ previous: '2027-03-27', overdue: true });
  });

  test('the navigation’s reading says whether it is overdue without holding a review', async () => {
    expect(await reviewDue(depsFor(store), at('2027-01-31'))).toEqual({
      previous: null,
      dueOn: null,
      overdue: true,
    });
    await disposalReview(depsFor(store), at('2027-01-31'));
    expect(await reviewDue(depsFor(store), at('2027-02-28'))).toEqual({
      previous: '2027-01-31',
      dueOn: '2027-02-28',
      overdue: false,
    });
    expect(await reviewDue(depsFor(store), at('2027-03-01'))).toMatchObject({ overdue: true });
    expect(await store.audit.query({ action: 'retention.review' })).toHaveLength(1);
  });

  test('an approved disposal after the last opening counts as the last review', async () => {
    await disposalReview(depsFor(store), at('2027-05-10'));
    await store.audit.append({
      at: londonInstant('2027-05-20', '11:00').toISOString(),
      userId: ADMIN_CALL.caller.id,
      action: 'retention.dispose',
      target: 'CMOE-0001',
      fields: [],
      fromVersion: 3,
      toVersion: null,
    });
    expect((await disposalReview(depsFor(store), at('2027-06-21'))).schedule).toEqual({
      previous: '2027-05-20',
      dueOn: '2027-06-20',
      overdue: true,
      nextDue: '2027-07-21',
    });
  });
});
