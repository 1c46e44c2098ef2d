import { Router } from 'express';
import type { OperationDeps } from '../../operations/context';
import * as actions from '../../operations/actions';
import {
  actionInputSchema,
  actionListQuerySchema,
  actionPatchSchema,
  cancelActionSchema,
  completeActionSchema,
  extendActionSchema,
} from '../../operations/inputs';
import { callOf, ifMatch, param, parseBody, parseQuery, sendVersioned } from '../http';

export function actionRoutes(deps: OperationDeps): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    res.json(await actions.listActions(deps, callOf(res), parseQuery(actionListQuerySchema, req)));
  });

  r.post('/', async (req, res) => {
    const created = await actions.createAction(deps, callOf(res), parseBody(actionInputSchema, req));
    res.setHeader('Location', `/api/actions/${created.id}`);
    sendVersioned(res, 201, created);
  });

  r.get('/:id', async (req, res) => {
    sendVersioned(res, 200, await actions.getAction(deps, callOf(res), param(req, 'id')));
  });

  r.patch('/:id', async (req, res) => {
    const body = parseBody(actionPatchSchema, req);
    sendVersioned(
      res,
      200,
      await actions.updateAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/complete', async (req, res) => {
    const body = parseBody(completeActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.completeAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/extend', async (req, res) => {
    const body = parseBody(extendActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.extendAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/cancel', async (req, res) => {
    const body = parseBody(cancelActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.cancelAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body.reason),
    );
  });

  return r;
}
