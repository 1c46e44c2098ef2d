/**
 * The disclosure log (ToR §6): "data protection will be over-ridden where there is a significant child
 * protection issue". When the group shares a child's information under that override, it records what
 * went to whom, why, on which lawful basis and who authorised it. An entry is read-only once saved: a
 * correction is a new entry naming the one it corrects, which then shows as corrected (the log never loses
 * what was first written). The lawful bases are the ones docs/data-protection.md explains.
 */
import { z } from 'zod';
import { freeText } from './text';
import {
  ARTICLE_6_BASES,
  DISCLOSURE_CATEGORIES,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_CONDITIONS,
} from './disclosureLabels';
import { caseRefSchema, instantSchema, localDateSchema, personSchema } from './types';

export const disclosureCategorySchema = z.enum(DISCLOSURE_CATEGORIES);
export const article6BasisSchema = z.enum(ARTICLE_6_BASES);
export const specialCategoryConditionSchema = z.enum(SPECIAL_CATEGORY_CONDITIONS);

/** To whom: the agency and role are required; a named person is optional (ToR: "not necessarily"). */
export const recipientSchema = z
  .object({
    agency: freeText(200, { required: true }),
    role: freeText(200, { required: true }),
    name: freeText(200).nullable().default(null),
  })
  .strict();
export type Recipient = z.infer<typeof recipientSchema>;

/** Who authorised the disclosure (usually the chair or a designated safeguarding lead). */
export const authoriserSchema = z
  .object({
    name: freeText(200, { required: true }),
    role: freeText(200, { required: true }),
  })
  .strict();
export type Authoriser = z.infer<typeof authoriserSchema>;

/** What a person records (the body of `POST /api/cases/:ref/disclosures`), validated at the edge. */
export const disclosureFieldsSchema = z
  .object({
    disclosedOn: localDateSchema,
    recipient: recipientSchema,
    categories: z
      .array(disclosureCategorySchema)
      .min(1, 'choose at least one')
      .max(DISCLOSURE_CATEGORIES.length),
    /** What was shared, in words. */
    details: freeText(4000, { required: true }),
    /** Why: the significant-harm concern that overrode confidentiality. */
    reason: freeText(4000, { required: true }),
    article6: article6BasisSchema,
    specialCategory: specialCategoryConditionSchema,
    authorisedBy: authoriserSchema,
    meetingId: z.string().min(1).max(100).nullable().default(null),
    /** The id of the earlier entry (same case) this one corrects. */
    corrects: z.string().min(1).max(100).nullable().default(null),
  })
  .strict()
  .refine((d) => new Set(d.categories).size === d.categories.length, {
    path: ['categories'],
    message: 'must not repeat',
  })
  .refine((d) => d.specialCategory !== 'none' || !d.categories.some((c) => SPECIAL_CATEGORIES.includes(c)), {
    path: ['specialCategory'],
    message: 'health, SEND or criminal offence data needs an Article 9 / Schedule 1 condition',
  });
export type DisclosureFields = z.infer<typeof disclosureFieldsSchema>;

export const disclosureSchema = z.object({
  id: z.string().min(1),
  caseRef: caseRefSchema,
  disclosedOn: localDateSchema,
  recipient: recipientSchema,
  categories: z.array(disclosureCategorySchema).min(1),
  details: freeText(4000, { required: true }),
  reason: freeText(4000, { required: true }),
  article6: article6BasisSchema,
  specialCategory: specialCategoryConditionSchema,
  authorisedBy: authoriserSchema,
  meetingId: z.string().nullable(),
  corrects: z.string().nullable(),
  recordedBy: personSchema,
  recordedAt: instantSchema,
});
export type Disclosure = z.infer<typeof disclosureSchema>;

/** A disclosure as shown: with the id of the entry that corrects it, if any (the latest correction). */
export type DisclosureView = Disclosure & { correctedBy: string | null };

/**
 * The log of all disclosures (chair and admin): what went to whom, when and on which basis, without the
 * free-text details and reason (those are read on the case, by those who read cases).
 */
export type DisclosureSummary = Omit<DisclosureView, 'details' | 'reason'>;

/** Marks each entry with the entry that corrects it (the latest recorded, when corrected twice). */
export function withCorrections(entries: readonly Disclosure[]): DisclosureView[] {
  const correctedBy = new Map<string, Disclosure>();
  for (const e of entries) {
    if (e.corrects === null) continue;
    const earlier = correctedBy.get(e.corrects);
    if (!earlier || earlier.recordedAt <= e.recordedAt) correctedBy.set(e.corrects, e);
  }
  return entries.map((e) => ({ ...e, correctedBy: correctedBy.get(e.id)?.id ?? null }));
}

export function summarise(d: DisclosureView): DisclosureSummary {
  const { details: _details, reason: _reason, ...rest } = d;
  return rest;
}

export * from './disclosureLabels';
