/**
 * The method and path of every API route, by name: the half of the contract (routes.ts) that holds no
 * zod, so the tab's client may import it as a value and build its requests from it. In the order Express
 * tries them (`/meetings/next` before `/meetings/:id`).
 */
export const ENDPOINTS = {
  devUsers: { method: 'GET', path: '/api/dev/users' },
  me: { method: 'GET', path: '/api/me' },

  listCases: { method: 'GET', path: '/api/cases' },
  checkReferral: { method: 'POST', path: '/api/cases/check' },
  refer: { method: 'POST', path: '/api/cases' },
  getCase: { method: 'GET', path: '/api/cases/:ref' },
  updateCase: { method: 'PATCH', path: '/api/cases/:ref' },
  closeCase: { method: 'POST', path: '/api/cases/:ref/close' },
  reopenCase: { method: 'POST', path: '/api/cases/:ref/reopen' },
  addListCheck: { method: 'POST', path: '/api/cases/:ref/list-checks' },
  listCaseUpdates: { method: 'GET', path: '/api/cases/:ref/updates' },
  addUpdate: { method: 'POST', path: '/api/cases/:ref/updates' },
  escalate: { method: 'POST', path: '/api/cases/:ref/escalations' },
  listCaseDisclosures: { method: 'GET', path: '/api/cases/:ref/disclosures' },
  recordDisclosure: { method: 'POST', path: '/api/cases/:ref/disclosures' },
  downloadSubjectAccess: { method: 'GET', path: '/api/cases/:ref/subject-access' },
  listDisclosures: { method: 'GET', path: '/api/disclosures' },

  listActions: { method: 'GET', path: '/api/actions' },
  createAction: { method: 'POST', path: '/api/actions' },
  getAction: { method: 'GET', path: '/api/actions/:id' },
  updateAction: { method: 'PATCH', path: '/api/actions/:id' },
  completeAction: { method: 'POST', path: '/api/actions/:id/complete' },
  extendAction: { method: 'POST', path: '/api/actions/:id/extend' },
  cancelAction: { method: 'POST', path: '/api/actions/:id/cancel' },

  listMeetings: { method: 'GET', path: '/api/meetings' },
  nextMeeting: { method: 'GET', path: '/api/meetings/next' },
  scheduleMeeting: { method: 'POST', path: '/api/meetings' },
  scheduleFromCadence: { method: 'POST', path: '/api/meetings/cadence' },
  getMeeting: { method: 'GET', path: '/api/meetings/:id' },
  updateMeetingDetails: { method: 'PATCH', path: '/api/meetings/:id' },
  cancelMeeting: { method: 'POST', path: '/api/meetings/:id/cancel' },
  startMeeting: { method: 'POST', path: '/api/meetings/:id/start' },
  finishMeeting: { method: 'POST', path: '/api/meetings/:id/finish' },
  publishMinutes: { method: 'POST', path: '/api/meetings/:id/publish' },
  downloadMinutes: { method: 'GET', path: '/api/meetings/:id/minutes' },
  getMinutesContent: { method: 'GET', path: '/api/meetings/:id/minutes/content' },
  getMeetingCase: { method: 'GET', path: '/api/meetings/:id/cases/:ref' },
  saveRecord: { method: 'PUT', path: '/api/meetings/:id/cases/:ref/record' },
  addMeetingAction: { method: 'POST', path: '/api/meetings/:id/cases/:ref/actions' },
  changeConcern: { method: 'POST', path: '/api/meetings/:id/cases/:ref/concern' },
  reassignLead: { method: 'POST', path: '/api/meetings/:id/cases/:ref/lead' },
  escalateInMeeting: { method: 'POST', path: '/api/meetings/:id/cases/:ref/escalate' },
  closeInMeeting: { method: 'POST', path: '/api/meetings/:id/cases/:ref/close' },
  getAgenda: { method: 'GET', path: '/api/meetings/:id/agenda' },

  listEscalations: { method: 'GET', path: '/api/escalations' },
  respondToEscalation: { method: 'POST', path: '/api/escalations/:id/response' },

  lastImportBatch: { method: 'GET', path: '/api/import/batches/last' },
  undoLastImport: { method: 'POST', path: '/api/import/batches/last/undo' },
  previewImport: { method: 'POST', path: '/api/import/preview' },
  listImportMappings: { method: 'GET', path: '/api/import/mappings' },
  getImportMapping: { method: 'GET', path: '/api/import/mappings/:name' },
  saveImportMapping: { method: 'PUT', path: '/api/import/mappings/:name' },
  startImportJob: { method: 'POST', path: '/api/import/jobs' },
  getImportJob: { method: 'GET', path: '/api/import/jobs/:id' },
  importSpreadsheet: { method: 'POST', path: '/api/import' },
  exportCases: { method: 'GET', path: '/api/export' },
  getOversight: { method: 'GET', path: '/api/oversight' },
  downloadOversightReport: { method: 'GET', path: '/api/oversight/report' },
  queryAudit: { method: 'GET', path: '/api/audit' },

  disposalReview: { method: 'GET', path: '/api/retention/review' },
  reviewDue: { method: 'GET', path: '/api/retention/review/due' },
  placeHold: { method: 'PUT', path: '/api/retention/cases/:ref/hold' },
  releaseHold: { method: 'DELETE', path: '/api/retention/cases/:ref/hold' },
  disposeCase: { method: 'POST', path: '/api/retention/cases/:ref/dispose' },
} as const satisfies Record<string, Endpoint>;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Endpoint {
  method: Method;
  path: `/api/${string}`;
}

export type EndpointName = keyof typeof ENDPOINTS;

/** The names of a path's parameters: `'id' | 'ref'` for `/api/meetings/:id/cases/:ref`. */
export type ParamsOf<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** The path with its parameters filled in, each URI-encoded. */
export function pathOf<P extends string>(path: P, params: Record<ParamsOf<P>, string>): string {
  return path.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent((params as Record<string, string>)[name] ?? ''),
  );
}
