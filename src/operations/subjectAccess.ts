/**
 * A subject access export of one child (issue 18; UK GDPR Art 15), for the admin: everything the store
 * holds about the case, as .docx (to review and send) or .json (complete, machine-readable). Only this
 * child's records are read; the minutes are cut to this child's parts (domain/subjectAccess.ts).
 * Audited as `case.subjectAccess` with the format, never any of the content.
 */
import { renderSubjectAccessDocx } from '../documents/subjectAccessDocx';
import { buildSubjectAccess, type SubjectAccessExport } from '../domain/subjectAccess';
import type { AuditEntry } from '../domain/types';
import { loadCase } from './cases';
import { type Call, type OperationDeps, audit, authorize, nowIso } from './context';
import type { SubjectAccessQuery } from '../contract/inputs';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Every audit entry about the record: far more than a case collects in its life. */
const AUDIT_LIMIT = 1_000_000;

export interface SubjectAccessFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export async function gatherSubjectAccess(
  deps: OperationDeps,
  call: Call,
  ref: string,
): Promise<SubjectAccessExport> {
  const { store } = deps;
  const c = await loadCase(deps, ref);
  const [updates, actions, escalations, disclosures, meetings] = await Promise.all([
    store.updates.list(ref),
    store.actions.list({ caseRef: ref }),
    store.escalations.list({ caseRef: ref }),
    store.disclosures.listByCase(ref),
    store.meetings.list(),
  ]);
  const about = meetings.filter(
    (m) => m.records.some((r) => r.caseRef === ref) || (m.agenda ?? []).some((i) => i.caseRef === ref),
  );
  const withMinutes = await Promise.all(
    about.map(async (meeting) => ({ meeting, minutes: await store.minutes.getContent(meeting.id) })),
  );
  // Entries about the case itself, and about its actions and escalations (targeted by their ids).
  const targets = [ref, ...actions.map((a) => a.id), ...escalations.map((e) => e.id)];
  const entries: AuditEntry[] = (
    await Promise.all(targets.map((target) => store.audit.query({ target, limit: AUDIT_LIMIT })))
  ).flat();
  return buildSubjectAccess({
    case: c,
    updates,
    actions,
    escalations,
    disclosures,
    meetings: withMinutes,
    audit: entries,
    generatedAt: nowIso(call),
    generatedBy: call.caller.id,
  });
}

export async function subjectAccessExport(
  deps: OperationDeps,
  call: Call,
  ref: string,
  query: SubjectAccessQuery,
): Promise<SubjectAccessFile> {
  await authorize(deps, call, 'case.subjectAccess', ref);
  const data = await gatherSubjectAccess(deps, call, ref);
  const file: SubjectAccessFile =
    query.format === 'json'
      ? {
          fileName: `CMOE subject access ${ref}.json`,
          contentType: 'application/json; charset=utf-8',
          bytes: new TextEncoder().encode(JSON.stringify(data, null, 2)),
        }
      : {
          fileName: `CMOE subject access ${ref}.docx`,
          contentType: DOCX,
          bytes: await renderSubjectAccessDocx(data),
        };
  await audit(deps, call, 'case.subjectAccess', ref, [`format=${query.format}`]);
  return file;
}
