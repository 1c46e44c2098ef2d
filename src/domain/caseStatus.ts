/**
 * The one list of case statuses and concern levels, with what each subset means and the one order of
 * concern. No zod here (types.ts builds the schemas from these), so the tab can import the values without
 * pulling zod into its bundle.
 */

/** Highest concern first: this order is {@link CONCERN_RANK}. */
export const CONCERNS = ['high', 'medium', 'low'] as const;
export type Concern = (typeof CONCERNS)[number];

/**
 * The one order of concern, 0 for high (highest first): the agenda, the minutes, the case list's sort
 * and the demo data all rank by it.
 */
export const CONCERN_RANK: Readonly<Record<Concern, number>> = { high: 0, medium: 1, low: 2 };

export const CASE_STATUSES = ['referred', 'open', 'escalated', 'monitoring', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Every status but closed: the cases the group is still working on (agenda, reminders, the case list's
 * default view).
 */
export const OPEN_CASE_STATUSES = ['referred', 'open', 'escalated', 'monitoring'] as const;

/**
 * The statuses a plain edit (a case patch, an import row) may set, and only on a case already in one of
 * them: escalation, closure and reopening record more than a status, in their own operations.
 */
export const PLAIN_EDIT_STATUSES = ['referred', 'open', 'monitoring'] as const;
export type PlainEditStatus = (typeof PLAIN_EDIT_STATUSES)[number];
