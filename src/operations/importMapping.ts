/**
 * The import's mapping step (issue 19): the server reads the chosen file's columns and says what it
 * would make of them, so the tab can show every column and let the admin choose, keeping no copy of the
 * matching rule. The admin's choices come back as a mapping on the check and the import themselves.
 */
import { toLondonDate } from '../domain/calendar';
import { InvalidError } from '../domain/errors';
import type { MappingFile } from '../domain/importColumns';
import { type ImportPreviewResponse, previewImportSheet } from '../domain/importing';
import type { LocalDate } from '../domain/types';
import { type SpreadsheetFile, readSpreadsheet } from '../import/read';
import { type Call, type OperationDeps, authorize, today } from './context';

/**
 * The mapping step's view of a file (`import.run`, like the import itself). Reads the file and the
 * meetings, writes nothing and audits nothing: the check and the import that follow are what count.
 * The samples it returns go to the admin only; nothing about them is logged.
 */
export async function previewImport(
  deps: OperationDeps,
  call: Call,
  file: SpreadsheetFile | null,
  mapping: MappingFile | null,
): Promise<ImportPreviewResponse> {
  await authorize(deps, call, 'import.run', 'import');
  if (file === null) {
    throw new InvalidError(
      'Send the file itself as the body, with Content-Type text/csv or the .xlsx type, and its name in X-File-Name.',
      [{ path: 'Content-Type', message: 'must be text/csv or the .xlsx type' }],
    );
  }
  const { format, sheets } = await readSpreadsheet(file);
  const day = today(call);
  const preview = previewImportSheet(sheets, mapping, day);
  const meetings = await deps.store.meetings.list({});
  let first: LocalDate | null = null;
  for (const m of meetings) {
    const d = toLondonDate(new Date(m.startsAt));
    if (first === null || d < first) first = d;
  }
  return { ...preview, format, receivedOnDefault: first !== null && first <= day ? first : day };
}
