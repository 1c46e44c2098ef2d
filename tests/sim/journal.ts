/**
 * What happened in the simulated year, as the simulation itself did it (not as the app recorded it): the
 * oracle judges the app's messages from this alone. Times are epoch milliseconds of the virtual clock.
 */

export interface MeetingFacts {
  id: string;
  date: string;
  startsAt: number;
  cancelledAt: number | null;
  heldAt: number | null;
  publishedAt: number | null;
  /** Cases the meeting recorded something about. */
  discussed: Set<string>;
  /** Cases the frozen agenda gives "no progress at the last 2 meetings" for (what the app said). */
  agendaNoProgress: Set<string> | null;
  /** Cases the stored minutes list (what the app wrote). */
  minutesCases: Set<string> | null;
}

export interface ActionFacts {
  id: string;
  caseRef: string;
  createdAt: number;
  /** One per due date: from when it held (creation or the deferral), and its date. */
  episodes: { due: string; from: number }[];
  completedAt: number | null;
  completedOn: string | null;
}

export interface CaseFacts {
  ref: string;
  /** Every change the SPEC counts as progress (referral, status, provision, concern), in order. */
  progress: number[];
  /** Status changes in order, starting with the referral. */
  statuses: { at: number; status: string }[];
  /** The chair's stuck flag, set and cleared. */
  flags: { at: number; on: boolean }[];
}

export interface EscalationFacts {
  id: string;
  caseRef: string;
  raisedAt: number;
  responseDue: string;
  respondedAt: number | null;
}

export interface Outage {
  from: number;
  to: number;
  why: string;
}

export interface SweepFacts {
  at: number;
  /** A full sweep plans every kind; a quick one only the immediate kinds (minutes published). */
  full: boolean;
  instance: string;
}

export interface Journal {
  start: number;
  end: number;
  torAnniversary: string;
  meetings: Map<string, MeetingFacts>;
  cases: Map<string, CaseFacts>;
  actions: Map<string, ActionFacts>;
  escalations: Map<string, EscalationFacts>;
  /** Times when nothing could be posted: the bot removed, the Bot Connector down, the process dead. */
  outages: Outage[];
  sweeps: SweepFacts[];
}

export function newJournal(start: number, end: number, torAnniversary: string): Journal {
  return {
    start,
    end,
    torAnniversary,
    meetings: new Map(),
    cases: new Map(),
    actions: new Map(),
    escalations: new Map(),
    outages: [],
    sweeps: [],
  };
}
