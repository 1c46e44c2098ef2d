/** Robust challenge: give the case a new lead professional (recorded in the minutes). */
import { Button } from '@fluentui/react-components';
import { PersonSwap20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Lead } from '../../../../domain/types';
import { ApiError } from '../../../client/client';
import { FormDialog } from '../../CaseView/CaseDialogs';
import { TextField } from '../../common/FormFields';

const issuesOf = (error: unknown, path: string) => (error instanceof ApiError ? error.issuesFor(path) : []);

export function LeadDialog({
  current,
  onReassign,
}: {
  current: string | null;
  onReassign(lead: Lead): Promise<void>;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      trigger={<Button icon={<PersonSwap20Regular />}>Reassign the lead</Button>}
      title="Reassign the lead professional"
      submitLabel="Reassign"
      canSubmit={name.trim() !== ''}
      error={error}
      setError={setError}
      onSubmit={() =>
        onReassign({ id: null, name: name.trim(), email: email.trim() === '' ? null : email.trim() })
      }
    >
      <p>Current lead: {current ?? 'none'}</p>
      <TextField
        label="New lead's name"
        required
        value={name}
        issues={issuesOf(error, 'lead.name')}
        onChange={setName}
      />
      <TextField
        label="Their email"
        type="email"
        value={email}
        issues={issuesOf(error, 'lead.email')}
        onChange={setEmail}
      />
    </FormDialog>
  );
}
