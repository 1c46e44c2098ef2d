/** @jest-environment jsdom */
import './dom';
import { fireEvent, screen, within } from '@testing-library/react';
import type { AuditEntry } from '../../src/domain/types';
import type { AuditQuery } from '../../src/tab/client/adminApi';
import type { Me } from '../../src/tab/client/client';
import { AuditLog } from '../../src/tab/components/Admin/AuditLog';
import { FakeApi, MEMBER_ME, SENIOR_ME } from './fakeApi';
import { renderInApp, setText, userSetup } from './render';

const AUDITING_SENIOR: Me = SENIOR_ME;

let n = 0;
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: `e${++n}`,
  at: '2026-03-20T09:00:00.000Z',
  userId: 'dev-chair',
  action: 'case.view',
  target: 'CMOE-0001',
  fields: [],
  fromVersion: null,
  toVersion: null,
  ...over,
});

function seeded(me: Me = AUDITING_SENIOR): FakeApi {
  const api = new FakeApi(me);
  api.auditEntries = [
    entry({ at: '2026-03-20T09:00:00.000Z', action: 'case.view' }),
    entry({
      at: '2026-07-01T12:30:00.000Z',
      action: 'case.update',
      fields: ['provision', 'hoursPerWeek'],
      fromVersion: 3,
      toVersion: 4,
    }),
    entry({
      at: '2026-03-21T10:15:00.000Z',
      userId: 'dev-member-ewo',
      action: 'export',
      target: 'cases',
      fields: ['format=csv', 'count=12'],
    }),
    entry({
      at: '2026-03-22T08:00:00.000Z',
      userId: 'dev-norole',
      action: 'access.refused',
      target: '/api/cases',
    }),
  ];
  return api;
}

const queries = (api: FakeApi) =>
  api.calls.filter((c) => c.method === 'queryAudit').map((c) => c.args[0] as AuditQuery);

const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

describe('the audit log', () => {
  test('lists entries newest first in London time, with the action in words, fields and versions', async () => {
    const api = seeded();
    renderInApp(<AuditLog />, api);
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(queries(api)).toEqual([{ limit: 100 }]);
    const rows = cellsOf(table);
    expect(rows.map((r) => r[2])).toEqual([
      'Changed a case',
      'Access refused',
      'Exported data',
      'Viewed a case',
    ]);
    // 12:30 UTC on 1 July is 13:30 in London (summer time); 09:00 UTC on 20 March is 09:00.
    expect(rows[0]).toEqual([
      '1 Jul 2026, 13:30',
      'dev-chair (Demo Chair (Alex Sample))',
      'Changed a case',
      'CMOE-0001',
      'provision, hoursPerWeek',
      'v3 → v4',
    ]);
    expect(rows[2]).toEqual([
      '21 Mar 2026, 10:15',
      'dev-member-ewo (Demo Member (Bea Placeholder))',
      'Exported data',
      'cases',
      'format=csv, count=12',
      '—',
    ]);
    expect(rows[3]![0]).toBe('20 Mar 2026, 09:00');
    // Read only: no control changes or removes an entry.
    expect(within(table).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('button', { name: /delete|remove|edit/i })).toBeNull();
  });

  test('sends the filters: action, user, target (a ref in any case), and whole London days', async () => {
    const api = seeded();
    renderInApp(<AuditLog />, api);
    const user = userSetup();
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'case.update');
    setText(screen.getByRole('textbox', { name: 'User id' }), ' dev-chair ');
    setText(screen.getByRole('textbox', { name: 'Target (case ref, id or route)' }), 'cmoe-0001');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-06-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-07-01' } });
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(queries(api)[1]).toEqual({
      limit: 100,
      action: 'case.update',
      userId: 'dev-chair',
      target: 'CMOE-0001',
      // Midnight in London (BST) is 23:00 UTC the day before; "to" is the day after, exclusive.
      from: '2026-05-31T23:00:00.000Z',
      to: '2026-07-01T23:00:00.000Z',
    });
    expect(cellsOf(table).map((r) => r[2])).toEqual(['Changed a case']);

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(queries(api)[2]).toEqual({ limit: 100 });
  });

  test('a "to" date before the "from" date is refused on the field, and nothing is sent', async () => {
    const api = seeded();
    renderInApp(<AuditLog />, api);
    const user = userSetup();
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-07-02' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-07-01' } });
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByText('The “to” date is before the “from” date.')).toBeTruthy();
    expect(queries(api)).toHaveLength(1);
  });

  test('loads older entries 100 at a time while the server may hold more', async () => {
    const api = seeded();
    api.auditEntries = Array.from({ length: 150 }, (_, i) =>
      entry({ at: new Date(Date.UTC(2026, 2, 1, 9, i)).toISOString() }),
    );
    renderInApp(<AuditLog />, api);
    const user = userSetup();
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('The newest 100 entries.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Load 100 older entries' }));
    await screen.findByText('150 entries.');
    expect(queries(api)[1]).toEqual({ limit: 200 });
    expect(screen.queryByRole('button', { name: 'Load 100 older entries' })).toBeNull();
  });

  test('a role without audit.read gets the API refusal in words, and no entries', async () => {
    const api = seeded(MEMBER_ME);
    renderInApp(<AuditLog />, api);
    await screen.findByText('Not allowed');
    expect(screen.getByText('Your role does not allow this.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
