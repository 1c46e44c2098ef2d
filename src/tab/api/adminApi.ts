/**
 * The calls of the admin and scrutiny screens: the audit log (admins and senior managers), and import
 * and export of the group's spreadsheet (issue 9). Built on the shared transport.
 */
import type { ImportPreviewResponse, ImportReport, SavedImportMapping } from '../../domain/importing';
import type { AuditAction, AuditEntry, CaseStatus, Category, Concern } from '../../domain/types';
import { type Call, queryString } from './transport';

export type { ImportReport };

/** GET /api/audit filters; `from`/`to` are instants (`to` exclusive). */
export interface AuditQuery {
  userId?: string;
  target?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  limit?: number;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spreadsheet to import: its bytes and the name it had on the user's machine. */
export interface ImportFile {
  name: string;
  bytes: Blob | ArrayBuffer;
}

export interface ImportRunOptions {
  /** Report only, write nothing (the server's default). */
  dryRun: boolean;
  /** Import the valid rows even when some are rejected. */
  skipInvalid: boolean;
  /** A mapping file's JSON (`{ "columns": {...}, "headerRow": 3 }`), as the user chose it. */
  mapping?: unknown;
  /** For a file with no date received: one date for every row (YYYY-MM-DD)... */
  receivedOn?: string;
  /** ...or the header of the column to take it from. */
  receivedFrom?: string;
}

/** GET /api/export: the same filters as GET /api/cases, and the format. */
export interface ExportQuery {
  format: 'csv' | 'xlsx';
  status?: CaseStatus[];
  concern?: Concern[];
  category?: Category;
  /** The lead professional's email. */
  lead?: string;
  stuck?: boolean;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  /** How many cases the server put in the file (X-Case-Count); null if it did not say. */
  count: number | null;
}

export interface AdminApi {
  queryAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  importSpreadsheet(file: ImportFile, options: ImportRunOptions): Promise<ImportReport>;
  /** The mapping step: the file's columns as the server reads them with `mapping` (null: by name). */
  previewImport(file: ImportFile, mapping: unknown): Promise<ImportPreviewResponse>;
  /** Saved named mappings, by name. */
  listImportMappings(): Promise<SavedImportMapping[]>;
  saveImportMapping(name: string, mapping: unknown): Promise<SavedImportMapping>;
  exportCases(query: ExportQuery): Promise<ExportedFile>;
}

/** The content type the server reads the upload as, from the file's name (browsers guess .csv poorly). */
export function importContentType(fileName: string): string {
  return /\.xlsx$/i.test(fileName) ? XLSX_TYPE : 'text/csv';
}

/** The query string of GET /api/export (shared with tests, which check what the list sent). */
export function exportPath(q: ExportQuery): string {
  return `/api/export${queryString({
    format: q.format,
    status: q.status,
    concern: q.concern,
    category: q.category,
    lead: q.lead,
    stuck: q.stuck,
    overdue: q.overdue,
    mine: q.mine,
    q: q.q,
  })}`;
}

export function adminApi(call: Call): AdminApi {
  return {
    queryAudit: (q = {}) =>
      call(
        'GET',
        `/api/audit${queryString({
          userId: q.userId,
          target: q.target,
          action: q.action,
          from: q.from,
          to: q.to,
          limit: q.limit === undefined ? undefined : String(q.limit),
        })}`,
      ),
    importSpreadsheet: (file, o) => {
      // Headers carry only Latin-1: the file name and the mapping (which may name columns in any
      // language) are URI-encoded, as the server expects.
      const headers: Record<string, string> = { 'X-File-Name': encodeURIComponent(file.name) };
      if (o.mapping !== undefined && o.mapping !== null)
        headers['X-Import-Mapping'] = encodeURIComponent(JSON.stringify(o.mapping));
      const query = queryString({
        dryRun: o.dryRun,
        skipInvalid: o.skipInvalid,
        receivedOn: o.receivedOn,
        receivedFrom: o.receivedFrom,
      });
      return call('POST', `/api/import${query}`, {
        raw: { bytes: file.bytes, contentType: importContentType(file.name) },
        headers,
      });
    },
    listImportMappings: () => call('GET', '/api/import/mappings'),
    saveImportMapping: (name, mapping) =>
      call('PUT', `/api/import/mappings/${encodeURIComponent(name)}`, { body: { mapping } }),
    previewImport: (file, mapping) => {
      const headers: Record<string, string> = { 'X-File-Name': encodeURIComponent(file.name) };
      if (mapping !== undefined && mapping !== null)
        headers['X-Import-Mapping'] = encodeURIComponent(JSON.stringify(mapping));
      return call('POST', '/api/import/preview', {
        raw: { bytes: file.bytes, contentType: importContentType(file.name) },
        headers,
      });
    },
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
