/** @jest-environment jsdom */
import './dom';
import { screen, within } from '@testing-library/react';
import type { DisposalCandidate } from '../../src/domain/retention';
import type { Me } from '../../src/tab/client/client';
import { DisposalReviewPage } from '../../src/tab/components/Admin/DisposalReview';
import { FakeApi } from './fakeApi';
import { renderInApp, userSetup } from './render';

const ADMIN_ME: Me = {
  id: 'dev-admin',
  name: 'Demo Admin (Dee Example)',
  email: 'dee.example@example.org',
  roles: ['CMOE.Admin'],
  // As GET /api/me answers for an admin (src/auth/roles.ts).
  permissions: ['audit.read', 'import.run', 'oversight.read', 'retention.manage', 'settings.manage'],
};

const candidate = (ref: string): DisposalCandidate => ({
  ref,
  version: 4,
  yearGroup: '9',
  categories: ['cme'],
  closedOn: '2019-07-19',
  closureReason: 'moved-out',
  reason: 'Retention ended: closed on 2019-07-19, kept 6 years after closure (to 2025-07-19).',
  willGo: [
    { kind: 'timeline entries', count: 3 },
    { kind: 'actions', count: 0 },
    { kind: 'case record', count: 1 },
  ],
});

function seeded(): FakeApi {
  const api = new FakeApi(ADMIN_ME);
  api.review = {
    asOf: '2026-03-25',
    rule: '6 years after closure',
    due: [candidate('CMOE-0007'), candidate('CMOE-0009')],
    held: [],
    schedule: { previous: '2026-02-20', dueOn: '2026-03-20', overdue: true, nextDue: '2026-04-25' },
  };
  return api;
}

describe('the disposal review screen', () => {
  it('lists the cases past retention with what will change, leaving out kinds with nothing', async () => {
    renderInApp(<DisposalReviewPage />, seeded());
    const table = await screen.findByRole('table', { name: 'Cases past retention' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const changes = within(table).getByRole('list', { name: 'What the disposal of CMOE-0007 changes' });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['3 timeline entries', '1 case record']);
    expect(screen.getByText(/6 years after closure/, { selector: 'p' })).toBeTruthy();
  });

  it('says when the last review was held and when the next is due, and when this one was overdue', async () => {
    const api = seeded();
    renderInApp(<DisposalReviewPage />, api);
    expect((await screen.findByText(/^Last review/, { selector: 'p' })).textContent).toBe(
      'Last review 2026-02-20 · next due 2026-04-25 (this review was due 2026-03-20). Opening this page holds the monthly review.',
    );
  });

  it('says no review is recorded before the first', async () => {
    const api = seeded();
    api.review = {
      ...api.review,
      schedule: { previous: null, dueOn: null, overdue: true, nextDue: '2026-04-25' },
    };
    renderInApp(<DisposalReviewPage />, api);
    expect((await screen.findByText(/^Last review/, { selector: 'p' })).textContent).toBe(
      'Last review none recorded · next due 2026-04-25. Opening this page holds the monthly review.',
    );
  });

  it('approves a disposal only once the ref is typed, then sends that case and version alone', async () => {
    const api = seeded();
    const user = userSetup();
    renderInApp(<DisposalReviewPage />, api);
    await user.click(await screen.findByRole('button', { name: 'Approve disposal of CMOE-0007' }));
    const remove = screen.getByRole('button', { name: 'Remove personal data' });
    expect((remove as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText(/Type CMOE-0007 to confirm/), 'cmoe-0007');
    expect((remove as HTMLButtonElement).disabled).toBe(false);
    await user.click(remove);
    await screen.findByText('CMOE-0007: personal data removed.');
    expect(api.calls.filter((c) => c.method === 'disposeCase').map((c) => c.args)).toEqual([
      ['CMOE-0007', 4, 'cmoe-0007'],
    ]);
    const table = screen.getByRole('table', { name: 'Cases past retention' });
    expect(within(table).queryByRole('cell', { name: 'CMOE-0007' })).toBeNull();
    expect(within(table).getByRole('cell', { name: 'CMOE-0009' })).toBeTruthy();
  });

  it('places a hold with its reason, and the case moves to the held table', async () => {
    const api = seeded();
    const user = userSetup();
    renderInApp(<DisposalReviewPage />, api);
    await user.click(await screen.findByRole('button', { name: 'Place a hold on CMOE-0009' }));
    await user.type(screen.getByLabelText(/Why the case must be kept/), 'Litigation hold');
    await user.click(screen.getByRole('button', { name: 'Place hold' }));
    const held = await screen.findByRole('table', { name: 'Cases under a hold' });
    expect(within(held).getByRole('cell', { name: 'CMOE-0009' })).toBeTruthy();
    expect(within(held).getByRole('cell', { name: 'Litigation hold' })).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'placeHold').map((c) => c.args)).toEqual([
      ['CMOE-0009', 4, 'Litigation hold'],
    ]);
  });
});
