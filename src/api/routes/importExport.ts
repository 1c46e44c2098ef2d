/**
 * POST /api/import (the spreadsheet as the raw body) and GET /api/export (the case list as a file).
 * Thin: read the body and query, call the operation, send the result.
 */
import express, { type Request, Router } from 'express';
import { InvalidError } from '../../domain/errors';
import { mappingFileSchema, type MappingFile } from '../../domain/importColumns';
import { MAX_IMPORT_BYTES, receivedFallbackOf } from '../../domain/importing';
import type { OperationDeps } from '../../operations/context';
import {
  XLSX_CONTENT_TYPE,
  exportCases,
  exportQuerySchema,
  importQuerySchema,
  importSpreadsheet,
} from '../../operations/importExport';
import { lastImportBatch, undoLastImport } from '../../operations/importUndo';
import { authorizeFirst, callOf, parseQuery } from '../http';
import { invalidFrom } from '../problem';

/** Content types a browser or client may give a .csv or .xlsx upload. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/csv',
  'text/plain',
  'application/vnd.ms-excel',
  XLSX_CONTENT_TYPE,
  'application/octet-stream',
];

/** The optional mapping: URI-encoded JSON in `X-Import-Mapping` (the body is the file itself). */
function mappingOf(req: Request): MappingFile | null {
  const raw = req.get('x-import-mapping');
  if (raw === undefined || raw.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(raw));
  } catch {
    throw new InvalidError('X-Import-Mapping must be URI-encoded JSON.', [
      { path: 'X-Import-Mapping', message: 'is not URI-encoded JSON' },
    ]);
  }
  const r = mappingFileSchema.safeParse(json);
  if (!r.success) throw invalidFrom(r.error, 'mapping');
  return r.data;
}

function fileNameOf(req: Request): string | null {
  const raw = req.get('x-file-name');
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export function importRoutes(deps: OperationDeps): Router {
  const r = Router();
  r.post(
    '/',
    authorizeFirst(deps, 'import', 'import.run'),
    express.raw({ type: IMPORT_CONTENT_TYPES, limit: MAX_IMPORT_BYTES }),
    async (req, res) => {
      const query = parseQuery(importQuerySchema, req);
      // The role is checked before the body is judged: a caller who may not import learns nothing more.
      const report = await importSpreadsheet(
        deps,
        callOf(res),
        Buffer.isBuffer(req.body) ? { bytes: req.body, fileName: fileNameOf(req) } : null,
        {
          dryRun: query.dryRun,
          skipInvalid: query.skipInvalid,
          mapping: mappingOf(req),
          received: receivedFallbackOf(query),
        },
      );
      res.json(report);
    },
  );
  return r;
}

/**
 * The last import batch and its undo (issue 19), mounted beside POST /api/import:
 * GET /api/import/batches/last (the batch, or null) and POST /api/import/batches/last/undo (no body).
 * Registered before the import's raw-body route, which only answers POST /.
 */
export function importBatchRoutes(deps: OperationDeps): Router {
  const r = Router();
  r.get('/batches/last', authorizeFirst(deps, 'import', 'import.run'), async (_req, res) => {
    res.json({ batch: await lastImportBatch(deps, callOf(res)) });
  });
  r.post('/batches/last/undo', authorizeFirst(deps, 'import', 'import.run'), async (_req, res) => {
    res.json(await undoLastImport(deps, callOf(res)));
  });
  return r;
}

export function exportRoutes(deps: OperationDeps): Router {
  const r = Router();
  r.get('/', authorizeFirst(deps, 'export', 'export.run', 'case.read'), async (req, res) => {
    const file = await exportCases(deps, callOf(res), parseQuery(exportQuerySchema, req));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('X-Case-Count', String(file.count));
    res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
  return r;
}
