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

export interface FieldIssue {
  path: string;
  message: string;
}

/** `Network` when the server could not be reached; otherwise the API's own stable codes. */
export type ApiErrorCode =
  'NotFound' | 'Conflict' | 'Forbidden' | 'Unauthenticated' | 'Invalid' | 'Busy' | 'Internal' | 'Network';

/** A refusal or failure from the API, in words a person can read (the server writes them for people). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly title: string,
    readonly detail: string,
    readonly issues: FieldIssue[] = [],
    /** For a 412 Conflict: the record as it is on the server now. */
    readonly current: unknown = undefined,
  ) {
    super(detail);
  }

  get isConflict(): boolean {
    return this.code === 'Conflict';
  }

  /** Messages for one field (`description`) or its sub-fields (`owner.email`). */
  issuesFor(path: string): string[] {
    return this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
  }
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

/** Everything the tab asks of the server. Tests substitute an in-memory fake with the same behaviour. */
export interface CmoeApi {
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

export interface ApiClientOptions {
  /** Origin of the API; '' for the same origin (the server serves the tab). */
  baseUrl?: string;
  /** The bearer token for each call: Teams SSO, or `dev:<userId>` locally. */
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
}

function queryString(params: Record<string, string | boolean | string[] | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(',') : String(v);
    if (Array.isArray(v) && v.length === 0) continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(s)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const NETWORK_MESSAGE = "Can't reach the CMOE service. Check your connection and try again.";

async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status alone.
  }
  const code = (typeof body.code === 'string' ? body.code : 'Internal') as ApiErrorCode;
  const title = typeof body.title === 'string' ? body.title : `Request failed (${res.status})`;
  const detail =
    typeof body.detail === 'string'
      ? body.detail
      : res.status >= 500
        ? 'Something went wrong on our side. Nothing was lost; please try again.'
        : title;
  const issues = Array.isArray(body.issues) ? (body.issues as FieldIssue[]) : [];
  return new ApiError(res.status, code, title, detail, issues, body.current);
}

/** The Retry-After of a 429 or 503 in ms when it is at most {@link MAX_RETRY_WAIT_MS}, else null. */
function retryAfterMs(res: Response): number | null {
  if (res.status !== 429 && res.status !== 503) return null;
  const seconds = Number(res.headers.get('retry-after'));
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return seconds * 1000 <= MAX_RETRY_WAIT_MS ? seconds * 1000 : null;
}

export const MAX_RETRY_WAIT_MS = 5000;

/** Loads GET /api/dev/users; null when the server does not offer local sign-in (Teams deployments). */
export async function loadDevUsers(
  opts: { baseUrl?: string; fetch?: typeof fetch } = {},
): Promise<DevUser[] | null> {
  const f = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`${opts.baseUrl ?? ''}/api/dev/users`, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'Network', 'Offline', NETWORK_MESSAGE);
  }
  if (res.status === 404 || res.status === 401) return null;
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as DevUser[];
}

export function createApiClient(opts: ApiClientOptions): CmoeApi {
  const base = opts.baseUrl ?? '';
  // Called through a wrapper so a browser's fetch is never invoked with a foreign `this`.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; version?: number } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${await opts.getToken()}`,
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;
    const send = async (): Promise<Response> => {
      try {
        return await doFetch(`${base}${path}`, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          credentials: 'omit',
        });
      } catch {
        throw new ApiError(0, 'Network', 'Offline', NETWORK_MESSAGE);
      }
    };
    let res = await send();
    // A read refused for a moment (rate limit, throttled store) is retried once after the server's
    // Retry-After, when that is short; a write is never repeated behind the user's back.
    const wait = retryAfterMs(res);
    if (method === 'GET' && (res.status === 429 || res.status === 503) && wait !== null) {
      await new Promise((r) => setTimeout(r, wait));
      res = await send();
    }
    if (!res.ok) throw await problemOf(res);
    return (await res.json()) as T;
  }

  const enc = encodeURIComponent;
  return {
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
}
