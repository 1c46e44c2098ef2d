/**
 * The admin calls of the tab's API client against the real API (createApp over in-memory SQLite)
 * through real HTTP: the upload with its URI-encoded file name and mapping, the server's rule on
 * rejected rows, and the export's file name and case count from the response headers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../src/tab/client/client';
import { serveRealApi } from './realApi';

const { as } = serveRealApi();
const fixture = (name: string) => new Blob([readFileSync(join(__dirname, '..', 'fixtures', name))]);

describe('the admin calls of the API client', () => {
  test('a dry run, the refusal while rows are rejected, the import with skip, and a re-check all unchanged', async () => {
    const admin = as('dev-admin');
    // A name outside Latin-1 only travels URI-encoded.
    const file = { name: 'tracker – errors (synthetic).csv', bytes: fixture('with-errors.csv') };
    const dry = await admin.importSpreadsheet(file, { dryRun: true, skipInvalid: false });
    expect(dry).toMatchObject({ dryRun: true, written: false, format: 'csv' });
    expect(dry.counts).toMatchObject({ rows: 7, create: 2, rejected: 5 });

    const refused = await admin
      .importSpreadsheet(file, { dryRun: false, skipInvalid: false })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).detail).toMatch(/^5 of 7 rows cannot be imported, so nothing was written/);

    const done = await admin.importSpreadsheet(file, { dryRun: false, skipInvalid: true });
    expect(done).toMatchObject({ written: true, counts: { create: 2, rejected: 5 } });
    const again = await admin.importSpreadsheet(file, { dryRun: true, skipInvalid: false });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  test('a mapping is sent URI-encoded and used; the xlsx type follows the file name', async () => {
    const mapping = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'custom-mapping.json'), 'utf8'),
    );
    const r = await as('dev-admin').importSpreadsheet(
      { name: 'custom-headers.csv', bytes: fixture('custom-headers.csv') },
      { dryRun: true, skipInvalid: false, mapping },
    );
    expect(r.counts.rows).toBeGreaterThan(0);
    // Without the mapping the same file has none of the required columns.
    const unmapped = await as('dev-admin')
      .importSpreadsheet(
        { name: 'custom-headers.csv', bytes: fixture('custom-headers.csv') },
        { dryRun: true, skipInvalid: false },
      )
      .catch((e) => e);
    expect((unmapped as ApiError).code).toBe('Invalid');
    const xlsx = await as('dev-admin').importSpreadsheet(
      { name: 'sample-tracker.xlsx', bytes: fixture('sample-tracker.xlsx') },
      { dryRun: true, skipInvalid: false },
    );
    expect(xlsx.format).toBe('xlsx');
  });

  test('an import job is started with the file and mapping, polled to done, and its report is the dry run’s', async () => {
    const admin = as('dev-admin');
    const file = { name: 'custom-headers.csv', bytes: fixture('custom-headers.csv') };
    const mapping = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'custom-mapping.json'), 'utf8'),
    );
    let job = await admin.startImportJob(file, { dryRun: true, skipInvalid: false, mapping });
    expect(job).toMatchObject({ dryRun: true, phase: 'reading', result: null });
    while (job.phase !== 'done') job = await admin.importJob(job.id);
    const plain = await admin.importSpreadsheet(file, { dryRun: true, skipInvalid: false, mapping });
    expect(job.result).toEqual(plain);
    expect(job.done).toBe(plain.counts.rows);
    // Read once, then forgotten.
    expect(((await admin.importJob(job.id).catch((e) => e)) as ApiError).status).toBe(404);
  });

  test("an export comes back with the server's file name and case count", async () => {
    // The cases are those imported by the first test.
    const all = await as('dev-chair').listCases({ status: ['referred', 'open', 'monitoring'] });
    const file = await as('dev-member-ewo').exportCases({
      format: 'csv',
      status: ['referred', 'open', 'monitoring'],
    });
    expect(file.fileName).toMatch(/^cmoe-cases-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.count).toBe(all.length);
    expect(file.count).toBeGreaterThan(0);
    const refused = await as('dev-admin')
      .exportCases({ format: 'csv' })
      .catch((e) => e);
    expect((refused as ApiError).status).toBe(403);
  });
});
