/**
 * The disclosure log of every case (issue 18; disclosure.list: the chair and the admin), read only:
 * when, to whom, what kind of data, on which lawful basis and on whose authority. The free text (what
 * exactly was shared and why) is on the case, for those who read cases; an admin reads no child's record.
 */
import { Badge, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  ARTICLE_6_LABELS,
  DISCLOSURE_CATEGORY_LABELS,
  SPECIAL_CATEGORY_LABELS,
} from '../../../domain/labels';
import type { DisclosureSummary } from '../../client/disclosureApi';
import { useApp } from '../../app/AppContext';
import { formatDate, formatInstant } from '../../lib/format';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { useAdminStyles } from './Admin.styles';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

export function DisclosureLog() {
  const styles = useAdminStyles();
  const { api, can } = useApp();
  const [entries, setEntries] = useState<DisclosureSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.listDisclosures().then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const newestFirst = entries ? [...entries].reverse() : [];
  return (
    <section className={styles.root} aria-labelledby="disclosures-title">
      <h1 id="disclosures-title" className={styles.title}>
        Disclosure log
      </h1>
      <p className={styles.lead}>
        Information shared under the child-protection override (terms of reference §6). Entries cannot be
        changed; a correction is a later entry. What was shared and why is recorded on each case.
      </p>
      {error !== null && <ProblemBar error={error} />}
      {entries === null && error === null && <Spinner label="Loading the disclosure log…" />}
      {entries !== null && entries.length === 0 && <Text>No disclosure has been recorded.</Text>}
      {newestFirst.length > 0 && (
        <div className={styles.tableWrap}>
          <Table aria-label="Disclosures, newest first">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Date</TableHeaderCell>
                <TableHeaderCell>Case</TableHeaderCell>
                <TableHeaderCell>To</TableHeaderCell>
                <TableHeaderCell>Data shared</TableHeaderCell>
                <TableHeaderCell>Lawful basis</TableHeaderCell>
                <TableHeaderCell>Authorised by</TableHeaderCell>
                <TableHeaderCell>Recorded</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {newestFirst.map((d) => (
                <TableRow key={d.id}>
                  <TableCell>
                    {formatDate(d.disclosedOn)}{' '}
                    {d.correctedBy !== null && (
                      <Badge appearance="tint" color="warning">
                        Corrected
                      </Badge>
                    )}
                    {d.corrects !== null && (
                      <Badge appearance="tint" color="informative">
                        Correction
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {can('case.read') ? (
                      <RouterLink href={`/cases/${d.caseRef}`}>{d.caseRef}</RouterLink>
                    ) : (
                      d.caseRef
                    )}
                  </TableCell>
                  <TableCell>
                    {d.recipient.agency} ({d.recipient.role}
                    {d.recipient.name ? `, ${d.recipient.name}` : ''})
                  </TableCell>
                  <TableCell>{d.categories.map((c) => DISCLOSURE_CATEGORY_LABELS[c]).join('; ')}</TableCell>
                  <TableCell>
                    {ARTICLE_6_LABELS[d.article6]}; {SPECIAL_CATEGORY_LABELS[d.specialCategory]}
                  </TableCell>
                  <TableCell>
                    {d.authorisedBy.name} ({d.authorisedBy.role})
                  </TableCell>
                  <TableCell>
                    {formatInstant(d.recordedAt)} by {d.recordedBy.name}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
