/**
 * Editing a case without ever overwriting someone else's change or losing what the user typed.
 *
 * The editor keeps the server record it started from (`base`) and only the fields the user touched
 * (`draft`). Saving sends just those fields with `If-Match: base.version`. When the server answers 412
 * with its current record, the editor computes, field by field, what the user changed, what is on the
 * server now, and where the two clash; the user chooses per clashing field and re-applies their edits
 * on the current version. The same check runs when the record is reloaded under a dirty draft.
 *
 * Drafts outlive the screen: leaving a case with unsaved edits keeps them (in memory) for when the user
 * comes back, and closing the tab with unsaved edits asks first.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Case } from '../../../domain/types';
import { ApiError, type CasePatch, type CmoeApi } from '../../client/client';
import { EDITABLE_KEYS, type EditableKey, sameValue } from './fields';

export interface ConflictField {
  key: EditableKey;
  /** What the user typed. */
  mine: unknown;
  /** What they started from. */
  before: unknown;
  /** What the server holds now. */
  theirs: unknown;
  /** Both changed the field, to different values: the user must choose. */
  clash: boolean;
}

export interface Conflict {
  server: Case;
  /** The fields the user changed (clashing or not). */
  fields: ConflictField[];
  /** Fields someone else changed that the user did not touch: they simply take the new value. */
  theirChanges: EditableKey[];
}

export type Choice = 'mine' | 'theirs';

type Draft = Partial<Record<EditableKey, unknown>>;

interface EditorState {
  base: Case;
  draft: Draft;
  conflict: Conflict | null;
}

/** Unsaved drafts by case ref, kept while the user looks elsewhere in the tab. */
const drafts = new Map<string, { base: Case; draft: Draft }>();

/** For tests: forget drafts kept between screens. */
export function clearKeptDrafts(): void {
  drafts.clear();
}

/** Compares the user's draft (made on `base`) with the server's `server` record. */
export function computeConflict(base: Case, draft: Draft, server: Case): Conflict {
  const fields: ConflictField[] = [];
  for (const key of Object.keys(draft) as EditableKey[]) {
    const mine = draft[key];
    const before = base[key];
    const theirs = server[key];
    fields.push({ key, mine, before, theirs, clash: !sameValue(theirs, before) && !sameValue(theirs, mine) });
  }
  const theirChanges = EDITABLE_KEYS.filter((k) => !(k in draft) && !sameValue(server[k], base[k]));
  return { server, fields, theirChanges };
}

/** The draft re-applied on the server's record: kept where the user chose theirs, dropped otherwise. */
export function reapply(conflict: Conflict, choices: Partial<Record<EditableKey, Choice>>): Draft {
  const next: Draft = {};
  for (const f of conflict.fields) {
    const choice = f.clash ? (choices[f.key] ?? 'mine') : 'mine';
    if (choice === 'mine' && !sameValue(f.mine, f.theirs)) next[f.key] = f.mine;
  }
  return next;
}

export interface CaseEditor {
  base: Case;
  value<K extends EditableKey>(key: K): Case[K];
  set<K extends EditableKey>(key: K, value: Case[K]): void;
  isDirty(key: EditableKey): boolean;
  dirtyKeys: EditableKey[];
  saving: boolean;
  error: ApiError | null;
  issues(key: string): string[];
  conflict: Conflict | null;
  /** Set after a successful save; cleared by the next edit. */
  saved: boolean;
  save(): Promise<boolean>;
  discard(): void;
  /** Re-applies the user's edits on the server's version with these choices; saves at once if asked. */
  resolve(choices: Partial<Record<EditableKey, Choice>>, then: 'save' | 'review'): Promise<void>;
  /** A newer record from the server (a reload, or another write): keeps the draft, or raises a conflict. */
  rebase(server: Case): void;
}

export function useCaseEditor(api: CmoeApi, initial: Case, onSaved?: (c: Case) => void): CaseEditor {
  const ref = initial.ref;
  const [state, setState] = useState<EditorState>(() => {
    const kept = drafts.get(ref);
    if (!kept) return { base: initial, draft: {}, conflict: null };
    // Came back to a case with unsaved edits: keep them, checked against the record as it is now.
    if (kept.base.version === initial.version) return { base: initial, draft: kept.draft, conflict: null };
    const c = computeConflict(kept.base, kept.draft, initial);
    if (c.fields.some((f) => f.clash)) return { base: kept.base, draft: kept.draft, conflict: c };
    return { base: initial, draft: reapply(c, {}), conflict: null };
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const dirtyKeys = Object.keys(state.draft) as EditableKey[];
  const dirty = dirtyKeys.length > 0;

  // Keep the draft when the user leaves the case; warn before the tab itself closes.
  useEffect(() => {
    if (dirty) drafts.set(ref, { base: state.base, draft: state.draft });
    else drafts.delete(ref);
  }, [ref, dirty, state.base, state.draft]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const value = useCallback(
    <K extends EditableKey>(key: K): Case[K] =>
      (key in state.draft ? state.draft[key] : state.base[key]) as Case[K],
    [state],
  );

  const set = useCallback(<K extends EditableKey>(key: K, v: Case[K]) => {
    setSaved(false);
    setState((s) => {
      const draft = { ...s.draft };
      if (sameValue(v, s.base[key])) delete draft[key];
      else draft[key] = v;
      return { ...s, draft };
    });
  }, []);

  const saveWith = useCallback(
    async (base: Case, draft: Draft): Promise<boolean> => {
      if (Object.keys(draft).length === 0) {
        setState({ base, draft, conflict: null });
        return true;
      }
      setSaving(true);
      setError(null);
      try {
        const updated = await api.updateCase(ref, base.version, draft as CasePatch);
        setState({ base: updated, draft: {}, conflict: null });
        setSaved(true);
        onSaved?.(updated);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.isConflict && e.current && typeof e.current === 'object') {
          const server = e.current as Case;
          setState({ base, draft, conflict: computeConflict(base, draft, server) });
        } else {
          setState({ base, draft, conflict: null });
          setError(
            e instanceof ApiError
              ? e
              : new ApiError(0, 'Internal', 'Error', 'The changes could not be saved.'),
          );
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
    [api, ref, onSaved],
  );

  const save = useCallback(() => {
    const s = stateRef.current;
    return saveWith(s.base, s.draft);
  }, [saveWith]);

  const discard = useCallback(() => {
    setError(null);
    setSaved(false);
    setState((s) => ({ base: s.conflict?.server ?? s.base, draft: {}, conflict: null }));
  }, []);

  const resolve = useCallback(
    async (choices: Partial<Record<EditableKey, Choice>>, then: 'save' | 'review') => {
      const s = stateRef.current;
      if (!s.conflict) return;
      const draft = reapply(s.conflict, choices);
      const base = s.conflict.server;
      if (then === 'save') await saveWith(base, draft);
      else setState({ base, draft, conflict: null });
    },
    [saveWith],
  );

  const rebase = useCallback((server: Case) => {
    setState((s) => {
      if (server.version === s.base.version && !s.conflict) return { ...s, base: server };
      if (Object.keys(s.draft).length === 0) return { base: server, draft: {}, conflict: null };
      const c = computeConflict(s.base, s.draft, server);
      if (c.fields.some((f) => f.clash)) return { ...s, conflict: c };
      return { base: server, draft: reapply(c, {}), conflict: null };
    });
  }, []);

  return {
    base: state.base,
    value,
    set,
    isDirty: (key) => key in state.draft,
    dirtyKeys,
    saving,
    error,
    issues: (key) => error?.issuesFor(key) ?? [],
    conflict: state.conflict,
    saved,
    save,
    discard,
    resolve,
    rebase,
  };
}
