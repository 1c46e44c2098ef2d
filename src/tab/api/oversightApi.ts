/**
 * The calls of the oversight screen (issue 17): every figure for a period, and the same figures as a
 * report file. Built on the shared transport.
 */
import type { OversightFigures } from '../../domain/oversight';
import type { LocalDate } from '../../domain/types';
import { type Call, type DownloadedFile, queryString } from './transport';

export type { OversightFigures };

/** The period, both days inclusive; the server defaults each (the last 12 months up to today). */
export interface OversightPeriod {
  from?: LocalDate;
  to?: LocalDate;
}

export interface OversightReportQuery extends OversightPeriod {
  format: 'docx' | 'xlsx';
  /** Show counts 1 to 4 as "fewer than 5" (for circulation beyond the group). */
  suppress: boolean;
}

export interface OversightApi {
  getOversight(period?: OversightPeriod): Promise<OversightFigures>;
  downloadOversightReport(query: OversightReportQuery): Promise<DownloadedFile>;
}

export function oversightReportPath(q: OversightReportQuery): string {
  return `/api/oversight/report${queryString({ from: q.from, to: q.to, format: q.format, suppress: q.suppress })}`;
}

export function oversightApi(call: Call): OversightApi {
  return {
    getOversight: (p = {}) => call('GET', `/api/oversight${queryString({ from: p.from, to: p.to })}`),
    downloadOversightReport: (q) => call.download(oversightReportPath(q)),
  };
}
