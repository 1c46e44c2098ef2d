import { Router } from 'express';
import { caseRefSchema } from '../../domain/types';
import { InvalidError } from '../../domain/errors';
import type { OperationDeps } from '../../operations/context';
import * as cases from '../../operations/cases';
import { escalateCase } from '../../operations/escalations';
import {
  caseListQuerySchema,
  casePatchSchema,
  caseUpdateInputSchema,
  closeCaseSchema,
  escalateInputSchema,
  listCheckInputSchema,
  referralInputSchema,
  reopenCaseSchema,
} from '../../operations/inputs';
import type { Permission } from '../../auth/roles';
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

/** The `:ref` route parameter, checked to look like a case ref. */
export function caseRef(req: Parameters<typeof param>[0]): string {
  const ref = param(req, 'ref');
  if (!caseRefSchema.safeParse(ref).success) {
    throw new InvalidError('A case ref looks like CMOE-0042.', [
      { path: 'ref', message: 'must look like CMOE-0042' },
    ]);
  }
  return ref;
}

export function caseRoutes(deps: OperationDeps): Router {
  const r = Router();
  const may = (target: RefusalTarget, ...p: Permission[]) => authorizeFirst(deps, target, ...p);
  const REF = { param: 'ref' } as const;

  r.get('/', may('cases', 'case.read'), async (req, res) => {
    res.json(await cases.listCases(deps, callOf(res), parseQuery(caseListQuerySchema, req)));
  });

  r.post('/check', may('cases', 'case.refer'), async (req, res) => {
    res.json(await cases.checkReferral(deps, callOf(res), parseBody(referralInputSchema, req)));
  });

  r.post('/', may('cases', 'case.refer'), async (req, res) => {
    const result = await cases.referCase(deps, callOf(res), parseBody(referralInputSchema, req));
    res.setHeader('Location', `/api/cases/${result.case.ref}`);
    sendVersioned(res, 201, result.case, result);
  });

  r.get('/:ref', may(REF, 'case.read'), async (req, res) => {
    const detail = await cases.getCase(deps, callOf(res), caseRef(req));
    sendVersioned(res, 200, detail.case, detail);
  });

  r.patch('/:ref', may(REF, 'case.update'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(casePatchSchema, req);
    sendVersioned(res, 200, await cases.updateCase(deps, callOf(res), ref, ifMatch(req), body));
  });

  r.post('/:ref/close', may(REF, 'case.close'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(closeCaseSchema, req);
    sendVersioned(res, 200, await cases.closeCase(deps, callOf(res), ref, ifMatch(req), body));
  });

  r.post('/:ref/reopen', may(REF, 'case.close'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(reopenCaseSchema, req);
    sendVersioned(res, 200, await cases.reopenCase(deps, callOf(res), ref, ifMatch(req), body));
  });

  r.post('/:ref/list-checks', may(REF, 'case.update'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(listCheckInputSchema, req);
    sendVersioned(res, 200, await cases.addListCheck(deps, callOf(res), ref, ifMatch(req), body));
  });

  r.get('/:ref/updates', may(REF, 'case.read'), async (req, res) => {
    res.json(await cases.listCaseUpdates(deps, callOf(res), caseRef(req)));
  });

  r.post('/:ref/updates', may(REF, 'case.addUpdate'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(caseUpdateInputSchema, req);
    res.status(201).json(await cases.addCaseUpdate(deps, callOf(res), ref, body.text));
  });

  r.post('/:ref/escalations', may(REF, 'case.escalate'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(escalateInputSchema, req);
    const result = await escalateCase(deps, callOf(res), ref, ifMatch(req), body);
    sendVersioned(res, 201, result.case, result);
  });

  return r;
}
