/**
 * The import's mapping step (issue 19), shown once a file is chosen: every column with its first values
 * (to this admin only: they are never logged), the field it is imported as, a dropdown to change it, and
 * the server's suggestions for columns it could not place. Required fields the file lacks are named at
 * the top; for the date received, the admin chooses one date for every row or another column.
 */
import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ImportField } from '../../../domain/importColumns';
import type { PreviewColumn } from '../../../domain/importing';
import { useAdminStyles } from './Admin.styles';
import type { ImportMappingState } from './useImportMapping';

const NOT_IMPORTED = '';

function ColumnRow({ c, state }: { c: PreviewColumn; state: ImportMappingState }) {
  const styles = useAdminStyles();
  const fields = state.preview?.fields ?? [];
  const label = (f: ImportField | null) =>
    f === null ? 'Not imported' : (fields.find((x) => x.field === f)?.label ?? f);
  const hintId = useId();
  const hint =
    c.status === 'computed'
      ? 'Computed by the app: not imported.'
      : c.status === 'duplicate'
        ? 'Another column is read as this field already.'
        : c.status === 'unknown'
          ? 'Not recognised.'
          : null;
  return (
    <TableRow>
      <TableCell className={styles.nowrap}>
        {c.letter}: {c.header}
      </TableCell>
      <TableCell>
        {c.samples.length === 0 ? <span className={styles.muted}>(blank)</span> : c.samples.join(' · ')}
      </TableCell>
      <TableCell>
        <Dropdown
          className={styles.wide}
          aria-label={`Column ${c.letter}, ${c.header}: import as`}
          aria-describedby={hint || c.suggestions.length > 0 ? hintId : undefined}
          value={label(c.field)}
          selectedOptions={[c.field ?? NOT_IMPORTED]}
          onOptionSelect={(_, d) =>
            state.setField(c.header, d.optionValue === NOT_IMPORTED ? null : (d.optionValue as ImportField))
          }
        >
          <Option value={NOT_IMPORTED}>Not imported</Option>
          {fields.map((f) => (
            <Option key={f.field} value={f.field}>
              {f.label}
            </Option>
          ))}
        </Dropdown>
        {(hint || c.suggestions.length > 0) && (
          <div id={hintId} className={styles.hint}>
            {hint}
            {c.suggestions.length > 0 && <> Suggested: </>}
            {c.suggestions.map((s) => (
              <Button
                key={s}
                size="small"
                appearance="transparent"
                onClick={() => state.setField(c.header, s)}
              >
                {label(s)}
              </Button>
            ))}
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}

function ReceivedChoice({ state }: { state: ImportMappingState }) {
  const styles = useAdminStyles();
  const p = state.preview;
  if (!p) return null;
  const dated = p.columns.filter((c) => c.looksLikeDates);
  return (
    <div className={styles.section}>
      <RadioGroup
        aria-label="The file has no date received: for new cases"
        value={state.receivedMode}
        onChange={(_, d) => state.setReceivedMode(d.value === 'column' ? 'column' : 'date')}
      >
        <Radio value="date" label="Use one date for every row" />
        <Radio value="column" label="Use another column" disabled={dated.length === 0} />
      </RadioGroup>
      {state.receivedMode === 'date' ? (
        <Field label="Date received for every row" hint="The date of the group’s first meeting is offered.">
          <Input type="date" value={state.receivedOn} onChange={(_, d) => state.setReceivedOn(d.value)} />
        </Field>
      ) : (
        <Field label="Column to take the date received from">
          <Select value={state.receivedFrom} onChange={(_, d) => state.setReceivedFrom(d.value)}>
            {dated.map((c) => (
              <option key={c.letter} value={c.header}>
                {c.letter}: {c.header}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Text className={styles.hint}>
        Each new case that takes this date says so in a warning in the report.
      </Text>
    </div>
  );
}

const NONE = '';

function SavedMappings({ state }: { state: ImportMappingState }) {
  const styles = useAdminStyles();
  const [name, setName] = useState(state.applied ?? '');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = state.saved ?? [];
  return (
    <div className={styles.row}>
      {saved.length > 0 && (
        <Field label="Saved mapping">
          <Select
            className={styles.wide}
            value={state.applied ?? NONE}
            onChange={(_, d) => {
              state.apply(d.value === NONE ? null : d.value);
              if (d.value !== NONE) setName(d.value);
            }}
          >
            <option value={NONE}>None: columns by name</option>
            {saved.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field
        label="Save these choices as"
        validationState={status && !status.ok ? 'error' : 'none'}
        validationMessage={status && !status.ok ? status.text : undefined}
      >
        <Input className={styles.wide} value={name} maxLength={80} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Button
        disabled={name.trim() === '' || saving}
        onClick={() => {
          setSaving(true);
          void state.save(name).then((problem) => {
            setSaving(false);
            setStatus(
              problem === null
                ? { ok: true, text: `Saved as “${name.trim()}”.` }
                : { ok: false, text: problem },
            );
          });
        }}
      >
        Save mapping
      </Button>
      {status?.ok && (
        <Text role="status" className={styles.hint}>
          {status.text}
        </Text>
      )}
    </div>
  );
}

export function ImportMapping({ state }: { state: ImportMappingState }) {
  const styles = useAdminStyles();
  const p = state.preview;
  if (!p) {
    if (state.loading) return <Spinner size="tiny" label="Reading the file’s columns…" />;
    // The check says why in the server's words; saying it here too would only repeat it.
    if (state.error)
      return (
        <Text className={styles.hint}>The file’s columns could not be read: check the file to see why.</Text>
      );
    return null;
  }
  const label = (f: ImportField) => p.fields.find((x) => x.field === f)?.label ?? f;
  const otherMissing = p.missing.filter((f) => f !== 'receivedOn');
  return (
    <section className={styles.section} aria-labelledby="mapping-title">
      <h2 id="mapping-title" className={styles.subtitle}>
        Columns
      </h2>
      <Text>
        Row {p.headerRow} of {p.sheet} holds the headers; {p.rowCount.toLocaleString('en-GB')} rows below it.
        Check what each column is imported as, and change it if need be.
      </Text>
      {p.missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Required, with no column: {p.missing.map(label).join(', ')}</MessageBarTitle>
            {otherMissing.length > 0 && 'Choose the column that holds each below. '}
            {state.needsReceived &&
              'The file has no date received: choose one date for every row, or another column to take it from.'}
          </MessageBarBody>
        </MessageBar>
      )}
      <SavedMappings state={state} />
      {state.needsReceived && <ReceivedChoice state={state} />}
      <div className={styles.tableWrap}>
        <Table aria-label="Columns of the file">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 220 }}>Column</TableHeaderCell>
              <TableHeaderCell>First values</TableHeaderCell>
              <TableHeaderCell style={{ width: 280 }}>Imported as</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {p.columns.map((c) => (
              <ColumnRow key={c.letter} c={c} state={state} />
            ))}
          </TableBody>
        </Table>
      </div>
      {state.loading && <Spinner size="tiny" label="Reading the columns again…" />}
    </section>
  );
}
