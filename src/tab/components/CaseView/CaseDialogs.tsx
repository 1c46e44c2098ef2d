/**
 * The chair's case decisions, each in a dialog: escalate, close, reopen. What the user typed stays in
 * the dialog when the server refuses (or the case changed meanwhile: the dialog says so). The state lives
 * in useCaseDialogs.ts; this file renders.
 */
import { Button } from '@fluentui/react-components';
import { ArrowUpRight20Regular, LockClosed20Regular, LockOpen20Regular } from '@fluentui/react-icons';
import type { ReactElement, ReactNode } from 'react';
import type { CloseBody, EscalateBody } from '../../client/client';
import { formatDate, todayLondon } from '../../lib/format';
import { CLOSURE_REASON_OPTIONS, ESCALATION_TARGET_OPTIONS } from '../../lib/options';
import { DateField, SelectField, TextField } from '../common/FormFields';
import { ModalDialog } from '../common/ModalDialog';
import { ProblemBar } from '../common/ProblemBar';
import { useCloseForm, useEscalateForm, useFormDialog, useReopenForm } from './useCaseDialogs';

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
  const { open, setOpen, busy, submit } = useFormDialog(onSubmit, setError);
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      title={title}
      onSubmit={submit}
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

export function EscalateDialog({
  onEscalate,
  defaultResponseDue,
}: {
  onEscalate(body: EscalateBody): Promise<void>;
  /** The date the server gives when none is chosen (policy and council calendar: the case's insights). */
  defaultResponseDue: string;
}) {
  const form = useEscalateForm();
  const { fields, set, issues } = form;
  return (
    <FormDialog
      trigger={<Button icon={<ArrowUpRight20Regular />}>Escalate</Button>}
      title="Escalate to a senior manager"
      submitLabel="Escalate"
      canSubmit={form.canSubmit}
      error={form.error}
      setError={form.setError}
      onSubmit={() => onEscalate(form.body())}
    >
      <SelectField
        label="Escalate to"
        required
        placeholder="Choose"
        value={fields.to}
        options={ESCALATION_TARGET_OPTIONS}
        issues={issues('to')}
        onChange={set.to}
      />
      <TextField label="Their name" value={fields.toName} onChange={set.toName} />
      <TextField
        label="Reason"
        required
        multiline
        value={fields.reason}
        issues={issues('reason')}
        onChange={set.reason}
      />
      <TextField
        label="Decision requested"
        required
        multiline
        value={fields.decision}
        issues={issues('decisionRequested')}
        onChange={set.decision}
      />
      <DateField
        label="Response due"
        hint={`Leave empty for the default: ${formatDate(defaultResponseDue)}.`}
        min={todayLondon()}
        value={fields.due}
        issues={issues('responseDue')}
        onChange={set.due}
      />
    </FormDialog>
  );
}

export function CloseDialog({ onClose }: { onClose(body: CloseBody): Promise<void> }) {
  const form = useCloseForm();
  const { fields, set, issues } = form;
  return (
    <FormDialog
      trigger={<Button icon={<LockClosed20Regular />}>Close case</Button>}
      title="Close this case"
      submitLabel="Close case"
      canSubmit={form.canSubmit}
      error={form.error}
      setError={form.setError}
      onSubmit={() => onClose(form.body())}
    >
      <SelectField
        label="Closure reason"
        required
        placeholder="Choose a reason"
        value={fields.reason}
        options={CLOSURE_REASON_OPTIONS}
        issues={issues('reason')}
        onChange={set.reason}
      />
      <DateField
        label="Closure date"
        required
        max={form.today}
        value={fields.date}
        issues={issues('date')}
        onChange={set.date}
      />
      <TextField label="Note" multiline value={fields.note} onChange={set.note} />
    </FormDialog>
  );
}

export function ReopenDialog({ onReopen }: { onReopen(reason: string): Promise<void> }) {
  const form = useReopenForm();
  return (
    <FormDialog
      trigger={<Button icon={<LockOpen20Regular />}>Reopen case</Button>}
      title="Reopen this case"
      submitLabel="Reopen"
      canSubmit={form.canSubmit}
      error={form.error}
      setError={form.setError}
      onSubmit={() => onReopen(form.reason)}
    >
      <TextField
        label="Why reopen it?"
        hint="This goes on the case's timeline."
        required
        multiline
        value={form.reason}
        issues={form.issues('reason')}
        onChange={form.setReason}
      />
    </FormDialog>
  );
}
