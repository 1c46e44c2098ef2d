/**
 * The meeting calls: a meeting, its agenda (live before it starts, frozen after), and — for the chair —
 * running it (issue 5). Built on the shared transport so tokens, If-Match and problems behave the same.
 */
import type { AgendaItem, Meeting } from '../../domain/types';
import type { Call } from './transport';

/** GET /api/meetings/:id/agenda */
export interface MeetingAgenda {
  meetingId: string;
  startsAt: string;
  /** True once the meeting has started: the agenda no longer moves. */
  frozen: boolean;
  items: AgendaItem[];
}

export interface MeetingApi {
  getMeeting(id: string): Promise<Meeting>;
  getAgenda(id: string): Promise<MeetingAgenda>;
}

export function meetingApi(call: Call): MeetingApi {
  const enc = encodeURIComponent;
  return {
    getMeeting: (id) => call('GET', `/api/meetings/${enc(id)}`),
    getAgenda: (id) => call('GET', `/api/meetings/${enc(id)}/agenda`),
  };
}
