/**
 * The admin's retention routes (issue 18): the disposal review, retention holds and approving a
 * disposal. Thin: authorise first, validate, call the operation, send the result.
 */
import { Router } from 'express';
import { disposalReview, disposeCase, placeHold, releaseHold } from '../../operations/disposal';
import type { OperationDeps } from '../../operations/context';
import { disposeInputSchema, holdInputSchema } from '../../operations/inputs/retention';
import { authorizeFirst, callOf, ifMatch, parseBody, sendVersioned } from '../http';
import { caseRef } from './cases';

export function retentionRoutes(deps: OperationDeps): Router {
  const r = Router();
  const REF = { param: 'ref' } as const;
  r.get('/review', authorizeFirst(deps, 'retention', 'retention.manage'), async (_req, res) => {
    res.json(await disposalReview(deps, callOf(res)));
  });
  r.put('/cases/:ref/hold', authorizeFirst(deps, REF, 'retention.manage'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(holdInputSchema, req);
    sendVersioned(res, 200, await placeHold(deps, callOf(res), ref, ifMatch(req), body));
  });
  r.delete('/cases/:ref/hold', authorizeFirst(deps, REF, 'retention.manage'), async (req, res) => {
    const ref = caseRef(req);
    sendVersioned(res, 200, await releaseHold(deps, callOf(res), ref, ifMatch(req)));
  });
  r.post('/cases/:ref/dispose', authorizeFirst(deps, REF, 'retention.manage'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(disposeInputSchema, req);
    sendVersioned(res, 200, await disposeCase(deps, callOf(res), ref, ifMatch(req), body));
  });
  return r;
}
