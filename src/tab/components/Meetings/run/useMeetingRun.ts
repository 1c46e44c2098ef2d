/**
 * The state of the chair's meeting mode (MeetingRunner.tsx renders it): the runner's width, starting the
 * meeting, stepping through the frozen agenda with the current case in the URL, recording a disclosure
 * for a case, and finishing it.
 */
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AgendaItem, Meeting } from '../../../../domain/types';
import { ApiError } from '../../../client/client';
import type { DisclosureBody, DisclosureView } from '../../../client/disclosureApi';
import type { MeetingAgenda } from '../../../client/meetingApi';
import { useApp } from '../../../app/AppContext';
import { unsavedRefs } from './useRecordAutosave';

/** Below this container width the runner is compact (the meeting side panel is 320 px). */
export const COMPACT_BELOW_PX = 640;

/** The width of an element, following resizes (0 until measured, or where ResizeObserver is missing). */
export function useContainerWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** The runner's container and whether it is narrow enough for the compact layout. */
export function useRunnerLayout(): { ref: RefObject<HTMLDivElement | null>; compact: boolean } {
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  return { ref, compact: width > 0 && width < COMPACT_BELOW_PX };
}

const CASE_PARAM = 'case';

function caseFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(CASE_PARAM);
}

function setCaseInUrl(ref: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (ref) params.set(CASE_PARAM, ref);
  else params.delete(CASE_PARAM);
  const q = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${q ? `?${q}` : ''}`);
}

export interface StartMeeting {
  /** The agenda as it would be frozen now (null until loaded). */
  agenda: MeetingAgenda | null;
  busy: boolean;
  error: unknown;
  start(): Promise<void>;
}

/** Before the meeting: its would-be agenda, and starting it (which freezes the agenda). */
export function useStartMeeting(meeting: Meeting, onChanged: () => void): StartMeeting {
  const { api } = useApp();
  const [agenda, setAgenda] = useState<MeetingAgenda | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getAgenda(meeting.id).then(setAgenda, setError);
  }, [api, meeting.id]);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.startMeeting(meeting.id, meeting.version);
      setCaseInUrl(null);
    } catch (e) {
      setError(
        e instanceof ApiError && e.isConflict
          ? new ApiError(412, 'Conflict', e.title, 'The meeting changed meanwhile; it has been refreshed.')
          : e,
      );
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return { agenda, busy, error, start };
}

export interface FinishMeeting {
  open: boolean;
  setOpen(open: boolean): void;
  busy: boolean;
  error: unknown;
  /** Cases whose typed text is kept on this device but not saved yet (checked each second while open). */
  waiting: string[];
  /** Agenda cases with nothing recorded. */
  notDiscussed: number;
  finish(): Promise<void>;
}

/** The finish dialog: what is not saved or not discussed yet, and finishing (which writes the minutes). */
export function useFinishMeeting(meeting: Meeting, onChanged: () => void): FinishMeeting {
  const { api, me } = useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Text typed a moment ago is still on its way: look again while the dialog is open.
  const [, tick] = useState(0);
  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [open]);
  const waiting = open ? unsavedRefs(me.id, meeting.id) : [];
  const agenda = meeting.agenda ?? [];
  const notDiscussed = agenda.filter((i) => !meeting.records.some((r) => r.caseRef === i.caseRef)).length;
  const finish = async () => {
    setBusy(true);
    setError(null);
    try {
      // Each autosave moves the meeting's version on: finish the meeting as it is now.
      const now = await api.getMeeting(meeting.id);
      await api.finishMeeting(meeting.id, now.version);
      setCaseInUrl(null);
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { open, setOpen, busy, error, waiting, notDiscussed, finish };
}

export interface MeetingRun {
  agenda: AgendaItem[];
  /** The case being discussed (kept in the URL as ?case=), null when the agenda is empty. */
  current: string | null;
  setCurrent(ref: string): void;
  /** The current case's position in the agenda (-1 when none). */
  index: number;
  /** Moves to the agenda case at `i`, if there is one. */
  go(i: number): void;
  recorded(ref: string): boolean;
}

/**
 * The running meeting: the current agenda case, from the URL on a reload or a second device, written
 * back to the URL as the chair moves, and removed from it when the chair leaves meeting mode.
 */
export function useMeetingRun(meeting: Meeting): MeetingRun {
  const agenda = meeting.agenda ?? [];
  const [current, setCurrent] = useState<string | null>(() => {
    const fromUrl = caseFromUrl();
    return agenda.some((i) => i.caseRef === fromUrl) ? fromUrl : (agenda[0]?.caseRef ?? null);
  });
  useEffect(() => {
    setCaseInUrl(current);
  }, [current]);
  // Leaving meeting mode: the next screen should not carry this meeting's case in its URL.
  useEffect(() => {
    const path = window.location.pathname;
    return () => {
      if (window.location.pathname !== path) setCaseInUrl(null);
    };
  }, []);
  const index = agenda.findIndex((i) => i.caseRef === current);
  const go = (i: number) => {
    const next = agenda[i];
    if (next) setCurrent(next.caseRef);
  };
  const recorded = (ref: string) => meeting.records.some((r) => r.caseRef === ref);
  return { agenda, current, setCurrent, index, go, recorded };
}

export interface MeetingDisclosures {
  /** The case's disclosure log, oldest first (empty for someone who may not read it). */
  entries: DisclosureView[];
  /** The entries recorded in this meeting (they go in its minutes). */
  inMeeting: DisclosureView[];
  error: unknown;
  /** Records a disclosure on the case as made in this meeting, then reads the log again. */
  record(body: DisclosureBody): Promise<void>;
}

/**
 * A disclosure recorded during the meeting (issue 18, ToR §6): the case view's dialog, with this meeting's
 * id set, so finishing the meeting puts the entry in the minutes.
 */
export function useMeetingDisclosures(meetingId: string, caseRef: string): MeetingDisclosures {
  const { api, can } = useApp();
  const mayRead = can('disclosure.read');
  const [entries, setEntries] = useState<DisclosureView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    if (!mayRead) return;
    try {
      setEntries(await api.listCaseDisclosures(caseRef));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [api, caseRef, mayRead]);
  useEffect(() => {
    void load();
  }, [load]);
  const record = async (body: DisclosureBody) => {
    await api.recordDisclosure(caseRef, { ...body, meetingId });
    await load();
  };
  const inMeeting = entries.filter((d) => d.meetingId === meetingId);
  return { entries, inMeeting, error, record };
}
