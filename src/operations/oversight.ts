/**
 * Oversight for senior managers (issue 17): every figure for a period in one response, and the same
 * figures as a report to take to the senior managers' meeting.
 *
 * Who sees what: `oversight.read` is every CMOE role, admins included, because the figures are
 * aggregates. The case refs behind each figure (the drill-down) go only to callers who may read cases;
 * an admin without a Member or Chair role gets the same numbers without a single ref.
 *
 * Audit: a view is one `oversight.view` entry (target `oversight`, the period in `fields`), like a view
 * of minutes rather than one entry per case: no child's record is shown. A report download is audited
 * like an export (`export`, target `oversight`, with format, period and whether counts were suppressed).
 */
import { InvalidError } from '../domain/errors';
import {
  defaultPeriod,
  oversightFigures,
  periodProblem,
  withoutRefs,
  type OversightFigures,
  type Period,
} from '../domain/oversight';
import { oversightDocx, oversightXlsx, DOCX_CONTENT_TYPE } from '../documents/oversightReport';
import { XLSX_CONTENT_TYPE } from './importExport';
import { type Call, type OperationDeps, audit, authorize, can, today } from './context';
import type { OversightQuery, OversightReportQuery } from '../contract/inputs';

function periodOf(query: OversightQuery, call: Call): Period {
  const day = today(call);
  const fallback = defaultPeriod(query.to ?? day);
  const period = { from: query.from ?? fallback.from, to: query.to ?? day };
  const problem = periodProblem(period, day);
  if (problem !== null) throw new InvalidError(problem, [{ path: 'from', message: problem }]);
  return period;
}

async function figuresFor(deps: OperationDeps, call: Call, period: Period): Promise<OversightFigures> {
  const [cases, actions, meetings, escalations] = await Promise.all([
    deps.store.cases.list(),
    deps.store.actions.list(),
    deps.store.meetings.list(),
    deps.store.escalations.list(),
  ]);
  const figures = oversightFigures({ cases, actions, meetings, escalations }, period, call.now, deps.policy);
  return can(call, 'case.read') ? figures : withoutRefs(figures);
}

/** Every oversight figure for the period (default: the last 12 months up to today). */
export async function getOversight(
  deps: OperationDeps,
  call: Call,
  query: OversightQuery,
): Promise<OversightFigures> {
  await authorize(deps, call, 'oversight.read', 'oversight');
  const period = periodOf(query, call);
  const figures = await figuresFor(deps, call, period);
  await audit(deps, call, 'oversight.view', 'oversight', [`from=${period.from}`, `to=${period.to}`]);
  return figures;
}

export interface OversightReportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The figures as a .docx or .xlsx report, marked OFFICIAL-SENSITIVE; never any case ref. */
export async function oversightReport(
  deps: OperationDeps,
  call: Call,
  query: OversightReportQuery,
): Promise<OversightReportFile> {
  await authorize(deps, call, 'oversight.read', 'oversight');
  const period = periodOf(query, call);
  // The report is for circulation: it never carries refs, whoever asks.
  const figures = withoutRefs(await figuresFor(deps, call, period));
  const options = { suppress: query.suppress };
  const bytes =
    query.format === 'docx'
      ? await oversightDocx(figures, options)
      : await oversightXlsx(figures, options, call.now);
  await audit(deps, call, 'export', 'oversight', [
    `format=${query.format}`,
    `from=${period.from}`,
    `to=${period.to}`,
    `suppress=${query.suppress}`,
  ]);
  return {
    fileName: `cmoe-oversight-${period.from}-to-${period.to}.${query.format}`,
    contentType: query.format === 'docx' ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    bytes,
  };
}
