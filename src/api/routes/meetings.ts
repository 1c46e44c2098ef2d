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
import { callOf, ifMatch, param, parseBody, parseQuery, sendVersioned } from '../http';

export function meetingRoutes(deps: OperationDeps): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    res.json(await meetings.listMeetings(deps, callOf(res), parseQuery(meetingListQuerySchema, req)));
  });

  r.get('/next', async (_req, res) => {
    res.json(await meetings.nextMeeting(deps, callOf(res)));
  });

  r.post('/', async (req, res) => {
    const created = await meetings.scheduleMeeting(deps, callOf(res), parseBody(scheduleMeetingSchema, req));
    res.setHeader('Location', `/api/meetings/${created.id}`);
    sendVersioned(res, 201, created);
  });

  r.get('/:id', async (req, res) => {
    sendVersioned(res, 200, await meetings.getMeeting(deps, callOf(res), param(req, 'id')));
  });

  r.get('/:id/agenda', async (req, res) => {
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

  r.get('/', async (req, res) => {
    res.json(
      await escalations.listEscalations(deps, callOf(res), parseQuery(escalationListQuerySchema, req)),
    );
  });

  r.post('/:id/response', async (req, res) => {
    const body = parseBody(escalationResponseSchema, req);
    sendVersioned(
      res,
      200,
      await escalations.recordEscalationResponse(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  return r;
}
