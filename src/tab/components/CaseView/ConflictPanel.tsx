/**
 * Shown when the case changed on the server while the user was editing: for each field they changed,
 * their edit beside what is on the server now (and what it was when they started). Where both changed
 * a field, they choose; their edits are re-applied on the current version. Nothing is saved or
 * discarded until they say so.
 */
import { Button, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { formatInstant } from '../../lib/format';
import { FIELD_LABELS, describeValue, type EditableKey } from './fields';
import type { CaseEditor, Choice } from './useCaseEditor';
import { useCaseViewStyles } from './CaseView.styles';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export function ConflictPanel({ editor }: { editor: CaseEditor }) {
  const styles = useCaseViewStyles();
  const conflict = editor.conflict;
  const [choices, setChoices] = useState<Partial<Record<EditableKey, Choice>>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setChoices({});
    heading.current?.focus();
  }, [conflict]);
  if (!conflict) return null;
  const clashes = conflict.fields.filter((f) => f.clash);
  return (
    <section className={styles.section} aria-labelledby="conflict-title">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            <span id="conflict-title" ref={heading} tabIndex={-1}>
              Someone else changed this case while you were editing
            </span>
          </MessageBarTitle>
          Nothing has been saved or lost. The case was updated on the server at{' '}
          {formatInstant(conflict.server.updatedAt)}.{' '}
          {clashes.length > 0
            ? 'Where you both changed a field, choose which value to keep; your other edits are kept.'
            : 'None of your edits clash with theirs: save to apply your edits to the current version.'}
        </MessageBarBody>
      </MessageBar>
      <Table aria-label="Your edits and the case as it is now" className={styles.conflictTable} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Field</TableHeaderCell>
            <TableHeaderCell>Your edit</TableHeaderCell>
            <TableHeaderCell>Now on the server</TableHeaderCell>
            <TableHeaderCell>When you started</TableHeaderCell>
            <TableHeaderCell>Keep</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {conflict.fields.map((f) => (
            <TableRow key={f.key}>
              <TableCell>{FIELD_LABELS[f.key]}</TableCell>
              <TableCell>{describeValue(f.key, f.mine)}</TableCell>
              <TableCell>{describeValue(f.key, f.theirs)}</TableCell>
              <TableCell>{describeValue(f.key, f.before)}</TableCell>
              <TableCell>
                {f.clash ? (
                  <RadioGroup
                    layout="horizontal"
                    aria-label={`Keep which ${FIELD_LABELS[f.key]}`}
                    value={choices[f.key] ?? 'mine'}
                    onChange={(_, d) => setChoices((c) => ({ ...c, [f.key]: d.value as Choice }))}
                  >
                    <Radio value="mine" label="Mine" />
                    <Radio value="theirs" label="Theirs" />
                  </RadioGroup>
                ) : (
                  <Text>Yours (no clash)</Text>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {conflict.theirChanges.length > 0 && (
        <Text>
          They also changed: {conflict.theirChanges.map((k) => FIELD_LABELS[k]).join(', ')}. Those take the
          new values.
        </Text>
      )}
      <div className={styles.formActions}>
        <Button
          appearance="primary"
          disabled={editor.saving}
          onClick={() => void editor.resolve(choices, 'save')}
        >
          Re-apply my edits and save
        </Button>
        <Button disabled={editor.saving} onClick={() => void editor.resolve(choices, 'review')}>
          Re-apply and review first
        </Button>
        <Button appearance="subtle" disabled={editor.saving} onClick={editor.discard}>
          Discard my edits
        </Button>
      </div>
    </section>
  );
}
