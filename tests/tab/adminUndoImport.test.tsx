/** @jest-environment jsdom */
import './dom';
import { screen, within } from '@testing-library/react';
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

async function importTwoRows() {
  const api = new FakeApi(ADMIN_ME);
  api.importRows = [row(2), row(3)];
  renderInApp(<ImportPage />, api);
  const user = userSetup();
  await user.upload(
    screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'),
    new File(['Surname,Forename\n'], 'tracker (synthetic).csv', { type: 'text/csv' }),
  );
  await user.click(screen.getByRole('button', { name: 'Check file' }));
  await user.click(await screen.findByRole('button', { name: 'Import 2 rows' }));
  await screen.findByRole('heading', { name: 'Import report: tracker (synthetic).csv' });
  return { api, user };
}

describe('undoing an import in the tab', () => {
  test('after an import the admin confirms "Undo this import" in a dialog; the result lists the cases left alone', async () => {
    const { api, user } = await importTwoRows();
    api.touchedRefs.add('CMOE-0901');
    await user.click(await screen.findByRole('button', { name: 'Undo this import' }));
    const dialog = screen.getByRole('dialog', { name: 'Undo this import?' });
    expect(dialog.textContent).toMatch(/The 2 cases it created will be removed/);
    expect(api.calls.filter((c) => c.method === 'undoLastImport')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Undo the import' }));

    const done = await screen.findByText('Import undone');
    const bar = done.closest('[role="status"]') as HTMLElement;
    expect(bar.textContent).toMatch(/1 case removed, 0 put back as they were, 1 left alone/);
    const left = within(bar).getByRole('list', { name: 'Cases left alone' });
    expect(left.textContent).toBe('CMOE-0901: changed in the app since the import');
    expect(api.calls.filter((c) => c.method === 'undoLastImport')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Undo this import' })).toBeNull();
  });

  test('"Keep it" closes the dialog and undoes nothing; an import undone elsewhere says so in words', async () => {
    const { api, user } = await importTwoRows();
    await user.click(await screen.findByRole('button', { name: 'Undo this import' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'undoLastImport')).toHaveLength(0);

    // Another admin undoes it meanwhile: this one's attempt is refused, in the server's words.
    await api.undoLastImport();
    await user.click(screen.getByRole('button', { name: 'Undo this import' }));
    await user.click(screen.getByRole('button', { name: 'Undo the import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Already done.*already undone/);
  });
});
