/**
 * The state of the case decision dialogs (CaseDialogs.tsx renders them): a dialog's open/busy/submit
 * cycle, and each form's fields, whether it may be sent, and the body it sends. What the user typed stays
 * when the server refuses; the error says which field it was about.
 */
import { type FormEvent, useState } from 'react';
import type { ClosureReason, EscalationTarget } from '../../../domain/types';
import { ApiError, type CloseBody, type EscalateBody } from '../../client/client';
import { todayLondon } from '../../lib/format';

/** The error of a form's last submit, and the field issues it carries. */
export interface FormError {
  error: unknown;
  setError(e: unknown): void;
  /** The server's issues for one field (by its path in the request body). */
  issues(path: string): string[];
}

export function useFormError(): FormError {
  const [error, setError] = useState<unknown>(null);
  return {
    error,
    setError,
    issues: (path) => (error instanceof ApiError ? error.issuesFor(path) : []),
  };
}

export interface FormDialogState {
  open: boolean;
  setOpen(open: boolean): void;
  busy: boolean;
  /** Sends the form: the dialog closes on success and stays open, with the error, on failure. */
  submit(e: FormEvent): Promise<void>;
}

export function useFormDialog(
  onSubmit: () => Promise<void>,
  setError: (e: unknown) => void,
): FormDialogState {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { open, setOpen, busy, submit };
}

export function useEscalateForm() {
  const [to, setTo] = useState<EscalationTarget | ''>('');
  const [toName, setToName] = useState('');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const formError = useFormError();
  const canSubmit = to !== '' && reason.trim() !== '' && decision.trim() !== '';
  const body = (): EscalateBody => ({
    to: to as EscalationTarget,
    toName: toName.trim() === '' ? null : toName,
    reason,
    decisionRequested: decision,
    ...(due ? { responseDue: due } : {}),
  });
  return {
    ...formError,
    fields: { to, toName, reason, decision, due },
    set: { to: setTo, toName: setToName, reason: setReason, decision: setDecision, due: setDue },
    canSubmit,
    body,
  };
}

export function useCloseForm() {
  const today = todayLondon();
  const [reason, setReason] = useState<ClosureReason | ''>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const formError = useFormError();
  const body = (): CloseBody => ({
    reason: reason as ClosureReason,
    date,
    note: note.trim() === '' ? null : note,
  });
  return {
    ...formError,
    today,
    fields: { reason, date, note },
    set: {
      reason: setReason,
      // A cleared date field falls back to today.
      date: (x: string | null) => setDate(x ?? today),
      note: setNote,
    },
    canSubmit: reason !== '',
    body,
  };
}

export function useReopenForm() {
  const [reason, setReason] = useState('');
  const formError = useFormError();
  return { ...formError, reason, setReason, canSubmit: reason.trim() !== '' };
}
