/**
 * The state of /meetings/<id>: the meeting and its agenda, kept fresh while the meeting is in progress
 * (a poll every few seconds, paused while the tab is hidden, stopped once the meeting ends), the people's
 * words for the cases on it, and the actions and escalations its records point at.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Action, Escalation, Meeting, MeetingCaseRecord, YearGroup } from '../../../domain/types';
import type { MeetingAgenda } from '../../client/meetingApi';
import { useApp } from '../../app/AppContext';

export const FOLLOW_POLL_MS = 5000;

export interface CaseName {
  name: string;
  yearGroup: YearGroup;
}

/**
 * Calls `tick` every `ms` while `active`, skipping ticks while the document is hidden and catching up
 * as soon as it is shown again; never two ticks at once.
 */
export function usePoll(tick: () => Promise<void>, ms: number, active: boolean): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let running = false;
    const run = () => {
      if (running || document.visibilityState === 'hidden') return;
      running = true;
      void latest.current().finally(() => {
        running = false;
      });
    };
    const timer = setInterval(run, ms);
    const onVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms, active]);
}

export function useMeetingView(
  id: string,
  opts: {
    pollMs: number;
    /** True when the chair's meeting mode shows this meeting: it loads its own data, and nothing is followed here. */
    runnerShows(m: Meeting): boolean;
  },
) {
  const { api, can } = useApp();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [agenda, setAgenda] = useState<MeetingAgenda | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** A failed refresh while following: the last good view stays, with a note. */
  const [pollError, setPollError] = useState<unknown>(null);
  const [heardAt, setHeardAt] = useState<Date | null>(null);
  const [names, setNames] = useState<Map<string, CaseName>>(new Map());
  const [actions, setActions] = useState<Map<string, Action>>(new Map());
  const [escalations, setEscalations] = useState<Map<string, Escalation>>(new Map());

  const load = useCallback(async () => {
    setError(null);
    try {
      const [m, a] = await Promise.all([api.getMeeting(id), api.getAgenda(id)]);
      setMeeting(m);
      setAgenda(a);
      setHeardAt(new Date());
    } catch (e) {
      setError(e);
    }
  }, [api, id]);
  useEffect(() => {
    setMeeting(null);
    setAgenda(null);
    void load();
  }, [load]);

  const status = meeting?.status;
  const readOnly = meeting !== null && !opts.runnerShows(meeting);
  usePoll(
    async () => {
      try {
        const m = await api.getMeeting(id);
        setPollError(null);
        setHeardAt(new Date());
        setMeeting(m);
        // Finished meanwhile: the agenda is frozen and the minutes are ready to read.
        if (m.status !== 'in-progress') await load();
      } catch (e) {
        setPollError(e);
      }
    },
    opts.pollMs,
    readOnly && status === 'in-progress',
  );

  // Children's names for the agenda (signed-in roles see them elsewhere in the tab too); refs alone
  // still make the agenda readable, so a failure here only leaves the names out.
  const wantNames = readOnly && can('case.read');
  useEffect(() => {
    if (!wantNames) return;
    let live = true;
    api.listCases().then(
      (list) =>
        live &&
        setNames(
          new Map(list.map((c) => [c.ref, { name: `${c.firstName} ${c.lastName}`, yearGroup: c.yearGroup }])),
        ),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, wantNames]);

  // The actions and escalations records point at, fetched per case once they appear.
  const records: readonly MeetingCaseRecord[] = meeting?.records ?? [];
  const asked = useRef(new Set<string>());
  const wantActions = records.filter((r) => r.actionIds.some((a) => !actions.has(a)));
  const wantEscalations = can('escalation.read')
    ? records.filter((r) => r.escalationId !== null && !escalations.has(r.escalationId))
    : [];
  const actionKey = wantActions.map((r) => `${r.caseRef}:${r.actionIds.join(',')}`).join(' ');
  const escalationKey = wantEscalations.map((r) => `${r.caseRef}:${r.escalationId}`).join(' ');
  useEffect(() => {
    for (const key of actionKey.split(' ').filter(Boolean)) {
      if (asked.current.has(`a:${key}`)) continue;
      asked.current.add(`a:${key}`);
      const ref = key.slice(0, key.indexOf(':'));
      api.listActions({ caseRef: ref }).then(
        (list) =>
          setActions((prev) => {
            const next = new Map(prev);
            for (const a of list) next.set(a.id, a);
            return next;
          }),
        () => undefined,
      );
    }
  }, [api, actionKey]);
  useEffect(() => {
    for (const key of escalationKey.split(' ').filter(Boolean)) {
      if (asked.current.has(`e:${key}`)) continue;
      asked.current.add(`e:${key}`);
      const ref = key.slice(0, key.indexOf(':'));
      api.listEscalations({ caseRef: ref }).then(
        (list) =>
          setEscalations((prev) => {
            const next = new Map(prev);
            for (const e of list) next.set(e.id, e);
            return next;
          }),
        () => undefined,
      );
    }
  }, [api, escalationKey]);

  return { meeting, agenda, error, pollError, heardAt, names, actions, escalations, reload: load };
}
