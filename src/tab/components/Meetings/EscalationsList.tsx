/**
 * Every escalation to senior managers, for scrutiny (issue 5 point 6): the case, when it was raised, to
 * whom, the decision asked for, when a response is due, and the response. Read-only for everyone here:
 * the chair records responses on the case.
 */
import { Clock16Regular } from '@fluentui/react-icons';
import { useEffect, useId, useState } from 'react';
import { ESCALATION_TARGET_LABELS } from '../../../domain/labels';
import type { Escalation } from '../../../domain/types';
import { useApp } from '../../app/AppContext';
import { formatDate, todayLondon } from '../../lib/format';
import { pathOf } from '../../lib/router';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { escalationOverdue, sortEscalations } from './meetingsModel';
import { useMeetingsStyles } from './Meetings.styles';
import { Badge } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

function EscalationItem({ e, today }: { e: Escalation; today: string }) {
  const styles = useMeetingsStyles();
  const headingId = useId();
  const overdue = escalationOverdue(e, today);
  const to = e.toName ? `${e.toName} (${ESCALATION_TARGET_LABELS[e.to]})` : ESCALATION_TARGET_LABELS[e.to];
  return (
    <li>
      <article className={styles.box} aria-labelledby={headingId}>
        <div className={styles.inline}>
          <h3 id={headingId} className={styles.subTitle}>
            <RouterLink href={pathOf({ name: 'case', ref: e.caseRef })}>{e.caseRef}</RouterLink>
          </h3>
          {e.response !== null ? (
            <Badge appearance="tint" color="success">
              Responded
            </Badge>
          ) : overdue ? (
            <Badge appearance="tint" color="danger" icon={<Clock16Regular />}>
              Response overdue
            </Badge>
          ) : (
            <Badge appearance="tint" color="warning">
              Awaiting response
            </Badge>
          )}
        </div>
        <dl className={styles.facts}>
          <dt className={styles.term}>Raised on</dt>
          <dd className={styles.detail}>
            {formatDate(e.raisedOn)} by {e.raisedBy.name}
          </dd>
          <dt className={styles.term}>To</dt>
          <dd className={styles.detail}>{to}</dd>
          <dt className={styles.term}>Reason</dt>
          <dd className={styles.detail}>{e.reason}</dd>
          <dt className={styles.term}>Decision requested</dt>
          <dd className={styles.detail}>{e.decisionRequested}</dd>
          <dt className={styles.term}>Response due</dt>
          <dd className={styles.detail}>
            {formatDate(e.responseDue)}
            {overdue && ' — overdue, no response yet'}
          </dd>
          <dt className={styles.term}>Response</dt>
          <dd className={styles.detail}>
            {e.response === null
              ? 'None yet'
              : `${e.response}${e.respondedOn ? ` (${formatDate(e.respondedOn)})` : ''}`}
          </dd>
          {e.outcome && (
            <>
              <dt className={styles.term}>Outcome</dt>
              <dd className={styles.detail}>{e.outcome}</dd>
            </>
          )}
        </dl>
      </article>
    </li>
  );
}

export function EscalationsList() {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const [list, setList] = useState<Escalation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const today = todayLondon();
  useEffect(() => {
    let live = true;
    api.listEscalations().then(
      (l) => live && setList(l),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);
  if (error !== null) return <ProblemBar error={error} />;
  if (list === null) return <Spinner size="small" label="Loading escalations…" />;
  if (list.length === 0) return <p className={styles.muted}>No case has been escalated.</p>;
  const overdue = list.filter((e) => escalationOverdue(e, today)).length;
  const awaiting = list.filter((e) => e.response === null).length;
  return (
    <>
      <p className={styles.text}>
        {awaiting} awaiting a response{overdue > 0 ? `, ${overdue} of them overdue` : ''}; {list.length} in
        all.
      </p>
      <ul className={styles.list} aria-label="Escalations">
        {sortEscalations(list, today).map((e) => (
          <EscalationItem key={e.id} e={e} today={today} />
        ))}
      </ul>
    </>
  );
}
