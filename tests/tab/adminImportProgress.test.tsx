/** @jest-environment jsdom */
/**
 * Issue 19: a large file's check and import show a progress bar (the server's import job, polled) with
 * an accessible name and a polite live status, and the report replaces it when the job is done.
 */
import './dom';
import { screen, waitFor } from '@testing-library/react';
import type { ImportRowReport } from '../../src/domain/importing';
import type { Me } from '../../src/tab/client/client';
import { ImportPage } from '../../src/tab/components/Admin/ImportPage';
import { FakeApi } from './fakeApi';
import { renderInApp, userSetup } from './render';

const ADMIN_ME: Me = {
  id: 'dev-admin',
  name: 'Demo Admin (Fen Notreal)',
  email: 'fen.notreal@example.org',
  roles: ['CMOE.Admin'],
  permissions: ['settings.manage', 'import.run', 'audit.read'],
};

const row = (n: number): ImportRowReport => ({
  row: n,
  outcome: 'create',
  ref: null,
  fields: [],
  actions: 0,
  updates: 0,
  warnings: [],
  issues: [],
});

function setup() {
  const api = new FakeApi(ADMIN_ME);
  api.importRows = [row(2), row(3)];
  renderInApp(<ImportPage />, api);
  let release = () => {};
  api.importJobHold = new Promise<void>((r) => (release = r));
  return { api, user: userSetup(), release: () => release() };
}

const file = () => new File(['Surname,Forename\n'], 'tracker (synthetic).csv', { type: 'text/csv' });

describe('progress of a large check or import', () => {
  test('while the file is checked, a labelled bar and a live status say so, then the report replaces them', async () => {
    const { api, user, release } = setup();
    api.importJobSteps = [{ phase: 'checking', done: 0, total: 5000 }];
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), file());
    await user.click(screen.getByRole('button', { name: 'Check file' }));

    const bar = await screen.findByRole('progressbar', { name: 'Checking the file' });
    // No total written yet: indeterminate, but its words say what is happening.
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toBe('Checking 5,000 rows…'));
    const status = screen.getByText('Checking 5,000 rows…', { selector: '[role="status"]' });
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(api.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['startImportJob', 'importJob']));

    release();
    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });
    expect(screen.queryByRole('progressbar', { name: 'Checking the file' })).toBeNull();
  });

  test('while rows are written, the bar shows how far and the live status moves in tenths', async () => {
    const { api, user, release } = setup();
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), file());
    const hold = api.importJobHold;
    api.importJobHold = null;
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });

    api.importJobHold = hold;
    api.importJobSteps = [{ phase: 'writing', done: 2730, total: 5000 }];
    await user.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    const bar = await screen.findByRole('progressbar', { name: 'Importing the file' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('0.546'));
    expect(bar.getAttribute('aria-valuetext')).toBe('Imported 2,730 of 5,000 rows');
    const status = screen.getByText('Importing: 50% of 5,000 rows written');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');

    release();
    await screen.findByRole('heading', { name: 'Import report: tracker (synthetic).csv' });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
