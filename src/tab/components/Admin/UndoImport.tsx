/**
 * "Undo this import" (issue 19), shown under the report of a real import: the admin confirms in a dialog,
 * and the result lists the cases removed or put back and, by ref, those left alone because someone
 * changed them in the app since. Refs and counts only: an admin reads no child's details.
 */
import { Button } from '@fluentui/react-components';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { ArrowUndo16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { BatchSummary, UndoReport } from '../../client/adminApi';
import type { CmoeApi } from '../../client/client';
import { plural } from '../../lib/format';
import { ModalDialog } from '../common/ModalDialog';
import { ProblemBar } from '../common/ProblemBar';
import { useAdminStyles } from './Admin.styles';

const LEFT_ALONE_WORDS: Record<UndoReport['leftAlone'][number]['reason'], string> = {
  edited: 'changed in the app since the import',
  timeline: 'an update was added since',
  actions: 'an action was added or changed since',
  escalation: 'escalated since',
  meeting: 'discussed or put on an agenda since',
  conflict: 'changed while the undo ran',
};

/** The last batch, the undo's result, and the call. */
export function useUndoImport(api: CmoeApi) {
  const [batch, setBatch] = useState<BatchSummary | null>(null);
  const [result, setResult] = useState<UndoReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    api.lastImportBatch().then(
      (b) => live && setBatch(b),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const undo = async (): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.undoLastImport());
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { batch, result, error, busy, undo };
}

export function UndoImport({ api }: { api: CmoeApi }) {
  const styles = useAdminStyles();
  const { batch, result, error, busy, undo } = useUndoImport(api);
  const [open, setOpen] = useState(false);
  if (result) {
    return (
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>Import undone</MessageBarTitle>
          {plural(result.removed.length, 'case', 'cases')} removed, {result.restored.length} put back as they
          were, {result.leftAlone.length} left alone.
          {result.leftAlone.length > 0 && (
            <ul className={styles.issues} aria-label="Cases left alone">
              {result.leftAlone.map((l) => (
                <li key={l.ref}>
                  {l.ref}: {LEFT_ALONE_WORDS[l.reason]}
                </li>
              ))}
            </ul>
          )}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <div className={styles.section}>
      {batch && batch.undone === null && (
        <ModalDialog
          open={open}
          onOpenChange={setOpen}
          trigger={<Button icon={<ArrowUndo16Regular />}>Undo this import</Button>}
          title="Undo this import?"
          actions={
            <>
              <Button
                appearance="primary"
                disabled={busy}
                onClick={async () => {
                  if (await undo()) setOpen(false);
                }}
              >
                Undo the import
              </Button>
              <Button disabled={busy} onClick={() => setOpen(false)}>
                Keep it
              </Button>
            </>
          }
        >
          <p>
            The {plural(batch.created, 'case', 'cases')} it created will be removed, and the {batch.changed}{' '}
            it changed put back as they were. A case someone has changed in the app since is left alone and
            listed. An import can be undone once; case refs are not used again.
          </p>
          <ProblemBar error={error} />
        </ModalDialog>
      )}
      {!open && <ProblemBar error={error} />}
    </div>
  );
}
