/** @jest-environment jsdom */
import './dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { ImportRowReport } from '../../src/domain/importing';
import { ApiError, type Me } from '../../src/tab/client/client';
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

const row = (n: number, over: Partial<ImportRowReport> = {}): ImportRowReport => ({
  row: n,
  outcome: 'create',
  ref: null,
  fields: [],
  actions: 0,
  updates: 0,
  warnings: [],
  issues: [],
  ...over,
});

/** The shape of tests/fixtures/with-errors.csv's report: two valid rows, two rejected. */
function fileWithRejectedRows(): ImportRowReport[] {
  return [
    row(2, { actions: 1 }),
    row(3, {
      outcome: 'rejected',
      issues: [{ row: 3, column: 'DOB', cell: 'C3', message: 'is not a date (write it as dd/mm/yyyy)' }],
    }),
    row(4, { outcome: 'update', ref: 'CMOE-0007', fields: ['provision', 'concern'] }),
    row(5, {
      outcome: 'rejected',
      issues: [{ row: 5, column: 'DOB', cell: 'C5', message: 'is required for a new case' }],
    }),
  ];
}

const csv = (name = 'tracker (synthetic).csv', text = 'Surname,Forename\n') =>
  new File([text], name, { type: 'text/csv' });

function setup(rows: ImportRowReport[] = fileWithRejectedRows()) {
  const api = new FakeApi(ADMIN_ME);
  api.importRows = rows;
  renderInApp(<ImportPage />, api);
  return { api, user: userSetup() };
}

const importCalls = (api: FakeApi) =>
  api.calls.filter((c) => c.method === 'importSpreadsheet').map((c) => c.args[0]);

describe('importing the spreadsheet', () => {
  test('a dry run shows counts and each row: outcome, ref, and for a rejected row the reason and the cell', async () => {
    const { api, user } = setup();
    const check = screen.getByRole('button', { name: 'Check file' });
    expect(check.hasAttribute('disabled')).toBe(true);
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv());
    expect(screen.getByText(/^Chosen: tracker \(synthetic\)\.csv\./)).toBeTruthy();
    await user.click(check);

    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });
    expect(importCalls(api)).toEqual([
      { name: 'tracker (synthetic).csv', dryRun: true, skipInvalid: false, mapping: null },
    ]);
    const counts = screen.getByLabelText('Rows by outcome');
    const pairs = [...counts.querySelectorAll('div')].map(
      (d) => `${d.querySelector('dt')!.textContent}=${d.querySelector('dd')!.textContent}`,
    );
    expect(pairs).toEqual(
      expect.arrayContaining(['Rows=4', 'Will create=1', 'Will update=1', 'Unchanged=0', 'Rejected=2']),
    );

    const table = screen.getByRole('table', { name: 'Rows of the file, checked' });
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['2', '3', '4', '5']);
    const third = within(bodyRows[1]!).getAllByRole('cell');
    expect(third[1]!.textContent).toBe('Rejected');
    expect(third[3]!.textContent).toBe("Column 'DOB', cell C3: is not a date (write it as dd/mm/yyyy)");
    const update = within(bodyRows[2]!).getAllByRole('cell');
    expect(update[1]!.textContent).toBe('Will update');
    expect(update[2]!.textContent).toBe('CMOE-0007');
    expect(update[3]!.textContent).toContain('Fields: provision, concern');

    // Filter by outcome.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show rows' }), 'rejected');
    const filtered = within(screen.getByRole('table', { name: 'Rows of the file, checked' })).getAllByRole(
      'row',
    );
    expect(filtered.slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['3', '5']);
  });

  test('rejected rows block the import until "Skip rejected rows" is ticked; a re-check then reports unchanged', async () => {
    const { api, user } = setup();
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv());
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    const importButton = await screen.findByRole('button', { name: 'Import 2 rows' });
    expect(importButton.hasAttribute('disabled')).toBe(true);
    expect(importButton.getAttribute('aria-describedby')).toBe('import-blocked');
    expect(document.getElementById('import-blocked')!.textContent).toMatch(
      /^2 rows are rejected, so nothing/,
    );

    await user.click(screen.getByRole('checkbox', { name: /^Skip rejected rows/ }));
    expect(importButton.hasAttribute('disabled')).toBe(false);
    await user.click(importButton);

    await screen.findByRole('heading', { name: 'Import report: tracker (synthetic).csv' });
    expect(importCalls(api)[1]).toEqual({
      name: 'tracker (synthetic).csv',
      dryRun: false,
      skipInvalid: true,
      mapping: null,
    });
    const table = screen.getByRole('table', { name: 'Rows of the file, imported' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([
      ['2', 'Created', 'CMOE-0900'],
      ['3', 'Left out', '—'],
      ['4', 'Updated', 'CMOE-0007'],
      ['5', 'Left out', '—'],
    ]);
    expect(
      screen.getByText(/^1 case created, 1 updated, 0 unchanged, 2 rejected rows left out\./),
    ).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });
    const again = within(screen.getByRole('table', { name: 'Rows of the file, checked' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[1]!.textContent);
    expect(again).toEqual(['Unchanged', 'Rejected', 'Unchanged', 'Rejected']);
    expect(screen.getByRole('button', { name: 'Import 0 rows' }).hasAttribute('disabled')).toBe(true);
  });

  test('without rejected rows the import runs straight away, and never with skip', async () => {
    const { api, user } = setup([row(5), row(6, { outcome: 'unchanged', ref: 'CMOE-0002' })]);
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv('t.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    expect(screen.queryByRole('checkbox', { name: /^Skip rejected rows/ })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Import 1 row' }));
    await screen.findByRole('heading', { name: 'Import report: t.xlsx' });
    expect(importCalls(api)[1]).toMatchObject({ dryRun: false, skipInvalid: false });
  });

  test("a file-level error is shown in the server's words and the chosen file stays chosen", async () => {
    const { api, user } = setup();
    api.importFailure = new ApiError(
      400,
      'Invalid',
      'Invalid request',
      'The header row (row 1) has no column for: Date of birth (or DOB). Rename the columns, or name them in a mapping file.',
      [{ path: 'header row 1', message: 'has no column for Date of birth (or DOB)' }],
    );
    const input = screen.getByLabelText<HTMLInputElement>('Spreadsheet to import (.xlsx or .csv)');
    await user.upload(input, csv('missing-columns.csv'));
    await user.click(screen.getByRole('button', { name: 'Check file' }));

    const alert = await screen.findByText('The file cannot be imported');
    const bar = alert.closest('[role="group"], .fui-MessageBar') as HTMLElement;
    expect(bar.textContent).toContain(
      'The header row (row 1) has no column for: Date of birth (or DOB). Rename the columns',
    );
    expect(bar.textContent).toContain('header row 1: has no column for Date of birth (or DOB)');
    expect(input.files?.[0]?.name).toBe('missing-columns.csv');
    expect(screen.getByText(/^Chosen: missing-columns\.csv\./)).toBeTruthy();
    expect(screen.queryByRole('table', { name: /^Rows of the file/ })).toBeNull();

    // Fixed on the server's side (say, a mapping file): the same file checks again without choosing it.
    api.importFailure = null;
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByRole('table', { name: 'Rows of the file, checked' });
    expect(screen.queryByText('The file cannot be imported')).toBeNull();
  });

  test('a mapping file is sent as parsed JSON, and one that is not JSON is refused before any upload', async () => {
    const { api, user } = setup([row(2)]);
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv());
    const mapping = screen.getByLabelText('Mapping file (optional, .json)');
    await user.upload(mapping, new File(['{ not json'], 'map.json', { type: 'application/json' }));
    await screen.findByText('This mapping file is not valid JSON.');
    expect(screen.getByRole('button', { name: 'Check file' }).hasAttribute('disabled')).toBe(true);

    await user.upload(
      mapping,
      new File(['{"columns":{"Pupil surname":"lastName"}}'], 'mapping.json', { type: 'application/json' }),
    );
    await waitFor(() => expect(screen.queryByText('This mapping file is not valid JSON.')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByRole('table', { name: 'Rows of the file, checked' });
    expect(importCalls(api)).toEqual([
      {
        name: 'tracker (synthetic).csv',
        dryRun: true,
        skipInvalid: false,
        mapping: { columns: { 'Pupil surname': 'lastName' } },
      },
    ]);
  });

  test('a file that is not .xlsx or .csv, or is over 8 MB, is refused before upload', async () => {
    const { api } = setup();
    // A drop ignores the input's accept list, so the screen checks the name itself.
    const user = userEvent.setup({ applyAccept: false, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const input = screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)');
    await user.upload(input, new File(['x'], 'old.xls'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Choose an Excel workbook \(\.xlsx\)/);
    expect(screen.getByRole('button', { name: 'Check file' }).hasAttribute('disabled')).toBe(true);
    const big = new File([new Uint8Array(8 * 1024 * 1024 + 1)], 'big.csv', { type: 'text/csv' });
    await user.upload(input, big);
    expect(screen.getByRole('alert').textContent).toBe(
      'The file is 8.1 MB; the import takes files up to 8 MB.',
    );
    expect(importCalls(api)).toEqual([]);
  });

  test('the mapping step: a missing date received is named, one date for every row (the first meeting) goes with the check, and a changed column is sent to the server', async () => {
    const { api, user } = setup([row(3)]);
    api.importPreview = {
      ...api.importPreview,
      columns: [
        {
          letter: 'A',
          header: 'Surname',
          samples: ['Example'],
          field: 'lastName',
          status: 'matched',
          suggestions: [],
          looksLikeDates: false,
        },
        {
          letter: 'B',
          header: 'When out',
          samples: ['05/01/2026'],
          field: null,
          status: 'unknown',
          suggestions: ['outOfEducationSince'],
          looksLikeDates: true,
        },
      ],
      fields: [
        { field: 'lastName', label: 'Last name' },
        { field: 'outOfEducationSince', label: 'Out of education since' },
        { field: 'receivedOn', label: 'Date received' },
      ],
      missing: ['receivedOn'],
    };
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv());
    await screen.findByText('Required, with no column: Date received');
    expect(screen.getByRole('table', { name: 'Columns of the file' }).textContent).toContain('Example');
    expect(screen.getByRole('radio', { name: 'Use one date for every row' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText(/Date received for every row/)).toHaveProperty('value', '2026-01-14');
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });
    expect(importCalls(api).at(-1)).toMatchObject({ dryRun: true, receivedOn: '2026-01-14' });

    // Another column instead: the report checked before is out of date, and the check sends the column.
    await user.click(screen.getByRole('radio', { name: 'Use another column' }));
    expect(screen.queryByRole('heading', { name: /Check report/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByRole('heading', { name: 'Check report: tracker (synthetic).csv' });
    expect(importCalls(api).at(-1)).toMatchObject({ receivedFrom: 'When out' });
    expect(importCalls(api).at(-1)).not.toHaveProperty('receivedOn');

    // One click on a suggestion maps the column; the server is asked again with the whole mapping.
    await user.click(screen.getByRole('button', { name: 'Out of education since' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'previewImport').at(-1)?.args[0]).toMatchObject({
        mapping: {
          sheet: 'Sheet1',
          headerRow: 1,
          columns: { Surname: 'lastName', 'When out': 'outOfEducationSince' },
        },
      }),
    );
  });

  test('saved mappings: the choices are saved under a name, and a saved mapping is offered and applied to the next file', async () => {
    const { api, user } = setup([row(3)]);
    api.savedMappings = [
      {
        name: 'Council tracker',
        mapping: { columns: { 'When out': 'receivedOn' } },
        savedBy: 'dev-admin',
        savedAt: '2026-03-20T10:00:00.000Z',
      },
    ];
    await user.upload(screen.getByLabelText('Spreadsheet to import (.xlsx or .csv)'), csv());
    await screen.findByRole('table', { name: 'Columns of the file' });
    await user.selectOptions(screen.getByLabelText('Saved mapping'), 'Council tracker');
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'previewImport').at(-1)?.args[0]).toMatchObject({
        mapping: { columns: { 'When out': 'receivedOn' } },
      }),
    );
    await user.clear(screen.getByLabelText('Save these choices as'));
    await user.type(screen.getByLabelText('Save these choices as'), 'Academy MIS');
    await user.click(screen.getByRole('button', { name: 'Save mapping' }));
    await screen.findByText('Saved as “Academy MIS”.');
    expect(api.calls.filter((c) => c.method === 'saveImportMapping').map((c) => c.args[0])).toEqual([
      { name: 'Academy MIS', mapping: { columns: { Surname: 'lastName', 'Date received': 'receivedOn' } } },
    ]);
  });
});
