/**
 * The chair's case decisions, each in a dialog: escalate, close, reopen. What the user typed stays in
 * the dialog when the server refuses (or the case changed meanwhile: the dialog says so).
 */
import { Button } from '@fluentui/react-components';
import { ArrowUpRight20Regular, LockClosed20Regular, LockOpen20Regular } from '@fluentui/react-icons';
import { type ReactElement, type ReactNode, useState } from 'react';
import type { ClosureReason, EscalationTarget } from '../../../domain/types';
import { ApiError, type CloseBody, type EscalateBody } from '../../client/client';
import { todayLondon } from '../../lib/format';
import { CLOSURE_REASON_OPTIONS, ESCALATION_TARGET_OPTIONS } from '../../lib/options';
import { DateField, SelectField, TextField } from '../common/FormFields';
import { ModalDialog } from '../common/ModalDialog';
import { ProblemBar } from '../common/ProblemBar';

/** A form in a dialog: what was typed stays when the server refuses; the dialog closes on success. */
export function FormDialog({
  trigger,
  title,
  submitLabel,
  canSubmit,
  onSubmit,
  children,
  error,
  setError,
}: {
  trigger: ReactElement<{ onClick?: () => void }>;
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit(): Promise<void>;
  children: ReactNode;
  error: unknown;
  setError(e: unknown): void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      title={title}
      onSubmit={async (e) => {
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
      }}
      actions={
        <>
          <Button type="submit" appearance="primary" disabled={busy || !canSubmit}>
            {busy ? 'Saving…' : submitLabel}
          </Button>
          <Button type="button" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </>
      }
    >
      {children}
      {error !== null && <ProblemBar error={error} />}
    </ModalDialog>
  );
}

const issuesOf = (error: unknown, path: string) => (error instanceof ApiError ? error.issuesFor(path) : []);

export function EscalateDialog({ onEscalate }: { onEscalate(body: EscalateBody): Promise<void> }) {
  const [to, setTo] = useState<EscalationTarget | ''>('');
  const [toName, setToName] = useState('');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      trigger={<Button icon={<ArrowUpRight20Regular />}>Escalate</Button>}
      title="Escalate to a senior manager"
      submitLabel="Escalate"
      canSubmit={to !== '' && reason.trim() !== '' && decision.trim() !== ''}
      error={error}
      setError={setError}
      onSubmit={() =>
        onEscalate({
          to: to as EscalationTarget,
          toName: toName.trim() === '' ? null : toName,
          reason,
          decisionRequested: decision,
          ...(due ? { responseDue: due } : {}),
        })
      }
    >
      <SelectField
        label="Escalate to"
        required
        placeholder="Choose"
        value={to}
        options={ESCALATION_TARGET_OPTIONS}
        issues={issuesOf(error, 'to')}
        onChange={setTo}
      />
      <TextField label="Their name" value={toName} onChange={setToName} />
      <TextField
        label="Reason"
        required
        multiline
        value={reason}
        issues={issuesOf(error, 'reason')}
        onChange={setReason}
      />
      <TextField
        label="Decision requested"
        required
        multiline
        value={decision}
        issues={issuesOf(error, 'decisionRequested')}
        onChange={setDecision}
      />
      <DateField
        label="Response due"
        hint="Leave empty for the default: 10 working days from today."
        min={todayLondon()}
        value={due}
        issues={issuesOf(error, 'responseDue')}
        onChange={setDue}
      />
    </FormDialog>
  );
}

export function CloseDialog({ onClose }: { onClose(body: CloseBody): Promise<void> }) {
  const today = todayLondon();
  const [reason, setReason] = useState<ClosureReason | ''>('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      trigger={<Button icon={<LockClosed20Regular />}>Close case</Button>}
      title="Close this case"
      submitLabel="Close case"
      canSubmit={reason !== ''}
      error={error}
      setError={setError}
      onSubmit={() =>
        onClose({ reason: reason as ClosureReason, date, note: note.trim() === '' ? null : note })
      }
    >
      <SelectField
        label="Closure reason"
        required
        placeholder="Choose a reason"
        value={reason}
        options={CLOSURE_REASON_OPTIONS}
        issues={issuesOf(error, 'reason')}
        onChange={setReason}
      />
      <DateField
        label="Closure date"
        required
        max={today}
        value={date}
        issues={issuesOf(error, 'date')}
        onChange={(x) => setDate(x ?? today)}
      />
      <TextField label="Note" multiline value={note} onChange={setNote} />
    </FormDialog>
  );
}

export function ReopenDialog({ onReopen }: { onReopen(reason: string): Promise<void> }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      trigger={<Button icon={<LockOpen20Regular />}>Reopen case</Button>}
      title="Reopen this case"
      submitLabel="Reopen"
      canSubmit={reason.trim() !== ''}
      error={error}
      setError={setError}
      onSubmit={() => onReopen(reason)}
    >
      <TextField
        label="Why reopen it?"
        hint="This goes on the case's timeline."
        required
        multiline
        value={reason}
        issues={issuesOf(error, 'reason')}
        onChange={setReason}
      />
    </FormDialog>
  );
}
