/**
 * The calls of the oversight screen (issue 17): every figure for a period, and the same figures as a
 * report file. Built on the shared transport; types from the contract (src/contract).
 */
import type { OversightFigures } from '../../domain/oversight';
import type { QueryOf, ResponseOf } from '../../contract/types';
import { type Call, type DownloadedFile, type Send, urlOf } from './transport';

export type { OversightFigures };

/** The period, both days inclusive; the server defaults each (the last 12 months up to today). */
export type OversightPeriod = QueryOf<'getOversight'>;

/** The report's format, and whether counts 1 to 4 show as "fewer than 5" (beyond the group). */
export type OversightReportQuery = QueryOf<'downloadOversightReport'>;

export interface OversightApi {
  getOversight(period?: OversightPeriod): Promise<ResponseOf<'getOversight'>>;
  downloadOversightReport(query: OversightReportQuery): Promise<DownloadedFile>;
}

export function oversightReportPath(q: OversightReportQuery): string {
  return urlOf(
    'downloadOversightReport',
    {},
    { from: q.from, to: q.to, format: q.format, suppress: q.suppress },
  );
}

export function oversightApi(send: Send, call: Call): OversightApi {
  return {
    getOversight: (p = {}) => send('getOversight', { query: { from: p.from, to: p.to } }),
    downloadOversightReport: (q) => call.download(oversightReportPath(q)),
  };
}
