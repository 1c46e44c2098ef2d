/**
 * One action: what, how it is measured, who, when; its state in words (overdue, due soon, done);
 * and, for its owner or the chair, complete (with a note) and extend (with a reason) in place.
 * A stale version is shown, not overwritten: the card takes the server's action and keeps the note.
 */
import { Button } from '@fluentui/react-components';
import { CalendarArrowRight20Regular, Checkmark20Regular, Clock16Regular } from '@fluentui/react-icons';
import { type ReactNode, useState } from 'react';
import { addDays } from '../../../domain/calendar';
import { ACTION_STATUS_LABELS } from '../../../domain/labels';
import type { ActionView } from '../../../domain/views';
import { ApiError } from '../../client/client';
import { useApp } from '../../app/AppContext';
import { formatDate, formatInstant, plural, todayLondon } from '../../lib/format';
import { DateField, TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { useActionStyles } from './Actions.styles';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Badge } from '@fluentui/react-components';

/**
 * The action's state as the server computed it (`timing`: the council's calendar and the bot's "due soon"
 * days), so the badge says what the bot's reminder says; the tab keeps no copy of that rule.
 */
export function DueBadge({ action }: { action: ActionView }) {
  const s = action.timing;
  if (s === 'overdue')
    return (
      <Badge appearance="tint" color="danger" icon={<Clock16Regular />}>
        Overdue
      </Badge>
    );
  if (s === 'due-soon')
    return (
      <Badge appearance="tint" color="warning" icon={<Clock16Regular />}>
        Due soon
      </Badge>
    );
  if (s === 'closed')
    return (
      <Badge appearance="tint" color={action.status === 'done' ? 'success' : 'subtle'}>
        {ACTION_STATUS_LABELS[action.status]}
      </Badge>
    );
  return null;
}

type Mode = 'view' | 'complete' | 'extend';

function staleMessage(current: ActionView): string {
  if (current.status !== 'open')
    return `Someone else has already marked this action ${ACTION_STATUS_LABELS[current.status].toLowerCase()}. Your note is kept below.`;
  return `Someone else changed this action (now due ${formatDate(current.dueDate)}${
    current.timing === 'overdue' ? ', overdue' : ''
  }). Check it, then submit again: what you typed is kept.`;
}

export function ActionCard({
  action,
  context,
  onChanged,
}: {
  action: ActionView;
  /** Shown above the description: a link to the case, in My actions. */
  context?: ReactNode;
  onChanged(updated: ActionView): void;
}) {
  const styles = useActionStyles();
  const { api, me, can } = useApp();
  const today = todayLondon();
  const [mode, setMode] = useState<Mode>('view');
  const [note, setNote] = useState('');
  const [completedOn, setCompletedOn] = useState(today);
  const [newDue, setNewDue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const mayChange =
    action.status === 'open' &&
    (can('action.updateAny') || (can('action.updateOwn') && action.owner?.id === me.id));
  const titleId = `action-${action.id}`;

  async function run(write: () => Promise<ActionView>, success: string) {
    setBusy(true);
    setError(null);
    setStale(null);
    try {
      const updated = await write();
      onChanged(updated);
      setMode('view');
      setNote('');
      setReason('');
      setNewDue('');
      setDone(success);
    } catch (e) {
      if (e instanceof ApiError && e.isConflict && e.current) {
        const current = e.current as ActionView;
        onChanged(current);
        setStale(staleMessage(current));
      } else {
        setError(e instanceof ApiError ? e : new ApiError(0, 'Internal', 'Error', 'Not saved. Try again.'));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={styles.card} aria-labelledby={titleId}>
      {context}
      <div className={styles.cardHeader}>
        <p id={titleId} className={styles.description}>
          {action.description}
        </p>
        <DueBadge action={action} />
        {action.deferrals.length > 0 && (
          <Badge appearance="outline" color={action.deferrals.length >= 2 ? 'severe' : 'informative'}>
            Extended {plural(action.deferrals.length, 'time', 'times')}
          </Badge>
        )}
        {action.incompleteFromImport && (
          <Badge appearance="outline" color="warning">
            Incomplete — from import
          </Badge>
        )}
      </div>
      <dl className={styles.facts}>
        <dt className={styles.factLabel}>Success measure</dt>
        <dd className={styles.factValue}>{action.successMeasure || '—'}</dd>
        <dt className={styles.factLabel}>Owner</dt>
        <dd className={styles.factValue}>
          {action.owner ? action.owner.name : 'No owner'}
          {action.ownerService ? ` (${action.ownerService})` : ''}
        </dd>
        <dt className={styles.factLabel}>Due</dt>
        <dd className={styles.factValue}>{formatDate(action.dueDate)}</dd>
        {action.status !== 'open' && action.completionNote && (
          <>
            <dt className={styles.factLabel}>{action.status === 'done' ? 'Completed' : 'Note'}</dt>
            <dd className={styles.factValue}>
              {action.completedOn ? `${formatDate(action.completedOn)}: ` : ''}
              {action.completionNote}
            </dd>
          </>
        )}
      </dl>
      {action.deferrals.length > 0 && (
        <details>
          <summary>Extension history</summary>
          <ul className={styles.history}>
            {action.deferrals.map((d) => (
              <li key={d.at}>
                {formatDate(d.from)} → {formatDate(d.to)} by {d.by.name} on {formatInstant(d.at)}: {d.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {done && mode === 'view' && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
      {stale && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{stale}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ProblemBar error={error} />}
      {mayChange && mode === 'view' && (
        <div className={styles.buttons}>
          <Button
            icon={<Checkmark20Regular />}
            onClick={() => setMode('complete')}
            aria-describedby={titleId}
          >
            Complete
          </Button>
          <Button
            icon={<CalendarArrowRight20Regular />}
            onClick={() => setMode('extend')}
            aria-describedby={titleId}
          >
            Extend due date
          </Button>
        </div>
      )}
      {mode === 'complete' && (
        <form
          className={styles.inlineForm}
          aria-label="Complete this action"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api.completeAction(action.id, action.version, { note, completedOn }),
              'Marked as done.',
            );
          }}
        >
          <TextField
            label="What was done (completion note)"
            required
            multiline
            maxLength={2000}
            value={note}
            issues={error?.issuesFor('note')}
            onChange={setNote}
          />
          <DateField
            label="Completed on"
            required
            max={today}
            value={completedOn}
            issues={error?.issuesFor('completedOn')}
            onChange={(x) => setCompletedOn(x ?? today)}
          />
          <div className={styles.buttons}>
            <Button
              type="submit"
              appearance="primary"
              disabled={busy || note.trim() === '' || action.status !== 'open'}
            >
              {busy ? 'Saving…' : 'Mark as done'}
            </Button>
            <Button type="button" onClick={() => setMode('view')}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {mode === 'extend' && (
        <form
          className={styles.inlineForm}
          aria-label="Extend this action's due date"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => api.extendAction(action.id, action.version, { dueDate: newDue, reason }),
              `Due date moved to ${formatDate(newDue)}.`,
            );
          }}
        >
          <DateField
            label="New due date"
            required
            min={addDays(today, 1)}
            value={newDue}
            issues={error?.issuesFor('dueDate')}
            onChange={(x) => setNewDue(x ?? '')}
            hint="Each extension counts as a deferral: two or more make the case count as stuck."
          />
          <TextField
            label="Reason for the extension"
            required
            multiline
            maxLength={1000}
            value={reason}
            issues={error?.issuesFor('reason')}
            onChange={setReason}
          />
          <div className={styles.buttons}>
            <Button
              type="submit"
              appearance="primary"
              disabled={busy || newDue === '' || reason.trim() === '' || action.status !== 'open'}
            >
              {busy ? 'Saving…' : 'Extend'}
            </Button>
            <Button type="button" onClick={() => setMode('view')}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
