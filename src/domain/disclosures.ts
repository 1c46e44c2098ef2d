/**
 * The disclosure log (ToR §6): "data protection will be over-ridden where there is a significant child
 * protection issue". When the group shares a child's information under that override, it records what
 * went to whom, why, on which lawful basis and who authorised it. An entry is read-only once saved: a
 * correction is a new entry naming the one it corrects, which then shows as corrected (the log never loses
 * what was first written). The lawful bases are the ones docs/data-protection.md explains.
 */
import { z } from 'zod';
import { freeText } from './text';
import { caseRefSchema, instantSchema, localDateSchema, personSchema } from './types';

/** What was shared, by category (a fixed list, so the log can be read and counted; details in free text). */
export const DISCLOSURE_CATEGORIES = [
  'identity',
  'contact-address',
  'education',
  'family-household',
  'health',
  'send',
  'social-care',
  'safeguarding-concern',
  'criminal-offence',
  'whereabouts',
  'other',
] as const;
export const disclosureCategorySchema = z.enum(DISCLOSURE_CATEGORIES);
export type DisclosureCategory = z.infer<typeof disclosureCategorySchema>;

export const DISCLOSURE_CATEGORY_LABELS: Readonly<Record<DisclosureCategory, string>> = {
  identity: 'Identity (name, date of birth, UPN)',
  'contact-address': 'Address and contact details',
  education: 'Education (school, attendance, provision)',
  'family-household': 'Family and household',
  health: 'Health (special category)',
  send: 'Special educational needs and disability (special category where health)',
  'social-care': "Children's social care involvement",
  'safeguarding-concern': 'The safeguarding concern',
  'criminal-offence': 'Criminal offence or exploitation information',
  whereabouts: 'Known or suspected whereabouts',
  other: 'Other (described in the details)',
};

/** UK GDPR Article 6(1): the lawful basis for the sharing itself (one is chosen). */
export const ARTICLE_6_BASES = ['art6-1c', 'art6-1d', 'art6-1e'] as const;
export const article6BasisSchema = z.enum(ARTICLE_6_BASES);
export type Article6Basis = z.infer<typeof article6BasisSchema>;

export const ARTICLE_6_LABELS: Readonly<Record<Article6Basis, string>> = {
  'art6-1c': 'UK GDPR Art 6(1)(c): legal obligation',
  'art6-1d': 'UK GDPR Art 6(1)(d): vital interests',
  'art6-1e': 'UK GDPR Art 6(1)(e): public task',
};

/**
 * UK GDPR Article 9(2) with, where the Data Protection Act 2018 requires one, its Schedule 1 condition:
 * needed when special category data (health, SEND where it is health) is shared. `none` says none was.
 * Criminal offence data (Art 10) relies on the same Schedule 1 conditions (Sch 1 Pt 3 para 36 extends
 * Part 2's to it without the substantial public interest test).
 */
export const SPECIAL_CATEGORY_CONDITIONS = [
  'none',
  'art9-2b-sch1-para1',
  'art9-2c',
  'art9-2g-sch1-para6',
  'art9-2g-sch1-para18',
  'art9-2h-sch1-para2',
] as const;
export const specialCategoryConditionSchema = z.enum(SPECIAL_CATEGORY_CONDITIONS);
export type SpecialCategoryCondition = z.infer<typeof specialCategoryConditionSchema>;

export const SPECIAL_CATEGORY_LABELS: Readonly<Record<SpecialCategoryCondition, string>> = {
  none: 'No special category or criminal offence data shared',
  'art9-2b-sch1-para1': 'Art 9(2)(b) with DPA 2018 Sch 1 para 1: social protection law',
  'art9-2c': 'Art 9(2)(c): vital interests, the child unable to consent',
  'art9-2g-sch1-para6': 'Art 9(2)(g) with DPA 2018 Sch 1 para 6: statutory purposes',
  'art9-2g-sch1-para18':
    'Art 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of children and of individuals at risk',
  'art9-2h-sch1-para2': 'Art 9(2)(h) with DPA 2018 Sch 1 para 2: health or social care purposes',
};

/** Special category data needs an Art 9 condition: these categories always are (or may be) such data. */
export const SPECIAL_CATEGORIES: readonly DisclosureCategory[] = ['health', 'send', 'criminal-offence'];

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
