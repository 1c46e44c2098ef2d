/** ToR §4 list checks (S&S, Children's Social Care, CSE list): the record, and "record a check". */
import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { LIST_CHECK_LIST_LABELS } from '../../../domain/labels';
import type { ListCheck, ListCheckList } from '../../../domain/types';
import { ApiError } from '../../client/client';
import { formatDate, todayLondon } from '../../lib/format';
import { LIST_CHECK_OPTIONS } from '../../lib/options';
import { useSubmission } from '../../lib/useSubmission';
import { DateField, SelectField, TextField } from '../common/FormFields';
import { ProblemBar } from '../common/ProblemBar';
import { useCaseViewStyles } from './CaseView.styles';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';

export function ListChecks({
  checks,
  canAdd,
  defaultCheckedBy,
  onAdd,
}: {
  checks: ListCheck[];
  canAdd: boolean;
  defaultCheckedBy: string;
  onAdd(check: ListCheck): Promise<void>;
}) {
  const styles = useCaseViewStyles();
  const today = todayLondon();
  const [list, setList] = useState<ListCheckList | ''>('');
  const [checkedOn, setCheckedOn] = useState(today);
  const [checkedBy, setCheckedBy] = useState(defaultCheckedBy);
  const [outcome, setOutcome] = useState('');
  const { busy, error, run } = useSubmission();
  const issues = (p: string) => (error instanceof ApiError ? error.issuesFor(p) : []);
  const sorted = [...checks].sort((a, b) => (a.checkedOn < b.checkedOn ? 1 : -1));

  return (
    <div className={styles.panel}>
      {sorted.length === 0 ? (
        <Text className={styles.muted}>No list checks recorded yet.</Text>
      ) : (
        <Table aria-label="List checks" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>List</TableHeaderCell>
              <TableHeaderCell>Checked on</TableHeaderCell>
              <TableHeaderCell>By</TableHeaderCell>
              <TableHeaderCell>Outcome</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((c, i) => (
              <TableRow key={`${c.list}-${c.checkedOn}-${i}`}>
                <TableCell>{LIST_CHECK_LIST_LABELS[c.list]}</TableCell>
                <TableCell>{formatDate(c.checkedOn)}</TableCell>
                <TableCell>{c.checkedBy}</TableCell>
                <TableCell>{c.outcome}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {canAdd && (
        <form
          className={styles.form}
          aria-labelledby="list-check-title"
          onSubmit={async (e) => {
            e.preventDefault();
            if (list === '') return;
            await run(async () => {
              await onAdd({ list, checkedOn, checkedBy, outcome });
              setList('');
              setOutcome('');
            });
          }}
        >
          <h3 id="list-check-title" className={styles.sectionTitle}>
            Record a list check
          </h3>
          <div className={styles.grid}>
            <SelectField
              label="List checked"
              required
              placeholder="Choose a list"
              value={list}
              options={LIST_CHECK_OPTIONS}
              issues={issues('list')}
              onChange={setList}
            />
            <DateField
              label="Checked on"
              required
              max={today}
              value={checkedOn}
              issues={issues('checkedOn')}
              onChange={(x) => setCheckedOn(x ?? today)}
            />
            <TextField
              label="Checked by"
              required
              value={checkedBy}
              issues={issues('checkedBy')}
              onChange={setCheckedBy}
            />
            <div className={styles.wide}>
              <TextField
                label="Outcome"
                required
                multiline
                maxLength={2000}
                value={outcome}
                issues={issues('outcome')}
                onChange={setOutcome}
              />
            </div>
          </div>
          {error !== null && <ProblemBar error={error} />}
          <div className={styles.formActions}>
            <Button
              type="submit"
              appearance="primary"
              disabled={busy || list === '' || outcome.trim() === ''}
            >
              {busy ? 'Recording…' : 'Record check'}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
