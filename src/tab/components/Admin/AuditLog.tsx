/**
 * The audit log (audit.read: admins and senior managers), read only: who did what and when, newest
 * first, filtered by action, user, target and dates. Entries hold field names and version numbers,
 * never values, so nothing here shows a child's details. There is no control to change or remove an
 * entry, and the API has none either.
 */
import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { AUDIT_ACTION_LABELS } from '../../../domain/labels';
import type { AuditAction, AuditEntry } from '../../../domain/types';
import { useApp } from '../../app/AppContext';
import { formatInstant } from '../../lib/format';
import { ProblemBar } from '../common/ProblemBar';
import { useAdminStyles } from './Admin.styles';
import { AUDIT_CAP, AUDIT_PAGE, type AuditLogState, useAuditLog } from './useAuditLog';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

/** The actions in the labels' order (the domain's list is a value the tab does not import). */
const ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

function versions(e: AuditEntry): string {
  if (e.fromVersion === null && e.toVersion === null) return '—';
  if (e.fromVersion === null) return `new → v${e.toVersion}`;
  if (e.toVersion === null) return `v${e.fromVersion}`;
  return `v${e.fromVersion} → v${e.toVersion}`;
}

function Filters({ log }: { log: AuditLogState }) {
  const styles = useAdminStyles();
  const d = log.draft;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    log.apply();
  };
  return (
    <form className={styles.row} role="search" aria-label="Filter the audit log" onSubmit={onSubmit}>
      <Field label="Action">
        <Select
          className={styles.wide}
          value={d.action}
          onChange={(_, v) => log.setDraft({ action: v.value as AuditAction | '' })}
        >
          <option value="">Any action</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="User id">
        <Input
          className={styles.narrow}
          value={d.userId}
          placeholder="e.g. dev-chair"
          onChange={(_, v) => log.setDraft({ userId: v.value })}
        />
      </Field>
      <Field label="Target (case ref, id or route)">
        <Input
          className={styles.narrow}
          value={d.target}
          placeholder="e.g. CMOE-0042"
          onChange={(_, v) => log.setDraft({ target: v.value })}
        />
      </Field>
      <Field label="From">
        <Input type="date" value={d.from} onChange={(_, v) => log.setDraft({ from: v.value })} />
      </Field>
      <Field
        label="To"
        validationState={log.dateError ? 'error' : 'none'}
        validationMessage={log.dateError ?? undefined}
      >
        <Input type="date" value={d.to} onChange={(_, v) => log.setDraft({ to: v.value })} />
      </Field>
      <Button type="submit" appearance="primary">
        Apply filters
      </Button>
      <Button type="button" onClick={log.clear}>
        Clear
      </Button>
    </form>
  );
}

export function AuditLog() {
  const { api, devUsers } = useApp();
  const styles = useAdminStyles();
  const log = useAuditLog(api);
  const names = new Map(devUsers.map((u) => [u.id, u.name]));

  return (
    <section className={styles.root} aria-labelledby="audit-title">
      <h1 id="audit-title" className={styles.title}>
        Audit log
      </h1>
      <p className={styles.lead}>
        Every view of a child’s record, every change, export, import, minutes publication and refusal, newest
        first. Times are London time. Entries name fields and versions, never values; nobody can change or
        delete them.
      </p>
      <Filters log={log} />
      {log.error && (
        <ProblemBar
          error={log.error}
          action={
            log.error.code !== 'Forbidden' ? (
              <Button size="small" onClick={log.apply}>
                Try again
              </Button>
            ) : undefined
          }
        />
      )}
      {log.status === 'loading' ? (
        <Spinner label="Loading the audit log…" />
      ) : log.status === 'error' ? null : log.entries.length === 0 ? (
        <MessageBar intent="info">
          <MessageBarBody>No entries match these filters.</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Text role="status" aria-live="polite">
            {log.entries.length < log.limit
              ? `${log.entries.length.toLocaleString('en-GB')} entries.`
              : `The newest ${log.entries.length.toLocaleString('en-GB')} entries.`}
          </Text>
          <div className={styles.tableWrap}>
            <Table aria-label="Audit entries, newest first">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 170 }}>When</TableHeaderCell>
                  <TableHeaderCell style={{ width: 190 }}>Who</TableHeaderCell>
                  <TableHeaderCell style={{ width: 170 }}>Action</TableHeaderCell>
                  <TableHeaderCell style={{ width: 170 }}>Target</TableHeaderCell>
                  <TableHeaderCell>Fields or details</TableHeaderCell>
                  <TableHeaderCell style={{ width: 110 }}>Versions</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {log.entries.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell className={styles.nowrap}>
                      <time dateTime={e.at}>{formatInstant(e.at)}</time>
                    </TableCell>
                    <TableCell>
                      {e.userId}
                      {names.has(e.userId) && <span className={styles.muted}> ({names.get(e.userId)})</span>}
                    </TableCell>
                    <TableCell>{AUDIT_ACTION_LABELS[e.action]}</TableCell>
                    <TableCell>{e.target}</TableCell>
                    <TableCell>
                      {e.fields.length ? e.fields.join(', ') : <span className={styles.muted}>—</span>}
                    </TableCell>
                    <TableCell className={styles.nowrap}>{versions(e)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={styles.row}>
            {log.mayHaveMore ? (
              <Button onClick={log.loadMore} disabled={log.loadingMore}>
                {log.loadingMore ? 'Loading…' : `Load ${AUDIT_PAGE} older entries`}
              </Button>
            ) : (
              log.entries.length >= AUDIT_CAP && (
                <Text className={styles.hint}>
                  At most {AUDIT_CAP.toLocaleString('en-GB')} entries are shown: narrow the filters or dates
                  to see older ones.
                </Text>
              )
            )}
          </div>
        </>
      )}
    </section>
  );
}
