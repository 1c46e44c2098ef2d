/**
 * "Export" on the CMOE list (export.run): the list as filtered on screen, as .csv or .xlsx, saved with
 * the server's file name, then a confirmation of how many cases went into the file. Where a filter on
 * screen has no server twin the menu says so before anything is downloaded (see exportModel.ts).
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import type { ExportedFile } from '../../client/adminApi';
import { useApp } from '../../app/AppContext';
import { plural } from '../../lib/format';
import { Disclosure } from '../common/Disclosure';
import { ProblemBar } from '../common/ProblemBar';
import { type ExportPlan, exportPlan } from './exportModel';
import type { CaseListState } from './useCaseList';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { saveFile } from '../../lib/download';

const useExportStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    width: '260px',
    maxWidth: '100%',
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface CaseExport {
  allowed: boolean;
  plan: ExportPlan;
  busy: 'csv' | 'xlsx' | null;
  done: { fileName: string; count: number | null; shown: number } | null;
  error: unknown;
  run(format: 'csv' | 'xlsx'): Promise<void>;
  dismiss(): void;
}

export function useCaseExport(list: CaseListState): CaseExport {
  const { api, can } = useApp();
  const [busy, setBusy] = useState<CaseExport['busy']>(null);
  const [done, setDone] = useState<CaseExport['done']>(null);
  const [error, setError] = useState<unknown>(null);
  const plan = useMemo(
    () => exportPlan(list.all, list.rows, list.filters, list.mineRefs),
    [list.all, list.rows, list.filters, list.mineRefs],
  );
  const run = useCallback(
    async (format: 'csv' | 'xlsx') => {
      setBusy(format);
      setError(null);
      setDone(null);
      try {
        const file: ExportedFile = await api.exportCases({ format, ...plan.query });
        saveFile(file.blob, file.fileName);
        setDone({ fileName: file.fileName, count: file.count, shown: list.rows.length });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(null);
      }
    },
    [api, plan.query, list.rows.length],
  );
  return {
    allowed: can('export.run') && can('case.read'),
    plan,
    busy,
    done,
    error,
    run,
    dismiss: () => {
      setDone(null);
      setError(null);
    },
  };
}

function planWords(plan: ExportPlan): string {
  const n = plural(plan.expected.length, 'case', 'cases');
  if (plan.matchesScreen && plan.notApplied.length === 0) return `The ${n} shown`;
  if (plan.notApplied.length === 0) return `${n}, as the server filters them`;
  return `${n}: the file cannot apply ${plan.notApplied.join('; ')}`;
}

/**
 * A Disclosure with the two formats rather than a Fluent Menu: the Menu brings a positioning engine and
 * its focus management, about 35 KB gzipped, for two buttons.
 */
export function ExportMenu({ exporter }: { exporter: CaseExport }) {
  const styles = useExportStyles();
  if (!exporter.allowed) return null;
  const { plan, busy } = exporter;
  return (
    <Disclosure
      label={busy ? 'Exporting…' : 'Export'}
      panelLabel="Export the list"
      icon={<ArrowDownload20Regular />}
      appearance="subtle"
      disabled={busy !== null}
      align="end"
    >
      {(close) => (
        <div className={styles.panel}>
          <Text>{planWords(plan)}</Text>
          <div className={styles.buttons}>
            {(['csv', 'xlsx'] as const).map((format) => (
              <Button
                key={format}
                onClick={() => {
                  close();
                  void exporter.run(format);
                }}
              >
                {format === 'csv' ? 'CSV (.csv)' : 'Excel (.xlsx)'}
              </Button>
            ))}
          </div>
        </div>
      )}
    </Disclosure>
  );
}

/** The outcome of the last export, under the list's title. */
export function ExportResult({ exporter }: { exporter: CaseExport }) {
  const dismiss = (
    <MessageBarActions
      containerAction={
        <Button
          appearance="transparent"
          aria-label="Dismiss"
          icon={<Dismiss20Regular />}
          onClick={exporter.dismiss}
        />
      }
    />
  );
  if (exporter.error) return <ProblemBar error={exporter.error} action={dismiss} />;
  const d = exporter.done;
  if (!d) return null;
  const count = d.count === null ? 'The cases' : plural(d.count, 'case', 'cases');
  return (
    <MessageBar intent="success" role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Exported</MessageBarTitle>
        {count} saved to {d.fileName}.
        {d.count !== null && d.count !== d.shown && ` The list shows ${plural(d.shown, 'case', 'cases')}.`}
      </MessageBarBody>
      {dismiss}
    </MessageBar>
  );
}
