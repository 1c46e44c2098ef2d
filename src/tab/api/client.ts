/**
 * The tab's only IO: a typed client for the CMOE API. It sends the bearer token on every call (a Teams
 * SSO token, or `dev:<userId>` for the local demo), sends `If-Match` on every change of an existing
 * record, and turns `application/problem+json` answers into {@link ApiError} with the stable `code`, the
 * field `issues` and, for a 412, the server's `current` record, so a conflict can be shown, not lost.
 *
 * DOM-free (only `fetch`), so it is tested in Node against the real API.
 */
import type {
  Action,
  Case,
  CaseFields,
  CaseStatus,
  CaseUpdate,
  Category,
  ClosureReason,
  Concern,
  Escalation,
  EscalationTarget,
  ListCheck,
  LocalDate,
  Meeting,
  Person,
  YearGroup,
} from '../../domain/types';
import type { CaseDetail, CaseSummary, ReferralCheck } from '../../domain/views';
import type { Permission, Role } from '../../auth/roles';
import { type AdminApi, adminApi } from './adminApi';
import { type MeetingApi, meetingApi } from './meetingApi';
import { type OversightApi, oversightApi } from './oversightApi';
import { takeEarly } from './early';
import {
  ApiError,
  type ApiErrorCode,
  type FieldIssue,
  MAX_RETRY_WAIT_MS,
  NETWORK_MESSAGE,
  createCall,
  problemOf,
  queryString,
} from './transport';

export { ApiError, MAX_RETRY_WAIT_MS, type ApiErrorCode, type FieldIssue };
export type { AdminApi, MeetingApi, OversightApi };

/** GET /api/me */
export interface Me {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  permissions: Permission[];
}

/** GET /api/dev/users: the synthetic users of the local demo. */
export interface DevUser {
  id: string;
  name: string;
  email: string;
  service: string;
  roles: Role[];
}

export type OpenStatus = 'referred' | 'open' | 'monitoring';

/** Body of a referral (POST /api/cases and /api/cases/check): the year group may be left out. */
export type ReferralBody = Omit<CaseFields, 'yearGroup' | 'concern'> & { yearGroup?: YearGroup };

/** A change to a case: only the fields that changed. Concern, status and stuck need the chair. */
export type CasePatch = Partial<
  CaseFields & { status: OpenStatus; stuckFlag: boolean; proposedForClosure: boolean }
>;

export interface CaseListQuery {
  status?: CaseStatus[];
  concern?: Concern[];
  category?: Category;
  lead?: string;
  stuck?: boolean;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
}

export interface ActionListQuery {
  caseRef?: string;
  mine?: boolean;
  status?: Action['status'][];
  overdue?: boolean;
}

export interface NewAction {
  caseRef: string;
  description?: string | null;
  successMeasure?: string | null;
  owner?: Person | null;
  ownerService?: string;
  dueDate?: LocalDate | null;
  meetingId?: string | null;
}

export interface EscalateBody {
  to: EscalationTarget;
  toName?: string | null;
  reason: string;
  decisionRequested: string;
  responseDue?: LocalDate;
}

export interface CloseBody {
  reason: ClosureReason;
  date: LocalDate;
  note?: string | null;
}

export interface NextMeeting {
  date: LocalDate;
  startsAt: string;
  meetingId: string | null;
}

/** Cases, actions and the meeting calendar: what every screen reads. */
export interface CoreApi {
  me(): Promise<Me>;
  listCases(query?: CaseListQuery): Promise<CaseSummary[]>;
  getCase(ref: string): Promise<CaseDetail>;
  checkReferral(body: ReferralBody): Promise<ReferralCheck>;
  refer(body: ReferralBody): Promise<{ case: Case; check: ReferralCheck }>;
  updateCase(ref: string, version: number, patch: CasePatch): Promise<Case>;
  closeCase(ref: string, version: number, body: CloseBody): Promise<Case>;
  reopenCase(ref: string, version: number, reason: string): Promise<Case>;
  addListCheck(ref: string, version: number, check: ListCheck): Promise<Case>;
  addUpdate(ref: string, text: string): Promise<CaseUpdate>;
  escalate(ref: string, version: number, body: EscalateBody): Promise<{ case: Case; escalation: Escalation }>;
  respondToEscalation(
    id: string,
    version: number,
    body: { response: string; outcome?: string | null },
  ): Promise<Escalation>;
  listActions(query?: ActionListQuery): Promise<Action[]>;
  createAction(body: NewAction): Promise<Action>;
  completeAction(
    id: string,
    version: number,
    body: { note: string; completedOn?: LocalDate },
  ): Promise<Action>;
  extendAction(id: string, version: number, body: { dueDate: LocalDate; reason: string }): Promise<Action>;
  listMeetings(query?: { from?: string; to?: string }): Promise<Meeting[]>;
  nextMeeting(): Promise<NextMeeting>;
}

/**
 * Everything the tab asks of the server, in three groups kept in their own files. Tests substitute an
 * in-memory fake with the same behaviour.
 */
export interface CmoeApi extends CoreApi, MeetingApi, AdminApi, OversightApi {}

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
  const enc = encodeURIComponent;
  const core: CoreApi = {
    me: () => call('GET', '/api/me'),
    listCases: (q = {}) =>
      call(
        'GET',
        `/api/cases${queryString({
          status: q.status,
          concern: q.concern,
          category: q.category,
          lead: q.lead,
          stuck: q.stuck,
          overdue: q.overdue,
          mine: q.mine,
          q: q.q,
        })}`,
      ),
    getCase: (ref) => call('GET', `/api/cases/${enc(ref)}`),
    checkReferral: (body) => call('POST', '/api/cases/check', { body }),
    refer: (body) => call('POST', '/api/cases', { body }),
    updateCase: (ref, version, patch) => call('PATCH', `/api/cases/${enc(ref)}`, { body: patch, version }),
    closeCase: (ref, version, body) => call('POST', `/api/cases/${enc(ref)}/close`, { body, version }),
    reopenCase: (ref, version, reason) =>
      call('POST', `/api/cases/${enc(ref)}/reopen`, { body: { reason }, version }),
    addListCheck: (ref, version, check) =>
      call('POST', `/api/cases/${enc(ref)}/list-checks`, { body: check, version }),
    addUpdate: (ref, text) => call('POST', `/api/cases/${enc(ref)}/updates`, { body: { text } }),
    escalate: (ref, version, body) => call('POST', `/api/cases/${enc(ref)}/escalations`, { body, version }),
    respondToEscalation: (id, version, body) =>
      call('POST', `/api/escalations/${enc(id)}/response`, { body, version }),
    listActions: (q = {}) =>
      call(
        'GET',
        `/api/actions${queryString({ caseRef: q.caseRef, mine: q.mine, status: q.status, overdue: q.overdue })}`,
      ),
    createAction: (body) => call('POST', '/api/actions', { body }),
    completeAction: (id, version, body) =>
      call('POST', `/api/actions/${enc(id)}/complete`, { body, version }),
    extendAction: (id, version, body) => call('POST', `/api/actions/${enc(id)}/extend`, { body, version }),
    listMeetings: (q = {}) => call('GET', `/api/meetings${queryString({ from: q.from, to: q.to })}`),
    nextMeeting: () => call('GET', '/api/meetings/next'),
  };
  return { ...core, ...meetingApi(call), ...adminApi(call), ...oversightApi(call) };
}
