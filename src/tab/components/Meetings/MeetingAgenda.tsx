/**
 * A meeting's agenda in SPEC's sections, each case with why it is there and a link to it; while the
 * meeting is in progress, each case also shows what is being recorded for it, and the record saved last
 * is marked "Now discussing" (in words and with aria-current, not by colour alone).
 *
 * Names for end-to-end tests (A1): the follow-along view is the region {@link FOLLOW_ALONG_LABEL}; each
 * case is an article named by its heading (`CMOE-0042 · First Last`); what was recorded is a description
 * list with the terms of {@link RECORD_TERMS}; the current case carries the text {@link NOW_DISCUSSING}.
 */
import { ChatMultiple16Regular } from '@fluentui/react-icons';
import { Fragment, type ReactNode, useId } from 'react';
import { CLOSURE_REASON_LABELS, CONCERN_LABELS, ESCALATION_TARGET_LABELS } from '../../../domain/labels';
import type { Action, AgendaItem, Escalation, MeetingCaseRecord } from '../../../domain/types';
import { formatDate } from '../../lib/format';
import { pathOf } from '../../lib/router';
import { RouterLink } from '../common/RouterLink';
import { groupAgenda } from './meetingsModel';
import { useMeetingsStyles } from './Meetings.styles';
import type { CaseName } from './useMeetingView';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Badge } from '@fluentui/react-components';

export const FOLLOW_ALONG_LABEL = 'Follow along';
export const NOW_DISCUSSING = 'Now discussing';
/** The current case's element id, for the "go to" link above a long agenda. */
export const NOW_ANCHOR = 'now-discussing';
export const RECORD_TERMS = {
  summary: 'Summary',
  decisions: 'Decisions',
  concern: 'Concern changed',
  lead: 'Lead professional changed',
  actions: 'Actions set',
  escalation: 'Escalated',
  closure: 'Closed',
  challenge: 'Challenge note',
} as const;

export interface RecordDetails {
  actions: ReadonlyMap<string, Action>;
  escalations: ReadonlyMap<string, Escalation>;
}

function RecordFacts({ record, details }: { record: MeetingCaseRecord; details: RecordDetails }) {
  const styles = useMeetingsStyles();
  const esc = record.escalationId ? details.escalations.get(record.escalationId) : undefined;
  const rows: [string, ReactNode][] = [];
  if (record.summary) rows.push([RECORD_TERMS.summary, record.summary]);
  if (record.decisions) rows.push([RECORD_TERMS.decisions, record.decisions]);
  if (record.concernChange)
    rows.push([
      RECORD_TERMS.concern,
      `${CONCERN_LABELS[record.concernChange.from]} to ${CONCERN_LABELS[record.concernChange.to]}`,
    ]);
  if (record.leadChange)
    rows.push([RECORD_TERMS.lead, `${record.leadChange.from ?? 'none'} to ${record.leadChange.to}`]);
  if (record.actionIds.length > 0)
    rows.push([
      RECORD_TERMS.actions,
      <ul className={styles.plainList}>
        {record.actionIds.map((id) => {
          const a = details.actions.get(id);
          return (
            <li key={id}>
              {a
                ? `${a.description} — ${a.owner?.name ?? 'no owner'}, due ${formatDate(a.dueDate)}`
                : 'An action (loading its details…)'}
            </li>
          );
        })}
      </ul>,
    ]);
  if (record.escalationId)
    rows.push([
      RECORD_TERMS.escalation,
      esc
        ? `To ${esc.toName ?? ESCALATION_TARGET_LABELS[esc.to]}: ${esc.decisionRequested} (response due ${formatDate(esc.responseDue)})`
        : 'Yes',
    ]);
  if (record.closure)
    rows.push([
      RECORD_TERMS.closure,
      `${CLOSURE_REASON_LABELS[record.closure.reason]} (${formatDate(record.closure.date)})`,
    ]);
  if (record.challengeNote) rows.push([RECORD_TERMS.challenge, record.challengeNote]);
  if (rows.length === 0) return <p className={styles.muted}>Nothing recorded yet.</p>;
  return (
    <dl className={styles.facts} aria-label="Recorded">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.detail}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function AgendaCase({
  item,
  name,
  record,
  now,
  following,
  details,
}: {
  item: Pick<AgendaItem, 'caseRef' | 'reasons'>;
  name: CaseName | undefined;
  record: MeetingCaseRecord | undefined;
  now: boolean;
  following: boolean;
  details: RecordDetails;
}) {
  const styles = useMeetingsStyles();
  const headingId = useId();
  return (
    <li>
      <article
        className={now ? `${styles.box} ${styles.current}` : styles.box}
        aria-labelledby={headingId}
        aria-current={now ? 'true' : undefined}
        id={now ? NOW_ANCHOR : undefined}
        tabIndex={now ? -1 : undefined}
      >
        <div className={styles.inline}>
          <h4 id={headingId} className={styles.subTitle}>
            <RouterLink href={pathOf({ name: 'case', ref: item.caseRef })}>
              {name ? `${item.caseRef} · ${name.name}` : item.caseRef}
            </RouterLink>
          </h4>
          {now && (
            <Badge
              className={styles.nowBadge}
              appearance="filled"
              color="brand"
              icon={<ChatMultiple16Regular />}
            >
              {NOW_DISCUSSING}
            </Badge>
          )}
        </div>
        {item.reasons.length > 0 && (
          <ul className={styles.plainList} aria-label="Why it is on the agenda">
            {item.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
        {following && (record ? <RecordFacts record={record} details={details} /> : null)}
      </article>
    </li>
  );
}

export function AgendaView({
  items,
  names,
  records = [],
  nowRef = null,
  following = false,
  details = { actions: new Map(), escalations: new Map() },
}: {
  items: readonly AgendaItem[];
  names: ReadonlyMap<string, CaseName>;
  records?: readonly MeetingCaseRecord[];
  nowRef?: string | null;
  following?: boolean;
  details?: RecordDetails;
}) {
  const styles = useMeetingsStyles();
  const byRef = new Map(records.map((r) => [r.caseRef, r]));
  const onAgenda = new Set(items.map((i) => i.caseRef));
  const added = following ? records.filter((r) => !onAgenda.has(r.caseRef)) : [];
  const groups = groupAgenda(items);
  if (groups.length === 0 && added.length === 0)
    return (
      <MessageBar intent="info">
        <MessageBarBody>No case is on this agenda.</MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      {groups.map((g) => (
        <section key={g.section} className={styles.section} aria-label={g.label}>
          <h3 className={styles.subTitle}>
            {g.label} ({g.items.length})
          </h3>
          <ul className={styles.list}>
            {g.items.map((item) => (
              <AgendaCase
                key={item.caseRef}
                item={item}
                name={names.get(item.caseRef)}
                record={byRef.get(item.caseRef)}
                now={nowRef === item.caseRef}
                following={following}
                details={details}
              />
            ))}
          </ul>
        </section>
      ))}
      {added.length > 0 && (
        <section className={styles.section} aria-label="Added during the meeting">
          <h3 className={styles.subTitle}>Added during the meeting ({added.length})</h3>
          <ul className={styles.list}>
            {added.map((r) => (
              <AgendaCase
                key={r.caseRef}
                item={{ caseRef: r.caseRef, reasons: [] }}
                name={names.get(r.caseRef)}
                record={r}
                now={nowRef === r.caseRef}
                following
                details={details}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
