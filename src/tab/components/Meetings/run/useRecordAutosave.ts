/**
 * Autosave of one case's meeting record (summary, decisions, challenge note) as the chair types.
 *
 * - Typing is debounced, then PUT with If-Match = the record's own version ("0" when there is none yet).
 * - Until the server has it, the text is also kept in localStorage under the meeting and case, so a
 *   reload, a crash or a dropped connection loses nothing; it is restored when the case is opened again.
 * - A failed save (offline, server busy) is retried with a growing pause, and at once when the browser
 *   says it is online again.
 * - A 412 (the chair's other device saved this case) is merged three ways against the text both started
 *   from: where only one side changed a field it wins; where both changed it, the chair chooses (mine,
 *   theirs, or both) — nothing is overwritten silently.
 * - A newer record from elsewhere (an action or escalation added in the meeting bumps the record's
 *   version) is absorbed the same way, so it causes no false conflict.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { MeetingCaseRecord } from '../../../../domain/types';
import { ApiError, type CmoeApi } from '../../../client/client';

export interface RecordText {
  summary: string;
  decisions: string;
  challengeNote: string;
}

export type RecordField = keyof RecordText;
export const RECORD_FIELDS: readonly RecordField[] = ['summary', 'decisions', 'challengeNote'];

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'retrying' | 'conflict' | 'error';

/** How the chair settles a field both devices changed. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

export interface RecordConflict {
  /** What the other device saved. */
  theirs: RecordText;
  /** What this device typed. */
  mine: RecordText;
  /** What both started from. */
  base: RecordText;
  clashes: RecordField[];
  version: number;
}

interface Stored {
  version: number;
  base: RecordText;
  draft: RecordText;
}

export const EMPTY_TEXT: RecordText = { summary: '', decisions: '', challengeNote: '' };

export function textOf(r: MeetingCaseRecord | null): RecordText {
  return r
    ? { summary: r.summary, decisions: r.decisions, challengeNote: r.challengeNote ?? '' }
    : EMPTY_TEXT;
}

/**
 * Where a case's unsaved text waits: per user, meeting and case, so two cases never mix and text is only
 * ever offered back (and saved) as the person who typed it.
 */
export function draftKey(userId: string, meetingId: string, ref: string): string {
  return `${draftPrefix(userId, meetingId)}${encodeURIComponent(ref)}`;
}

function draftPrefix(userId: string, meetingId: string): string {
  return `cmoe.meetingDraft/${encodeURIComponent(userId)}/${encodeURIComponent(meetingId)}/`;
}

/** Refs of this meeting's cases whose text this user typed on this device and is not saved yet. */
export function unsavedRefs(userId: string, meetingId: string): string[] {
  const prefix = draftPrefix(userId, meetingId);
  const out: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix)) out.push(decodeURIComponent(k.slice(prefix.length)));
    }
  } catch {
    // Storage refused (private mode): nothing is kept, so nothing is waiting.
  }
  return out;
}

// The server trims what it stores: a trailing space is not a change worth a save or a conflict.
const same = (a: string, b: string) => a.trim() === b.trim();
const sameText = (a: RecordText, b: RecordText) => RECORD_FIELDS.every((f) => same(a[f], b[f]));

/** Three-way merge of the text: fields only one side changed take that side; the rest clash. */
export function mergeText(
  base: RecordText,
  mine: RecordText,
  theirs: RecordText,
): { merged: RecordText; clashes: RecordField[] } {
  const merged = { ...mine };
  const clashes: RecordField[] = [];
  for (const f of RECORD_FIELDS) {
    if (same(theirs[f], base[f]) || same(theirs[f], mine[f])) continue;
    if (same(mine[f], base[f])) merged[f] = theirs[f];
    else clashes.push(f);
  }
  return { merged, clashes };
}

export function resolveConflict(
  c: RecordConflict,
  choices: Partial<Record<RecordField, ConflictChoice>>,
): RecordText {
  const out = mergeText(c.base, c.mine, c.theirs).merged;
  for (const f of c.clashes) {
    const choice = choices[f] ?? 'both';
    out[f] =
      choice === 'mine'
        ? c.mine[f]
        : choice === 'theirs'
          ? c.theirs[f]
          : `${c.theirs[f].trim()}\n\n${c.mine[f].trim()}`;
  }
  return out;
}

function readStored(key: string): Stored | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored;
    return typeof s.version === 'number' && s.base && s.draft ? s : null;
  } catch {
    return null;
  }
}

function writeStored(key: string, s: Stored | null): void {
  try {
    if (s) localStorage.setItem(key, JSON.stringify(s));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or refused: the text is still on screen and the save is still retried.
  }
}

const RETRY_MAX_MS = 15_000;

export interface RecordAutosave {
  draft: RecordText;
  set(field: RecordField, value: string): void;
  state: SaveState;
  error: ApiError | null;
  conflict: RecordConflict | null;
  resolve(choices: Partial<Record<RecordField, ConflictChoice>>): void;
  /** A newer record from the server (after an action, escalation... in this meeting). */
  rebase(record: MeetingCaseRecord | null): void;
  /** Saves now; true when nothing is left unsaved. */
  flush(): Promise<boolean>;
}

export function useRecordAutosave(
  api: CmoeApi,
  userId: string,
  meetingId: string,
  ref: string,
  serverRecord: MeetingCaseRecord | null,
  delayMs = 700,
): RecordAutosave {
  const key = draftKey(userId, meetingId, ref);
  const [, render] = useReducer((n: number) => n + 1, 0);
  const s = useRef<{
    version: number;
    base: RecordText;
    draft: RecordText;
    state: SaveState;
    error: ApiError | null;
    conflict: RecordConflict | null;
    inFlight: Promise<void> | null;
    again: boolean;
    timer: ReturnType<typeof setTimeout> | null;
    retries: number;
    alive: boolean;
  } | null>(null);
  if (s.current === null) {
    const stored = readStored(key);
    const base = stored?.base ?? textOf(serverRecord);
    s.current = {
      version: stored?.version ?? serverRecord?.version ?? 0,
      base,
      draft: stored?.draft ?? base,
      state: stored ? 'unsaved' : 'saved',
      error: null,
      conflict: null,
      inFlight: null,
      again: false,
      timer: null,
      retries: 0,
      alive: true,
    };
  }
  const st = s.current;

  const persist = useCallback(() => {
    const x = s.current!;
    writeStored(
      key,
      sameText(x.draft, x.base) && !x.conflict ? null : { version: x.version, base: x.base, draft: x.draft },
    );
  }, [key]);

  const schedule = useCallback((ms: number, fn: () => void) => {
    const x = s.current!;
    if (x.timer) clearTimeout(x.timer);
    x.timer = setTimeout(() => {
      x.timer = null;
      fn();
    }, ms);
  }, []);

  const saveRef = useRef<() => Promise<void>>(async () => {});

  const absorb = useCallback(
    (record: MeetingCaseRecord | null) => {
      const x = s.current!;
      const version = record?.version ?? 0;
      if (version <= x.version && !x.conflict) return;
      const theirs = textOf(record);
      const mine = x.conflict ? x.conflict.mine : x.draft;
      const { merged, clashes } = mergeText(x.base, mine, theirs);
      if (clashes.length > 0) {
        x.conflict = { theirs, mine, base: x.base, clashes, version };
        x.state = 'conflict';
        persist();
        return;
      }
      x.conflict = null;
      x.version = version;
      x.base = theirs;
      x.draft = merged;
      persist();
      if (sameText(x.draft, x.base)) x.state = 'saved';
      else {
        x.state = 'unsaved';
        void saveRef.current();
      }
    },
    [persist],
  );

  const save = useCallback(async (): Promise<void> => {
    const x = s.current!;
    if (x.conflict) return;
    if (x.inFlight) {
      x.again = true;
      return x.inFlight;
    }
    if (sameText(x.draft, x.base)) {
      x.state = 'saved';
      persist();
      if (x.alive) render();
      return;
    }
    const sent = { ...x.draft };
    x.state = 'saving';
    x.error = null;
    if (x.alive) render();
    x.inFlight = (async () => {
      try {
        const rec = await api.saveRecord(meetingId, ref, x.version, {
          summary: sent.summary,
          decisions: sent.decisions,
          challengeNote: sent.challengeNote.trim() === '' ? null : sent.challengeNote,
        });
        x.retries = 0;
        // A newer version may have been absorbed while this save was on its way.
        if (rec.version > x.version) {
          x.version = rec.version;
          x.base = sent;
        }
        x.state = sameText(x.draft, x.base) ? 'saved' : 'unsaved';
        if (x.state === 'unsaved') x.again = true;
        persist();
      } catch (e) {
        const err =
          e instanceof ApiError ? e : new ApiError(0, 'Internal', 'Error', 'The record could not be saved.');
        if (err.isConflict) {
          const before = x.version;
          absorb((err.current ?? null) as MeetingCaseRecord | null);
          if (x.conflict === null && x.version === before) {
            // Refused without a newer record to merge with: say so rather than try the same save forever.
            x.state = 'error';
            x.error = err;
          } else if (x.conflict === null && !sameText(x.draft, x.base)) x.again = true;
        } else if (err.code === 'Network' || err.code === 'Busy' || err.status >= 500) {
          x.state = 'retrying';
          x.error = err;
          const wait = Math.min(RETRY_MAX_MS, 1000 * 2 ** Math.min(x.retries, 4));
          x.retries += 1;
          if (x.alive) schedule(wait, () => void saveRef.current());
        } else {
          x.state = 'error';
          x.error = err;
        }
      } finally {
        x.inFlight = null;
        if (x.alive) render();
      }
      if (x.again && x.state !== 'retrying' && x.state !== 'error') {
        x.again = false;
        await saveRef.current();
      }
    })();
    return x.inFlight;
  }, [api, meetingId, ref, persist, absorb, schedule]);
  saveRef.current = save;

  // Opened with text kept from before a reload: check it against the server's record, then save it.
  useEffect(() => {
    absorb(serverRecord);
    if (s.current!.state === 'unsaved') void saveRef.current();
    render();
    // Only on opening the case: later server records come through rebase().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Back online: try a waiting save at once instead of at the end of its pause.
  useEffect(() => {
    const onOnline = () => {
      if (s.current!.state === 'retrying') void saveRef.current();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  // Leaving the case (next case, another screen): send what is waiting; the stored copy stays until
  // the server has it, so returning to the case (or reloading) picks it up if this send fails.
  useEffect(() => {
    // Set again on every mount: React's StrictMode unmounts and mounts once more in development.
    s.current!.alive = true;
    return () => {
      const x = s.current!;
      x.alive = false;
      if (x.timer) clearTimeout(x.timer);
      if (!x.conflict && !x.inFlight && !sameText(x.draft, x.base)) void saveRef.current();
    };
  }, []);

  return {
    draft: st.draft,
    state: st.state,
    error: st.error,
    conflict: st.conflict,
    set: (field, value) => {
      const x = s.current!;
      x.draft = { ...x.draft, [field]: value };
      if (x.conflict) x.conflict = { ...x.conflict, mine: x.draft };
      else if (x.state !== 'retrying' && x.state !== 'saving') x.state = 'unsaved';
      persist();
      render();
      if (!x.conflict && x.state !== 'retrying') schedule(delayMs, () => void saveRef.current());
    },
    resolve: (choices) => {
      const x = s.current!;
      if (!x.conflict) return;
      x.draft = resolveConflict(x.conflict, choices);
      x.base = x.conflict.theirs;
      x.version = x.conflict.version;
      x.conflict = null;
      x.state = 'unsaved';
      persist();
      render();
      void saveRef.current();
    },
    rebase: (record) => {
      absorb(record);
      render();
    },
    flush: async () => {
      const x = s.current!;
      if (x.timer) clearTimeout(x.timer);
      await saveRef.current();
      if (x.inFlight) await x.inFlight;
      return !x.conflict && sameText(x.draft, x.base);
    },
  };
}
