/** The bot's commands, parsed from what a user typed (the bot's own @mention already removed). */
export type Command =
  | { name: 'help' }
  | { name: 'my-actions' }
  | { name: 'agenda' }
  | { name: 'case'; ref: string }
  /** `notify feed|channel|both` sets where the caller's personal nudges go; `notify` alone tells. */
  | { name: 'notify'; preference: 'channel' | 'feed' | 'both' | null }
  | { name: 'unknown' };

/** Teams wraps text in HTML now and then (`<p>`, `&nbsp;`, a leftover `<at>` of someone else). */
function plain(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * `help`, `my actions`, `agenda`, `case CMOE-0042` (also `case 42`, `case cmoe-42`), `notify feed` (or
 * `channel`, `both`; `notify` alone tells the current choice). Anything else is
 * `unknown`, which the bot answers with help rather than silence.
 */
export function parseCommand(text: string | undefined): Command {
  const t = plain(text ?? '').replace(/[.!?]+$/, '');
  if (t === '' || t === 'help' || t === '?') return { name: 'help' };
  if (/^my ?actions?$/.test(t)) return { name: 'my-actions' };
  if (/^(the )?agenda$/.test(t)) return { name: 'agenda' };
  const n = /^notify(?: me)?(?: (?:in |by |on )?(?:the |my )?(channel|feed|activity feed|both))?$/.exec(t);
  if (n) {
    const p = n[1] === 'activity feed' ? 'feed' : (n[1] ?? null);
    return { name: 'notify', preference: p as 'channel' | 'feed' | 'both' | null };
  }
  const m = /^case (?:cmoe-?)?(\d{1,6})$/.exec(t);
  if (m) return { name: 'case', ref: `CMOE-${(m[1] as string).padStart(4, '0')}` };
  return { name: 'unknown' };
}
