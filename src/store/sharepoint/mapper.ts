/**
 * The one mapper between SharePoint list items (Graph `fields`) and the domain records. Every item read is
 * checked with zod twice: its Graph shape, then the record JSON against the domain schema. SharePoint
 * shapes stop here: the stores above handle domain records only.
 *
 * Storage: each record is the JSON in `RecordData` (the source of truth) plus derived columns that exist
 * only so SharePoint can filter (indexed) or so people browsing the list can read something; they are
 * rewritten on every write. `RecordKey` (unique, indexed) holds the case ref or record id.
 *
 * OData filters are built here too, and only on columns the schema marks as indexed: a filter on any
 * other column fails in the adapter, before a request could be sent.
 */
import { disclosureSchema, type Disclosure } from '../../domain/disclosures';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidError } from '../../domain/errors';
import {
  actionSchema,
  auditEntrySchema,
  caseSchema,
  caseUpdateSchema,
  escalationSchema,
  instantSchema,
  meetingSchema,
  type Action,
  type AuditEntry,
  type Case,
  type CaseUpdate,
  type Escalation,
  type Meeting,
} from '../../domain/types';
import { deepFreeze, parseStored } from '../records';
import {
  FEED_PREFERENCES,
  type ConversationRegistration,
  type FeedPreferenceRecord,
  type NotificationRecord,
} from '../ports';
import { columnOf, SCHEMA, type ListSpec, type SharePointSchema } from './schema';

export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;

/** SharePoint's limit for a multi-line text column in a list. */
export const MAX_RECORD_DATA = 63_999;
/** SharePoint's limit for a single-line text column. */
const MAX_TEXT = 255;

/**
 * An item that cannot be read back as its record. Names the list and the item id only: never the item's
 * content, which is a child's data.
 */
export class StoredItemError extends Error {
  constructor(
    readonly list: string,
    readonly itemId: string,
    readonly problem: string,
  ) {
    super(`The item ${itemId} in the SharePoint list "${list}" is malformed: ${problem}.`);
    this.name = 'StoredItemError';
  }
}

// --- Graph shapes --------------------------------------------------------------------------------

export const graphListItemSchema = z.object({
  id: z.string().min(1),
  eTag: z.string().optional(),
  '@odata.etag': z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type GraphListItem = z.infer<typeof graphListItemSchema>;

export const graphCollectionSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

/** The fields of a PATCH .../fields response: we need its new eTag. */
export const fieldValueSetSchema = z.object({ '@odata.etag': z.string().optional() }).loose();

/** The eTag of an item or field set, wherever Graph put it. */
export function eTagOf(item: {
  eTag?: string;
  '@odata.etag'?: string;
  fields?: Record<string, unknown>;
}): string | null {
  const fromFields = item.fields?.['@odata.etag'];
  return item.eTag ?? item['@odata.etag'] ?? (typeof fromFields === 'string' ? fromFields : null);
}

// --- keys ----------------------------------------------------------------------------------------

/**
 * The `RecordKey` for an id: the id itself when it fits a text column, else a digest (a Teams
 * conversation id or a notification id can be long). Deterministic, so lookups find what writes wrote.
 */
export function keyOf(id: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not be stored as a key
  return id.length <= MAX_TEXT && !/[\u0000-\u001f]/.test(id)
    ? id
    : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

// --- records -------------------------------------------------------------------------------------

/** How one kind of record sits in its list. */
export interface RecordMapping<T> {
  list: ListSpec;
  /** For messages: `Case`, `Action`... */
  kind: string;
  schema: z.ZodType<T>;
  /** The record's id (case ref, uuid, conversation id...). */
  id(record: T): string;
  /** The derived columns. */
  columns(record: T): Fields;
}

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : null);

function responded(e: Escalation): boolean {
  return e.response !== null || e.respondedOn !== null;
}

export const registrationSchema = z.object({
  conversationId: z.string().min(1),
  kind: z.enum(['channel', 'personal', 'groupChat']),
  tenantId: z.string().nullable(),
  teamId: z.string().nullable(),
  userId: z.string().nullable(),
  reference: z.unknown(),
  active: z.boolean(),
  updatedAt: instantSchema,
});

export const notificationRecordSchema = z.object({
  id: z.string().min(1),
  state: z.enum(['claimed', 'sent', 'failed']),
  claimedBy: z.string(),
  claimedAt: instantSchema,
  sentAt: instantSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});

export const feedPreferenceRecordSchema = z.object({
  userId: z.string().trim().min(1).max(200),
  preference: z.enum(FEED_PREFERENCES),
  updatedAt: instantSchema,
});

/** The record mappings for a schema (the committed one unless a test passes its own). */
export function mappings(schema: SharePointSchema = SCHEMA) {
  const { lists, categoryColumns } = schema;
  const cases: RecordMapping<Case> = {
    list: lists.cases,
    kind: 'Case',
    schema: caseSchema,
    id: (c) => c.ref,
    columns: (c) => {
      const out: Fields = { CaseStatus: c.status, CaseConcern: c.concern, LeadEmail: lower(c.lead?.email) };
      for (const [category, column] of Object.entries(categoryColumns)) {
        out[column] = c.categories.includes(category as Case['categories'][number]);
      }
      return out;
    },
  };
  const actions: RecordMapping<Action> = {
    list: lists.actions,
    kind: 'Action',
    schema: actionSchema,
    id: (a) => a.id,
    columns: (a) => ({
      CaseRef: a.caseRef,
      OwnerId: a.owner?.id ?? null,
      ActionStatus: a.status,
      MeetingId: a.meetingId,
      DueDate: a.dueDate,
    }),
  };
  const updates: RecordMapping<CaseUpdate> = {
    list: lists.updates,
    kind: 'Case update',
    schema: caseUpdateSchema,
    id: (u) => u.id,
    columns: (u) => ({ CaseRef: u.caseRef, AtMs: Date.parse(u.at) }),
  };
  const meetings: RecordMapping<Meeting> = {
    list: lists.meetings,
    kind: 'Meeting',
    schema: meetingSchema,
    id: (m) => m.id,
    columns: (m) => ({ StartsAtMs: Date.parse(m.startsAt) }),
  };
  const escalations: RecordMapping<Escalation> = {
    list: lists.escalations,
    kind: 'Escalation',
    schema: escalationSchema,
    id: (e) => e.id,
    columns: (e) => ({ CaseRef: e.caseRef, Responded: responded(e), RaisedOn: e.raisedOn }),
  };
  const audit: RecordMapping<AuditEntry> = {
    list: lists.audit,
    kind: 'Audit entry',
    schema: auditEntrySchema,
    id: (a) => a.id,
    columns: (a) => ({
      UserId: a.userId,
      Target: keyOf(a.target),
      AuditAction: a.action,
      AtMs: Date.parse(a.at),
    }),
  };
  const disclosures: RecordMapping<Disclosure> = {
    list: lists.disclosures,
    kind: 'Disclosure',
    schema: disclosureSchema,
    id: (d) => d.id,
    columns: (d) => ({ CaseRef: d.caseRef, AtMs: Date.parse(d.recordedAt) }),
  };
  const conversations: RecordMapping<ConversationRegistration> = {
    list: lists.conversations,
    kind: 'Conversation',
    schema: registrationSchema as z.ZodType<ConversationRegistration>,
    id: (c) => c.conversationId,
    columns: (c) => ({ Active: c.active }),
  };
  const notifications: RecordMapping<NotificationRecord> = {
    list: lists.notifications,
    kind: 'Notification',
    schema: notificationRecordSchema,
    id: (n) => n.id,
    columns: (n) => ({ NotificationState: n.state }),
  };
  const feedPreferences: RecordMapping<FeedPreferenceRecord> = {
    list: lists.feedPreferences,
    kind: 'Feed preference',
    schema: feedPreferenceRecordSchema,
    id: (p) => p.userId,
    columns: () => ({}),
  };
  return {
    cases,
    actions,
    updates,
    meetings,
    escalations,
    disclosures,
    audit,
    conversations,
    notifications,
    feedPreferences,
  };
}
export type Mappings = ReturnType<typeof mappings>;

/** The fields to write for a (validated) record. */
export function encodeRecord<T>(m: RecordMapping<T>, record: T): Fields {
  const data = JSON.stringify(record);
  if (data.length > MAX_RECORD_DATA) {
    throw new InvalidError(
      `The ${m.kind.toLowerCase()} is too large for SharePoint (its stored form exceeds ${MAX_RECORD_DATA} characters).`,
      [{ path: '(record)', message: `must be at most ${MAX_RECORD_DATA} characters when stored` }],
    );
  }
  const key = keyOf(m.id(record));
  const columns = m.columns(record);
  for (const name of Object.keys(columns)) columnOf(m.list, name);
  return { Title: key.slice(0, MAX_TEXT), RecordKey: key, RecordData: data, ...columns };
}

export type Decoded<T> =
  | { ok: true; itemId: string; eTag: string | null; record: T }
  | { ok: false; itemId: string; problem: string };

/** Reads a raw Graph list item back as its record (deep-frozen), or says what is wrong with it. */
export function decodeItem<T>(m: RecordMapping<T>, raw: unknown): Decoded<T> {
  const item = graphListItemSchema.safeParse(raw);
  if (!item.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return { ok: false, itemId: typeof id === 'string' ? id : '(no id)', problem: 'it is not a list item' };
  }
  const { id: itemId, fields } = item.data;
  const data = fields?.RecordData;
  if (typeof data !== 'string') return { ok: false, itemId, problem: 'it has no record data' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, itemId, problem: 'its record data is not valid JSON' };
  }
  const record = parseStored(m.schema, parsed);
  if (!record.success) return { ok: false, itemId, problem: 'its record data does not match the schema' };
  if (fields?.RecordKey !== keyOf(m.id(record.data))) {
    return { ok: false, itemId, problem: 'its RecordKey does not match its record' };
  }
  return { ok: true, itemId, eTag: eTagOf(item.data), record: deepFreeze(record.data) };
}

// --- counters and minutes --------------------------------------------------------------------------

export interface CounterItem {
  itemId: string;
  eTag: string;
  value: number;
}

export function decodeCounter(list: ListSpec, raw: unknown): CounterItem {
  const item = graphListItemSchema.safeParse(raw);
  const id = (raw as { id?: unknown } | null)?.id;
  const itemId = typeof id === 'string' ? id : '(no id)';
  if (!item.success) throw new StoredItemError(list.displayName, itemId, 'it is not a list item');
  const value = item.data.fields?.CounterValue;
  const eTag = eTagOf(item.data);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || eTag === null) {
    throw new StoredItemError(list.displayName, itemId, 'its counter value is not a whole number');
  }
  return { itemId, eTag, value };
}

export const minutesMetaSchema = z.object({
  meetingId: z.string().min(1),
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().trim().min(1).max(255),
  createdAt: instantSchema,
});
export type MinutesMeta = z.infer<typeof minutesMetaSchema>;

export function encodeMinutesMeta(meta: MinutesMeta): Fields {
  return {
    MeetingId: keyOf(meta.meetingId),
    MinutesFileName: meta.fileName,
    MinutesContentType: meta.contentType,
    MinutesCreatedAt: meta.createdAt,
  };
}

export function decodeMinutesMeta(list: ListSpec, meetingId: string, raw: unknown): MinutesMeta {
  const item = graphListItemSchema.safeParse(raw);
  const f = item.success ? item.data.fields : undefined;
  const meta = minutesMetaSchema.safeParse({
    meetingId,
    fileName: f?.MinutesFileName,
    contentType: f?.MinutesContentType,
    createdAt: f?.MinutesCreatedAt,
  });
  if (!item.success || !meta.success || f?.MeetingId !== keyOf(meetingId)) {
    throw new StoredItemError(
      list.displayName,
      item.success ? item.data.id : '(no id)',
      'its minutes details are missing',
    );
  }
  return meta.data;
}

/**
 * A file name in the minutes library for a meeting: one per meeting and kind (the .docx, and the .json of
 * the content it was rendered from), so a new upload replaces it.
 */
export function minutesFileName(meetingId: string, kind: 'docx' | 'json' = 'docx'): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(meetingId)
    ? meetingId
    : createHash('sha256').update(meetingId).digest('hex');
  return `${safe}.${kind}`;
}

// --- filters -------------------------------------------------------------------------------------

function literal(value: string | number | boolean): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('A filter number must be finite.');
    return String(value);
  }
  // Booleans are SharePoint yes/no fields, compared as 1 and 0.
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${value.replace(/'/g, "''")}'`;
}

/** The column, checked to be indexed: a filter on anything else is a bug here, never a request. */
function indexed(list: ListSpec, column: string): string {
  const spec = columnOf(list, column);
  if (!spec.indexed) {
    throw new Error(
      `Refusing to filter the list ${list.displayName} on ${column}: the column is not indexed.`,
    );
  }
  return `fields/${column}`;
}

/** Builds `$filter` expressions on one list's indexed columns. */
export function filterOn(list: ListSpec) {
  return {
    eq: (column: string, value: string | number | boolean) => `${indexed(list, column)} eq ${literal(value)}`,
    ge: (column: string, value: number) => `${indexed(list, column)} ge ${literal(value)}`,
    lt: (column: string, value: number) => `${indexed(list, column)} lt ${literal(value)}`,
    /** One of the values (a non-empty list). */
    oneOf: (column: string, values: readonly string[]) => {
      const field = indexed(list, column);
      const parts = values.map((v) => `${field} eq ${literal(v)}`);
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
    },
  };
}

/** All the parts, or null for none. */
export function allOf(parts: readonly string[]): string | null {
  return parts.length === 0 ? null : parts.join(' and ');
}
