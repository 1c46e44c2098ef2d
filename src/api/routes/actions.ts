import { type RequestHandler, Router } from 'express';
import type { Permission } from '../../auth/roles';
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
import {
  type RefusalTarget,
  authorizeFirst,
  callOf,
  ifMatch,
  param,
  parseBody,
  parseQuery,
  sendVersioned,
} from '../http';

export function actionRoutes(deps: OperationDeps): Router {
  const r = Router();
  const may = (target: RefusalTarget, ...p: Permission[]) => authorizeFirst(deps, target, ...p);
  const ID = { param: 'id' } as const;
  // Members change only the actions they own: checked on the stored action before the body is read.
  const mayChange: RequestHandler = async (req, res, next) => {
    await actions.authorizeChange(deps, callOf(res), param(req, 'id'));
    next();
  };

  r.get('/', may('actions', 'case.read'), async (req, res) => {
    res.json(await actions.listActions(deps, callOf(res), parseQuery(actionListQuerySchema, req)));
  });

  r.post('/', may('actions', 'action.create'), async (req, res) => {
    const created = await actions.createAction(deps, callOf(res), parseBody(actionInputSchema, req));
    res.setHeader('Location', `/api/actions/${created.id}`);
    sendVersioned(res, 201, created);
  });

  r.get('/:id', may(ID, 'case.read'), async (req, res) => {
    sendVersioned(res, 200, await actions.getAction(deps, callOf(res), param(req, 'id')));
  });

  r.patch('/:id', mayChange, async (req, res) => {
    const body = parseBody(actionPatchSchema, req);
    sendVersioned(
      res,
      200,
      await actions.updateAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/complete', mayChange, async (req, res) => {
    const body = parseBody(completeActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.completeAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/extend', mayChange, async (req, res) => {
    const body = parseBody(extendActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.extendAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body),
    );
  });

  r.post('/:id/cancel', may(ID, 'action.updateAny'), async (req, res) => {
    const body = parseBody(cancelActionSchema, req);
    sendVersioned(
      res,
      200,
      await actions.cancelAction(deps, callOf(res), param(req, 'id'), ifMatch(req), body.reason),
    );
  });

  return r;
}
