/**
 * The tab's schedule, read and minutes calls (src/tab/client/meetingApi.ts) against the real API through
 * real HTTP: the paths, bodies and If-Match the screens rely on, and what a senior manager is refused.
 */
import { referral } from '../helpers/api';
import { serveRealApi, caught } from './realApi';

const { as } = serveRealApi();

describe('the meetings calls of the tab’s client', () => {
  test('schedule from the cadence (again: nothing new), a one-off, attendance with If-Match and its 412, cancel', async () => {
    const chair = as('dev-chair');
    const created = await chair.scheduleFromCadence(2);
    expect(created).toHaveLength(2);
    expect(await chair.scheduleFromCadence(2)).toEqual([]);

    const oneOff = await chair.scheduleMeeting({ startsAt: '2026-04-20T13:00:00.000Z' });
    expect(oneOff).toMatchObject({ status: 'scheduled', version: 1, attendees: [] });

    const attended = await chair.updateMeetingDetails(oneOff.id, 1, {
      attendees: [{ name: 'Kim Example (synthetic)', service: 'SEND', email: null }],
      apologies: [],
    });
    expect(attended).toMatchObject({ version: 2, attendees: [{ name: 'Kim Example (synthetic)' }] });
    const stale = await caught(chair.updateMeetingDetails(oneOff.id, 1, { apologies: [] }));
    expect(stale.status).toBe(412);
    expect(stale.current).toMatchObject({ id: oneOff.id, version: 2 });

    const cancelled = await chair.cancelMeeting(oneOff.id, 2);
    expect(cancelled.status).toBe('cancelled');
    const again = await caught(chair.cancelMeeting(oneOff.id, 3));
    expect(again.code).toBe('Invalid');
    expect((await chair.listMeetings()).map((m) => m.id)).toEqual(
      expect.arrayContaining([...created.map((m) => m.id), oneOff.id]),
    );
  });

  test('minutes content and the .docx after a meeting; escalations listed; a senior manager reads but cannot schedule', async () => {
    const chair = as('dev-chair');
    const senior = as('dev-senior');
    const { case: c } = await as('dev-member-ewo').refer(referral({ lastName: 'Minutestest' }) as never);
    const m = await chair.scheduleMeeting({ startsAt: '2026-03-25T09:30:00.000Z' });
    const early = await caught(senior.getMinutesContent(m.id));
    expect(early.code).toBe('Invalid');

    const started = await chair.startMeeting(m.id, m.version);
    await chair.saveRecord(m.id, c.ref, 0, { decisions: 'Ask the school for a place (synthetic)' });
    const detail = await chair.getCase(c.ref);
    await chair.escalateInMeeting(m.id, c.ref, detail.case.version, {
      to: 'head-of-service',
      reason: 'No place offered (synthetic)',
      decisionRequested: 'Direct a school to admit',
    });
    const current = await chair.getMeeting(m.id);
    expect(current.version).toBeGreaterThan(started.version);
    await chair.finishMeeting(m.id, current.version);

    const content = await senior.getMinutesContent(m.id);
    expect(content.cases.map((x) => [x.caseRef, x.decisions])).toEqual([
      [c.ref, 'Ask the school for a place (synthetic)'],
    ]);
    const file = await senior.downloadMinutes(m.id);
    expect(file.fileName).toBe('CMOE minutes 2026-03-25.docx');
    // A .docx is a zip: it starts with "PK".
    expect(
      Buffer.from(await file.blob.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const escalations = await senior.listEscalations({ caseRef: c.ref });
    expect(escalations).toEqual([
      expect.objectContaining({
        caseRef: c.ref,
        decisionRequested: 'Direct a school to admit',
        response: null,
      }),
    ]);
    expect((await senior.listEscalations({ awaiting: true })).map((e) => e.caseRef)).toContain(c.ref);

    const refused = await caught(senior.scheduleFromCadence(1));
    expect(refused.status).toBe(403);
    const refusedCancel = await caught(senior.cancelMeeting(m.id, 1));
    expect(refusedCancel.status).toBe(403);
  });
});
