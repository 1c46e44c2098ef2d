import { Router } from 'express';
import type { OperationDeps } from '../../operations/context';
import { listAllDisclosures, listCaseDisclosures, recordDisclosure } from '../../operations/disclosures';
import { disclosureInputSchema, subjectAccessQuerySchema } from '../../operations/inputs/disclosures';
import { subjectAccessExport } from '../../operations/subjectAccess';
import { authorizeFirst, callOf, parseBody, parseQuery } from '../http';
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

  // Issue 18: the admin's subject access export of one child (docs/data-protection.md "Subject access").
  r.get('/:ref/subject-access', authorizeFirst(deps, REF, 'case.subjectAccess'), async (req, res) => {
    const ref = caseRef(req);
    const query = parseQuery(subjectAccessQuerySchema, req);
    const file = await subjectAccessExport(deps, callOf(res), ref, query);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
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
