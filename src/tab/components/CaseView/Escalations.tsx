/** Escalations to senior managers: what was asked, of whom, by when, and the response (chair records it). */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { ESCALATION_TARGET_LABELS } from '../../../domain/labels';
import type { Escalation } from '../../../domain/types';
import { ApiError } from '../../client/client';
import { formatDate, todayLondon } from '../../lib/format';
import { useSubmission } from '../../lib/useSubmission';
import { TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { useCaseViewStyles } from './CaseView.styles';
import { Badge } from '@fluentui/react-components';

function RespondForm({
  escalation,
  onRespond,
}: {
  escalation: Escalation;
  onRespond(e: Escalation, body: { response: string; outcome: string | null }): Promise<void>;
}) {
  const styles = useCaseViewStyles();
  const [open, setOpen] = useState(false);
  const [response, setResponse] = useState('');
  const [outcome, setOutcome] = useState('');
  const { busy, error, run } = useSubmission();
  if (!open)
    return (
      <div className={styles.formActions}>
        <Button onClick={() => setOpen(true)}>Record the response</Button>
      </div>
    );
  return (
    <form
      className={styles.dialogForm}
      aria-label="Record the response"
      onSubmit={async (e) => {
        e.preventDefault();
        await run(async () => {
          await onRespond(escalation, { response, outcome: outcome.trim() === '' ? null : outcome });
          setOpen(false);
        });
      }}
    >
      <TextField
        label="Response"
        required
        multiline
        value={response}
        issues={error instanceof ApiError ? error.issuesFor('response') : []}
        onChange={setResponse}
      />
      <TextField label="Outcome" multiline value={outcome} onChange={setOutcome} />
      {error !== null && <ProblemBar error={error} />}
      <div className={styles.formActions}>
        <Button type="submit" appearance="primary" disabled={busy || response.trim() === ''}>
          Save response
        </Button>
        <Button type="button" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function Escalations({
  escalations,
  canRespond,
  onRespond,
}: {
  escalations: Escalation[];
  canRespond: boolean;
  onRespond(e: Escalation, body: { response: string; outcome: string | null }): Promise<void>;
}) {
  const styles = useCaseViewStyles();
  const today = todayLondon();
  if (escalations.length === 0)
    return (
      <div className={styles.panel}>
        <Text className={styles.muted}>This case has not been escalated.</Text>
      </div>
    );
  const newestFirst = [...escalations].sort((a, b) => (a.raisedOn < b.raisedOn ? 1 : -1));
  return (
    <div className={styles.panel}>
      <ul className={styles.items}>
        {newestFirst.map((e) => {
          const overdue = e.response === null && e.responseDue < today;
          return (
            <li key={e.id} className={styles.item}>
              <span className={styles.itemMeta}>
                Raised {formatDate(e.raisedOn)} by {e.raisedBy.name} to{' '}
                {e.toName
                  ? `${e.toName} (${ESCALATION_TARGET_LABELS[e.to]})`
                  : ESCALATION_TARGET_LABELS[e.to]}
              </span>
              <p className={styles.itemText}>
                <strong>Reason:</strong> {e.reason}
              </p>
              <p className={styles.itemText}>
                <strong>Decision requested:</strong> {e.decisionRequested}
              </p>
              {e.response === null ? (
                <span>
                  <Badge appearance="tint" color={overdue ? 'danger' : 'warning'}>
                    {overdue ? 'Response overdue' : 'Awaiting response'}
                  </Badge>{' '}
                  due {formatDate(e.responseDue)}
                </span>
              ) : (
                <p className={styles.itemText}>
                  <strong>Response ({formatDate(e.respondedOn)}):</strong> {e.response}
                  {e.outcome ? ` Outcome: ${e.outcome}` : ''}
                </p>
              )}
              {canRespond && e.response === null && <RespondForm escalation={e} onRespond={onRespond} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
