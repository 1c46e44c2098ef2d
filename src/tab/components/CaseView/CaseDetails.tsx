/**
 * Every field of the case, editable as the user's role allows: members edit the record; concern,
 * status and the stuck flag are the chair's; a senior manager (or anyone on a closed case) reads it.
 * Saving sends only the changed fields with If-Match; a conflict opens the ConflictPanel.
 */
import { Button, Checkbox, Text } from '@fluentui/react-components';
import { Save20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { YEAR_GROUP_LABELS } from '../../../domain/labels';
import type { Lead } from '../../../domain/types';
import type { CaseInsights } from '../../../domain/views';
import { useApp } from '../../app/AppContext';
import { formatDate, plural } from '../../lib/format';
import {
  CATEGORY_OPTIONS,
  CONCERN_OPTIONS,
  CSE_RISK_OPTIONS,
  PROVISION_OPTIONS,
  REFERRAL_SOURCE_OPTIONS,
  SEND_STATUS_OPTIONS,
  SOCIAL_CARE_STATUS_OPTIONS,
  YEAR_GROUP_OPTIONS,
} from '../../lib/options';
import {
  CheckboxGroupField,
  DateField,
  ListField,
  NumberField,
  ReadOnlyField,
  SelectField,
  TextField,
} from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { ConflictPanel } from './ConflictPanel';
import { FIELD_LABELS, describeValue, type EditableKey } from './fields';
import type { CaseEditor } from './useCaseEditor';
import { useCaseViewStyles } from './CaseView.styles';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

const OPEN_STATUS_OPTIONS = [
  { value: 'referred', label: 'Referred' },
  { value: 'open', label: 'Open' },
  { value: 'monitoring', label: 'Monitoring' },
] as const;

type ChairKey = 'concern' | 'status' | 'stuckFlag';

export function CaseDetails({ editor, insights }: { editor: CaseEditor; insights: CaseInsights }) {
  const styles = useCaseViewStyles();
  const { can, people } = useApp();
  const c = editor.base;
  const closed = c.status === 'closed';
  const canEdit = can('case.update') && !closed;
  const chairMay: Record<ChairKey, boolean> = {
    concern: can('case.setConcern'),
    status: can('case.setStatus') && c.status !== 'escalated',
    stuckFlag: can('case.markStuck'),
  };
  const editable = (k: EditableKey) => canEdit && (k in chairMay ? chairMay[k as ChairKey] : true);

  const v = editor.value;
  const common = (k: EditableKey, extra: { required?: boolean; hint?: string } = {}) => ({
    label: FIELD_LABELS[k],
    issues: editor.issues(k),
    unsaved: editor.isDirty(k),
    ...extra,
  });
  /** A field shown as text: read-only roles, chair-only fields for members, closed cases. */
  const show = (k: EditableKey, hint?: string) => (
    <ReadOnlyField key={k} label={FIELD_LABELS[k]} value={describeValue(k, v(k))} hint={hint} />
  );

  const lead = v('lead');
  const setLead = (name: string, email: string) => {
    if (name.trim() === '' && email.trim() === '') return editor.set('lead', null);
    const trimmedEmail = email.trim();
    const known =
      (c.lead?.email && c.lead.email.toLowerCase() === trimmedEmail.toLowerCase() ? c.lead.id : null) ??
      people.find((p) => p.email.toLowerCase() === trimmedEmail.toLowerCase())?.id ??
      null;
    const next: Lead = { id: known, name, email: trimmedEmail === '' ? null : trimmedEmail };
    editor.set('lead', next);
  };

  const derived = insights.derivedYearGroup;
  const yearHint =
    derived && derived !== v('yearGroup')
      ? `The date of birth gives ${YEAR_GROUP_LABELS[derived]}.`
      : undefined;

  const field = (k: EditableKey, control: ReactNode, readHint?: string) =>
    editable(k) ? control : show(k, readHint);

  const chairHint = canEdit ? 'Set by the chair' : undefined;
  const dirtyCount = editor.dirtyKeys.length;

  return (
    <div className={styles.panel}>
      <ConflictPanel editor={editor} />
      {closed && (
        <MessageBar intent="info">
          <MessageBarBody>
            This case is closed, so its record is read-only.
            {can('case.close') ? ' Reopen it to change it.' : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {!can('case.update') && (
        <MessageBar intent="info">
          <MessageBarBody>Your role can read this record but not change it.</MessageBarBody>
        </MessageBar>
      )}
      <form
        aria-label="Case record"
        className={styles.panel}
        onSubmit={(e) => {
          e.preventDefault();
          void editor.save();
        }}
      >
        <section className={styles.section} aria-labelledby="sec-child">
          <h2 id="sec-child" className={styles.sectionTitle}>
            Child
          </h2>
          <div className={styles.grid}>
            {field(
              'firstName',
              <TextField
                {...common('firstName', { required: true })}
                value={v('firstName')}
                onChange={(x) => editor.set('firstName', x)}
              />,
            )}
            {field(
              'lastName',
              <TextField
                {...common('lastName', { required: true })}
                value={v('lastName')}
                onChange={(x) => editor.set('lastName', x)}
              />,
            )}
            {field(
              'dateOfBirth',
              <DateField
                {...common('dateOfBirth', { required: true })}
                value={v('dateOfBirth')}
                onChange={(x) => editor.set('dateOfBirth', x ?? '')}
              />,
            )}
            {editable('yearGroup') ? (
              <SelectField
                {...common('yearGroup', { hint: yearHint })}
                value={v('yearGroup')}
                options={YEAR_GROUP_OPTIONS}
                onChange={(x) => editor.set('yearGroup', x)}
              />
            ) : (
              show('yearGroup', yearHint)
            )}
            {field(
              'upn',
              <TextField
                {...common('upn', { hint: '13 characters, e.g. A123456789012' })}
                value={v('upn')}
                maxLength={13}
                onChange={(x) => editor.set('upn', x.trim() === '' ? null : x)}
              />,
            )}
            {field(
              'lastSchool',
              <TextField
                {...common('lastSchool')}
                value={v('lastSchool')}
                onChange={(x) => editor.set('lastSchool', x === '' ? null : x)}
              />,
            )}
          </div>
        </section>

        <section className={styles.section} aria-labelledby="sec-education">
          <h2 id="sec-education" className={styles.sectionTitle}>
            Education
          </h2>
          <div className={styles.grid}>
            <div className={styles.wide}>
              {editable('categories') ? (
                <CheckboxGroupField
                  {...common('categories', { required: true })}
                  value={v('categories')}
                  options={CATEGORY_OPTIONS}
                  onChange={(x) => editor.set('categories', x)}
                />
              ) : (
                show('categories')
              )}
            </div>
            {field(
              'provision',
              <SelectField
                {...common('provision')}
                value={v('provision')}
                options={PROVISION_OPTIONS}
                onChange={(x) => editor.set('provision', x)}
              />,
            )}
            {field(
              'hoursPerWeek',
              <NumberField
                {...common('hoursPerWeek')}
                value={v('hoursPerWeek')}
                min={0}
                max={40}
                step={0.5}
                onChange={(x) => editor.set('hoursPerWeek', x)}
              />,
            )}
            {field(
              'outOfEducationSince',
              <DateField
                {...common('outOfEducationSince', {
                  hint:
                    insights.weeksOut === null
                      ? undefined
                      : `${plural(insights.weeksOut, 'week', 'weeks')} out of education`,
                })}
                value={v('outOfEducationSince')}
                onChange={(x) => editor.set('outOfEducationSince', x)}
              />,
            )}
            {field(
              'exclusionDate',
              <DateField
                {...common('exclusionDate')}
                value={v('exclusionDate')}
                onChange={(x) => editor.set('exclusionDate', x)}
              />,
            )}
            {field(
              'timetableEndDate',
              <DateField
                {...common('timetableEndDate')}
                value={v('timetableEndDate')}
                onChange={(x) => editor.set('timetableEndDate', x)}
              />,
            )}
            {field(
              'timetableReviewDate',
              <DateField
                {...common('timetableReviewDate')}
                value={v('timetableReviewDate')}
                onChange={(x) => editor.set('timetableReviewDate', x)}
              />,
            )}
          </div>
        </section>

        <section className={styles.section} aria-labelledby="sec-referral">
          <h2 id="sec-referral" className={styles.sectionTitle}>
            Referral
          </h2>
          <div className={styles.grid}>
            {field(
              'referralSource',
              <SelectField
                {...common('referralSource')}
                value={v('referralSource')}
                options={REFERRAL_SOURCE_OPTIONS}
                onChange={(x) => editor.set('referralSource', x)}
              />,
            )}
            {field(
              'referredBy',
              <TextField
                {...common('referredBy', { required: true })}
                value={v('referredBy')}
                onChange={(x) => editor.set('referredBy', x)}
              />,
            )}
            {field(
              'receivedOn',
              <DateField
                {...common('receivedOn', {
                  required: true,
                  hint: 'Changing it recomputes the referral date.',
                })}
                value={v('receivedOn')}
                onChange={(x) => editor.set('receivedOn', x ?? '')}
              />,
            )}
            <ReadOnlyField
              label="Referral date"
              value={formatDate(c.referralDate)}
              hint="Computed: the next group meeting on or after receipt"
            />
          </div>
        </section>

        <section className={styles.section} aria-labelledby="sec-support">
          <h2 id="sec-support" className={styles.sectionTitle}>
            Support
          </h2>
          <div className={styles.grid}>
            {editable('lead') ? (
              <>
                <TextField
                  {...common('lead')}
                  label="Lead professional"
                  value={lead?.name ?? ''}
                  onChange={(x) => setLead(x, lead?.email ?? '')}
                />
                <TextField
                  label="Lead professional's email"
                  type="email"
                  issues={editor.issues('lead.email')}
                  value={lead?.email ?? ''}
                  onChange={(x) => setLead(lead?.name ?? '', x)}
                />
              </>
            ) : (
              show('lead')
            )}
            {field(
              'agencies',
              <ListField
                {...common('agencies', { hint: 'Separate with commas' })}
                value={v('agencies')}
                onChange={(x) => editor.set('agencies', x)}
              />,
            )}
            {field(
              'sendStatus',
              <SelectField
                {...common('sendStatus')}
                value={v('sendStatus')}
                options={SEND_STATUS_OPTIONS}
                onChange={(x) => editor.set('sendStatus', x)}
              />,
            )}
            {field(
              'socialCareStatus',
              <SelectField
                {...common('socialCareStatus')}
                value={v('socialCareStatus')}
                options={SOCIAL_CARE_STATUS_OPTIONS}
                onChange={(x) => editor.set('socialCareStatus', x)}
              />,
            )}
            {field(
              'cseRisk',
              <SelectField
                {...common('cseRisk')}
                value={v('cseRisk')}
                options={CSE_RISK_OPTIONS}
                onChange={(x) => editor.set('cseRisk', x)}
              />,
            )}
            <div className={styles.wide}>
              {field(
                'concernNotes',
                <TextField
                  {...common('concernNotes', { hint: 'Why arrangements are unstable or of concern' })}
                  multiline
                  value={v('concernNotes')}
                  onChange={(x) => editor.set('concernNotes', x === '' ? null : x)}
                />,
              )}
            </div>
          </div>
        </section>

        <section className={styles.section} aria-labelledby="sec-group">
          <h2 id="sec-group" className={styles.sectionTitle}>
            The group’s view
          </h2>
          <div className={styles.grid}>
            {field(
              'concern',
              <SelectField
                {...common('concern')}
                value={v('concern')}
                options={CONCERN_OPTIONS}
                onChange={(x) => editor.set('concern', x)}
              />,
              chairHint,
            )}
            {editable('status') && c.status !== 'escalated' ? (
              <SelectField
                {...common('status', { hint: 'Escalate or close with the buttons above.' })}
                value={v('status') as (typeof OPEN_STATUS_OPTIONS)[number]['value']}
                options={OPEN_STATUS_OPTIONS}
                onChange={(x) => editor.set('status', x)}
              />
            ) : (
              show('status', chairHint)
            )}
            {editable('stuckFlag') ? (
              <Checkbox
                label={FIELD_LABELS.stuckFlag}
                checked={v('stuckFlag')}
                onChange={(_, d) => editor.set('stuckFlag', !!d.checked)}
              />
            ) : (
              show('stuckFlag', chairHint)
            )}
            {editable('proposedForClosure') ? (
              <Checkbox
                label="Propose for closure at the next meeting"
                checked={v('proposedForClosure')}
                onChange={(_, d) => editor.set('proposedForClosure', !!d.checked)}
              />
            ) : (
              show('proposedForClosure')
            )}
          </div>
        </section>

        {editor.error && <ProblemBar error={editor.error} />}
        {canEdit && (
          <div className={styles.saveBar}>
            <Text role="status" aria-live="polite">
              {editor.saved
                ? 'Saved.'
                : dirtyCount > 0
                  ? `${plural(dirtyCount, 'unsaved change', 'unsaved changes')}`
                  : 'No unsaved changes'}
            </Text>
            <span className={styles.spacer} />
            <Button
              type="button"
              appearance="subtle"
              disabled={dirtyCount === 0 || editor.saving}
              onClick={editor.discard}
            >
              Discard changes
            </Button>
            <Button
              type="submit"
              appearance="primary"
              icon={<Save20Regular />}
              disabled={dirtyCount === 0 || editor.saving || editor.conflict !== null}
            >
              {editor.saving ? 'Saving…' : 'Save changes'}
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
