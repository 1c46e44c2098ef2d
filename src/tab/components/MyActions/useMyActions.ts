/**
 * The signed-in user's open actions (GET /api/actions?mine=true&status=open), overdue first, then due
 * soon, then later, each by due date. A completed or extended action stays where it was until the
 * list is refreshed, so the user sees the result in place.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ActionView } from '../../../domain/views';
import { ApiError, type CmoeApi } from '../../client/client';

export type MyActionsSection = 'overdue' | 'due-soon' | 'later';

export const SECTION_ORDER: MyActionsSection[] = ['overdue', 'due-soon', 'later'];

export interface MyActionsState {
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  sections: Record<MyActionsSection, ActionView[]>;
  replace(a: ActionView): void;
  reload(): Promise<void>;
}

interface Placed {
  action: ActionView;
  section: MyActionsSection;
}

/** Sections by the timing the server computed (the bot's rule and calendar), never a rule of the tab's. */
export function placeActions(actions: readonly ActionView[]): Placed[] {
  return actions
    .filter((a) => a.status === 'open')
    .map((action) => {
      const s = action.timing;
      return {
        action,
        section: s === 'overdue' ? 'overdue' : s === 'due-soon' ? 'due-soon' : 'later',
      } as Placed;
    })
    .sort((a, b) =>
      a.section !== b.section
        ? SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section)
        : a.action.dueDate < b.action.dueDate
          ? -1
          : a.action.dueDate > b.action.dueDate
            ? 1
            : a.action.caseRef.localeCompare(b.action.caseRef),
    );
}

export function useMyActions(api: CmoeApi, today: string): MyActionsState {
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [status, setStatus] = useState<MyActionsState['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    try {
      const actions = await api.listActions({ mine: true, status: ['open'] });
      setPlaced(placeActions(actions));
      setError(null);
      setStatus('ready');
    } catch (e) {
      setError(
        e instanceof ApiError ? e : new ApiError(0, 'Internal', 'Error', 'Your actions could not be loaded.'),
      );
      setStatus((s) => (s === 'ready' ? s : 'error'));
    }
  }, [api]);

  // A new day reloads: the server's timings are for the day they were computed.
  useEffect(() => {
    void reload();
  }, [reload, today]);

  const sections: Record<MyActionsSection, ActionView[]> = { overdue: [], 'due-soon': [], later: [] };
  for (const p of placed) sections[p.section].push(p.action);

  return {
    status,
    error,
    sections,
    replace: (a) => setPlaced((ps) => ps.map((p) => (p.action.id === a.id ? { ...p, action: a } : p))),
    reload,
  };
}
