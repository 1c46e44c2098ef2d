import { Router } from 'express';
import type { OperationDeps } from '../../operations/context';
import { listAllDisclosures, listCaseDisclosures, recordDisclosure } from '../../operations/disclosures';
import { disclosureInputSchema } from '../../operations/inputs/disclosures';
import { authorizeFirst, callOf, parseBody } from '../http';
import { caseRef } from './cases';

/**
 * The disclosure log (issue 18). Create and read only: there is no route that changes or removes an
 * entry (a PATCH, PUT or DELETE anywhere under these paths falls through to the API's 404).
 */
export function caseDisclosureRoutes(deps: OperationDeps): Router {
  const r = Router();
  const REF = { param: 'ref' } as const;

  r.get('/:ref/disclosures', authorizeFirst(deps, REF, 'disclosure.read'), async (req, res) => {
    res.json(await listCaseDisclosures(deps, callOf(res), caseRef(req)));
  });

  r.post('/:ref/disclosures', authorizeFirst(deps, REF, 'disclosure.record'), async (req, res) => {
    const ref = caseRef(req);
    const body = parseBody(disclosureInputSchema, req);
    res.status(201).json(await recordDisclosure(deps, callOf(res), ref, body));
  });

  return r;
}

export function disclosureRoutes(deps: OperationDeps): Router {
  const r = Router();
  r.get('/', authorizeFirst(deps, 'disclosures', 'disclosure.list'), async (_req, res) => {
    res.json(await listAllDisclosures(deps, callOf(res)));
  });
  return r;
}
