/** The case's timeline of updates, newest first, and "add an update" (appends need no version). */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { CaseUpdate } from '../../../domain/types';
import { ApiError } from '../../client/client';
import { formatInstant } from '../../lib/format';
import { useSubmission } from '../../lib/useSubmission';
import { TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { useCaseViewStyles } from './CaseView.styles';

export function Timeline({
  updates,
  canAdd,
  onAdd,
}: {
  updates: CaseUpdate[];
  canAdd: boolean;
  onAdd(text: string): Promise<void>;
}) {
  const styles = useCaseViewStyles();
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmission();
  const newestFirst = [...updates].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <div className={styles.panel}>
      {canAdd && (
        <form
          className={styles.form}
          aria-label="Add an update"
          onSubmit={async (e) => {
            e.preventDefault();
            await run(async () => {
              await onAdd(text);
              setText('');
            });
          }}
        >
          <TextField
            label="Add an update"
            hint="What happened, who was contacted, what was agreed"
            multiline
            maxLength={4000}
            value={text}
            issues={error instanceof ApiError ? error.issuesFor('text') : []}
            onChange={setText}
          />
          {error !== null && <ProblemBar error={error} />}
          <div className={styles.formActions}>
            <Button type="submit" appearance="primary" disabled={busy || text.trim() === ''}>
              {busy ? 'Adding…' : 'Add update'}
            </Button>
          </div>
        </form>
      )}
      {newestFirst.length === 0 ? (
        <Text className={styles.muted}>No updates yet.</Text>
      ) : (
        <ol className={styles.items} aria-label="Updates, newest first">
          {newestFirst.map((u) => (
            <li key={u.id} className={styles.item}>
              <span className={styles.itemMeta}>
                {u.by.name} · {formatInstant(u.at)}
              </span>
              <p className={styles.itemText}>{u.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
