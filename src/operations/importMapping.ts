/**
 * The import's mapping step (issue 19): the server reads the chosen file's columns and says what it
 * would make of them, so the tab can show every column and let the admin choose, keeping no copy of the
 * matching rule. The admin's choices come back as a mapping on the check and the import themselves.
 */
import { toLondonDate } from '../domain/calendar';
import { InvalidError, NotFoundError } from '../domain/errors';
import type { MappingFile } from '../domain/importColumns';
import { type ImportPreviewResponse, type SavedImportMapping, previewImportSheet } from '../domain/importing';
import type { LocalDate } from '../domain/types';
import { type SpreadsheetFile, readSpreadsheet } from '../spreadsheet/read';
import { type Call, type OperationDeps, audit, authorize, nowIso, today } from './context';

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

/** The saved mappings, by name (`import.run`): the next import offers them again. */
export async function listImportMappings(deps: OperationDeps, call: Call): Promise<SavedImportMapping[]> {
  await authorize(deps, call, 'import.run', 'import');
  return deps.store.importMappings.list();
}

/** One saved mapping by name, or a NotFound (the command line's `--mapping NAME` reads it). */
export async function getImportMapping(
  deps: OperationDeps,
  call: Call,
  name: string,
): Promise<SavedImportMapping> {
  await authorize(deps, call, 'import.run', 'import');
  const found = await deps.store.importMappings.get(name);
  if (!found) throw new NotFoundError('The saved mapping');
  return found;
}

/**
 * Saves the mapping under `name` (replacing one of that name). Audited as `import.mapping.save` with the
 * number of columns it names; the name is the admin's label for a file layout, never a child's detail,
 * but the entry keeps only the count all the same.
 */
export async function saveImportMapping(
  deps: OperationDeps,
  call: Call,
  name: string,
  mapping: MappingFile,
): Promise<SavedImportMapping> {
  await authorize(deps, call, 'import.run', 'import');
  const saved: SavedImportMapping = { name, mapping, savedBy: call.caller.id, savedAt: nowIso(call) };
  await deps.store.importMappings.put(saved);
  await audit(deps, call, 'import.mapping.save', 'import-mapping', [
    `columns=${Object.keys(mapping.columns).length}`,
  ]);
  return saved;
}
