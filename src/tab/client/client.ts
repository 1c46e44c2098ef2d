/**
 * The tab's only IO: a typed client for the CMOE API. It sends the bearer token on every call (a Teams
 * SSO token, or `dev:<userId>` for the local demo), sends `If-Match` on every change of an existing
 * record, and turns `application/problem+json` answers into {@link ApiError} with the stable `code`, the
 * field `issues` and, for a 412, the server's `current` record, so a conflict can be shown, not lost.
 *
 * Every request and response type comes from the contract (src/contract, by `import type`: no zod in the
 * bundle), and every call names its route there (`send('getCase', ...)`), so a field added to a request
 * schema is checked here by the compiler. DOM-free (only `fetch`), so it is tested in Node against the
 * real API.
 */
import type { BodyOf, DevUser, Me, NextMeeting, QueryOf, ResponseOf } from '../../contract/types';
import { type AdminApi, adminApi } from './adminApi';
import { type MeetingApi, meetingApi } from './meetingApi';
import { type OversightApi, oversightApi } from './oversightApi';
import { type RetentionApi, retentionApi } from './retentionApi';
import { type DisclosureApi, disclosureApi } from './disclosureApi';
import { takeEarly } from './early';
import {
  ApiError,
  type ApiErrorCode,
  type FieldIssue,
  MAX_RETRY_WAIT_MS,
  NETWORK_MESSAGE,
  createCall,
  problemOf,
  sendOf,
} from './transport';

export { ApiError, MAX_RETRY_WAIT_MS, type ApiErrorCode, type FieldIssue };
export type { AdminApi, DisclosureApi, MeetingApi, OversightApi, RetentionApi };
export type { DevUser, Me, NextMeeting };

/** Body of a referral (POST /api/cases and /api/cases/check): the year group may be left out. */
export type ReferralBody = BodyOf<'refer'>;
/** A change to a case: only the fields that changed. Concern, status and stuck need the chair. */
export type CasePatch = BodyOf<'updateCase'>;
export type OpenStatus = NonNullable<CasePatch['status']>;
export type CaseListQuery = QueryOf<'listCases'>;
export type ActionListQuery = QueryOf<'listActions'>;
export type NewAction = BodyOf<'createAction'>;
export type EscalateBody = BodyOf<'escalate'>;
export type CloseBody = BodyOf<'closeCase'>;

/** Cases, actions and the meeting calendar: what every screen reads. */
export interface CoreApi {
  me(): Promise<Me>;
  listCases(query?: CaseListQuery): Promise<ResponseOf<'listCases'>>;
  getCase(ref: string): Promise<ResponseOf<'getCase'>>;
  checkReferral(body: ReferralBody): Promise<ResponseOf<'checkReferral'>>;
  refer(body: ReferralBody): Promise<ResponseOf<'refer'>>;
  updateCase(ref: string, version: number, patch: CasePatch): Promise<ResponseOf<'updateCase'>>;
  closeCase(ref: string, version: number, body: CloseBody): Promise<ResponseOf<'closeCase'>>;
  reopenCase(ref: string, version: number, reason: string): Promise<ResponseOf<'reopenCase'>>;
  addListCheck(
    ref: string,
    version: number,
    check: BodyOf<'addListCheck'>,
  ): Promise<ResponseOf<'addListCheck'>>;
  addUpdate(ref: string, text: string): Promise<ResponseOf<'addUpdate'>>;
  escalate(ref: string, version: number, body: EscalateBody): Promise<ResponseOf<'escalate'>>;
  respondToEscalation(
    id: string,
    version: number,
    body: BodyOf<'respondToEscalation'>,
  ): Promise<ResponseOf<'respondToEscalation'>>;
  listActions(query?: ActionListQuery): Promise<ResponseOf<'listActions'>>;
  createAction(body: NewAction): Promise<ResponseOf<'createAction'>>;
  completeAction(
    id: string,
    version: number,
    body: BodyOf<'completeAction'>,
  ): Promise<ResponseOf<'completeAction'>>;
  extendAction(
    id: string,
    version: number,
    body: BodyOf<'extendAction'>,
  ): Promise<ResponseOf<'extendAction'>>;
  listMeetings(query?: QueryOf<'listMeetings'>): Promise<ResponseOf<'listMeetings'>>;
  nextMeeting(): Promise<NextMeeting>;
}

/**
 * Everything the tab asks of the server, in three groups kept in their own files. Tests substitute an
 * in-memory fake with the same behaviour.
 */
export interface CmoeApi extends CoreApi, MeetingApi, AdminApi, OversightApi, RetentionApi, DisclosureApi {}

export interface ApiClientOptions {
  /** Origin of the API; '' for the same origin (the server serves the tab). */
  baseUrl?: string;
  /** The bearer token for each call: Teams SSO, or `dev:<userId>` locally. */
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
}

/** Loads GET /api/dev/users; null when the server does not offer local sign-in (Teams deployments). */
export async function loadDevUsers(
  opts: { baseUrl?: string; fetch?: typeof fetch } = {},
): Promise<DevUser[] | null> {
  const f = opts.fetch ?? fetch;
  let res: Response;
  try {
    // Started by the entry script (early.ts) when the page is the local demo.
    const started =
      opts.baseUrl === undefined && opts.fetch === undefined ? takeEarly('/api/dev/users', null) : undefined;
    res = await (started ??
      f(`${opts.baseUrl ?? ''}/api/dev/users`, { headers: { Accept: 'application/json' } }));
  } catch {
    throw new ApiError(0, 'Network', 'Offline', NETWORK_MESSAGE);
  }
  if (res.status === 404 || res.status === 401) return null;
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as DevUser[];
}

export function createApiClient(opts: ApiClientOptions): CmoeApi {
  const call = createCall(opts);
  const send = sendOf(call);
  const core: CoreApi = {
    me: () => send('me', {}),
    listCases: (q = {}) =>
      send('listCases', {
        // The keys one by one: the server refuses a key it does not know.
        query: {
          status: q.status,
          concern: q.concern,
          category: q.category,
          lead: q.lead,
          stuck: q.stuck,
          overdue: q.overdue,
          mine: q.mine,
          q: q.q,
        },
      }),
    getCase: (ref) => send('getCase', { params: { ref } }),
    checkReferral: (body) => send('checkReferral', { body }),
    refer: (body) => send('refer', { body }),
    updateCase: (ref, version, body) => send('updateCase', { params: { ref }, body, version }),
    closeCase: (ref, version, body) => send('closeCase', { params: { ref }, body, version }),
    reopenCase: (ref, version, reason) => send('reopenCase', { params: { ref }, body: { reason }, version }),
    addListCheck: (ref, version, body) => send('addListCheck', { params: { ref }, body, version }),
    addUpdate: (ref, text) => send('addUpdate', { params: { ref }, body: { text } }),
    escalate: (ref, version, body) => send('escalate', { params: { ref }, body, version }),
    respondToEscalation: (id, version, body) =>
      send('respondToEscalation', { params: { id }, body, version }),
    listActions: (q = {}) =>
      send('listActions', {
        query: { caseRef: q.caseRef, mine: q.mine, status: q.status, overdue: q.overdue },
      }),
    createAction: (body) => send('createAction', { body }),
    completeAction: (id, version, body) => send('completeAction', { params: { id }, body, version }),
    extendAction: (id, version, body) => send('extendAction', { params: { id }, body, version }),
    listMeetings: (q = {}) => send('listMeetings', { query: { from: q.from, to: q.to } }),
    nextMeeting: () => send('nextMeeting', {}),
  };
  return {
    ...core,
    ...meetingApi(send, call),
    ...adminApi(send, call),
    ...oversightApi(send, call),
    ...retentionApi(send),
    ...disclosureApi(send, call),
  };
}
