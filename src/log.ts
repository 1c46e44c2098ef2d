/**
 * A small structured logger: one JSON object a line. Callers pass named fields, never free text built
 * from records or requests, so a child's name, date of birth or address has no way in. Two lines of
 * defence stand behind that habit:
 *
 * - by field name: a field whose name says it holds personal data or a secret (`firstName`, `dob`,
 *   `address`, `email`, `token`, `text`...) is replaced by `[redacted]`, whatever its value;
 * - by value: in every other string (the message too), calendar dates (a date of birth looks like
 *   `2013-05-14`), email addresses and bearer tokens (JWTs) are masked, and long strings are cut, since a
 *   long string is free text and free text is where names hide.
 *
 * Instants (`2026-03-25T10:00:00.000Z`) are kept: logs need them and a date of birth is never stored so.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Field names (lower-cased, without `_` and `-`) that carry personal data, free text or secrets. A name
 * that contains one of the `REDACTED_PARTS` is redacted too (`childName`, `homeAddress`, `accessToken`).
 */
const REDACTED_NAMES = new Set([
  'name',
  'dob',
  'upn',
  'q',
  'query',
  'body',
  'text',
  'note',
  'notes',
  'reason',
  'summary',
  'description',
  'decisions',
  'response',
  'outcome',
  'detail',
  'message',
  'authorization',
  'cookie',
]);
const REDACTED_PARTS = [
  'name',
  'birth',
  'dob',
  'address',
  'postcode',
  'email',
  'phone',
  'token',
  'secret',
  'password',
  'assertion',
];

/** Longest string value logged; longer ones are cut (free text does not belong in a log). */
export const MAX_LOGGED_STRING = 200;

const DATE = /(?<![\d-])\d{4}-\d{2}-\d{2}(?!T|\d)/g;
const SLASH_DATE = /(?<!\d)\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)/g;
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[^\s@"'<>()]+/g;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;

function isRedactedName(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  return REDACTED_NAMES.has(k) || REDACTED_PARTS.some((p) => k.includes(p));
}

/** Masks dates, emails and tokens in a string and bounds its length. */
export function scrub(value: string): string {
  const masked = value
    .replace(JWT, '[token]')
    .replace(EMAIL, '[email]')
    .replace(DATE, '[date]')
    .replace(SLASH_DATE, '[date]');
  return masked.length > MAX_LOGGED_STRING ? `${masked.slice(0, MAX_LOGGED_STRING)}…[cut]` : masked;
}

/** The line as written: field names checked, string values scrubbed. Exported for tests. */
export function formatLine(
  level: Exclude<LogLevel, 'silent'>,
  msg: string,
  fields: LogFields,
  at: Date,
): string {
  const clean: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    // `t`, `level` and `msg` are the line's own: a field may not overwrite them.
    const key = k === 't' || k === 'level' || k === 'msg' ? `field_${k}` : k;
    clean[key] = isRedactedName(k) ? '[redacted]' : typeof v === 'string' ? scrub(v) : v;
  }
  return JSON.stringify({ t: at.toISOString(), level, msg: scrub(msg), ...clean });
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(formatLine(lvl, msg, fields, new Date()));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
