/**
 * The "add an action" form's state. The server's SMART check is the authority (its message names each
 * missing part, and its issues land on their fields); the live checklist beside the form explains the
 * same four parts as the user types, using the calendar for weekends and bank holidays.
 */
import { useState } from 'react';
import { EMPTY_CALENDAR, bankHolidays, isWorkingDay } from '../../../domain/calendar';
import type { Person } from '../../../domain/types';
import type { ActionView } from '../../../domain/views';
import { ApiError, type CmoeApi, type NewAction } from '../../client/client';
import { formatDate } from '../../lib/format';

export interface ActionFormValues {
  description: string;
  successMeasure: string;
  ownerId: string;
  ownerService: string;
  dueDate: string;
}

export const EMPTY_ACTION: ActionFormValues = {
  description: '',
  successMeasure: '',
  ownerId: '',
  ownerService: '',
  dueDate: '',
};

export type SmartPart = 'specific' | 'measurable' | 'owner' | 'time-bound';

export interface SmartHint {
  part: SmartPart;
  /** "Specific", "Measurable", ... */
  name: string;
  ask: string;
  state: 'ok' | 'missing' | 'problem';
  detail: string | null;
}

/** Why a due date is not usable, or null. Extra closure days are the server's to check. */
export function dueDateProblem(due: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return 'Enter a date.';
  if (due <= today) return `${formatDate(due)} is not in the future.`;
  if (!isWorkingDay(due, EMPTY_CALENDAR)) {
    const holiday = bankHolidays(Number(due.slice(0, 4))).find((h) => h.date === due);
    return `${formatDate(due)} is not a working day${holiday ? ` (${holiday.name})` : ''}.`;
  }
  return null;
}

export function smartHints(v: ActionFormValues, today: string): SmartHint[] {
  const due = v.dueDate.trim();
  const dueProblem = due === '' ? null : dueDateProblem(due, today);
  return [
    {
      part: 'specific',
      name: 'Specific',
      ask: 'What will be done',
      state: v.description.trim() ? 'ok' : 'missing',
      detail: null,
    },
    {
      part: 'measurable',
      name: 'Measurable',
      ask: 'How the group will know it is done',
      state: v.successMeasure.trim() ? 'ok' : 'missing',
      detail: null,
    },
    {
      part: 'owner',
      name: 'Owner',
      ask: 'Who will do it',
      state: v.ownerId ? 'ok' : 'missing',
      detail: null,
    },
    {
      part: 'time-bound',
      name: 'Time-bound',
      ask: 'A due date on a future working day',
      state: due === '' ? 'missing' : dueProblem ? 'problem' : 'ok',
      detail: dueProblem,
    },
  ];
}

export interface ActionForm {
  values: ActionFormValues;
  set<K extends keyof ActionFormValues>(key: K, value: ActionFormValues[K]): void;
  hints: SmartHint[];
  error: ApiError | null;
  issues(path: string): string[];
  submitting: boolean;
  submit(): Promise<ActionView | null>;
  reset(): void;
}

export function useActionForm(
  api: CmoeApi,
  caseRef: string,
  people: readonly (Person & { service?: string })[],
  today: string,
  /** Where the action goes; by default the case's own POST /api/actions (meeting mode sets it by the meeting). */
  create: (body: NewAction) => Promise<ActionView> = (body) => api.createAction(body),
): ActionForm {
  const [values, setValues] = useState<ActionFormValues>(EMPTY_ACTION);
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  return {
    values,
    set: (key, value) =>
      setValues((v) => {
        const next = { ...v, [key]: value };
        if (key === 'ownerId') {
          // Fill the owner's service when we know it and the user has not typed one.
          const p = people.find((x) => x.id === value);
          const prev = people.find((x) => x.id === v.ownerId);
          if (p?.service && (v.ownerService === '' || v.ownerService === prev?.service))
            next.ownerService = p.service;
        }
        return next;
      }),
    hints: smartHints(values, today),
    error,
    issues: (path) => error?.issuesFor(path) ?? [],
    submitting,
    submit: async () => {
      setSubmitting(true);
      setError(null);
      const owner = people.find((p) => p.id === values.ownerId);
      try {
        const created = await create({
          caseRef,
          description: values.description,
          successMeasure: values.successMeasure,
          owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
          ownerService: values.ownerService.trim(),
          dueDate: values.dueDate.trim() === '' ? null : values.dueDate.trim(),
        });
        setValues(EMPTY_ACTION);
        return created;
      } catch (e) {
        setError(
          e instanceof ApiError ? e : new ApiError(0, 'Internal', 'Error', 'The action could not be added.'),
        );
        return null;
      } finally {
        setSubmitting(false);
      }
    },
    reset: () => {
      setValues(EMPTY_ACTION);
      setError(null);
    },
  };
}
