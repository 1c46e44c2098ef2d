/**
 * The referral form's state. As soon as the required fields are filled, it asks the server what the
 * referral would look like (POST /api/cases/check: the referral date, i.e. the next meeting on or after
 * receipt; the year group from the date of birth; the ToR §3 eligibility warnings), and asks again when
 * the answers change, so the user sees all of it before submitting. Outside the definition is allowed:
 * the referral is accepted with its warnings, never dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  Case,
  Category,
  CseRisk,
  Provision,
  ReferralSource,
  SendStatus,
  SocialCareStatus,
  YearGroup,
} from '../../../domain/types';
import type { ReferralCheck } from '../../../domain/views';
import { ApiError, type CmoeApi, type ReferralBody } from '../../client/client';

export interface ReferralValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  /** '' = work it out from the date of birth. */
  yearGroup: YearGroup | '';
  upn: string;
  lastSchool: string;
  categories: Category[];
  provision: Provision | '';
  hoursPerWeek: number | null;
  outOfEducationSince: string;
  exclusionDate: string;
  timetableEndDate: string;
  timetableReviewDate: string;
  referralSource: ReferralSource | '';
  referredBy: string;
  receivedOn: string;
  leadName: string;
  leadEmail: string;
  agencies: string[];
  sendStatus: SendStatus;
  socialCareStatus: SocialCareStatus;
  cseRisk: CseRisk;
  concernNotes: string;
}

export function emptyReferral(referredBy: string, today: string): ReferralValues {
  return {
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    yearGroup: '',
    upn: '',
    lastSchool: '',
    categories: [],
    provision: '',
    hoursPerWeek: null,
    outOfEducationSince: '',
    exclusionDate: '',
    timetableEndDate: '',
    timetableReviewDate: '',
    referralSource: '',
    referredBy,
    receivedOn: today,
    leadName: '',
    leadEmail: '',
    agencies: [],
    sendStatus: 'none',
    socialCareStatus: 'none',
    cseRisk: 'not-checked',
    concernNotes: '',
  };
}

/** The fields the check needs, with their labels, in form order. */
export const REQUIRED: { key: keyof ReferralValues; label: string }[] = [
  { key: 'firstName', label: 'first name' },
  { key: 'lastName', label: 'last name' },
  { key: 'dateOfBirth', label: 'date of birth' },
  { key: 'categories', label: 'a category' },
  { key: 'provision', label: 'current provision' },
  { key: 'referralSource', label: 'referral source' },
  { key: 'referredBy', label: 'referred by' },
  { key: 'receivedOn', label: 'date received' },
];

export function missingFields(v: ReferralValues): string[] {
  return REQUIRED.filter(({ key }) => {
    const x = v[key];
    return Array.isArray(x) ? x.length === 0 : typeof x === 'string' ? x.trim() === '' : x === null;
  }).map((r) => r.label);
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The request body, or null while a required field is empty. */
export function referralBody(
  v: ReferralValues,
  knownLeadId: (email: string) => string | null,
): ReferralBody | null {
  if (missingFields(v).length > 0) return null;
  const leadEmail = orNull(v.leadEmail);
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    dateOfBirth: v.dateOfBirth,
    ...(v.yearGroup ? { yearGroup: v.yearGroup } : {}),
    upn: orNull(v.upn),
    lastSchool: orNull(v.lastSchool),
    categories: v.categories,
    provision: v.provision as Provision,
    hoursPerWeek: v.hoursPerWeek,
    outOfEducationSince: orNull(v.outOfEducationSince),
    exclusionDate: orNull(v.exclusionDate),
    timetableEndDate: orNull(v.timetableEndDate),
    timetableReviewDate: orNull(v.timetableReviewDate),
    referralSource: v.referralSource as ReferralSource,
    referredBy: v.referredBy.trim(),
    receivedOn: v.receivedOn,
    lead:
      orNull(v.leadName) === null && leadEmail === null
        ? null
        : { id: leadEmail ? knownLeadId(leadEmail) : null, name: v.leadName.trim(), email: leadEmail },
    agencies: v.agencies,
    sendStatus: v.sendStatus,
    socialCareStatus: v.socialCareStatus,
    cseRisk: v.cseRisk,
    concernNotes: orNull(v.concernNotes),
  };
}

export type CheckState =
  | { status: 'waiting'; missing: string[] }
  | { status: 'checking' }
  | { status: 'checked'; result: ReferralCheck }
  | { status: 'failed'; error: ApiError };

export interface ReferralForm {
  values: ReferralValues;
  set<K extends keyof ReferralValues>(key: K, value: ReferralValues[K]): void;
  check: CheckState;
  /** Field messages from the last check or submit. */
  issues(path: string): string[];
  submitting: boolean;
  submitError: ApiError | null;
  submit(): Promise<{ case: Case; check: ReferralCheck } | null>;
  reset(): void;
}

/** How long to wait after typing stops before checking again. */
export const CHECK_DELAY_MS = 400;

export function useReferralForm(
  api: CmoeApi,
  opts: { referredBy: string; today: string; knownLeadId?: (email: string) => string | null },
): ReferralForm {
  const [values, setValues] = useState<ReferralValues>(() => emptyReferral(opts.referredBy, opts.today));
  const [check, setCheck] = useState<CheckState>({ status: 'waiting', missing: missingFields(values) });
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const knownLeadId = opts.knownLeadId;
  const body = useMemo(() => referralBody(values, knownLeadId ?? (() => null)), [values, knownLeadId]);
  const bodyKey = body ? JSON.stringify(body) : null;
  const latest = useRef(0);

  useEffect(() => {
    if (!body) {
      setCheck({ status: 'waiting', missing: missingFields(values) });
      return;
    }
    const n = ++latest.current;
    setCheck({ status: 'checking' });
    const timer = setTimeout(() => {
      api.checkReferral(body).then(
        (result) => {
          if (n === latest.current) setCheck({ status: 'checked', result });
        },
        (e: unknown) => {
          if (n !== latest.current) return;
          setCheck({
            status: 'failed',
            error:
              e instanceof ApiError
                ? e
                : new ApiError(0, 'Internal', 'Error', 'The check failed. Try again.'),
          });
        },
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
    // bodyKey stands for body's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, bodyKey]);

  const issues = useCallback(
    (path: string) => {
      const e = submitError ?? (check.status === 'failed' ? check.error : null);
      return e?.issuesFor(path) ?? [];
    },
    [submitError, check],
  );

  return {
    values,
    set: (key, value) => {
      setSubmitError(null);
      setValues((v) => ({ ...v, [key]: value }));
    },
    check,
    issues,
    submitting,
    submitError,
    submit: async () => {
      if (!body) return null;
      setSubmitting(true);
      setSubmitError(null);
      try {
        return await api.refer(body);
      } catch (e) {
        setSubmitError(
          e instanceof ApiError
            ? e
            : new ApiError(0, 'Internal', 'Error', 'The referral was not saved. Try again.'),
        );
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    reset: () => {
      setSubmitError(null);
      setValues(emptyReferral(opts.referredBy, opts.today));
    },
  };
}
