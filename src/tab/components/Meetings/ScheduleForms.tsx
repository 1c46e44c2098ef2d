/**
 * The chair schedules meetings: the next few from the settings' cadence (safe to repeat: dates already
 * stored are left alone), or a one-off on a date and time typed in UK time.
 */
import { Button, Field, Input } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { LocalDate, Meeting } from '../../../domain/types';
import { ApiError } from '../../client/client';
import { useApp } from '../../app/AppContext';
import { plural, todayLondon } from '../../lib/format';
import { useSubmission } from '../../lib/useSubmission';
import { DateField, NumberField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { formatMeetingTime, isClockTime, startsAtFrom } from './meetingsModel';
import { useMeetingsStyles } from './Meetings.styles';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function CadenceForm({ onScheduled }: { onScheduled(created: Meeting[]): void }) {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const titleId = useId();
  const [count, setCount] = useState<number | null>(3);
  const { busy, error, run } = useSubmission();
  const [done, setDone] = useState<string | null>(null);
  const valid = count !== null && Number.isInteger(count) && count >= 1 && count <= 26;
  return (
    <form
      className={styles.box}
      aria-labelledby={titleId}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!valid) return;
        setDone(null);
        await run(async () => {
          const created = await api.scheduleFromCadence(count);
          setDone(
            created.length === 0
              ? 'Those meetings are already scheduled; nothing was added.'
              : `Scheduled ${plural(created.length, 'meeting', 'meetings')}: ${created
                  .map((m) => formatMeetingTime(m.startsAt))
                  .join('; ')}.`,
          );
          onScheduled(created);
        });
      }}
    >
      <h3 id={titleId} className={styles.subTitle}>
        Schedule from the cadence
      </h3>
      <NumberField
        label="Number of meetings"
        hint="The next meetings on the group's regular cadence (1 to 26). Dates already scheduled are kept."
        value={count}
        min={1}
        max={26}
        step={1}
        issues={
          count !== null && !valid
            ? ['Enter a whole number from 1 to 26.']
            : error instanceof ApiError
              ? error.issuesFor('count')
              : []
        }
        onChange={setCount}
      />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || !valid}>
          {busy ? 'Scheduling…' : 'Schedule meetings'}
        </Button>
      </div>
      <div role="status">
        {done && (
          <MessageBar intent="success" role="status" layout="multiline">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {error !== null && <ProblemBar error={error} />}
    </form>
  );
}

export function OneOffForm({ onScheduled }: { onScheduled(created: Meeting): void }) {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const titleId = useId();
  const [date, setDate] = useState<LocalDate | null>(null);
  const [time, setTime] = useState('09:30');
  const { busy, error, run } = useSubmission();
  const [done, setDone] = useState<string | null>(null);
  const startsAt = startsAtFrom(date, time);
  const badTime = time !== '' && !isClockTime(time);
  const issues = (path: string) => (error instanceof ApiError ? error.issuesFor(path) : []);
  return (
    <form
      className={styles.box}
      aria-labelledby={titleId}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!startsAt) return;
        setDone(null);
        await run(async () => {
          const created = await api.scheduleMeeting({ startsAt });
          setDone(`Added a meeting on ${formatMeetingTime(created.startsAt)}.`);
          onScheduled(created);
        });
      }}
    >
      <h3 id={titleId} className={styles.subTitle}>
        Add a one-off meeting
      </h3>
      <div className={styles.row}>
        <DateField
          className={styles.narrowField}
          label="Date"
          required
          value={date}
          min={todayLondon()}
          issues={issues('startsAt')}
          onChange={setDate}
        />
        <Field
          className={styles.narrowField}
          label="Time (UK time)"
          required
          validationState={badTime ? 'error' : 'none'}
          validationMessage={badTime ? 'Enter a time such as 09:30.' : undefined}
        >
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || !startsAt}>
          {busy ? 'Adding…' : 'Add meeting'}
        </Button>
      </div>
      <div role="status">
        {done && (
          <MessageBar intent="success" role="status" layout="multiline">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {error !== null && <ProblemBar error={error} />}
    </form>
  );
}
