/**
 * The case's disclosure log (issue 18, ToR §6): what was shared under the child-protection override, with
 * whom, why and on which lawful basis. Entries are read-only: a mistake is put right by recording a
 * correction, a new entry naming the earlier one, which then shows as corrected.
 */
import { Badge, Button, Text } from '@fluentui/react-components';
import { ShieldKeyhole20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type {
  Article6Basis,
  DisclosureCategory,
  SpecialCategoryCondition,
} from '../../../domain/disclosureLabels';
import {
  ARTICLE_6_LABELS,
  DISCLOSURE_CATEGORY_LABELS,
  SPECIAL_CATEGORY_LABELS,
} from '../../../domain/labels';
import { ApiError } from '../../client/client';
import type { DisclosureBody, DisclosureView } from '../../client/disclosureApi';
import { useApp } from '../../app/AppContext';
import { formatDate, formatInstant, todayLondon } from '../../lib/format';
import { CheckboxGroupField, DateField, SelectField, TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { FormDialog } from './CaseDialogs';
import { useCaseViewStyles } from './CaseView.styles';
import { Spinner } from '@fluentui/react-components';

const optionsOf = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
const CATEGORY_OPTIONS = optionsOf(DISCLOSURE_CATEGORY_LABELS);
const ARTICLE_6_OPTIONS = optionsOf(ARTICLE_6_LABELS);
const SPECIAL_OPTIONS = optionsOf(SPECIAL_CATEGORY_LABELS);

const issuesOf = (error: unknown, path: string) => (error instanceof ApiError ? error.issuesFor(path) : []);

function entryLabel(d: DisclosureView): string {
  return `${formatDate(d.disclosedOn)} to ${d.recipient.agency} (${d.recipient.role})`;
}

export function RecordDisclosureDialog({
  entries,
  meetingId,
  onRecord,
}: {
  entries: DisclosureView[];
  meetingId?: string | null;
  onRecord(body: DisclosureBody): Promise<void>;
}) {
  const { me } = useApp();
  const [disclosedOn, setDisclosedOn] = useState<string | null>(todayLondon());
  const [agency, setAgency] = useState('');
  const [role, setRole] = useState('');
  const [name, setName] = useState('');
  const [categories, setCategories] = useState<DisclosureCategory[]>([]);
  const [details, setDetails] = useState('');
  const [reason, setReason] = useState('');
  const [article6, setArticle6] = useState<Article6Basis | ''>('');
  const [special, setSpecial] = useState<SpecialCategoryCondition | ''>('');
  const [authoriser, setAuthoriser] = useState(me.name);
  const [authoriserRole, setAuthoriserRole] = useState('');
  const [corrects, setCorrects] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const filled = [agency, role, details, reason, authoriser, authoriserRole].every((s) => s.trim() !== '');
  return (
    <FormDialog
      trigger={<Button icon={<ShieldKeyhole20Regular />}>Record a disclosure</Button>}
      title="Record a disclosure"
      submitLabel="Save disclosure"
      canSubmit={filled && disclosedOn !== null && categories.length > 0 && article6 !== '' && special !== ''}
      error={error}
      setError={setError}
      onSubmit={() =>
        onRecord({
          disclosedOn: disclosedOn as string,
          recipient: { agency, role, name: name.trim() === '' ? null : name },
          categories,
          details,
          reason,
          article6: article6 as Article6Basis,
          specialCategory: special as SpecialCategoryCondition,
          authorisedBy: { name: authoriser, role: authoriserRole },
          meetingId: meetingId ?? null,
          corrects: corrects === '' ? null : corrects,
        })
      }
    >
      <Text>Saved entries cannot be changed. To put one right, record a correction that names it.</Text>
      {entries.length > 0 && (
        <SelectField
          label="Corrects an earlier entry"
          placeholder="No: a new disclosure"
          value={corrects}
          options={[
            { value: '', label: 'No: a new disclosure' },
            ...entries.map((d) => ({ value: d.id, label: entryLabel(d) })),
          ].filter((_o, i) => i > 0 || corrects !== '')}
          issues={issuesOf(error, 'corrects')}
          onChange={setCorrects}
        />
      )}
      <DateField
        label="Date disclosed"
        required
        max={todayLondon()}
        value={disclosedOn}
        issues={issuesOf(error, 'disclosedOn')}
        onChange={setDisclosedOn}
      />
      <TextField
        label="Recipient agency"
        required
        value={agency}
        issues={issuesOf(error, 'recipient.agency')}
        onChange={setAgency}
      />
      <TextField
        label="Recipient role"
        required
        value={role}
        issues={issuesOf(error, 'recipient.role')}
        onChange={setRole}
      />
      <TextField label="Recipient name (optional)" value={name} onChange={setName} />
      <CheckboxGroupField
        label="Categories of data shared"
        required
        value={categories}
        options={CATEGORY_OPTIONS}
        issues={issuesOf(error, 'categories')}
        onChange={setCategories}
      />
      <TextField
        label="What was shared"
        required
        multiline
        value={details}
        issues={issuesOf(error, 'details')}
        onChange={setDetails}
      />
      <TextField
        label="Why: the significant-harm concern"
        required
        multiline
        value={reason}
        issues={issuesOf(error, 'reason')}
        onChange={setReason}
      />
      <SelectField
        label="Lawful basis (UK GDPR Article 6)"
        required
        value={article6}
        options={ARTICLE_6_OPTIONS}
        issues={issuesOf(error, 'article6')}
        onChange={setArticle6}
      />
      <SelectField
        label="Special category condition (Article 9 / DPA 2018 Schedule 1)"
        required
        value={special}
        options={SPECIAL_OPTIONS}
        issues={issuesOf(error, 'specialCategory')}
        onChange={setSpecial}
      />
      <TextField
        label="Authorised by"
        required
        value={authoriser}
        issues={issuesOf(error, 'authorisedBy.name')}
        onChange={setAuthoriser}
      />
      <TextField
        label="Their role"
        required
        value={authoriserRole}
        issues={issuesOf(error, 'authorisedBy.role')}
        onChange={setAuthoriserRole}
      />
    </FormDialog>
  );
}

export function CaseDisclosures({ caseRef, canRecord }: { caseRef: string; canRecord: boolean }) {
  const styles = useCaseViewStyles();
  const { api } = useApp();
  const [entries, setEntries] = useState<DisclosureView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setEntries(await api.listCaseDisclosures(caseRef));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [api, caseRef]);
  useEffect(() => {
    void load();
  }, [load]);

  if (entries === null && error === null) return <Spinner label="Loading disclosures…" />;
  const list = entries ?? [];
  const newestFirst = [...list].reverse();
  return (
    <section className={styles.panel} aria-labelledby="disclosures-title">
      <h2 id="disclosures-title" className={styles.sectionTitle}>
        Disclosures
      </h2>
      {error !== null && <ProblemBar error={error} />}
      {canRecord && (
        <div className={styles.formActions}>
          <RecordDisclosureDialog
            entries={list}
            onRecord={async (body) => {
              await api.recordDisclosure(caseRef, body);
              await load();
            }}
          />
        </div>
      )}
      {list.length === 0 ? (
        <Text className={styles.muted}>No disclosure has been recorded for this child.</Text>
      ) : (
        <ul className={styles.items} aria-label="Disclosures, newest first">
          {newestFirst.map((d) => (
            <li key={d.id} className={styles.item}>
              <span className={styles.itemMeta}>
                {entryLabel(d)}
                {d.recipient.name ? `, ${d.recipient.name}` : ''} · recorded {formatInstant(d.recordedAt)} by{' '}
                {d.recordedBy.name}
              </span>
              <span>
                {d.correctedBy !== null && (
                  <Badge appearance="tint" color="warning">
                    Corrected by a later entry
                  </Badge>
                )}{' '}
                {d.corrects !== null && (
                  <Badge appearance="tint" color="informative">
                    Correction of an earlier entry
                  </Badge>
                )}
              </span>
              <p className={styles.itemText}>
                <strong>Shared:</strong> {d.categories.map((c) => DISCLOSURE_CATEGORY_LABELS[c]).join('; ')}
              </p>
              <p className={styles.itemText}>
                <strong>What:</strong> {d.details}
              </p>
              <p className={styles.itemText}>
                <strong>Why:</strong> {d.reason}
              </p>
              <p className={styles.itemText}>
                <strong>Lawful basis:</strong> {ARTICLE_6_LABELS[d.article6]};{' '}
                {SPECIAL_CATEGORY_LABELS[d.specialCategory]}
              </p>
              <p className={styles.itemText}>
                <strong>Authorised by:</strong> {d.authorisedBy.name} ({d.authorisedBy.role})
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
