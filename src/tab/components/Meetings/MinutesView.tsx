/**
 * The minutes of a finished meeting as the tab reads them (GET .../minutes/content): attendance, the
 * cases discussed with children of highest concern first, each case's summary, decisions and SMART
 * actions (owner, measure, due), escalations, closures and the disclosures recorded in it. The .docx is
 * downloaded as the server made it; the chair publishes from here once the meeting is over
 * (PublishMinutes, from meeting mode).
 */
import { Button } from '@fluentui/react-components';
import { ArrowDownload20Regular, Warning16Filled } from '@fluentui/react-icons';
import { Fragment, useEffect, useId, useState } from 'react';
import type { MinutesCase, MinutesContent } from '../../../domain/minutes';
import type { Meeting } from '../../../domain/types';
import { useApp } from '../../app/AppContext';
import { formatDate, formatInstant } from '../../lib/format';
import { pathOf } from '../../lib/router';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { useMeetingsStyles } from './Meetings.styles';
import { PublishMinutes } from './run/PublishMinutes';
import { saveFile } from '../../lib/download';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Badge } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

function MinutesCaseView({ c }: { c: MinutesCase }) {
  const styles = useMeetingsStyles();
  const headingId = useId();
  const rows: [string, string][] = [];
  if (c.summary) rows.push(['Summary', c.summary]);
  if (c.decisions) rows.push(['Decisions', c.decisions]);
  if (c.concernChange) rows.push(['Concern changed', c.concernChange]);
  if (c.leadChange) rows.push(['Lead professional changed', c.leadChange]);
  if (c.challengeNote) rows.push(['Challenge note', c.challengeNote]);
  if (c.escalation) rows.push(['Escalation', c.escalation]);
  if (c.closure) rows.push(['Closure', c.closure]);
  return (
    <li>
      <article className={styles.box} aria-labelledby={headingId}>
        <div className={styles.inline}>
          <h4 id={headingId} className={styles.subTitle}>
            <RouterLink href={pathOf({ name: 'case', ref: c.caseRef })}>
              {c.caseRef} · {c.childName}
            </RouterLink>
          </h4>
          {c.highestConcern ? (
            <Badge appearance="tint" color="danger" icon={<Warning16Filled />}>
              Highest concern
            </Badge>
          ) : (
            <Badge appearance="tint" color="informative">
              {c.concern} concern
            </Badge>
          )}
        </div>
        <p className={styles.meta}>
          {c.yearGroup} · {c.section}
          {c.reasons.length > 0 ? ` · ${c.reasons.join('; ')}` : ''}
        </p>
        {rows.length > 0 && (
          <dl className={styles.facts}>
            {rows.map(([t, v]) => (
              <Fragment key={t}>
                <dt className={styles.term}>{t}</dt>
                <dd className={styles.detail}>{v}</dd>
              </Fragment>
            ))}
          </dl>
        )}
        {c.actions.length > 0 ? (
          <table className={styles.table}>
            <caption className={styles.caption}>SMART actions for {c.caseRef}</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Success measure</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {c.actions.map((a, i) => (
                <tr key={i}>
                  <td data-label="Action">{a.description}</td>
                  <td data-label="Success measure">{a.successMeasure}</td>
                  <td data-label="Owner">{a.ownerService ? `${a.owner} (${a.ownerService})` : a.owner}</td>
                  <td data-label="Due">{formatDate(a.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className={styles.muted}>No new actions.</p>
        )}
      </article>
    </li>
  );
}

export function MinutesView({ meeting, onChanged }: { meeting: Meeting; onChanged(): void }) {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const headingId = useId();
  const [content, setContent] = useState<MinutesContent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.getMinutesContent(meeting.id).then(
      (c) => live && setContent(c),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, meeting.id]);

  const published = meeting.minutesPublishedAt;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.sectionTitle}>
        Minutes
      </h2>
      {published ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Published on {formatInstant(published)}.</MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not yet published</MessageBarTitle>
            These minutes are a draft until the chair publishes them.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button
          icon={<ArrowDownload20Regular />}
          disabled={downloading}
          onClick={async () => {
            setDownloading(true);
            setDownloadError(null);
            try {
              const file = await api.downloadMinutes(meeting.id);
              saveFile(file.blob, file.fileName ?? `CMOE minutes ${content?.date ?? meeting.id}.docx`);
            } catch (e) {
              setDownloadError(e);
            } finally {
              setDownloading(false);
            }
          }}
        >
          {downloading ? 'Downloading…' : 'Download minutes (.docx)'}
        </Button>
      </div>
      <PublishMinutes meeting={meeting} onChanged={onChanged} />
      {downloadError !== null && <ProblemBar error={downloadError} />}
      {error !== null && <ProblemBar error={error} />}
      {content === null && error === null && <Spinner size="small" label="Loading the minutes…" />}
      {content && (
        <>
          <dl className={styles.facts} aria-label="Attendance">
            <dt className={styles.term}>Date</dt>
            <dd className={styles.detail}>{formatDate(content.date)}</dd>
            <dt className={styles.term}>Chair</dt>
            <dd className={styles.detail}>{content.chair ?? 'Not recorded'}</dd>
            <dt className={styles.term}>Attended</dt>
            <dd className={styles.detail}>
              {content.attendees.length ? content.attendees.join('; ') : 'Not recorded'}
            </dd>
            <dt className={styles.term}>Apologies</dt>
            <dd className={styles.detail}>
              {content.apologies.length ? content.apologies.join('; ') : 'None'}
            </dd>
          </dl>
          <h3 className={styles.subTitle}>Cases discussed ({content.cases.length})</h3>
          {content.cases.length === 0 ? (
            <p className={styles.muted}>No case was recorded.</p>
          ) : (
            <ol className={styles.list} aria-label="Cases discussed">
              {content.cases.map((c) => (
                <MinutesCaseView key={c.caseRef} c={c} />
              ))}
            </ol>
          )}
          <h3 className={styles.subTitle}>Escalations ({content.escalations.length})</h3>
          {content.escalations.length === 0 ? (
            <p className={styles.muted}>None.</p>
          ) : (
            <ul className={styles.plainList} aria-label="Escalations in these minutes">
              {content.escalations.map((e) => (
                <li key={e.caseRef}>
                  {e.caseRef} · {e.childName}: to {e.to}. {e.reason} Decision requested: {e.decisionRequested}
                  . Response due {formatDate(e.responseDue)}.
                </li>
              ))}
            </ul>
          )}
          <h3 className={styles.subTitle}>Closures ({content.closures.length})</h3>
          {content.closures.length === 0 ? (
            <p className={styles.muted}>None.</p>
          ) : (
            <ul className={styles.plainList} aria-label="Closures">
              {content.closures.map((c) => (
                <li key={c.caseRef}>
                  {c.caseRef} · {c.childName}: {c.reason} ({formatDate(c.date)})
                </li>
              ))}
            </ul>
          )}
          {content.disclosures && content.disclosures.length > 0 && (
            <>
              {/* Issue 18 (ToR §6): shown as the .docx has them; absent in minutes written before. */}
              <h3 className={styles.subTitle}>
                Disclosures under the child-protection override ({content.disclosures.length})
              </h3>
              <ul className={styles.plainList} aria-label="Disclosures in these minutes">
                {content.disclosures.map((d, i) => (
                  <li key={`${d.caseRef}-${i}`}>
                    {d.caseRef}
                    {d.correction ? ' (correction)' : ''} · {d.childName}: {formatDate(d.disclosedOn)} to{' '}
                    {d.to}. Shared: {d.shared} Why: {d.reason} Lawful basis: {d.basis}. Authorised by{' '}
                    {d.authorisedBy}.
                  </li>
                ))}
              </ul>
            </>
          )}
          {content.notDiscussed.length > 0 && (
            <p className={styles.text}>On the agenda but not discussed: {content.notDiscussed.join(', ')}.</p>
          )}
        </>
      )}
    </section>
  );
}
