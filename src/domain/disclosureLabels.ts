/**
 * The disclosure log's fixed lists and their labels (issue 18), without zod, so the tab imports them
 * without the schemas (see disclosures.ts for the record and docs/data-protection.md for the lawful bases).
 */
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
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

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
export type Article6Basis = (typeof ARTICLE_6_BASES)[number];

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
export type SpecialCategoryCondition = (typeof SPECIAL_CATEGORY_CONDITIONS)[number];

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
