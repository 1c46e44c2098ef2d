/**
 * The chair records who attended and who sent apologies (name, service or role). Saved with the
 * meeting's version; when someone else changed the meeting meanwhile (the chair's other device), the
 * server's lists are shown beside what was typed, which stays until the chair chooses.
 */
import { Button } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useId, useRef, useState } from 'react';
import type { Attendee, Meeting } from '../../../domain/types';
import { ApiError } from '../../client/client';
import { useApp } from '../../app/AppContext';
import { TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { useMeetingsStyles } from './Meetings.styles';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

interface Row {
  key: number;
  name: string;
  service: string;
  email: string | null;
}

type Kind = 'attendees' | 'apologies';
const NOUN: Record<Kind, string> = { attendees: 'Attendee', apologies: 'Apology' };
const LEGEND: Record<Kind, string> = { attendees: 'Attended', apologies: 'Apologies' };

function toAttendees(rows: readonly Row[]): Attendee[] {
  return rows.map((r) => ({
    name: r.name.trim(),
    service: r.service.trim() === '' ? null : r.service.trim(),
    email: r.email,
  }));
}

function describe(list: readonly Attendee[]): string {
  return list.length === 0
    ? 'nobody'
    : list.map((a) => (a.service ? `${a.name} (${a.service})` : a.name)).join('; ');
}

function PeopleFields({
  kind,
  rows,
  onChange,
  newRow,
}: {
  kind: Kind;
  rows: Row[];
  onChange(rows: Row[]): void;
  newRow(): Row;
}) {
  const styles = useMeetingsStyles();
  const set = (key: number, patch: Partial<Row>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{LEGEND[kind]}</legend>
      {rows.length === 0 && <p className={styles.muted}>Nobody yet.</p>}
      {rows.map((r, i) => (
        // The remove button gets its own line: beside the fields it would sit on a squeezed input in the
        // 320 px side panel.
        <div key={r.key} className={styles.person}>
          <div className={styles.personFields}>
            <TextField
              label={`${NOUN[kind]} ${i + 1} name`}
              required
              maxLength={200}
              value={r.name}
              issues={r.name.trim() === '' ? ['Enter a name, or remove this row.'] : []}
              onChange={(v) => set(r.key, { name: v })}
            />
            <TextField
              label={`${NOUN[kind]} ${i + 1} service or role`}
              maxLength={200}
              value={r.service}
              onChange={(v) => set(r.key, { service: v })}
            />
          </div>
          <div className={styles.actions}>
            <Button
              size="small"
              icon={<Delete20Regular />}
              aria-label={`Remove ${NOUN[kind].toLowerCase()} ${i + 1}`}
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
            >
              Remove
            </Button>
          </div>
        </div>
      ))}
      <div className={styles.actions}>
        <Button icon={<Add20Regular />} onClick={() => onChange([...rows, newRow()])}>
          {kind === 'attendees' ? 'Add an attendee' : 'Add an apology'}
        </Button>
      </div>
    </fieldset>
  );
}

export function AttendanceEditor({
  meeting,
  onSaved,
  onClose,
}: {
  meeting: Meeting;
  onSaved(m: Meeting): void;
  onClose(): void;
}) {
  const styles = useMeetingsStyles();
  const { api } = useApp();
  const titleId = useId();
  const nextKey = useRef(0);
  const toRows = (list: readonly Attendee[]): Row[] =>
    list.map((a) => ({ key: nextKey.current++, name: a.name, service: a.service ?? '', email: a.email }));
  const newRow = (): Row => ({ key: nextKey.current++, name: '', service: '', email: null });
  // The version the typed lists are based on: moves on only when the chair chooses after a conflict.
  const [base, setBase] = useState<Meeting>(meeting);
  const [attendees, setAttendees] = useState<Row[]>(() => toRows(meeting.attendees));
  const [apologies, setApologies] = useState<Row[]>(() => toRows(meeting.apologies));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Meeting | null>(null);
  const [saved, setSaved] = useState(false);

  const blank = [...attendees, ...apologies].some((r) => r.name.trim() === '');
  const changed =
    JSON.stringify(toAttendees(attendees)) !== JSON.stringify(base.attendees) ||
    JSON.stringify(toAttendees(apologies)) !== JSON.stringify(base.apologies);

  async function save(on: Meeting) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.updateMeetingDetails(on.id, on.version, {
        attendees: toAttendees(attendees),
        apologies: toAttendees(apologies),
      });
      setBase(updated);
      setConflict(null);
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.isConflict && err.current) setConflict(err.current as Meeting);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.box}
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        if (!blank && !conflict) void save(base);
      }}
    >
      <h3 id={titleId} className={styles.subTitle}>
        Attendance
      </h3>
      <PeopleFields
        kind="attendees"
        rows={attendees}
        newRow={newRow}
        onChange={(r) => {
          setSaved(false);
          setAttendees(r);
        }}
      />
      <PeopleFields
        kind="apologies"
        rows={apologies}
        newRow={newRow}
        onChange={(r) => {
          setSaved(false);
          setApologies(r);
        }}
      />
      {conflict && (
        <section aria-label="Someone else changed this meeting" className={styles.box}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Someone else changed this meeting</MessageBarTitle>
              Nothing was saved, and your lists are kept above. Choose which to keep.
            </MessageBarBody>
          </MessageBar>
          <dl className={styles.facts}>
            <dt className={styles.term}>Attended, saved now</dt>
            <dd className={styles.detail}>{describe(conflict.attendees)}</dd>
            <dt className={styles.term}>Apologies, saved now</dt>
            <dd className={styles.detail}>{describe(conflict.apologies)}</dd>
          </dl>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={busy || blank}
              onClick={() => {
                setBase(conflict);
                void save(conflict);
              }}
            >
              Save my lists instead
            </Button>
            <Button
              disabled={busy}
              onClick={() => {
                setAttendees(toRows(conflict.attendees));
                setApologies(toRows(conflict.apologies));
                setBase(conflict);
                setConflict(null);
                onSaved(conflict);
              }}
            >
              Keep the saved lists
            </Button>
          </div>
        </section>
      )}
      {error !== null && <ProblemBar error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || blank || !changed || conflict !== null}>
          {busy ? 'Saving…' : 'Save attendance'}
        </Button>
        <Button onClick={onClose}>Close</Button>
        <span role="status">{saved && !changed ? 'Saved.' : ''}</span>
      </div>
    </form>
  );
}
