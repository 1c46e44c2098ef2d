/**
 * The request bodies of the disclosure routes (issue 18). Kept in their own module so they move into the
 * route table (src/contract) without touching operations/inputs.ts.
 */
import { z } from 'zod';
import { disclosureFieldsSchema } from '../../domain/disclosures';

/** POST /api/cases/:ref/disclosures: what was shared, with whom, why, on which basis, authorised by whom. */
export const disclosureInputSchema = disclosureFieldsSchema;
export type DisclosureInput = typeof disclosureInputSchema._output;

/** GET /api/cases/:ref/subject-access?format=docx|json (the admin's subject access export). */
export const subjectAccessQuerySchema = z
  .object({ format: z.enum(['docx', 'json']).default('docx') })
  .strict();
export type SubjectAccessQuery = z.infer<typeof subjectAccessQuerySchema>;
