import { Router } from 'express';
import type { OperationDeps } from '../../operations/context';
import * as escalations from '../../operations/escalations';
import {
  escalationListQuerySchema,
  escalationResponseSchema,
  meetingListQuerySchema,
  scheduleMeetingSchema,
} from '../../operations/inputs';
import * as meetings from '../../operations/meetings';
import * as mode from '../../operations/meetingMode';
import {
  closeCaseSchema,
  concernInputSchema,
  escalateInputSchema,
  leadInputSchema,
  meetingActionInputSchema,
  meetingDetailsSchema,
  recordInputSchema,
  scheduleCadenceSchema,
} from '../../operations/inputs';
import { caseRef } from './cases';
import {
  type RefusalTarget,
  authorizeFirst,
  callOf,
  etagOf,
  ifMatch,
  param,
  parseBody,
  parseQuery,
  sendVersioned,
} from '../http';
import type { Permission } from '../../auth/roles';

export function meetingRoutes(deps: OperationDeps): Router {
  const r = Router();
  const may = (target: RefusalTarget, ...p: Permission[]) => authorizeFirst(deps, target, ...p);
  const ID = { param: 'id' } as const;

  r.get('/', may('meetings', 'meeting.read'), async (req, res) => {
    res.json(await meetings.listMeetings(deps, callOf(res), parseQuery(meetingListQuerySchema, req)));
  });

  r.get('/next', may('meetings', 'meeting.read'), async (_req, res) => {
    res.json(await meetings.nextMeeting(deps, callOf(res)));
  });

  r.post('/', may('meetings', 'meeting.run'), async (req, res) => {
    const created = await meetings.scheduleMeeting(deps, callOf(res), parseBody(scheduleMeetingSchema, req));
    res.setHeader('Location', `/api/meetings/${created.id}`);
    sendVersioned(res, 201, created);
  });

  r.post('/cadence', may('meetings', 'meeting.run'), async (req, res) => {
    const body = parseBody(scheduleCadenceSchema, req);
    res.status(201).json(await meetings.scheduleFromCadence(deps, callOf(res), body.count));
  });

  r.get('/:id', may(ID, 'meeting.read'), async (req, res) => {
    sendVersioned(res, 200, await meetings.viewMeeting(deps, callOf(res), param(req, 'id')));
  });

  r.patch('/:id', may(ID, 'meeting.run'), async (req, res) => {
    const body = parseBody(meetingDetailsSchema, req);
    sendVersioned(
      res,
      200,
      await meetings.updateMeetingDetails(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  for (const [path, op, permission] of [
    ['cancel', meetings.cancelMeeting, 'meeting.run'],
    ['start', mode.startMeeting, 'meeting.run'],
    ['finish', mode.finishMeeting, 'meeting.run'],
    ['publish', mode.publishMinutes, 'minutes.publish'],
  ] as const) {
    r.post(`/:id/${path}`, may(ID, permission), async (req, res) => {
      sendVersioned(res, 200, await op(deps, callOf(res), param(req, 'id'), ifMatch(req)));
    });
  }

  r.get('/:id/minutes', may(ID, 'minutes.read'), async (req, res) => {
    const doc = await mode.getMinutesDocument(deps, callOf(res), param(req, 'id'));
    res.setHeader('Content-Type', doc.contentType);
    // The file name holds the meeting date only, never a child's name.
    res.setHeader('Content-Disposition', `attachment; filename="${doc.fileName.replace(/[^\w .-]/g, '_')}"`);
    res.end(Buffer.from(doc.bytes));
  });

  r.get('/:id/minutes/content', may(ID, 'minutes.read'), async (req, res) => {
    res.json(await mode.getMinutesContent(deps, callOf(res), param(req, 'id')));
  });

  r.get('/:id/cases/:ref', may(ID, 'meeting.read', 'case.read'), async (req, res) => {
    const view = await mode.getMeetingCase(deps, callOf(res), param(req, 'id'), caseRef(req));
    res.setHeader('ETag', etagOf(view.detail.case.version));
    res.json(view);
  });

  r.put('/:id/cases/:ref/record', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(recordInputSchema, req);
    const record = await mode.saveRecord(deps, callOf(res), param(req, 'id'), ref, ifMatch(req), body);
    sendVersioned(res, 200, record);
  });

  r.post('/:id/cases/:ref/actions', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(meetingActionInputSchema, req);
    sendVersioned(res, 201, await mode.addMeetingAction(deps, callOf(res), param(req, 'id'), ref, body));
  });

  r.post('/:id/cases/:ref/concern', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(concernInputSchema, req);
    const result = await mode.changeConcernInMeeting(
      deps,
      callOf(res),
      param(req, 'id'),
      ref,
      ifMatch(req),
      body.concern,
    );
    sendVersioned(res, 200, result.case, result);
  });

  r.post('/:id/cases/:ref/lead', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(leadInputSchema, req);
    const result = await mode.reassignLeadInMeeting(
      deps,
      callOf(res),
      param(req, 'id'),
      ref,
      ifMatch(req),
      body.lead,
    );
    sendVersioned(res, 200, result.case, result);
  });

  r.post('/:id/cases/:ref/escalate', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(escalateInputSchema, req);
    const result = await mode.escalateInMeeting(deps, callOf(res), param(req, 'id'), ref, ifMatch(req), body);
    sendVersioned(res, 201, result.case, result);
  });

  r.post('/:id/cases/:ref/close', may(ID, 'meeting.run'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(closeCaseSchema, req);
    const result = await mode.closeInMeeting(deps, callOf(res), param(req, 'id'), ref, ifMatch(req), body);
    sendVersioned(res, 200, result.case, result);
  });

  r.get('/:id/agenda', may(ID, 'meeting.read'), async (req, res) => {
    const agenda = await meetings.getAgenda(deps, callOf(res), param(req, 'id'));
    res.json({
      meetingId: agenda.meeting.id,
      startsAt: agenda.meeting.startsAt,
      frozen: agenda.frozen,
      items: agenda.items,
    });
  });

  return r;
}

export function escalationRoutes(deps: OperationDeps): Router {
  const r = Router();
  const may = (target: RefusalTarget, ...p: Permission[]) => authorizeFirst(deps, target, ...p);

  r.get('/', may('escalations', 'escalation.read'), async (req, res) => {
    res.json(
      await escalations.listEscalations(deps, callOf(res), parseQuery(escalationListQuerySchema, req)),
    );
  });

  r.post('/:id/response', may({ param: 'id' }, 'escalation.respond'), async (req, res) => {
    const body = parseBody(escalationResponseSchema, req);
    sendVersioned(
      res,
      200,
      await escalations.recordEscalationResponse(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  return r;
}
