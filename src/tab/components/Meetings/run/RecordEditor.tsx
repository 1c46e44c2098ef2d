/**
 * What the meeting says about one case (summary, decisions), autosaved, with its save status always in
 * view, and — when the chair's other device saved the same case — both texts side by side to choose from.
 */
import { Button, Radio, RadioGroup } from '@fluentui/react-components';
import {
  ArrowSync16Regular,
  CheckmarkCircle16Filled,
  Edit16Regular,
  ErrorCircle16Filled,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { TextField } from '../../common/FormFields';
import { useRunnerStyles } from './MeetingRunner.styles';
import type { ConflictChoice, RecordAutosave, RecordField, SaveState } from './useRecordAutosave';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export const FIELD_LABELS: Record<RecordField, string> = {
  summary: 'Discussion summary',
  decisions: 'Decisions',
  challengeNote: 'Why not escalated or reassigned',
};

const STATE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Not saved yet',
  saving: 'Saving…',
  retrying: 'Not saved — retrying',
  conflict: 'Not saved — choose which text to keep',
  error: 'Not saved',
};

/** The save status in words with an icon, announced politely as it changes. */
export function SaveStatus({ state }: { state: SaveState }) {
  const styles = useRunnerStyles();
  const icon =
    state === 'saved' ? (
      <CheckmarkCircle16Filled className={styles.statusOk} aria-hidden="true" />
    ) : state === 'saving' ? (
      <ArrowSync16Regular aria-hidden="true" />
    ) : state === 'unsaved' ? (
      <Edit16Regular aria-hidden="true" />
    ) : state === 'conflict' ? (
      <Warning16Filled className={styles.statusBad} aria-hidden="true" />
    ) : (
      <ErrorCircle16Filled className={styles.statusBad} aria-hidden="true" />
    );
  return (
    <span role="status" className={styles.status}>
      {icon}
      {STATE_TEXT[state]}
    </span>
  );
}

function ConflictChooser({ autosave }: { autosave: RecordAutosave }) {
  const styles = useRunnerStyles();
  const conflict = autosave.conflict;
  const [choices, setChoices] = useState<Partial<Record<RecordField, ConflictChoice>>>({});
  const heading = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    setChoices({});
    heading.current?.focus();
  }, [conflict?.version]);
  if (!conflict) return null;
  return (
    <section className={styles.conflict} aria-labelledby="record-conflict-title">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            <span id="record-conflict-title" ref={heading} tabIndex={-1}>
              This case was also saved from another device
            </span>
          </MessageBarTitle>
          Nothing has been overwritten. For each part you both changed, keep the saved text, yours, or both.
        </MessageBarBody>
      </MessageBar>
      {conflict.clashes.map((f) => (
        <div key={f} className={styles.section}>
          <h4 className={styles.sectionTitle}>{FIELD_LABELS[f]}</h4>
          <div className={styles.conflictTexts}>
            <div>
              <p className={styles.muted}>Saved from the other device</p>
              <blockquote
                className={styles.quote}
                aria-label={`${FIELD_LABELS[f]} saved from the other device`}
              >
                {conflict.theirs[f] || '(empty)'}
              </blockquote>
            </div>
            <div>
              <p className={styles.muted}>What you typed here</p>
              <blockquote className={styles.quote} aria-label={`${FIELD_LABELS[f]} you typed here`}>
                {conflict.mine[f] || '(empty)'}
              </blockquote>
            </div>
          </div>
          <RadioGroup
            aria-label={`Keep which ${FIELD_LABELS[f]}`}
            value={choices[f] ?? 'both'}
            onChange={(_, d) => setChoices((c) => ({ ...c, [f]: d.value as ConflictChoice }))}
          >
            <Radio value="both" label="Keep both (saved text, then yours)" />
            <Radio value="mine" label="Keep mine" />
            <Radio value="theirs" label="Keep the saved text" />
          </RadioGroup>
        </div>
      ))}
      <div>
        <Button appearance="primary" onClick={() => autosave.resolve(choices)}>
          Use this and save
        </Button>
      </div>
    </section>
  );
}

export function RecordEditor({ autosave, caseRef }: { autosave: RecordAutosave; caseRef: string }) {
  const styles = useRunnerStyles();
  return (
    <section className={styles.section} aria-labelledby={`record-${caseRef}`}>
      <div className={styles.head}>
        <h3 id={`record-${caseRef}`} className={styles.sectionTitle}>
          Record of the discussion
        </h3>
        <SaveStatus state={autosave.state} />
      </div>
      {autosave.state === 'retrying' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Offline</MessageBarTitle>
            What you type is kept on this device and saved as soon as the connection is back.
          </MessageBarBody>
        </MessageBar>
      )}
      {autosave.state === 'error' && autosave.error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not saved</MessageBarTitle>
            {autosave.error.detail} What you typed is kept on this device.
          </MessageBarBody>
        </MessageBar>
      )}
      <ConflictChooser autosave={autosave} />
      <TextField
        label={FIELD_LABELS.summary}
        multiline
        maxLength={8000}
        value={autosave.draft.summary}
        onChange={(v) => autosave.set('summary', v)}
      />
      <TextField
        label={FIELD_LABELS.decisions}
        multiline
        maxLength={8000}
        value={autosave.draft.decisions}
        onChange={(v) => autosave.set('decisions', v)}
      />
    </section>
  );
}
