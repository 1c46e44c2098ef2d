/**
 * The store port: small interfaces, one per concern, named for what they hold. Both adapters (SQLite,
 * the default, and SharePoint lists through Microsoft Graph) implement all of them and pass one contract
 * suite (tests/contract).
 *
 * Rules every adapter keeps:
 * - Every update is conditional on `expectedVersion`; a stale one throws `ConflictError` whose
 *   `current` is the record as stored, and writes nothing.
 * - A missing record on get returns `null`; on update it throws `NotFoundError`.
 * - Records come back as the domain types, validated; storage shapes never leak out.
 * - Mutating a returned record never changes the store: an adapter hands out copies or deep-frozen
 *   shared records (SQLite keeps decoded records frozen; see docs/architecture.md, "Reading big lists"),
 *   so callers never mutate a record they read; they build a patch or a new object.
 */
import type { ImportBatch, UndoResult } from '../domain/importBatches';
import type { SavedImportMapping } from '../domain/importing/saved';
import type { Disclosure } from '../domain/disclosures';
import type { DisclosureRedaction } from '../domain/disposal';
import type { MinutesContent } from '../domain/minutes';
import type {
  Action,
  ActionStatus,
  AuditAction,
  AuditEntry,
  Case,
  CaseRef,
  CaseStatus,
  CaseUpdate,
  Category,
  Concern,
  Escalation,
  Instant,
  Meeting,
} from '../domain/types';

/** What the store fills in itself: identity and bookkeeping. */
type Bookkeeping = 'version' | 'createdAt' | 'updatedAt';

export type NewCase = Omit<Case, 'ref' | Bookkeeping>;

/**
 * One record of a bulk write, with the instant it is created at.
 *
 * Bulk writes (seeding, import) create records in order and return them in that order. SQLite does it
 * in one transaction (all or nothing); SharePoint in JSON `$batch` requests of 20, where a failure
 * leaves the records before it created, each complete: callers must be safe to re-run (import matches
 * what exists; seeding runs on an empty store only).
 */
export interface Timed<T> {
  input: T;
  now: Instant;
}
/** A patch of a case's stored fields (never its ref or bookkeeping). */
export type CasePatch = Partial<Omit<Case, 'ref' | Bookkeeping>>;

/** Filters an adapter can run on its side (indexed columns in SharePoint). */
export interface CaseQuery {
  status?: readonly CaseStatus[];
  concern?: readonly Concern[];
  category?: Category;
  /** Lead professional's email (case-insensitive). */
  leadEmail?: string;
}

export interface CaseStore {
  /** Cases matching the query, in ref order. */
  list(query?: CaseQuery): Promise<Case[]>;
  get(ref: CaseRef): Promise<Case | null>;
  /** Allocates the next ref (CMOE-0001, ...): unique, never reused, no gaps, safe under concurrent writers. */
  create(input: NewCase, now: Instant): Promise<Case>;
  /** Bulk create with consecutive refs, in order (see `Timed`). */
  createMany(all: readonly Timed<NewCase>[]): Promise<Case[]>;
  update(ref: CaseRef, expectedVersion: number, patch: CasePatch, now: Instant): Promise<Case>;
}

export type NewAction = Omit<Action, 'id' | Bookkeeping>;
export type ActionPatch = Partial<Omit<Action, 'id' | 'caseRef' | 'createdBy' | Bookkeeping>>;

export interface ActionQuery {
  caseRef?: CaseRef;
  ownerId?: string;
  status?: readonly ActionStatus[];
  meetingId?: string;
}

export interface ActionStore {
  /** Actions matching the query, ordered by due date then id. */
  list(query?: ActionQuery): Promise<Action[]>;
  get(id: string): Promise<Action | null>;
  create(input: NewAction, now: Instant): Promise<Action>;
  /** Bulk create, in order (see `Timed`). */
  createMany(all: readonly Timed<NewAction>[]): Promise<Action[]>;
  update(id: string, expectedVersion: number, patch: ActionPatch, now: Instant): Promise<Action>;
  /**
   * Disposal only (issue 18): the conditional update, allowed to replace `createdBy` too, so the names
   * of the people on a disposed case go with it. Nothing else calls it.
   */
  redact(id: string, expectedVersion: number, patch: ActionRedaction, now: Instant): Promise<Action>;
}
export type ActionRedaction = ActionPatch & Partial<Pick<Action, 'createdBy'>>;

export type NewCaseUpdate = Omit<CaseUpdate, 'id'>;

/** The timeline of a case: append-only. */
export interface CaseUpdateStore {
  /** Oldest first. */
  list(caseRef: CaseRef): Promise<CaseUpdate[]>;
  add(input: NewCaseUpdate): Promise<CaseUpdate>;
  /** Bulk append, in order (see `Timed`; an update carries its own `at`). */
  addMany(all: readonly NewCaseUpdate[]): Promise<CaseUpdate[]>;
  /**
   * Disposal only (issue 18): the one exception to append-only. Rewrites an entry's text and author in
   * place (same id, time and case); `NotFoundError` when it is gone.
   */
  redact(id: string, replacement: Pick<CaseUpdate, 'text' | 'by'>): Promise<CaseUpdate>;
}

export type NewMeeting = Omit<Meeting, 'id' | Bookkeeping>;
export type MeetingPatch = Partial<Omit<Meeting, 'id' | Bookkeeping>>;

export interface MeetingQuery {
  /** `startsAt` on or after this instant. */
  from?: Instant;
  /** `startsAt` before this instant. */
  to?: Instant;
}

export interface MeetingStore {
  /** Ordered by `startsAt`. */
  list(query?: MeetingQuery): Promise<Meeting[]>;
  get(id: string): Promise<Meeting | null>;
  create(input: NewMeeting, now: Instant): Promise<Meeting>;
  update(id: string, expectedVersion: number, patch: MeetingPatch, now: Instant): Promise<Meeting>;
}

/** A meeting's minutes document (.docx), kept beside the meeting. */
export interface MinutesDocument {
  meetingId: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  createdAt: Instant;
}

/**
 * What finishing a meeting stores: the document and the content it was rendered from, so the minutes
 * read on screen say what the document says however the cases change afterwards.
 */
export interface MinutesRecord extends MinutesDocument {
  content: MinutesContent;
}

export interface MinutesStore {
  /** Replaces any earlier document and content for the meeting. */
  put(record: MinutesRecord): Promise<void>;
  /** The document alone (downloads don't need the content, nor the content the document's bytes). */
  get(meetingId: string): Promise<MinutesDocument | null>;
  /**
   * The content stored with the document; null when the meeting has no minutes, or has minutes stored
   * before the content was kept with them.
   */
  getContent(meetingId: string): Promise<MinutesContent | null>;
}

/** A new escalation has no earlier responses (the store starts the list empty unless given one). */
export type NewEscalation = Omit<Escalation, 'id' | Bookkeeping | 'earlierResponses'> &
  Partial<Pick<Escalation, 'earlierResponses'>>;
export type EscalationPatch = Partial<Omit<Escalation, 'id' | 'caseRef' | 'raisedBy' | Bookkeeping>>;

export interface EscalationQuery {
  caseRef?: CaseRef;
  /** Only those without a response yet. */
  awaitingResponse?: boolean;
}

export interface EscalationStore {
  /** Ordered by `raisedOn` then id. */
  list(query?: EscalationQuery): Promise<Escalation[]>;
  get(id: string): Promise<Escalation | null>;
  create(input: NewEscalation, now: Instant): Promise<Escalation>;
  update(id: string, expectedVersion: number, patch: EscalationPatch, now: Instant): Promise<Escalation>;
  /** Disposal only (issue 18): the conditional update, allowed to replace `raisedBy` too. */
  redact(id: string, expectedVersion: number, patch: EscalationRedaction, now: Instant): Promise<Escalation>;
}
export type EscalationRedaction = EscalationPatch & Partial<Pick<Escalation, 'raisedBy'>>;

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditQuery {
  userId?: string;
  target?: string;
  action?: AuditAction;
  from?: Instant;
  to?: Instant;
  /** Newest first; at most this many (default 500). */
  limit?: number;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditLog {
  append(entry: NewAuditEntry): Promise<void>;
  query(query?: AuditQuery): Promise<AuditEntry[]>;
}

export type NewDisclosure = Omit<Disclosure, 'id'>;

/**
 * The disclosure log (ToR §6): append-only. There is deliberately no update or delete: a correction is a
 * new entry whose `corrects` names the earlier one. Lists are oldest first (ties in the order added).
 */
export interface DisclosureStore {
  append(input: NewDisclosure): Promise<Disclosure>;
  listByCase(caseRef: CaseRef): Promise<Disclosure[]>;
  listAll(): Promise<Disclosure[]>;
  /**
   * Disposal only (issue 18, like `CaseUpdateStore.redact`): rewrites an entry's free text and names
   * with what the disposal leaves; no route calls it, so for users the log stays append-only.
   */
  redact(id: string, replacement: DisclosureRedaction): Promise<Disclosure>;
}

/** Where the bot can post: a team channel, a group chat or a personal chat. */
export interface ConversationRegistration {
  /** The Bot Framework conversation id. */
  conversationId: string;
  kind: 'channel' | 'personal' | 'groupChat';
  tenantId: string | null;
  teamId: string | null;
  /** For personal chats: the Entra object id of the user. */
  userId: string | null;
  /** The serialised Bot Framework ConversationReference (opaque to the store). */
  reference: unknown;
  active: boolean;
  updatedAt: Instant;
}

export type NotificationState = 'claimed' | 'sent' | 'failed';

/** One row of the sent-notifications ledger, keyed by the notification's stable id. */
export interface NotificationRecord {
  id: string;
  state: NotificationState;
  /** Which sweep instance holds the claim. */
  claimedBy: string;
  claimedAt: Instant;
  sentAt: Instant | null;
  attempts: number;
  /** A short error code, never child data. */
  lastError: string | null;
}

/** Where a person's personal nudges go: the channel post only, their activity feed only, or both. */
export const FEED_PREFERENCES = ['channel', 'feed', 'both'] as const;
export type FeedPreference = (typeof FEED_PREFERENCES)[number];

/** One person's choice, kept by the app (issue 20); a person with none gets `both`. */
export interface FeedPreferenceRecord {
  /** Entra object id, lower case. */
  userId: string;
  preference: FeedPreference;
  updatedAt: Instant;
}

export interface BotStateStore {
  upsertConversation(reg: ConversationRegistration): Promise<void>;
  listConversations(query?: { active?: boolean }): Promise<ConversationRegistration[]>;
  setConversationActive(conversationId: string, active: boolean, now: Instant): Promise<void>;
  /**
   * Atomically claims notification `id` for `owner`. True when the caller may send it: nobody has, or an
   * earlier claim that never reached `sent` is older than `leaseMs` (its sweep died) or `failed`
   * retryably. Never true for an id already `sent`.
   */
  claimNotification(id: string, owner: string, now: Instant, leaseMs: number): Promise<boolean>;
  markNotificationSent(id: string, now: Instant): Promise<void>;
  markNotificationFailed(id: string, error: string, now: Instant): Promise<void>;
  getNotifications(ids: readonly string[]): Promise<NotificationRecord[]>;
  /** Sets a person's activity feed preference (the last write wins). */
  setFeedPreference(userId: string, preference: FeedPreference, now: Instant): Promise<void>;
  /** The preferences of these people (any case) that are set, keyed by lower-case id. */
  getFeedPreferences(userIds: readonly string[]): Promise<Map<string, FeedPreference>>;
}

export type NewImportBatch = Omit<ImportBatch, 'version' | 'createdAt' | 'updatedAt' | 'undone'>;

/** A record the undo removes, if it is still at the version the batch left it at. */
export interface VersionedId {
  id: string;
  version: number;
}

/**
 * Import batches (issue 19) and the removals only an undo makes. There is deliberately no general
 * delete elsewhere in the ports: cases, actions and notes are removed only here, each conditionally.
 */
export interface ImportBatchStore {
  record(batch: NewImportBatch, now: Instant): Promise<ImportBatch>;
  /** The most recent batch (by `at`, then creation order), undone or not; null before any import. */
  latest(): Promise<ImportBatch | null>;
  get(id: string): Promise<ImportBatch | null>;
  /**
   * Sets `undone` (conditional on `expectedVersion`: a stale one throws `ConflictError`, so two undos
   * racing cannot both claim the batch).
   */
  markUndone(
    id: string,
    expectedVersion: number,
    undone: { at: Instant; by: string; result: UndoResult | null },
    now: Instant,
  ): Promise<ImportBatch>;
  /**
   * Removes a case the batch created, with the batch's own actions and notes, only if the case is still
   * at `version` and has no other action, note or escalation. False (nothing removed) otherwise.
   */
  removeCase(
    ref: CaseRef,
    version: number,
    own: { actions: readonly VersionedId[]; updateIds: readonly string[] },
  ): Promise<boolean>;
  /**
   * Removes actions (each only if still at its version) and timeline notes a batch added to a case it
   * changed. False when an action had moved on (that one and the rest are kept).
   */
  removeAdded(own: { actions: readonly VersionedId[]; updateIds: readonly string[] }): Promise<boolean>;
  /**
   * Empties the values a batch kept of the cases it changed (`before.fields`): child data nothing needs
   * once the batch is undone or another import has come after it (only the last batch can be undone).
   */
  forgetReplacedValues(id: string): Promise<void>;
}

/** Saved named import mappings (issue 19), one per name: saving a name again replaces it. */
export interface ImportMappingStore {
  /** Ordered by name. */
  list(): Promise<SavedImportMapping[]>;
  get(name: string): Promise<SavedImportMapping | null>;
  put(mapping: SavedImportMapping): Promise<void>;
}

/** Everything the app keeps, behind one handle the composition root builds. */
export interface Store {
  cases: CaseStore;
  actions: ActionStore;
  updates: CaseUpdateStore;
  meetings: MeetingStore;
  minutes: MinutesStore;
  escalations: EscalationStore;
  disclosures: DisclosureStore;
  audit: AuditLog;
  bot: BotStateStore;
  /**
   * After a disposal (issue 18): makes what was overwritten unrecoverable from the store's own files
   * where the technology allows (SQLite: checkpoints and truncates the write-ahead log). Absent where
   * there is nothing to do (SharePoint's version history is the council's setting: docs/data-protection.md).
   */
  purge?(): Promise<void>;
  importBatches: ImportBatchStore;
  importMappings: ImportMappingStore;
  close(): Promise<void>;
}
