/** @jest-environment jsdom */
import './dom';
import { act, renderHook, waitFor } from '@testing-library/react';
import { useCaseList } from '../../src/tab/components/CaseList/useCaseList';
import { ApiError } from '../../src/tab/client/client';
import { FakeApi, makeSummary } from './fakeApi';

function seeded(): FakeApi {
  const api = new FakeApi();
  api.summaries = [
    makeSummary(1, { concern: 'high', lastName: 'Zed' }),
    makeSummary(2, { status: 'closed' }),
    makeSummary(3, {
      flags: {
        stuck: true,
        overdue: false,
        ehcp: false,
        socialCare: false,
        cseRisk: false,
        statutory: false,
      },
    }),
    makeSummary(4, { createdAt: '2026-03-20T09:00:00.000Z', lastName: 'Zed' }),
  ];
  api.summaries[0]!.createdAt = '2026-01-01T09:00:00.000Z';
  api.summaries[2]!.createdAt = '2026-01-01T09:00:00.000Z';
  api.meetings = [
    {
      id: 'm1',
      startsAt: '2026-03-09T10:00:00.000Z',
      chair: null,
      attendees: [],
      apologies: [],
      status: 'completed',
      agenda: null,
      records: [],
      minutesPublishedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    },
  ];
  api.mineRefs = ['CMOE-0003'];
  return api;
}

const NOW = () => new Date('2026-03-25T10:00:00.000Z');

/** Renders the hook and lets its first load settle inside act(). */
async function renderList(api: FakeApi) {
  let rendered: ReturnType<typeof renderHook<ReturnType<typeof useCaseList>, unknown>> | undefined;
  await act(async () => {
    rendered = renderHook(() => useCaseList(api, { now: NOW }));
  });
  return rendered!;
}
const refs = (r: { ref: string }[]) => r.map((x) => x.ref);

describe('useCaseList', () => {
  test('loads the list once and shows open cases, highest concern first', async () => {
    const api = seeded();
    const { result } = renderHook(() => useCaseList(api, { now: NOW }));
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.all).toHaveLength(4);
    expect(refs(result.current.rows)).toEqual(['CMOE-0001', 'CMOE-0003', 'CMOE-0004']);
    expect(result.current.lastMeetingAt).toBe('2026-03-09T10:00:00.000Z');
    expect(api.calls.filter((c) => c.method === 'listCases')).toHaveLength(1);
  });

  test('shows the rows as soon as the list arrives, without waiting for the meetings; "new since the last meeting" waits for them', async () => {
    const api = seeded();
    let meetingsArrive: () => void = () => undefined;
    const held = new Promise<void>((r) => (meetingsArrive = r));
    const listMeetings = api.listMeetings.bind(api);
    api.listMeetings = async () => {
      await held;
      return listMeetings();
    };
    const { result } = renderHook(() => useCaseList(api, { now: NOW }));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(refs(result.current.rows)).toEqual(['CMOE-0001', 'CMOE-0003', 'CMOE-0004']);
    expect(result.current.lastMeetingAt).toBeNull();

    // Until the meetings are known the view is pending and shows no case (not every case).
    act(() => result.current.applyView('new-since-last-meeting'));
    await waitFor(() => expect(result.current.rows).toEqual([]));
    expect(result.current.pending).toBe(true);

    await act(async () => meetingsArrive());
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0004']));
    expect(result.current.pending).toBe(false);
    expect(result.current.lastMeetingAt).toBe('2026-03-09T10:00:00.000Z');
  });

  test('applies filters and search in the browser, and clears them', async () => {
    const { result } = await renderList(seeded());
    expect(result.current.status).toBe('ready');
    act(() => result.current.setFilters({ q: 'zed' }));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0001', 'CMOE-0004']));
    act(() => result.current.setFilters({ status: ['closed'], q: '' }));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0002']));
    expect(result.current.filterCount).toBe(1);
    act(() => result.current.clearFilters());
    await waitFor(() => expect(result.current.rows).toHaveLength(3));
    expect(result.current.filterCount).toBe(0);
  });

  test('saved views: highest concern, stuck, new since the last meeting; toggling one off restores all', async () => {
    const { result } = await renderList(seeded());
    expect(result.current.status).toBe('ready');
    act(() => result.current.applyView('highest-concern'));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0001']));
    expect(result.current.view).toBe('highest-concern');
    act(() => result.current.applyView('stuck'));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0003']));
    act(() => result.current.applyView('new-since-last-meeting'));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0004']));
    act(() => result.current.clearFilters());
    await waitFor(() => expect(result.current.view).toBeNull());
  });

  test('sorting a column toggles its direction; a new column starts in its natural direction', async () => {
    const { result } = await renderList(seeded());
    expect(result.current.status).toBe('ready');
    act(() => result.current.sortBy('ref'));
    expect(result.current.sort).toEqual({ key: 'ref', direction: 'ascending' });
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0001', 'CMOE-0003', 'CMOE-0004']));
    act(() => result.current.sortBy('ref'));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0004', 'CMOE-0003', 'CMOE-0001']));
    act(() => result.current.sortBy('weeksOut'));
    expect(result.current.sort).toEqual({ key: 'weeksOut', direction: 'descending' });
  });

  test('"my cases" asks the server once which cases are mine', async () => {
    const api = seeded();
    const { result } = await renderList(api);
    expect(result.current.status).toBe('ready');
    act(() => result.current.setFilters({ mine: true }));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0003']));
    act(() => result.current.setFilters({ mine: false }));
    act(() => result.current.setFilters({ mine: true }));
    await waitFor(() => expect(refs(result.current.rows)).toEqual(['CMOE-0003']));
    expect(
      api.calls.filter((c) => c.method === 'listCases' && (c.args[0] as { mine?: boolean }).mine),
    ).toHaveLength(1);
  });

  test('a failed first load is an error with the server’s words; a failed refresh keeps the rows', async () => {
    const api = seeded();
    const fail = new ApiError(503, 'Busy', 'Busy', 'The service is busy. Please try again shortly.');
    const original = api.listCases.bind(api);
    api.listCases = async () => {
      throw fail;
    };
    const { result } = await renderList(api);
    expect(result.current.status).toBe('error');
    expect(result.current.error?.detail).toBe('The service is busy. Please try again shortly.');
    api.listCases = original;
    await act(() => result.current.reload());
    expect(result.current.status).toBe('ready');
    api.listCases = async () => {
      throw fail;
    };
    await act(() => result.current.reload());
    expect(result.current.status).toBe('ready');
    expect(result.current.rows).toHaveLength(3);
    expect(result.current.error).toBe(fail);
  });
});
