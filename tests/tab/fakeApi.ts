/**
 * An in-memory CmoeApi for component tests: a fake that behaves like the server where the tab depends
 * on it (versions and 412 Conflict with the current record, the domain's own SMART check with its field
 * issues, the referral check, permissions by role), without HTTP. Tests seed it and inspect it.
 */
import { toLondonDate } from '../../src/domain/calendar';
import { checkSmart } from '../../src/domain/smart';
import type { Action, AuditEntry, Case, CaseUpdate, Meeting } from '../../src/domain/types';
import type { ImportRowReport } from '../../src/domain/importing';
import type {
  AuditQuery,
  ExportQuery,
  ExportedFile,
  ImportFile,
  ImportReport,
  ImportRunOptions,
} from '../../src/tab/api/adminApi';
import type { MeetingAgenda } from '../../src/tab/api/meetingApi';
import type { CaseDetail, CaseSummary, ReferralCheck } from '../../src/domain/views';
import { ApiError, type CmoeApi, type Me } from '../../src/tab/api/client';

/** Today in London: the forms compute against the real clock, so the fake server does too. */
export const TODAY = toLondonDate(new Date());

export const CHAIR_ME: Me = {
  id: 'dev-chair',
  name: 'Demo Chair (Alex Sample)',
  email: 'alex.sample@example.org',
  roles: ['CMOE.Member', 'CMOE.Chair'],
  permissions: [
    'action.create',
    'action.updateAny',
    'action.updateOwn',
    'case.addUpdate',
    'case.close',
    'case.escalate',
    'case.markStuck',
    'case.read',
    'case.refer',
    'case.setConcern',
    'case.setStatus',
    'case.update',
    'escalation.read',
    'escalation.respond',
    'meeting.read',
  ],
};

export const MEMBER_ME: Me = {
  id: 'dev-member-ewo',
  name: 'Demo Member (Bea Placeholder)',
  email: 'bea.placeholder@example.org',
  roles: ['CMOE.Member'],
  permissions: [
    'action.create',
    'action.updateOwn',
    'case.addUpdate',
    'case.read',
    'case.refer',
    'case.update',
  ],
};

export const SENIOR_ME: Me = {
  id: 'dev-senior',
  name: 'Demo Senior Manager (Eli Testperson)',
  email: 'eli.testperson@example.org',
  roles: ['CMOE.SeniorManager'],
  permissions: ['case.read', 'escalation.read', 'meeting.read'],
};

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
    provision: c.provision,
    weeksOut: 11,
    lead: null,
    leadEmail: null,
    referralDate: c.referralDate,
    nextActionDue: null,
    flags: { stuck: false, overdue: false, ehcp: false, socialCare: false, cseRisk: false, statutory: false },
    proposedForClosure: false,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: 1,
    ...over,
  };
}

const invalid = (detail: string, issues: { path: string; message: string }[]) =>
  new ApiError(400, 'Invalid', 'Invalid request', detail, issues);

export class FakeApi implements CmoeApi {
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
      },
      actions: this.actions.filter((a) => a.caseRef === ref),
      updates: this.updates.filter((u) => u.caseRef === ref),
      escalations: [],
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
  async updateCase(ref: string, version: number, patch: Partial<Case>) {
    this.log('updateCase', ref, version, patch);
    this.may('case.update');
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
  async respondToEscalation(): Promise<never> {
    throw new Error('not used');
  }
  async listActions(q: { mine?: boolean; status?: Action['status'][]; caseRef?: string } = {}) {
    this.log('listActions', q);
    return this.actions.filter(
      (a) =>
        (!q.mine || a.owner?.id === this.whoAmI.id) &&
        (!q.status || q.status.includes(a.status)) &&
        (!q.caseRef || a.caseRef === q.caseRef),
    );
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
    return a;
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
        a,
      );
    const next: Action = {
      ...a,
      status: 'done',
      completionNote: body.note,
      completedOn: body.completedOn ?? TODAY,
      version: a.version + 1,
    };
    this.actions = this.actions.map((x) => (x.id === id ? next : x));
    return next;
  }
  async extendAction(): Promise<never> {
    throw new Error('not used');
  }
  async listMeetings() {
    return this.meetings;
  }
  async nextMeeting() {
    return { date: '2026-04-07', startsAt: '2026-04-07T09:00:00.000Z', meetingId: null };
  }

  // --- Meetings (src/tab/api/meetingApi.ts) ---
  async getMeeting(id: string): Promise<Meeting> {
    this.may('meeting.read');
    const m = this.meetings.find((x) => x.id === id);
    if (!m) throw new ApiError(404, 'NotFound', 'Not found', 'This meeting was not found.');
    return m;
  }
  async getAgenda(id: string): Promise<MeetingAgenda> {
    const m = await this.getMeeting(id);
    return { meetingId: m.id, startsAt: m.startsAt, frozen: m.agenda !== null, items: m.agenda ?? [] };
  }

  // --- Admin and scrutiny (src/tab/api/adminApi.ts) ---
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
        (!q.q || `${c.ref} ${c.firstName} ${c.lastName}`.toLowerCase().includes(q.q.toLowerCase())),
    );
    const text = ['Ref', ...rows.map((c) => c.ref)].join('\r\n');
    return {
      blob: new Blob([text], { type: 'text/csv' }),
      fileName: `cmoe-cases-${TODAY}.${q.format}`,
      count: rows.length,
    };
  }
}
