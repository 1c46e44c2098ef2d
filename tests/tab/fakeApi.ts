/**
 * An in-memory CmoeApi for component tests: a fake that behaves like the server where the tab depends
 * on it (versions and 412 Conflict with the current record, the domain's own SMART check with its field
 * issues, the referral check, permissions by role), without HTTP. Tests seed it and inspect it.
 */
import { type Role, permissionsFor } from '../../src/auth/roles';
import { EMPTY_CALENDAR, isWorkingDay, toLondonDate } from '../../src/domain/calendar';
import { actionTiming } from '../../src/domain/actions';
import { caseSearchText, matchesCaseSearch, searchTerms } from '../../src/domain/caseFilter';
import { DEFAULT_NOTIFICATION_POLICY } from '../../src/domain/notifications';
import { checkSmart } from '../../src/domain/smart';
import {
  defaultPeriod,
  oversightFigures,
  withoutRefs,
  type OversightFigures,
} from '../../src/domain/oversight';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { defaultResponseDue } from '../../src/domain/escalations';
import type { OversightPeriod, OversightReportQuery } from '../../src/tab/client/oversightApi';
import type { ImportPreviewResponse, ImportRowReport, SavedImportMapping } from '../../src/domain/importing';
import type { MinutesContent } from '../../src/domain/minutes';
import type { ImportJobStatus } from '../../src/domain/importJobs';
import type {
  Action,
  AgendaItem,
  AuditEntry,
  Case,
  CaseUpdate,
  Escalation,
  Meeting,
  MeetingCaseRecord,
} from '../../src/domain/types';
import type {
  AuditQuery,
  BatchSummary,
  ExportQuery,
  ExportedFile,
  ImportFile,
  ImportReport,
  ImportRunOptions,
  UndoReport,
} from '../../src/tab/client/adminApi';
import type { MeetingAgenda } from '../../src/tab/client/meetingApi';
import type { DisclosureBody, DisclosureView } from '../../src/tab/client/disclosureApi';
import type {
  ActionView,
  CaseDetail,
  CaseSummary,
  MeetingCaseView,
  ReferralCheck,
} from '../../src/domain/views';
import { TAB_NOW, TAB_TODAY } from './clock';
import { ApiError, type CmoeApi, type Me, type NextMeeting } from '../../src/tab/client/client';
import type { DisposalReview } from '../../src/domain/retention';

/** Today in London: the tab's clock in these tests (./clock), so the fake server's too. */

/** An attendee as sent (service and email may be left out), as the server stores it (null for each). */
const attendeeOf = (a: { name: string; service?: string | null; email?: string | null }) => ({
  name: a.name,
  service: a.service ?? null,
  email: a.email ?? null,
});
export const TODAY = TAB_TODAY;

/** A signed-in user as GET /api/me answers: permissions from the server's one matrix (src/auth/roles.ts). */
function me(id: string, name: string, email: string, roles: Role[]): Me {
  return { id, name, email, roles, permissions: [...permissionsFor(roles)].sort() };
}

export const CHAIR_ME = me('dev-chair', 'Demo Chair (Alex Sample)', 'alex.sample@example.org', [
  'CMOE.Member',
  'CMOE.Chair',
]);
export const MEMBER_ME = me(
  'dev-member-ewo',
  'Demo Member (Bea Placeholder)',
  'bea.placeholder@example.org',
  ['CMOE.Member'],
);
export const SENIOR_ME = me(
  'dev-senior',
  'Demo Senior Manager (Eli Testperson)',
  'eli.testperson@example.org',
  ['CMOE.SeniorManager'],
);

const INSTANT = '2026-03-20T09:00:00.000Z';

export function makeAction(n: number, over: Partial<Action> = {}): Action {
  return {
    id: `a${n}`,
    caseRef: 'CMOE-0001',
    description: `Action ${n}`,
    successMeasure: 'Recorded on the timeline',
    owner: {
      id: 'dev-member-ewo',
      name: 'Demo Member (Bea Placeholder)',
      email: 'bea.placeholder@example.org',
    },
    ownerService: 'Education Welfare',
    dueDate: TODAY,
    meetingId: null,
    status: 'open',
    completionNote: null,
    completedOn: null,
    deferrals: [],
    incompleteFromImport: false,
    createdBy: { id: 'dev-chair', name: 'Demo Chair (Alex Sample)', email: 'alex.sample@example.org' },
    createdAt: INSTANT,
    updatedAt: INSTANT,
    version: 1,
    ...over,
  };
}

export function makeCase(n: number, over: Partial<Case> = {}): Case {
  return {
    ref: `CMOE-${String(n).padStart(4, '0')}`,
    firstName: `Testy${n}`,
    lastName: `Example${n}`,
    dateOfBirth: '2013-05-14',
    yearGroup: '8',
    upn: null,
    lastSchool: 'Demo Academy (synthetic)',
    categories: ['cme'],
    provision: 'none',
    hoursPerWeek: null,
    outOfEducationSince: '2026-01-05',
    exclusionDate: null,
    timetableEndDate: null,
    timetableReviewDate: null,
    referralSource: 'ewo',
    referredBy: 'Demo Member (Bea Placeholder)',
    receivedOn: '2026-03-01',
    lead: null,
    agencies: [],
    sendStatus: 'none',
    socialCareStatus: 'none',
    cseRisk: 'not-checked',
    concernNotes: null,
    concern: 'medium',
    referralDate: '2026-03-09',
    status: 'open',
    closure: null,
    listChecks: [],
    stuckFlag: false,
    proposedForClosure: false,
    lastProgressAt: INSTANT,
    createdAt: INSTANT,
    updatedAt: INSTANT,
    version: 1,
    ...over,
  };
}

export function makeSummary(n: number, over: Partial<CaseSummary> = {}): CaseSummary {
  const c = makeCase(n);
  return {
    ref: c.ref,
    firstName: c.firstName,
    lastName: c.lastName,
    yearGroup: c.yearGroup,
    categories: c.categories,
    concern: c.concern,
    status: c.status,
    weeksOut: 11,
    lead: null,
    leadEmail: null,
    nextActionDue: null,
    flags: { stuck: false, overdue: false, ehcp: false, socialCare: false, cseRisk: false, statutory: false },
    createdAt: c.createdAt,
    ...over,
  };
}

/** A stored meeting (scheduled, nobody recorded yet) with synthetic people. */
export function makeMeeting(n: number, over: Partial<Meeting> = {}): Meeting {
  return {
    id: `m${n}`,
    startsAt: '2026-04-07T08:30:00.000Z',
    chair: null,
    attendees: [],
    apologies: [],
    status: 'scheduled',
    agenda: null,
    records: [],
    minutesPublishedAt: null,
    createdAt: INSTANT,
    updatedAt: INSTANT,
    version: 1,
    ...over,
  };
}

/** An escalation raised at a meeting, awaiting its response. */
export function makeEscalation(n: number, over: Partial<Escalation> = {}): Escalation {
  return {
    id: `e${n}`,
    caseRef: 'CMOE-0001',
    raisedBy: { id: 'dev-chair', name: 'Demo Chair (Alex Sample)', email: 'alex.sample@example.org' },
    raisedOn: '2026-03-09',
    to: 'head-of-service',
    toName: null,
    reason: 'No school place after 12 weeks',
    decisionRequested: 'Direct a school to admit',
    responseDue: '2026-03-23',
    response: null,
    outcome: null,
    respondedOn: null,
    earlierResponses: [],
    meetingId: null,
    createdAt: INSTANT,
    updatedAt: INSTANT,
    version: 1,
    ...over,
  };
}

const invalid = (detail: string, issues: { path: string; message: string }[]) =>
  new ApiError(400, 'Invalid', 'Invalid request', detail, issues);

export class FakeApi implements CmoeApi {
  /** The fake server's clock for the times it stamps (the tab's fixed moment unless a test moves it). */
  now: () => Date = () => TAB_NOW;
  summaries: CaseSummary[] = [];
  mineRefs: string[] = [];
  meetings: Meeting[] = [];
  cases = new Map<string, Case>();
  actions: Action[] = [];
  updates: CaseUpdate[] = [];
  calls: { method: string; args: unknown[] }[] = [];
  /** The referral date and warnings the check answers with. */
  referralCheck: ReferralCheck = {
    referralDate: '2026-04-07',
    derivedYearGroup: '8',
    eligible: true,
    warnings: [],
  };

  constructor(public whoAmI: Me = CHAIR_ME) {}

  private log(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }

  /** An action as the server sends it: with its timing, by the server's own rule and the fake's policy. */
  view(a: Action): ActionView {
    const days = DEFAULT_NOTIFICATION_POLICY.actionDueSoonWorkingDays;
    return { ...a, timing: actionTiming(a, TODAY, DEFAULT_POLICY.calendar, days) };
  }

  private may(p: string) {
    if (!this.whoAmI.permissions.includes(p as never))
      throw new ApiError(403, 'Forbidden', 'Not allowed', 'Your role does not allow this.');
  }

  /** Someone else changes an action on the "server" (bumps its version). */
  changeActionOnServer(id: string, patch: Partial<Action>): Action {
    const a = this.actions.find((x) => x.id === id)!;
    const next = { ...a, ...patch, version: a.version + 1 };
    this.actions = this.actions.map((x) => (x.id === id ? next : x));
    return next;
  }

  /** Someone else changes a case on the "server" (bumps its version). */
  changeOnServer(ref: string, patch: Partial<Case>): Case {
    const c = this.cases.get(ref)!;
    const next = { ...c, ...patch, version: c.version + 1, updatedAt: '2026-03-25T10:05:00.000Z' };
    this.cases.set(ref, next);
    return next;
  }

  async me() {
    return this.whoAmI;
  }
  async listCases(q: { mine?: boolean } = {}) {
    this.log('listCases', q);
    return q.mine ? this.summaries.filter((s) => this.mineRefs.includes(s.ref)) : this.summaries;
  }
  async getCase(ref: string): Promise<CaseDetail> {
    this.log('getCase', ref);
    const c = this.cases.get(ref);
    if (!c) throw new ApiError(404, 'NotFound', 'Not found', `Case ${ref} was not found.`);
    return {
      case: c,
      insights: {
        weeksOut: 11,
        derivedYearGroup: '8',
        warnings: [],
        eligible: true,
        stuck: false,
        stuckReasons: [],
        prompts: [],
        overdueActions: 0,
        nextActionDue: null,
        // As the server computes it (domain/escalations.ts), on the fake's day.
        defaultResponseDue: defaultResponseDue(TODAY, DEFAULT_POLICY),
      },
      actions: this.actions.filter((a) => a.caseRef === ref).map((a) => this.view(a)),
      updates: this.updates.filter((u) => u.caseRef === ref),
      escalations: this.escalations.filter((e) => e.caseRef === ref),
    };
  }
  async checkReferral(body: { upn?: string | null }) {
    this.log('checkReferral', body);
    this.may('case.refer');
    if (body.upn && !/^[A-Z]\d{11}[0-9A-Z]$/i.test(body.upn))
      throw invalid('Invalid request body: upn must be a 13-character UPN', [
        { path: 'upn', message: 'must be a 13-character UPN' },
      ]);
    return this.referralCheck;
  }
  async refer(body: { firstName: string; lastName: string }) {
    this.log('refer', body);
    this.may('case.refer');
    const n = this.cases.size + 1;
    const c = makeCase(n, {
      ...(body as Partial<Case>),
      referralDate: this.referralCheck.referralDate,
      status: 'referred',
    });
    this.cases.set(c.ref, c);
    return { case: c, check: this.referralCheck };
  }
  /** When set, case saves fail with this problem, as the server answers when busy or down. */
  failSavesWith: ApiError | null = null;
  async updateCase(ref: string, version: number, patch: Partial<Case>) {
    this.log('updateCase', ref, version, patch);
    this.may('case.update');
    if (this.failSavesWith) throw this.failSavesWith;
    const c = this.cases.get(ref)!;
    if (c.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this record.',
        [],
        c,
      );
    const next = { ...c, ...patch, version: c.version + 1 };
    this.cases.set(ref, next);
    return next;
  }
  async closeCase(): Promise<Case> {
    throw new Error('not used');
  }
  async reopenCase(): Promise<Case> {
    throw new Error('not used');
  }
  async addListCheck(): Promise<Case> {
    throw new Error('not used');
  }
  async addUpdate(ref: string, text: string) {
    this.log('addUpdate', ref, text);
    const u: CaseUpdate = {
      id: `u${this.updates.length + 1}`,
      caseRef: ref,
      at: '2026-03-25T10:00:00.000Z',
      by: { id: this.whoAmI.id, name: this.whoAmI.name, email: this.whoAmI.email },
      text,
    };
    this.updates.push(u);
    return u;
  }
  async escalate(): Promise<never> {
    throw new Error('not used');
  }
  /** As the server's respondToEscalation: the chair's, on the escalation's current version, once. */
  async respondToEscalation(
    id: string,
    version: number,
    body: { response: string; outcome?: string | null; respondedOn?: string },
  ) {
    this.log('respondToEscalation', id, version, body);
    this.may('escalation.respond');
    const e = this.escalations.find((x) => x.id === id)!;
    if (e.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this record.',
        [],
        e,
      );
    if (body.response.trim() === '')
      throw invalid('Invalid request body: response is required', [
        { path: 'response', message: 'is required' },
      ]);
    const next: Escalation = {
      ...e,
      response: body.response,
      outcome: body.outcome ?? null,
      respondedOn: body.respondedOn ?? TODAY,
      version: e.version + 1,
    };
    this.escalations = this.escalations.map((x) => (x.id === id ? next : x));
    return next;
  }
  async listActions(q: { mine?: boolean; status?: Action['status'][]; caseRef?: string } = {}) {
    this.log('listActions', q);
    return this.actions
      .filter(
        (a) =>
          (!q.mine || a.owner?.id === this.whoAmI.id) &&
          (!q.status || q.status.includes(a.status)) &&
          (!q.caseRef || a.caseRef === q.caseRef),
      )
      .map((a) => this.view(a));
  }
  /** Runs the domain's own SMART check, so the form meets the same messages as against the server. */
  async createAction(body: Parameters<CmoeApi['createAction']>[0]) {
    this.log('createAction', body);
    this.may('action.create');
    const r = checkSmart(body, TODAY, { extraClosures: [], schoolHolidays: [] });
    if (!r.ok) throw invalid(r.message, r.issues);
    const a: Action = {
      id: `a${this.actions.length + 1}`,
      caseRef: body.caseRef,
      description: body.description!,
      successMeasure: body.successMeasure!,
      owner: body.owner!,
      ownerService: body.ownerService ?? '',
      dueDate: body.dueDate!,
      meetingId: null,
      status: 'open',
      completionNote: null,
      completedOn: null,
      deferrals: [],
      incompleteFromImport: false,
      createdBy: { id: this.whoAmI.id, name: this.whoAmI.name, email: this.whoAmI.email },
      createdAt: INSTANT,
      updatedAt: INSTANT,
      version: 1,
    };
    this.actions.push(a);
    return this.view(a);
  }
  async completeAction(id: string, version: number, body: { note: string; completedOn?: string }) {
    this.log('completeAction', id, version, body);
    const a = this.actions.find((x) => x.id === id)!;
    if (a.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this record.',
        [],
        this.view(a),
      );
    const next: Action = {
      ...a,
      status: 'done',
      completionNote: body.note,
      completedOn: body.completedOn ?? TODAY,
      version: a.version + 1,
    };
    this.actions = this.actions.map((x) => (x.id === id ? next : x));
    return this.view(next);
  }
  /** As the server's extendAction: a future working day, not the same date, on the current version. */
  async extendAction(id: string, version: number, body: { dueDate: string; reason: string }) {
    this.log('extendAction', id, version, body);
    const a = this.actions.find((x) => x.id === id)!;
    if (a.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this record.',
        [],
        this.view(a),
      );
    if (body.dueDate <= TODAY || !isWorkingDay(body.dueDate, EMPTY_CALENDAR))
      throw invalid('The new due date must be a future working day.', [
        { path: 'dueDate', message: 'must be a future working day' },
      ]);
    const next: Action = {
      ...a,
      dueDate: body.dueDate,
      deferrals: [
        ...a.deferrals,
        {
          from: a.dueDate,
          to: body.dueDate,
          reason: body.reason,
          by: { id: this.whoAmI.id, name: this.whoAmI.name, email: this.whoAmI.email },
          at: INSTANT,
        },
      ],
      version: a.version + 1,
    };
    this.actions = this.actions.map((x) => (x.id === id ? next : x));
    return this.view(next);
  }
  async listMeetings() {
    return this.meetings;
  }
  async nextMeeting() {
    this.log('nextMeeting');
    return this.next;
  }

  // --- Meetings (src/tab/client/meetingApi.ts) ---
  async getMeeting(id: string): Promise<Meeting> {
    this.may('meeting.read');
    const m = this.meetings.find((x) => x.id === id);
    if (!m) throw new ApiError(404, 'NotFound', 'Not found', 'This meeting was not found.');
    return m;
  }
  async getAgenda(id: string): Promise<MeetingAgenda> {
    const m = await this.getMeeting(id);
    return {
      meetingId: m.id,
      startsAt: m.startsAt,
      frozen: m.agenda !== null,
      items: m.agenda ?? this.liveAgenda,
    };
  }
  // Schedule, read and minutes (A2).
  /** The agenda a meeting shows before it starts (the server computes it from the cases). */
  liveAgenda: AgendaItem[] = [];
  /** What "the next meeting" answers, as the server's GET /api/meetings/next. */
  next: NextMeeting = { date: '2026-04-07', startsAt: '2026-04-07T09:00:00.000Z', meetingId: null };
  /** The dates (London, 09:30) the settings' cadence gives next, for POST /api/meetings/cadence. */
  cadenceDates: string[] = ['2026-05-05', '2026-06-02', '2026-06-30'];
  minutes = new Map<string, MinutesContent>();
  escalations: Escalation[] = [];
  private meetingConflict(m: Meeting): ApiError {
    return new ApiError(
      412,
      'Conflict',
      'Changed by someone else',
      'Someone else changed this meeting.',
      [],
      m,
    );
  }
  private storeMeeting(m: Meeting): Meeting {
    this.meetings = this.meetings.some((x) => x.id === m.id)
      ? this.meetings.map((x) => (x.id === m.id ? m : x))
      : [...this.meetings, m];
    return m;
  }
  /** Someone else changes a meeting on the "server" (bumps its version), e.g. the chair's other device. */
  changeMeetingOnServer(id: string, patch: Partial<Meeting>): Meeting {
    const m = this.meetings.find((x) => x.id === id)!;
    return this.storeMeeting({ ...m, ...patch, version: m.version + 1, updatedAt: this.now().toISOString() });
  }
  async scheduleMeeting(body: Parameters<CmoeApi['scheduleMeeting']>[0]) {
    this.log('scheduleMeeting', body);
    this.may('meeting.run');
    if (Number.isNaN(Date.parse(body.startsAt)))
      throw invalid('Invalid request body: startsAt', [
        { path: 'startsAt', message: 'must be a date and time' },
      ]);
    return this.storeMeeting(
      makeMeeting(this.meetings.length + 1, {
        startsAt: body.startsAt,
        chair: body.chair ?? null,
        attendees: (body.attendees ?? []).map(attendeeOf),
        apologies: (body.apologies ?? []).map(attendeeOf),
      }),
    );
  }
  async scheduleFromCadence(count: number) {
    this.log('scheduleFromCadence', count);
    this.may('meeting.run');
    const taken = new Set(this.meetings.map((m) => toLondonDate(new Date(m.startsAt))));
    const created: Meeting[] = [];
    for (const date of this.cadenceDates.slice(0, count)) {
      if (taken.has(date)) continue;
      created.push(
        this.storeMeeting(makeMeeting(this.meetings.length + 1, { startsAt: `${date}T08:30:00.000Z` })),
      );
    }
    return created;
  }
  async updateMeetingDetails(
    id: string,
    version: number,
    patch: Parameters<CmoeApi['updateMeetingDetails']>[2],
  ) {
    this.log('updateMeetingDetails', id, version, patch);
    this.may('meeting.run');
    const m = await this.getMeeting(id);
    if (m.status !== 'scheduled' && m.status !== 'in-progress')
      throw invalid(`This meeting is ${m.status}.`, [{ path: 'status', message: `is ${m.status}` }]);
    if (m.version !== version) throw this.meetingConflict(m);
    const { attendees, apologies, ...rest } = patch;
    return this.storeMeeting({
      ...m,
      ...rest,
      ...(attendees ? { attendees: attendees.map(attendeeOf) } : {}),
      ...(apologies ? { apologies: apologies.map(attendeeOf) } : {}),
      version: m.version + 1,
    });
  }
  async cancelMeeting(id: string, version: number) {
    this.log('cancelMeeting', id, version);
    this.may('meeting.run');
    const m = await this.getMeeting(id);
    if (m.status !== 'scheduled')
      throw invalid(`This meeting is ${m.status}.`, [{ path: 'status', message: `is ${m.status}` }]);
    if (m.version !== version) throw this.meetingConflict(m);
    return this.storeMeeting({ ...m, status: 'cancelled', version: m.version + 1 });
  }
  async getMinutesContent(id: string) {
    this.log('getMinutesContent', id);
    this.may('minutes.read');
    const m = await this.getMeeting(id);
    const content = this.minutes.get(id);
    if (m.status === 'scheduled' || m.status === 'cancelled' || !content)
      throw invalid('This meeting has not been held.', [{ path: 'status', message: `is ${m.status}` }]);
    return content;
  }
  async downloadMinutes(id: string) {
    this.log('downloadMinutes', id);
    this.may('minutes.read');
    const m = await this.getMeeting(id);
    if (m.status !== 'completed') throw new ApiError(404, 'NotFound', 'Not found', 'No minutes yet.');
    return {
      blob: new Blob(['minutes'], {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
      fileName: `CMOE minutes ${toLondonDate(new Date(m.startsAt))}.docx`,
    };
  }
  async listEscalations(q: { caseRef?: string; awaiting?: boolean } = {}) {
    this.log('listEscalations', q);
    this.may('escalation.read');
    return this.escalations.filter(
      (e) => (!q.caseRef || e.caseRef === q.caseRef) && (!q.awaiting || e.response === null),
    );
  }

  // Running a meeting (A1): the record's own version for autosave, the case's version for case changes.
  /** What the rules say about a case in meeting mode (the fake's getCase says "not stuck"). */
  meetingInsights = new Map<string, Partial<CaseDetail['insights']>>();
  /** What a case's record said at the previous meeting. */
  previousRecords = new Map<string, MeetingCaseView['previousRecord']>();
  /** While true, record saves fail as a dropped connection does. */
  offline = false;
  private runnable(id: string): Meeting {
    this.may('meeting.run');
    const m = this.meetings.find((x) => x.id === id);
    if (!m) throw new ApiError(404, 'NotFound', 'Not found', 'This meeting was not found.');
    if (m.status !== 'in-progress')
      throw invalid(`This meeting is ${m.status}.`, [{ path: 'status', message: `is ${m.status}` }]);
    return m;
  }
  private caseAt(ref: string, version: number): Case {
    const c = this.cases.get(ref);
    if (!c) throw new ApiError(404, 'NotFound', 'Not found', `Case ${ref} was not found.`);
    if (c.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this record.',
        [],
        c,
      );
    return c;
  }
  /** Writes one case's record as the server does: a new version of that record, and of the meeting. */
  writeRecordOnServer(id: string, ref: string, change: Partial<MeetingCaseRecord>): MeetingCaseRecord {
    const m = this.meetings.find((x) => x.id === id)!;
    const current = m.records.find((r) => r.caseRef === ref);
    const next: MeetingCaseRecord = {
      caseRef: ref,
      summary: '',
      decisions: '',
      concernChange: null,
      actionIds: [],
      escalationId: null,
      closure: null,
      challengeNote: null,
      leadChange: null,
      ...current,
      ...change,
      version: (current?.version ?? 0) + 1,
      updatedAt: this.now().toISOString(),
    };
    const records = current ? m.records.map((r) => (r.caseRef === ref ? next : r)) : [...m.records, next];
    this.meetings = this.meetings.map((x) => (x.id === id ? { ...x, records, version: x.version + 1 } : x));
    return next;
  }
  private bumpCase(c: Case, patch: Partial<Case>): Case {
    const next = { ...c, ...patch, version: c.version + 1 };
    this.cases.set(c.ref, next);
    return next;
  }
  async getMeetingCase(id: string, ref: string): Promise<MeetingCaseView> {
    this.log('getMeetingCase', id, ref);
    const m = await this.getMeeting(id);
    const detail = await this.getCase(ref);
    const item = m.agenda?.find((i) => i.caseRef === ref);
    return {
      meetingId: id,
      detail: { ...detail, insights: { ...detail.insights, ...this.meetingInsights.get(ref) } },
      agendaItem: item ? { section: item.section, reasons: item.reasons } : null,
      record: m.records.find((r) => r.caseRef === ref) ?? null,
      previousRecord: this.previousRecords.get(ref) ?? null,
      sincePrevious: { since: null, updates: detail.updates, actionsSet: [], actionsCompleted: [] },
    };
  }
  async saveRecord(id: string, ref: string, version: number, body: Parameters<CmoeApi['saveRecord']>[3]) {
    this.log('saveRecord', id, ref, version, body);
    if (this.offline) throw new ApiError(0, 'Network', 'Offline', "Can't reach the CMOE service.");
    const m = this.runnable(id);
    const current = m.records.find((r) => r.caseRef === ref) ?? null;
    if ((current?.version ?? 0) !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'This case was saved from another device since you opened it.',
        [],
        current,
      );
    return this.writeRecordOnServer(id, ref, body);
  }
  async addMeetingAction(id: string, ref: string, body: Parameters<CmoeApi['addMeetingAction']>[2]) {
    this.log('addMeetingAction', id, ref, body);
    this.runnable(id);
    const a = await this.createAction({ ...body, caseRef: ref, meetingId: id });
    const withMeeting = { ...a, meetingId: id };
    this.actions = this.actions.map((x) => (x.id === a.id ? withMeeting : x));
    const m = this.meetings.find((x) => x.id === id)!;
    const ids = m.records.find((r) => r.caseRef === ref)?.actionIds ?? [];
    this.writeRecordOnServer(id, ref, { actionIds: [...ids, a.id] });
    return this.view(withMeeting);
  }
  async changeConcern(id: string, ref: string, version: number, concern: Case['concern']) {
    this.log('changeConcern', id, ref, version, concern);
    this.runnable(id);
    const c = this.caseAt(ref, version);
    const updated = this.bumpCase(c, { concern });
    const record = this.writeRecordOnServer(id, ref, { concernChange: { from: c.concern, to: concern } });
    return { case: updated, record };
  }
  async reassignLead(id: string, ref: string, version: number, lead: NonNullable<Case['lead']>) {
    this.log('reassignLead', id, ref, version, lead);
    this.runnable(id);
    const c = this.caseAt(ref, version);
    const updated = this.bumpCase(c, { lead });
    const record = this.writeRecordOnServer(id, ref, {
      leadChange: { from: c.lead?.name ?? null, to: lead.name },
    });
    return { case: updated, record };
  }
  async escalateInMeeting(
    id: string,
    ref: string,
    version: number,
    body: Parameters<CmoeApi['escalateInMeeting']>[3],
  ) {
    this.log('escalateInMeeting', id, ref, version, body);
    this.runnable(id);
    const c = this.caseAt(ref, version);
    const updated = this.bumpCase(c, { status: 'escalated' });
    const escalation: Escalation = {
      id: `e-run-${ref}`,
      caseRef: ref,
      raisedBy: { id: this.whoAmI.id, name: this.whoAmI.name, email: this.whoAmI.email },
      raisedOn: TODAY,
      to: body.to,
      toName: body.toName ?? null,
      reason: body.reason,
      decisionRequested: body.decisionRequested,
      responseDue: body.responseDue ?? TODAY,
      response: null,
      outcome: null,
      respondedOn: null,
      earlierResponses: [],
      meetingId: id,
      createdAt: INSTANT,
      updatedAt: INSTANT,
      version: 1,
    };
    const record = this.writeRecordOnServer(id, ref, { escalationId: escalation.id });
    return { case: updated, escalation, record };
  }
  async closeInMeeting(
    id: string,
    ref: string,
    version: number,
    body: Parameters<CmoeApi['closeInMeeting']>[3],
  ) {
    this.log('closeInMeeting', id, ref, version, body);
    this.runnable(id);
    const c = this.caseAt(ref, version);
    const closure = { reason: body.reason, date: body.date, note: body.note ?? null };
    const updated = this.bumpCase(c, { status: 'closed', closure });
    const record = this.writeRecordOnServer(id, ref, { closure });
    return { case: updated, record };
  }
  private transition(id: string, version: number, from: Meeting['status'], patch: Partial<Meeting>) {
    this.may(patch.minutesPublishedAt ? 'minutes.publish' : 'meeting.run');
    const m = this.meetings.find((x) => x.id === id);
    if (!m) throw new ApiError(404, 'NotFound', 'Not found', 'This meeting was not found.');
    if (m.status !== from)
      throw invalid(`This meeting is ${m.status}.`, [{ path: 'status', message: `is ${m.status}` }]);
    if (m.version !== version)
      throw new ApiError(
        412,
        'Conflict',
        'Changed by someone else',
        'Someone else changed this meeting.',
        [],
        m,
      );
    const next = { ...m, ...patch, version: m.version + 1 };
    this.meetings = this.meetings.map((x) => (x.id === id ? next : x));
    return next;
  }
  async startMeeting(id: string, version: number) {
    this.log('startMeeting', id, version);
    const agenda = this.liveAgenda;
    return this.transition(id, version, 'scheduled', { status: 'in-progress', agenda });
  }
  async finishMeeting(id: string, version: number) {
    this.log('finishMeeting', id, version);
    return this.transition(id, version, 'in-progress', { status: 'completed' });
  }
  async publishMinutes(id: string, version: number) {
    this.log('publishMinutes', id, version);
    return this.transition(id, version, 'completed', { minutesPublishedAt: this.now().toISOString() });
  }

  // --- Retention (src/tab/client/retentionApi.ts): a review set by the test, changed as the server would ---
  review: DisposalReview = {
    asOf: '2026-03-25',
    rule: 'until the child is 25',
    due: [],
    held: [],
    schedule: { previous: '2026-02-20', dueOn: '2026-03-20', overdue: true, nextDue: '2026-04-25' },
  };
  async reviewDue() {
    this.log('reviewDue');
    this.may('retention.manage');
    const { previous, dueOn, overdue } = this.review.schedule;
    return { previous, dueOn, overdue };
  }
  async disposalReview(): Promise<DisposalReview> {
    this.log('disposalReview');
    this.may('retention.manage');
    return JSON.parse(JSON.stringify(this.review)) as DisposalReview;
  }
  async placeHold(ref: string, version: number, reason: string) {
    this.log('placeHold', ref, version, reason);
    this.may('retention.manage');
    const due = this.review.due.find((d) => d.ref === ref);
    if (!due) throw new ApiError(404, 'NotFound', 'Not found', 'No such case in the review.');
    this.review.due = this.review.due.filter((d) => d.ref !== ref);
    const hold = { reason, setBy: 'dev-admin', setAt: '2026-03-25T10:00:00.000Z' };
    this.review.held.push({ ref, version: version + 1, closedOn: due.closedOn, hold });
    return { ref, version: version + 1 };
  }
  async releaseHold(ref: string, version: number) {
    this.log('releaseHold', ref, version);
    this.may('retention.manage');
    this.review.held = this.review.held.filter((h) => h.ref !== ref);
    return { ref, version: version + 1 };
  }
  async disposeCase(ref: string, version: number, confirmRef: string) {
    this.log('disposeCase', ref, version, confirmRef);
    this.may('retention.manage');
    this.review.due = this.review.due.filter((d) => d.ref !== ref);
    return { ref, version: version + 1 };
  }

  // --- Admin and scrutiny (src/tab/client/adminApi.ts) ---
  auditEntries: AuditEntry[] = [];
  async queryAudit(q: AuditQuery = {}): Promise<AuditEntry[]> {
    this.log('queryAudit', q);
    this.may('audit.read');
    // As the store: newest first, `to` exclusive, 500 unless a limit is given.
    return this.auditEntries
      .filter(
        (e) =>
          (q.action === undefined || e.action === q.action) &&
          (q.userId === undefined || e.userId === q.userId) &&
          (q.target === undefined || e.target === q.target) &&
          (q.from === undefined || Date.parse(e.at) >= Date.parse(q.from)) &&
          (q.to === undefined || Date.parse(e.at) < Date.parse(q.to)),
      )
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, q.limit ?? 500);
  }

  /**
   * The rows the next uploaded file "holds", as the server's dry run would report them before anything
   * is imported. The fake keeps the server's rules: a real run writes nothing while a row is rejected
   * unless skipInvalid (400 naming the cells), created rows get refs, and a file already imported
   * reports its written rows unchanged.
   */
  importRows: ImportRowReport[] = [];
  /** A file-level refusal (not a spreadsheet, empty, missing columns...) for every upload. */
  importFailure: ApiError | null = null;
  importedFiles = new Set<string>();
  /**
   * Import jobs (issue 19: progress): each job answers these statuses in turn before its result, and
   * waits for `importJobHold` (when set) before answering done, so a test can look at the bar meanwhile.
   */
  importJobSteps: Pick<ImportJobStatus, 'phase' | 'done' | 'total'>[] = [];
  importJobHold: Promise<void> | null = null;
  private readonly importJobs = new Map<
    string,
    {
      dryRun: boolean;
      steps: Pick<ImportJobStatus, 'phase' | 'done' | 'total'>[];
      outcome: () => ImportReport;
    }
  >();
  /**
   * What the mapping step's preview answers for any file (the server's own rule is tested in
   * tests/import/mapping.test.ts): by default two columns, both matched, nothing missing.
   */
  importPreview: ImportPreviewResponse = {
    format: 'csv',
    sheet: 'Sheet1',
    headerRow: 1,
    rowCount: 2,
    columns: [
      {
        letter: 'A',
        header: 'Surname',
        samples: [],
        field: 'lastName',
        status: 'matched',
        suggestions: [],
        looksLikeDates: false,
      },
      {
        letter: 'B',
        header: 'Date received',
        samples: [],
        field: 'receivedOn',
        status: 'matched',
        suggestions: [],
        looksLikeDates: true,
      },
    ],
    missing: [],
    fields: [
      { field: 'lastName', label: 'Last name' },
      { field: 'receivedOn', label: 'Date received' },
    ],
    receivedOnDefault: '2026-01-14',
  };
  savedMappings: SavedImportMapping[] = [];
  async listImportMappings(): Promise<SavedImportMapping[]> {
    this.log('listImportMappings', {});
    this.may('import.run');
    return [...this.savedMappings];
  }
  async saveImportMapping(name: string, mapping: unknown): Promise<SavedImportMapping> {
    this.log('saveImportMapping', { name, mapping });
    this.may('import.run');
    const saved = {
      name,
      mapping: mapping as SavedImportMapping['mapping'],
      savedBy: 'dev-admin',
      savedAt: '2026-03-25T10:00:00.000Z',
    };
    this.savedMappings = [...this.savedMappings.filter((m) => m.name !== name), saved];
    return saved;
  }
  async previewImport(file: ImportFile, mapping: unknown): Promise<ImportPreviewResponse> {
    this.log('previewImport', { name: file.name, mapping });
    this.may('import.run');
    return this.importPreview;
  }
  async startImportJob(file: ImportFile, o: ImportRunOptions): Promise<ImportJobStatus> {
    this.log('startImportJob', { name: file.name, ...o });
    this.may('import.run');
    // The job runs the import at once (as the server's does); its refusal waits for the last read.
    let outcome: () => ImportReport;
    try {
      const report = await this.importSpreadsheet(file, o);
      outcome = () => report;
    } catch (e) {
      outcome = () => {
        throw e;
      };
    }
    const id = `job-${this.importJobs.size + 1}`;
    this.importJobs.set(id, { dryRun: o.dryRun, steps: [...this.importJobSteps], outcome });
    return { id, dryRun: o.dryRun, phase: 'reading', done: 0, total: 0, result: null };
  }
  async importJob(id: string): Promise<ImportJobStatus> {
    this.log('importJob', id);
    this.may('import.run');
    const job = this.importJobs.get(id);
    if (!job) throw new ApiError(404, 'NotFound', 'Not found', 'This import job was not found.');
    const step = job.steps.shift();
    if (step) return { id, dryRun: job.dryRun, ...step, result: null };
    if (this.importJobHold) await this.importJobHold;
    this.importJobs.delete(id);
    const result = { ...job.outcome(), batchId: null };
    return {
      id,
      dryRun: job.dryRun,
      phase: 'done',
      done: result.counts.rows,
      total: result.counts.rows,
      result,
    };
  }
  async importSpreadsheet(file: ImportFile, o: ImportRunOptions): Promise<ImportReport> {
    this.log('importSpreadsheet', { name: file.name, ...o });
    this.may('import.run');
    if (this.importFailure) throw this.importFailure;
    const seen = this.importedFiles.has(file.name);
    const planned: ImportRowReport[] = this.importRows.map((r, i) =>
      seen && r.outcome !== 'rejected'
        ? {
            ...r,
            outcome: 'unchanged',
            ref: r.ref ?? `CMOE-${String(900 + i).padStart(4, '0')}`,
            fields: [],
            actions: 0,
            updates: 0,
          }
        : r,
    );
    const rejected = planned.filter((r) => r.outcome === 'rejected');
    if (!o.dryRun && rejected.length > 0 && !o.skipInvalid)
      throw invalid(
        `${rejected.length} of ${planned.length} rows cannot be imported, so nothing was written. Correct them (a dry run lists each one), or import with skip-invalid to leave them out.`,
        rejected.flatMap((r) => r.issues.map((i) => ({ path: `row ${i.row}`, message: i.message }))),
      );
    // As the server: a real run reports the rejected rows it left out, and gives created rows refs.
    const rows = o.dryRun
      ? planned
      : planned.map((r, i) =>
          r.outcome === 'create' ? { ...r, ref: `CMOE-${String(900 + i).padStart(4, '0')}` } : r,
        );
    const written = !o.dryRun && rows.some((r) => r.outcome === 'create' || r.outcome === 'update');
    if (written) this.importedFiles.add(file.name);
    if (written) {
      const refs = rows.filter((r) => r.outcome === 'create').map((r) => r.ref as string);
      this.lastBatch = {
        summary: {
          id: `batch-${this.importedFiles.size}`,
          at: '2026-03-25T10:00:00.000Z',
          by: 'dev-admin',
          fileName: file.name,
          format: /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv',
          created: refs.length,
          changed: rows.filter((r) => r.outcome === 'update').length,
          undone: null,
        },
        refs,
      };
    }
    const counts = {
      rows: rows.length,
      create: 0,
      update: 0,
      unchanged: 0,
      rejected: 0,
      conflict: 0,
      actions: 0,
      updates: 0,
    };
    for (const r of rows) {
      counts[r.outcome]++;
      if (r.outcome !== 'rejected' && r.outcome !== 'conflict') {
        counts.actions += r.actions;
        counts.updates += r.updates;
      }
    }
    return {
      dryRun: o.dryRun,
      written,
      format: /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv',
      sheet: 'Sheet1',
      headerRow: 1,
      columns: [],
      skipped: [],
      notices: [],
      counts,
      rows,
    };
  }

  /** The last real import, as the server records it (issue 19); `touchedRefs` are "edited since". */
  lastBatch: { summary: BatchSummary; refs: string[] } | null = null;
  touchedRefs = new Set<string>();

  async lastImportBatch(): Promise<BatchSummary | null> {
    this.log('lastImportBatch', {});
    this.may('import.run');
    return this.lastBatch?.summary ?? null;
  }

  async undoLastImport(): Promise<UndoReport> {
    this.log('undoLastImport', {});
    this.may('import.run');
    const b = this.lastBatch;
    if (!b) throw new ApiError(404, 'NotFound', 'Not found', 'An import to undo was not found.');
    if (b.summary.undone)
      throw new ApiError(409, 'AlreadyDone', 'Already done', 'The last import was already undone.');
    b.summary = { ...b.summary, undone: { at: '2026-03-25T11:00:00.000Z', by: 'dev-admin' } };
    return {
      batchId: b.summary.id,
      importedAt: b.summary.at,
      removed: b.refs.filter((r) => !this.touchedRefs.has(r)),
      restored: [],
      leftAlone: b.refs.filter((r) => this.touchedRefs.has(r)).map((ref) => ({ ref, reason: 'edited' })),
    };
  }

  /** The export, filtered with the server's rules (phrase search, lead by email) over the summaries. */
  async exportCases(q: ExportQuery): Promise<ExportedFile> {
    this.log('exportCases', q);
    this.may('export.run');
    this.may('case.read');
    const rows = this.summaries.filter(
      (c) =>
        (!q.status || q.status.includes(c.status)) &&
        (!q.concern || q.concern.includes(c.concern)) &&
        (!q.category || c.categories.includes(q.category)) &&
        (!q.lead || (c.leadEmail ?? '').toLowerCase() === q.lead.toLowerCase()) &&
        (!q.stuck || c.flags.stuck) &&
        (!q.overdue || c.flags.overdue) &&
        (!q.mine || this.mineRefs.includes(c.ref)) &&
        matchesCaseSearch(caseSearchText(c), searchTerms(q.q)),
    );
    const text = ['Ref', ...rows.map((c) => c.ref)].join('\r\n');
    return {
      blob: new Blob([text], { type: 'text/csv' }),
      fileName: `cmoe-cases-${TODAY}.${q.format}`,
      count: rows.length,
    };
  }

  // --- Oversight (src/tab/client/oversightApi.ts) ---
  /** The figures over the fake's own records, by the domain's rules, as the server computes them. */
  async getOversight(p: OversightPeriod = {}): Promise<OversightFigures> {
    this.log('getOversight', p);
    this.may('oversight.read');
    // The fake's own "today" (TODAY), at noon London time: no second reading of the clock.
    const now = new Date(`${TODAY}T12:00:00Z`);
    const period = { ...defaultPeriod(TODAY), ...p };
    const figures = oversightFigures(
      {
        cases: [...this.cases.values()],
        actions: this.actions,
        meetings: this.meetings,
        escalations: this.escalations,
      },
      period,
      now,
      DEFAULT_POLICY,
    );
    return this.whoAmI.permissions.includes('case.read') ? figures : withoutRefs(figures);
  }

  async downloadOversightReport(q: OversightReportQuery) {
    this.log('downloadOversightReport', q);
    this.may('oversight.read');
    return {
      blob: new Blob(['report'], { type: 'application/octet-stream' }),
      fileName: `cmoe-oversight.${q.format}`,
    };
  }

  // --- Disclosures (src/tab/client/disclosureApi.ts, issue 18) ---
  disclosures: DisclosureView[] = [];

  async listCaseDisclosures(ref: string): Promise<DisclosureView[]> {
    this.log('listCaseDisclosures', ref);
    this.may('disclosure.read');
    return this.disclosures.filter((d) => d.caseRef === ref);
  }

  async recordDisclosure(ref: string, body: DisclosureBody): Promise<DisclosureView> {
    this.log('recordDisclosure', ref, body);
    this.may('disclosure.record');
    const saved: DisclosureView = {
      ...body,
      // As the server's schema does: a recipient's name left out is stored as null.
      recipient: { ...body.recipient, name: body.recipient.name ?? null },
      id: `disclosure-${this.disclosures.length + 1}`,
      caseRef: ref,
      meetingId: body.meetingId ?? null,
      corrects: body.corrects ?? null,
      recordedBy: { id: this.whoAmI.id, name: this.whoAmI.name, email: this.whoAmI.email },
      recordedAt: this.now().toISOString(),
      correctedBy: null,
    };
    this.disclosures = this.disclosures.map((d) =>
      d.id === saved.corrects ? { ...d, correctedBy: saved.id } : d,
    );
    this.disclosures.push(saved);
    return saved;
  }

  async listDisclosures() {
    this.log('listDisclosures');
    this.may('disclosure.list');
    return this.disclosures.map(({ details: _d, reason: _r, ...rest }) => rest);
  }

  async downloadSubjectAccess(ref: string, format: 'docx' | 'json') {
    this.log('downloadSubjectAccess', ref, format);
    this.may('case.subjectAccess');
    return { blob: new Blob(['export']), fileName: `CMOE subject access ${ref}.${format}` };
  }
}
