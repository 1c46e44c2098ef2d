/**
 * Add a SMART action to a case. Beside the form, a checklist explains the four parts as the user
 * types; on submit, the server's SMART check answers, and each missing part is shown against its field.
 */
import { Button } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular, ErrorCircle16Filled } from '@fluentui/react-icons';
import { useApp } from '../../app/AppContext';
import type { Person } from '../../../domain/types';
import type { ActionView } from '../../../domain/views';
import type { NewAction } from '../../client/client';
import { todayLondon } from '../../lib/format';
import { DateField, SelectField, TextField } from '../common/FormFields';
import { useActionStyles } from './Actions.styles';
import { type SmartHint, useActionForm } from './useActionForm';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

function HintIcon({ state }: { state: SmartHint['state'] }) {
  const styles = useActionStyles();
  if (state === 'ok') return <CheckmarkCircle16Filled className={styles.ok} aria-hidden="true" />;
  if (state === 'problem') return <ErrorCircle16Filled className={styles.problem} aria-hidden="true" />;
  return <Circle16Regular className={styles.missing} aria-hidden="true" />;
}

const STATE_WORDS: Record<SmartHint['state'], string> = {
  ok: 'done',
  missing: 'still needed',
  problem: 'needs a different date',
};

export function ActionForm({
  caseRef,
  casePeople = [],
  onCreated,
  onCancel,
  create,
}: {
  caseRef: string;
  /** People already on the case (its lead, owners of its actions): owners to offer besides the user. */
  casePeople?: readonly (Person & { service?: string })[];
  onCreated(action: ActionView): void;
  onCancel(): void;
  /** Adds the action somewhere other than the case's own list (a meeting: POST .../cases/:ref/actions). */
  create?: (body: NewAction) => Promise<ActionView>;
}) {
  const styles = useActionStyles();
  const { api, people: known } = useApp();
  // Inside Teams the tab has no directory to search: the user, the demo users locally, and whoever
  // already works on this case.
  const people = [...known];
  for (const p of casePeople) if (!people.some((x) => x.id === p.id)) people.push(p);
  const today = todayLondon();
  const form = useActionForm(api, caseRef, people, today, create);
  const v = form.values;
  const ownerOptions = people.map((p) => ({
    value: p.id,
    label: p.service ? `${p.name} — ${p.service}` : p.name,
  }));

  return (
    <form
      className={styles.form}
      aria-labelledby="new-action-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const created = await form.submit();
        if (created) onCreated(created);
      }}
    >
      <div className={styles.formFields}>
        <h3 id="new-action-title" className={styles.formTitle}>
          New SMART action
        </h3>
        {form.error && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {form.error.code === 'Invalid' ? 'Not added yet' : 'Not added'}
              </MessageBarTitle>
              {form.error.detail}
            </MessageBarBody>
          </MessageBar>
        )}
        <TextField
          label="What will be done (specific)"
          required
          multiline
          maxLength={2000}
          value={v.description}
          issues={form.issues('description')}
          onChange={(x) => form.set('description', x)}
        />
        <TextField
          label="Success measure (measurable)"
          hint="How the group will know it is done"
          required
          multiline
          maxLength={2000}
          value={v.successMeasure}
          issues={form.issues('successMeasure')}
          onChange={(x) => form.set('successMeasure', x)}
        />
        <div className={styles.twoUp}>
          <SelectField
            label="Owner"
            required
            placeholder="Choose who will do it"
            value={v.ownerId}
            options={ownerOptions}
            issues={form.issues('owner')}
            onChange={(x) => form.set('ownerId', x)}
          />
          <TextField
            label="Owner's service"
            value={v.ownerService}
            maxLength={200}
            issues={form.issues('ownerService')}
            onChange={(x) => form.set('ownerService', x)}
          />
          <DateField
            label="Due date (time-bound)"
            required
            min={today}
            value={v.dueDate}
            issues={form.issues('dueDate')}
            onChange={(x) => form.set('dueDate', x ?? '')}
          />
        </div>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={form.submitting}>
            {form.submitting ? 'Adding…' : 'Add action'}
          </Button>
          <Button type="button" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
      <aside className={styles.smart} aria-labelledby="smart-title">
        <h4 id="smart-title" className={styles.smartTitle}>
          Is it SMART?
        </h4>
        <ul className={styles.smartList}>
          {form.hints.map((h) => (
            <li key={h.part} className={styles.smartItem}>
              <HintIcon state={h.state} />
              <span className={styles.smartText}>
                <span>
                  <span className={styles.smartPart}>{h.name}</span>: {h.ask} — {STATE_WORDS[h.state]}
                </span>
                {h.detail && <span>{h.detail}</span>}
              </span>
            </li>
          ))}
        </ul>
      </aside>
    </form>
  );
}
