/**
 * Refer a child. Beside the form, "Before you refer" shows what the server computes from it: the
 * referral date (the next group meeting on or after receipt), the year group, and the eligibility
 * warnings (ToR §3). A referral outside the definition is accepted with its warnings.
 */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { YEAR_GROUP_LABELS } from '../../../domain/labels';
import type { Case } from '../../../domain/types';
import type { ReferralCheck } from '../../../domain/views';
import { useApp } from '../../app/AppContext';
import { formatDate, formatDateLong, todayLondon } from '../../lib/format';
import {
  CATEGORY_OPTIONS,
  CSE_RISK_OPTIONS,
  PROVISION_OPTIONS,
  REFERRAL_SOURCE_OPTIONS,
  SEND_STATUS_OPTIONS,
  SOCIAL_CARE_STATUS_OPTIONS,
  YEAR_GROUP_OPTIONS,
} from '../../lib/options';
import { navigate, pathOf } from '../../lib/router';
import {
  CheckboxGroupField,
  DateField,
  ListField,
  NumberField,
  SelectField,
  TextField,
} from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { type CheckState, useReferralForm } from './useReferralForm';
import { useReferralStyles } from './ReferralForm.styles';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

const YEAR_OPTIONS = YEAR_GROUP_OPTIONS;

function Preview({ check, receivedOn }: { check: CheckState; receivedOn: string }) {
  const styles = useReferralStyles();
  if (check.status === 'waiting')
    return (
      <Text className={styles.muted}>
        To see the referral date and eligibility, fill in: {check.missing.join(', ')}.
      </Text>
    );
  if (check.status === 'checking') return <Spinner size="tiny" label="Checking the referral…" />;
  if (check.status === 'failed') return <ProblemBar error={check.error} />;
  const r = check.result;
  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.factLabel}>Referral date</dt>
        <dd className={styles.factValue}>{formatDateLong(r.referralDate)}</dd>
        <dd className={styles.factNote}>
          The next group meeting on or after receipt ({formatDate(receivedOn)}).
        </dd>
        <dt className={styles.factLabel}>Year group</dt>
        <dd className={styles.factValue}>
          {r.derivedYearGroup ? YEAR_GROUP_LABELS[r.derivedYearGroup] : 'Outside Reception to Year 11'}
        </dd>
        <dd className={styles.factNote}>From the date of birth (1 September cut-off).</dd>
      </dl>
      {r.eligible && r.warnings.length === 0 ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Within the group’s definition (ToR §3).</MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {r.eligible ? 'Check before referring' : 'Outside the group’s definition'}
            </MessageBarTitle>
            <ul className={styles.list}>
              {r.warnings.map((w) => (
                <li key={w.code}>{w.text}</li>
              ))}
            </ul>
            {!r.eligible && 'You can still refer: the group will see these warnings.'}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

export function ReferralForm({ onReferred }: { onReferred(): void }) {
  const styles = useReferralStyles();
  const { api, me, people } = useApp();
  const today = todayLondon();
  const form = useReferralForm(api, {
    referredBy: me.name,
    today,
    knownLeadId: (email) => people.find((p) => p.email.toLowerCase() === email.toLowerCase())?.id ?? null,
  });
  const [done, setDone] = useState<{ case: Case; check: ReferralCheck } | null>(null);
  const v = form.values;
  const ready = form.check.status === 'checked';

  if (done)
    return (
      <section className={styles.root} aria-labelledby="referral-title">
        <h1 id="referral-title" className={styles.title}>
          Refer a child
        </h1>
        <MessageBar intent="success" role="status" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Referred as {done.case.ref}</MessageBarTitle>
            Referral date {formatDateLong(done.case.referralDate)}: the case is on that meeting’s agenda as a
            new referral.
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              onClick={() => navigate(pathOf({ name: 'case', ref: done.case.ref }))}
            >
              Open {done.case.ref}
            </Button>
            <Button
              onClick={() => {
                form.reset();
                setDone(null);
              }}
            >
              Refer another child
            </Button>
          </MessageBarActions>
        </MessageBar>
      </section>
    );

  return (
    <section className={styles.root} aria-labelledby="referral-title">
      <h1 id="referral-title" className={styles.title}>
        Refer a child
      </h1>
      <Text>
        Children of compulsory school age (Reception to Year 11) out of any provision for 4 weeks or more, or
        on arrangements that are unstable or of concern.{' '}
        <RouterLink href="/">Back to the CMOE list</RouterLink>
      </Text>
      <div className={styles.layout}>
        <form
          className={styles.form}
          aria-labelledby="referral-title"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await form.submit();
            if (r) {
              setDone(r);
              onReferred();
            }
          }}
        >
          <section className={styles.section} aria-labelledby="ref-child">
            <h2 id="ref-child" className={styles.sectionTitle}>
              Child
            </h2>
            <div className={styles.grid}>
              <TextField
                label="First name"
                required
                value={v.firstName}
                issues={form.issues('firstName')}
                onChange={(x) => form.set('firstName', x)}
              />
              <TextField
                label="Last name"
                required
                value={v.lastName}
                issues={form.issues('lastName')}
                onChange={(x) => form.set('lastName', x)}
              />
              <DateField
                label="Date of birth"
                required
                max={today}
                value={v.dateOfBirth}
                issues={form.issues('dateOfBirth')}
                onChange={(x) => form.set('dateOfBirth', x ?? '')}
              />
              <SelectField
                label="Year group"
                hint="Leave as worked out unless you know better"
                placeholder="Work out from the date of birth"
                value={v.yearGroup}
                options={YEAR_OPTIONS}
                issues={form.issues('yearGroup')}
                onChange={(x) => form.set('yearGroup', x)}
              />
              <TextField
                label="UPN"
                hint="Optional, 13 characters"
                maxLength={13}
                value={v.upn}
                issues={form.issues('upn')}
                onChange={(x) => form.set('upn', x)}
              />
              <TextField
                label="School or provision last attended"
                value={v.lastSchool}
                issues={form.issues('lastSchool')}
                onChange={(x) => form.set('lastSchool', x)}
              />
            </div>
          </section>
          <section className={styles.section} aria-labelledby="ref-education">
            <h2 id="ref-education" className={styles.sectionTitle}>
              Education
            </h2>
            <CheckboxGroupField
              label="Categories"
              required
              value={v.categories}
              options={CATEGORY_OPTIONS}
              issues={form.issues('categories')}
              onChange={(x) => form.set('categories', x)}
            />
            <div className={styles.grid}>
              <SelectField
                label="Current provision"
                required
                placeholder="Choose"
                value={v.provision}
                options={PROVISION_OPTIONS}
                issues={form.issues('provision')}
                onChange={(x) => form.set('provision', x)}
              />
              <NumberField
                label="Hours per week"
                min={0}
                max={40}
                step={0.5}
                value={v.hoursPerWeek}
                issues={form.issues('hoursPerWeek')}
                onChange={(x) => form.set('hoursPerWeek', x)}
              />
              <DateField
                label="Out of education since"
                max={today}
                value={v.outOfEducationSince}
                issues={form.issues('outOfEducationSince')}
                onChange={(x) => form.set('outOfEducationSince', x ?? '')}
              />
              {v.categories.includes('permanently-excluded') && (
                <DateField
                  label="Permanent exclusion date"
                  value={v.exclusionDate}
                  issues={form.issues('exclusionDate')}
                  onChange={(x) => form.set('exclusionDate', x ?? '')}
                />
              )}
              {v.provision === 'part-time-timetable' && (
                <>
                  <DateField
                    label="Part-time timetable end date"
                    value={v.timetableEndDate}
                    issues={form.issues('timetableEndDate')}
                    onChange={(x) => form.set('timetableEndDate', x ?? '')}
                  />
                  <DateField
                    label="Part-time timetable review date"
                    value={v.timetableReviewDate}
                    issues={form.issues('timetableReviewDate')}
                    onChange={(x) => form.set('timetableReviewDate', x ?? '')}
                  />
                </>
              )}
            </div>
          </section>
          <section className={styles.section} aria-labelledby="ref-referral">
            <h2 id="ref-referral" className={styles.sectionTitle}>
              Referral
            </h2>
            <div className={styles.grid}>
              <SelectField
                label="Referral source"
                required
                placeholder="Choose"
                value={v.referralSource}
                options={REFERRAL_SOURCE_OPTIONS}
                issues={form.issues('referralSource')}
                onChange={(x) => form.set('referralSource', x)}
              />
              <TextField
                label="Referred by"
                required
                value={v.referredBy}
                issues={form.issues('referredBy')}
                onChange={(x) => form.set('referredBy', x)}
              />
              <DateField
                label="Date received"
                required
                max={today}
                value={v.receivedOn}
                issues={form.issues('receivedOn')}
                onChange={(x) => form.set('receivedOn', x ?? '')}
              />
            </div>
          </section>
          <section className={styles.section} aria-labelledby="ref-support">
            <h2 id="ref-support" className={styles.sectionTitle}>
              Support
            </h2>
            <div className={styles.grid}>
              <TextField
                label="Lead professional"
                value={v.leadName}
                issues={form.issues('lead.name')}
                onChange={(x) => form.set('leadName', x)}
              />
              <TextField
                label="Lead professional's email"
                type="email"
                value={v.leadEmail}
                issues={form.issues('lead.email')}
                onChange={(x) => form.set('leadEmail', x)}
              />
              <ListField
                label="Agencies involved"
                hint="Separate with commas"
                value={v.agencies}
                issues={form.issues('agencies')}
                onChange={(x) => form.set('agencies', x)}
              />
              <SelectField
                label="SEND status"
                value={v.sendStatus}
                options={SEND_STATUS_OPTIONS}
                onChange={(x) => form.set('sendStatus', x)}
              />
              <SelectField
                label="Social care status"
                value={v.socialCareStatus}
                options={SOCIAL_CARE_STATUS_OPTIONS}
                onChange={(x) => form.set('socialCareStatus', x)}
              />
              <SelectField
                label="CSE risk"
                value={v.cseRisk}
                options={CSE_RISK_OPTIONS}
                onChange={(x) => form.set('cseRisk', x)}
              />
              <div className={styles.wide}>
                <TextField
                  label="Notes on concerns"
                  hint="Why arrangements are unstable or of concern (ToR §3)"
                  multiline
                  maxLength={4000}
                  value={v.concernNotes}
                  issues={form.issues('concernNotes')}
                  onChange={(x) => form.set('concernNotes', x)}
                />
              </div>
            </div>
          </section>
          {form.submitError && <ProblemBar error={form.submitError} />}
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" disabled={!ready || form.submitting}>
              {form.submitting ? 'Referring…' : 'Refer this child'}
            </Button>
            {!ready && (
              <Text className={styles.muted}>The referral can be made once it has been checked.</Text>
            )}
          </div>
        </form>
        <aside className={styles.preview} aria-labelledby="preview-title">
          <h2 id="preview-title" className={styles.previewTitle}>
            Before you refer
          </h2>
          <div aria-live="polite">
            <Preview check={form.check} receivedOn={v.receivedOn} />
          </div>
        </aside>
      </div>
    </section>
  );
}
