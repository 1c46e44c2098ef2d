/**
 * GET /api/oversight (every figure for a period) and GET /api/oversight/report (the same as .docx or
 * .xlsx). Thin: authorise first (issue 14), validate the query, call the operation, send the result.
 */
import { Router } from 'express';
import type { OperationDeps } from '../../operations/context';
import {
  getOversight,
  oversightQuerySchema,
  oversightReport,
  oversightReportQuerySchema,
} from '../../operations/oversight';
import { authorizeFirst, callOf, parseQuery } from '../http';

export function oversightRoutes(deps: OperationDeps): Router {
  const r = Router();
  r.get('/', authorizeFirst(deps, 'oversight', 'oversight.read'), async (req, res) => {
    res.json(await getOversight(deps, callOf(res), parseQuery(oversightQuerySchema, req)));
  });
  r.get('/report', authorizeFirst(deps, 'oversight', 'oversight.read'), async (req, res) => {
    const file = await oversightReport(deps, callOf(res), parseQuery(oversightReportQuerySchema, req));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
  return r;
}
