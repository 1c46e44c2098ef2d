/**
 * The admin's monthly disposal review (issue 18): the closed cases past retention with what their
 * disposal would change, each approved on its own in a confirm dialog that asks for the ref again, and
 * the cases under a legal or safeguarding hold. Shows refs, dates and counts only: an admin reads no
 * child's record, and the review needs none.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import { CATEGORY_LABELS, CLOSURE_REASON_LABELS, YEAR_GROUP_LABELS } from '../../../domain/labels';
import type { DisposalCandidate, HeldCase } from '../../../domain/retention';
import { useApp } from '../../app/AppContext';
import { formatInstant } from '../../lib/format';
import { FormDialog } from '../CaseView/CaseDialogs';
import { ProblemBar } from '../common/ProblemBar';
import { useAdminStyles } from './Admin.styles';
import { type DisposalReviewState, useDisposalReview } from './useDisposalReview';

function ApproveDialog({ c, state }: { c: DisposalCandidate; state: DisposalReviewState }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<unknown>(null);
  const matches = typed.trim().toUpperCase() === c.ref;
  return (
    <FormDialog
      trigger={<Button appearance="primary">Approve disposal of {c.ref}</Button>}
      title={`Dispose of ${c.ref}?`}
      submitLabel="Remove personal data"
      canSubmit={matches}
      error={error}
      setError={setError}
      onSubmit={() => state.dispose(c.ref, c.version, typed.trim())}
    >
      <Text>
        The child’s names, date of birth, UPN, school, every note and the names of the people on the case are
        removed for good. The anonymous record stays for the oversight figures. This cannot be undone.
      </Text>
      <Field label={`Type ${c.ref} to confirm`} required>
        <Input value={typed} onChange={(_, d) => setTyped(d.value)} autoComplete="off" />
      </Field>
    </FormDialog>
  );
}

function HoldDialog({ c, state }: { c: DisposalCandidate; state: DisposalReviewState }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <FormDialog
      trigger={<Button>Place a hold on {c.ref}</Button>}
      title={`Hold ${c.ref}`}
      submitLabel="Place hold"
      canSubmit={reason.trim() !== ''}
      error={error}
      setError={setError}
      onSubmit={() => state.hold(c.ref, c.version, reason.trim())}
    >
      <Field
        label="Why the case must be kept (legal or safeguarding)"
        hint="No child’s name: the reason is shown in this review."
        required
      >
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={1000} />
      </Field>
    </FormDialog>
  );
}

function DueTable({ due, state }: { due: DisposalCandidate[]; state: DisposalReviewState }) {
  if (due.length === 0) return <Text>No closed case is past its retention.</Text>;
  return (
    <Table aria-label="Cases past retention">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Case</TableHeaderCell>
          <TableHeaderCell>Year group, categories</TableHeaderCell>
          <TableHeaderCell>Closed</TableHeaderCell>
          <TableHeaderCell>Why now</TableHeaderCell>
          <TableHeaderCell>What will change</TableHeaderCell>
          <TableHeaderCell>Decision</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {due.map((c) => (
          <TableRow key={c.ref}>
            <TableCell>{c.ref}</TableCell>
            <TableCell>
              {YEAR_GROUP_LABELS[c.yearGroup]}; {c.categories.map((k) => CATEGORY_LABELS[k]).join(', ')}
            </TableCell>
            <TableCell>
              {c.closedOn} ({CLOSURE_REASON_LABELS[c.closureReason]})
            </TableCell>
            <TableCell>{c.reason}</TableCell>
            <TableCell>
              <ul aria-label={`What the disposal of ${c.ref} changes`}>
                {c.willGo
                  .filter((w) => w.count > 0)
                  .map((w) => (
                    <li key={w.kind}>
                      {w.count} {w.kind}
                    </li>
                  ))}
              </ul>
            </TableCell>
            <TableCell>
              <ApproveDialog c={c} state={state} />
              <HoldDialog c={c} state={state} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function HeldTable({ held, state }: { held: HeldCase[]; state: DisposalReviewState }) {
  const [error, setError] = useState<unknown>(null);
  if (held.length === 0) return <Text>No case is under a hold.</Text>;
  return (
    <>
      {error !== null && <ProblemBar error={error} />}
      <Table aria-label="Cases under a hold">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Case</TableHeaderCell>
            <TableHeaderCell>Closed</TableHeaderCell>
            <TableHeaderCell>Hold</TableHeaderCell>
            <TableHeaderCell>Set</TableHeaderCell>
            <TableHeaderCell>Decision</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {held.map((h) => (
            <TableRow key={h.ref}>
              <TableCell>{h.ref}</TableCell>
              <TableCell>{h.closedOn ?? '—'}</TableCell>
              <TableCell>{h.hold.reason}</TableCell>
              <TableCell>
                {formatInstant(h.hold.setAt)} by {h.hold.setBy}
              </TableCell>
              <TableCell>
                <Button
                  onClick={() => {
                    setError(null);
                    state.release(h.ref, h.version).catch(setError);
                  }}
                >
                  Release the hold on {h.ref}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

export function DisposalReviewPage() {
  const { api } = useApp();
  const styles = useAdminStyles();
  const state = useDisposalReview(api);
  const { review } = state;
  return (
    <section className={styles.root} aria-labelledby="disposal-title">
      <h2 id="disposal-title" className={styles.title}>
        Disposal review
      </h2>
      <p className={styles.lead}>
        Closed cases past the council’s retention rule{review ? ` (${review.rule})` : ''}, as of{' '}
        {review?.asOf ?? 'today'}. Nothing is removed until you approve it, case by case. A case that is open,
        reopened or under a hold is never listed.
      </p>
      <div role="status" aria-live="polite">
        {state.done && (
          <MessageBar intent="success">
            <MessageBarBody>{state.done}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {state.status === 'loading' && <Spinner label="Loading the review…" />}
      {state.status === 'error' && <ProblemBar error={state.error} />}
      {review && (
        <>
          <p className={styles.lead}>
            Last review {review.schedule.previous ?? 'none recorded'} · next due {review.schedule.nextDue}
            {review.schedule.overdue && review.schedule.dueOn
              ? ` (this review was due ${review.schedule.dueOn})`
              : ''}
            . Opening this page holds the monthly review.
          </p>
          <section className={styles.section} aria-labelledby="disposal-due">
            <h3 id="disposal-due" className={styles.subtitle}>
              Past retention ({review.due.length})
            </h3>
            <DueTable due={review.due} state={state} />
          </section>
          <section className={styles.section} aria-labelledby="disposal-held">
            <h3 id="disposal-held" className={styles.subtitle}>
              Under a hold ({review.held.length})
            </h3>
            <HeldTable held={review.held} state={state} />
          </section>
        </>
      )}
    </section>
  );
}
