/**
 * The calls of the admin and scrutiny screens: the audit log (admins and senior managers), and import
 * and export of the group's spreadsheet (issue 9). Built on the shared transport.
 */
import type { BatchSummary, UndoReport } from '../../domain/importBatches';
import type { ImportReport } from '../../domain/importing';
import type { BodyOf, QueryOf, ResponseOf } from '../../contract/types';
import { type Call, type Send, urlOf } from './transport';

export type { BatchSummary, ImportReport, UndoReport };

/** GET /api/audit filters; `from`/`to` are instants (`to` exclusive). */
export type AuditQuery = QueryOf<'queryAudit'>;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spreadsheet to import: its bytes and the name it had on the user's machine. */
export interface ImportFile {
  name: string;
  bytes: Blob | ArrayBuffer;
}

/** `dryRun` (report only, write nothing: the server's default) and `skipInvalid` (import the valid rows). */
export type ImportRunOptions = Pick<
  QueryOf<'importSpreadsheet'>,
  'dryRun' | 'skipInvalid' | 'receivedOn' | 'receivedFrom'
> & {
  /** A mapping file's JSON (`{ "columns": {...}, "headerRow": 3 }`), as the user chose it. */
  mapping?: unknown;
};

/** GET /api/export: the same filters as GET /api/cases, and the format. */
export type ExportQuery = QueryOf<'exportCases'>;

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  /** How many cases the server put in the file (X-Case-Count); null if it did not say. */
  count: number | null;
}

export interface AdminApi {
  queryAudit(query?: AuditQuery): Promise<ResponseOf<'queryAudit'>>;
  importSpreadsheet(file: ImportFile, options: ImportRunOptions): Promise<ResponseOf<'importSpreadsheet'>>;
  /** POST /api/import/jobs: the same import as a job to poll for progress (a large file). */
  startImportJob(file: ImportFile, options: ImportRunOptions): Promise<ResponseOf<'startImportJob'>>;
  /** GET /api/import/jobs/:id: the job's progress; once done, its report (or the import's refusal). */
  importJob(id: string): Promise<ResponseOf<'getImportJob'>>;
  /** The mapping step: the file's columns as the server reads them with `mapping` (null: by name). */
  previewImport(file: ImportFile, mapping: unknown): Promise<ResponseOf<'previewImport'>>;
  /** Saved named mappings, by name. */
  listImportMappings(): Promise<ResponseOf<'listImportMappings'>>;
  saveImportMapping(
    name: string,
    mapping: BodyOf<'saveImportMapping'>['mapping'],
  ): Promise<ResponseOf<'saveImportMapping'>>;
  exportCases(query: ExportQuery): Promise<ExportedFile>;
  /** GET /api/import/batches/last: the last import batch, or null before any (issue 19). */
  lastImportBatch(): Promise<ResponseOf<'lastImportBatch'>['batch']>;
  /** POST /api/import/batches/last/undo. */
  undoLastImport(): Promise<ResponseOf<'undoLastImport'>>;
}

/** The content type the server reads the upload as, from the file's name (browsers guess .csv poorly). */
export function importContentType(fileName: string): string {
  return /\.xlsx$/i.test(fileName) ? XLSX_TYPE : 'text/csv';
}

/** The query string of GET /api/export (shared with tests, which check what the list sent). */
export function exportPath(q: ExportQuery): string {
  return urlOf(
    'exportCases',
    {},
    {
      format: q.format,
      status: q.status,
      concern: q.concern,
      category: q.category,
      lead: q.lead,
      stuck: q.stuck,
      overdue: q.overdue,
      mine: q.mine,
      q: q.q,
    },
  );
}

export function adminApi(send: Send, call: Call): AdminApi {
  function upload<K extends 'importSpreadsheet' | 'startImportJob'>(
    name: K,
    file: ImportFile,
    o: ImportRunOptions,
  ): Promise<ResponseOf<K>> {
    // Headers carry only Latin-1: the file name and the mapping (which may name columns in any
    // language) are URI-encoded, as the server expects.
    const headers: Record<string, string> = { 'X-File-Name': encodeURIComponent(file.name) };
    if (o.mapping !== undefined && o.mapping !== null)
      headers['X-Import-Mapping'] = encodeURIComponent(JSON.stringify(o.mapping));
    // The file's bytes as the body, not JSON: through `call`, at the contract's path.
    const query = {
      dryRun: o.dryRun,
      skipInvalid: o.skipInvalid,
      receivedOn: o.receivedOn,
      receivedFrom: o.receivedFrom,
    };
    const path =
      name === 'importSpreadsheet'
        ? urlOf('importSpreadsheet', {}, query)
        : urlOf('startImportJob', {}, query);
    return call('POST', path, {
      raw: { bytes: file.bytes, contentType: importContentType(file.name) },
      headers,
    });
  }

  return {
    queryAudit: (q = {}) =>
      send('queryAudit', {
        query: {
          userId: q.userId,
          target: q.target,
          action: q.action,
          from: q.from,
          to: q.to,
          limit: q.limit,
        },
      }),
    importSpreadsheet: (file, o) => upload('importSpreadsheet', file, o),
    startImportJob: (file, o) => upload('startImportJob', file, o),
    importJob: (id) => send('getImportJob', { params: { id } }),
    listImportMappings: () => send('listImportMappings', {}),
    saveImportMapping: (name, mapping) => send('saveImportMapping', { params: { name }, body: { mapping } }),
    previewImport: (file, mapping) => {
      const headers: Record<string, string> = { 'X-File-Name': encodeURIComponent(file.name) };
      if (mapping !== undefined && mapping !== null)
        headers['X-Import-Mapping'] = encodeURIComponent(JSON.stringify(mapping));
      return call('POST', urlOf('previewImport', {}, {}), {
        raw: { bytes: file.bytes, contentType: importContentType(file.name) },
        headers,
      });
    },
    lastImportBatch: async () => (await send('lastImportBatch', {})).batch,
    undoLastImport: () => send('undoLastImport', {}),
    exportCases: async (q) => {
      const file = await call.download(exportPath(q));
      const count = Number(file.headers?.get('x-case-count') ?? Number.NaN);
      return {
        blob: file.blob,
        fileName: file.fileName ?? `cmoe-cases.${q.format}`,
        count: Number.isInteger(count) ? count : null,
      };
    },
  };
}
