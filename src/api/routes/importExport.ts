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
import {
  getImportMapping,
  listImportMappings,
  mappingNameParamSchema,
  previewImport,
  saveImportMapping,
  saveMappingBodySchema,
} from '../../operations/importMapping';
import { authorizeFirst, callOf, parseBody, parseQuery } from '../http';
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

/**
 * POST /api/import/preview (issue 19's mapping step): the file as the body, as for the import, and the
 * mapping so far in X-Import-Mapping; the answer is the columns, their first values, matches,
 * suggestions and the required fields missing.
 */
function previewRoute(deps: OperationDeps, r: Router): void {
  r.post(
    '/preview',
    authorizeFirst(deps, 'import', 'import.run'),
    express.raw({ type: IMPORT_CONTENT_TYPES, limit: MAX_IMPORT_BYTES }),
    async (req, res) => {
      const file = Buffer.isBuffer(req.body) ? { bytes: req.body, fileName: fileNameOf(req) } : null;
      res.json(await previewImport(deps, callOf(res), file, mappingOf(req)));
    },
  );
}

/** GET /api/import/mappings, GET and PUT /api/import/mappings/:name: saved named mappings (issue 19). */
function mappingRoutes(deps: OperationDeps, r: Router): void {
  const nameOf = (req: Request) => {
    const p = mappingNameParamSchema.safeParse({ name: req.params.name });
    if (!p.success) throw invalidFrom(p.error, 'name');
    return p.data.name;
  };
  r.get('/mappings', authorizeFirst(deps, 'import', 'import.run'), async (_req, res) => {
    res.json(await listImportMappings(deps, callOf(res)));
  });
  r.get('/mappings/:name', authorizeFirst(deps, 'import', 'import.run'), async (req, res) => {
    res.json(await getImportMapping(deps, callOf(res), nameOf(req)));
  });
  r.put('/mappings/:name', authorizeFirst(deps, 'import', 'import.run'), async (req, res) => {
    const name = nameOf(req);
    const body = parseBody(saveMappingBodySchema, req);
    res.json(await saveImportMapping(deps, callOf(res), name, body.mapping));
  });
}

export function importRoutes(deps: OperationDeps): Router {
  const r = Router();
  previewRoute(deps, r);
  mappingRoutes(deps, r);
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
