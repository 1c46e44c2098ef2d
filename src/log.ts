/**
 * A small structured logger: one JSON object a line. Callers pass named fields, never free text built
 * from records, so a child's name, date of birth or address has no way in. `redact` is a second line of
 * defence for fields that must never be logged even by mistake.
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

/** Field names that carry personal data: dropped whatever the caller passes. */
const REDACTED = new Set([
  'firstName',
  'lastName',
  'name',
  'dateOfBirth',
  'dob',
  'address',
  'upn',
  'email',
  'body',
  'q',
]);

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Logger {
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const clean: LogFields = {};
    for (const [k, v] of Object.entries(fields)) clean[k] = REDACTED.has(k) ? '[redacted]' : v;
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...clean }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
