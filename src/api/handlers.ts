/**
 * One thin handler per row of the contract (src/contract/routes.ts): each calls its operation with what
 * the mounter (mount.ts) already authorised and parsed, and returns the row's answer type, so the compiler
 * checks the operation against the contract. Status, ETag, Location and file headers are the row's, sent
 * by the mounter.
 */
import type { Request } from 'express';
import { DEV_USERS } from '../auth/devUsers';
import { InvalidError } from '../domain/errors';
import { mappingFileSchema, type MappingFile } from '../domain/importColumns';
import { receivedFallbackOf } from '../domain/importing';
import * as actions from '../operations/actions';
import { queryAudit } from '../operations/audit';
import * as cases from '../operations/cases';
import type { OperationDeps } from '../operations/context';
import * as escalations from '../operations/escalations';
import { exportCases, importSpreadsheet } from '../operations/importExport';
import * as mode from '../operations/meetingMode';
import * as meetings from '../operations/meetings';
import { lastImportBatch, undoLastImport } from '../operations/importUndo';
import * as mappings from '../operations/importMapping';
import { ImportJobs } from '../operations/importJobs';
import { mappingNameParamSchema } from '../contract/inputs';
import { getOversight, oversightReport } from '../operations/oversight';
import * as retention from '../operations/disposal';
import * as disclosures from '../operations/disclosures';
import { subjectAccessExport } from '../operations/subjectAccess';
import type { Handlers } from './mount';
import { invalidFrom } from './problem';

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

/** The uploaded file (the raw body) with its name, or null when the body was not a file. */
function uploadOf(req: Request): { bytes: Buffer; fileName: string | null } | null {
  return Buffer.isBuffer(req.body) ? { bytes: req.body, fileName: fileNameOf(req) } : null;
}

/** A saved mapping's `:name`, checked (read after the role check, as every parameter is). */
function mappingName(name: string): string {
  const p = mappingNameParamSchema.safeParse({ name });
  if (!p.success) throw invalidFrom(p.error, 'name');
  return p.data.name;
}

export function handlers(deps: OperationDeps): Handlers {
  // The app's import jobs (in memory: one process serves the tab), read only by whoever started each.
  const jobs = new ImportJobs();
  return {
    devUsers: async () =>
      DEV_USERS.map((u) => ({ id: u.id, name: u.name, email: u.email, service: u.service, roles: u.roles })),
    me: async ({ call: { caller } }) => ({
      id: caller.id,
      name: caller.name,
      email: caller.email,
      roles: caller.roles,
      permissions: [...caller.permissions].sort(),
    }),

    // --- Cases ---
    listCases: ({ call, query }) => cases.listCases(deps, call, query),
    checkReferral: ({ call, body }) => cases.checkReferral(deps, call, body),
    refer: ({ call, body }) => cases.referCase(deps, call, body),
    getCase: ({ call, params }) => cases.getCase(deps, call, params.ref),
    updateCase: ({ call, params, version, body }) => cases.updateCase(deps, call, params.ref, version, body),
    closeCase: ({ call, params, version, body }) => cases.closeCase(deps, call, params.ref, version, body),
    reopenCase: ({ call, params, version, body }) => cases.reopenCase(deps, call, params.ref, version, body),
    addListCheck: ({ call, params, version, body }) =>
      cases.addListCheck(deps, call, params.ref, version, body),
    listCaseUpdates: ({ call, params }) => cases.listCaseUpdates(deps, call, params.ref),
    addUpdate: ({ call, params, body }) => cases.addCaseUpdate(deps, call, params.ref, body.text),
    escalate: ({ call, params, version, body }) =>
      escalations.escalateCase(deps, call, params.ref, version, body),
    listCaseDisclosures: ({ call, params }) => disclosures.listCaseDisclosures(deps, call, params.ref),
    recordDisclosure: ({ call, params, body }) => disclosures.recordDisclosure(deps, call, params.ref, body),
    downloadSubjectAccess: ({ call, params, query }) => subjectAccessExport(deps, call, params.ref, query),
    listDisclosures: ({ call }) => disclosures.listAllDisclosures(deps, call),

    // --- Actions ---
    listActions: ({ call, query }) => actions.listActions(deps, call, query),
    createAction: ({ call, body }) => actions.createAction(deps, call, body),
    getAction: ({ call, params }) => actions.getAction(deps, call, params.id),
    updateAction: ({ call, params, version, body }) =>
      actions.updateAction(deps, call, params.id, version, body),
    completeAction: ({ call, params, version, body }) =>
      actions.completeAction(deps, call, params.id, version, body),
    extendAction: ({ call, params, version, body }) =>
      actions.extendAction(deps, call, params.id, version, body),
    cancelAction: ({ call, params, version, body }) =>
      actions.cancelAction(deps, call, params.id, version, body.reason),

    // --- Meetings ---
    listMeetings: ({ call, query }) => meetings.listMeetings(deps, call, query),
    nextMeeting: ({ call }) => meetings.nextMeeting(deps, call),
    scheduleMeeting: ({ call, body }) => meetings.scheduleMeeting(deps, call, body),
    scheduleFromCadence: ({ call, body }) => meetings.scheduleFromCadence(deps, call, body.count),
    getMeeting: ({ call, params }) => meetings.viewMeeting(deps, call, params.id),
    updateMeetingDetails: ({ call, params, version, body }) =>
      meetings.updateMeetingDetails(deps, call, params.id, version, body),
    cancelMeeting: ({ call, params, version }) => meetings.cancelMeeting(deps, call, params.id, version),
    startMeeting: ({ call, params, version }) => mode.startMeeting(deps, call, params.id, version),
    finishMeeting: ({ call, params, version }) => mode.finishMeeting(deps, call, params.id, version),
    publishMinutes: ({ call, params, version }) => mode.publishMinutes(deps, call, params.id, version),
    downloadMinutes: async ({ call, params }) => {
      const doc = await mode.getMinutesDocument(deps, call, params.id);
      // The file name holds the meeting date only, never a child's name.
      return {
        contentType: doc.contentType,
        fileName: doc.fileName.replace(/[^\w .-]/g, '_'),
        bytes: doc.bytes,
      };
    },
    getMinutesContent: ({ call, params }) => mode.getMinutesContent(deps, call, params.id),
    getMeetingCase: ({ call, params }) => mode.getMeetingCase(deps, call, params.id, params.ref),
    saveRecord: ({ call, params, version, body }) =>
      mode.saveRecord(deps, call, params.id, params.ref, version, body),
    addMeetingAction: ({ call, params, body }) =>
      mode.addMeetingAction(deps, call, params.id, params.ref, body),
    changeConcern: ({ call, params, version, body }) =>
      mode.changeConcernInMeeting(deps, call, params.id, params.ref, version, body.concern),
    reassignLead: ({ call, params, version, body }) =>
      mode.reassignLeadInMeeting(deps, call, params.id, params.ref, version, body.lead),
    escalateInMeeting: ({ call, params, version, body }) =>
      mode.escalateInMeeting(deps, call, params.id, params.ref, version, body),
    closeInMeeting: ({ call, params, version, body }) =>
      mode.closeInMeeting(deps, call, params.id, params.ref, version, body),
    getAgenda: async ({ call, params }) => {
      const agenda = await meetings.getAgenda(deps, call, params.id);
      return {
        meetingId: agenda.meeting.id,
        startsAt: agenda.meeting.startsAt,
        frozen: agenda.frozen,
        items: agenda.items,
      };
    },

    // --- Escalations ---
    listEscalations: ({ call, query }) => escalations.listEscalations(deps, call, query),
    respondToEscalation: ({ call, params, version, body }) =>
      escalations.recordEscalationResponse(deps, call, params.id, version, body),

    // --- Import, export, oversight, audit ---
    lastImportBatch: async ({ call }) => ({ batch: await lastImportBatch(deps, call) }),
    undoLastImport: ({ call }) => undoLastImport(deps, call),
    previewImport: ({ call, req }) => mappings.previewImport(deps, call, uploadOf(req), mappingOf(req)),
    listImportMappings: ({ call }) => mappings.listImportMappings(deps, call),
    getImportMapping: ({ call, params }) => mappings.getImportMapping(deps, call, mappingName(params.name)),
    saveImportMapping: ({ call, params, body }) =>
      mappings.saveImportMapping(deps, call, mappingName(params.name), body.mapping),
    startImportJob: ({ call, query, req }) =>
      jobs.start(deps, call, uploadOf(req), {
        dryRun: query.dryRun,
        skipInvalid: query.skipInvalid,
        mapping: mappingOf(req),
        received: receivedFallbackOf(query),
      }),
    getImportJob: ({ call, params }) => jobs.read(deps, call, params.id),
    importSpreadsheet: ({ call, query, req }) =>
      importSpreadsheet(deps, call, uploadOf(req), {
        dryRun: query.dryRun,
        skipInvalid: query.skipInvalid,
        mapping: mappingOf(req),
        received: receivedFallbackOf(query),
      }),
    exportCases: async ({ call, query }) => {
      const file = await exportCases(deps, call, query);
      return { ...file, headers: { 'X-Case-Count': String(file.count) } };
    },
    getOversight: ({ call, query }) => getOversight(deps, call, query),
    downloadOversightReport: ({ call, query }) => oversightReport(deps, call, query),
    queryAudit: ({ call, query }) => queryAudit(deps, call, query),

    // --- Retention and disposal ---
    disposalReview: ({ call }) => retention.disposalReview(deps, call),
    reviewDue: ({ call }) => retention.reviewDue(deps, call),
    placeHold: ({ call, params, version, body }) =>
      retention.placeHold(deps, call, params.ref, version, body),
    releaseHold: ({ call, params, version }) => retention.releaseHold(deps, call, params.ref, version),
    disposeCase: ({ call, params, version, body }) =>
      retention.disposeCase(deps, call, params.ref, version, body),
  };
}
