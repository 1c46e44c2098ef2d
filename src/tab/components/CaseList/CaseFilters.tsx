/** The list's search, filters and saved views. Every control is labelled and keyboard operable. */
import { Button, Checkbox, Field, Input, Select, Text } from '@fluentui/react-components';
import { Dismiss20Regular, Search20Regular } from '@fluentui/react-icons';
import type { CaseStatus, Category, Concern } from '../../../domain/types';
import { CASE_STATUS_OPTIONS, CATEGORY_OPTIONS, CONCERN_OPTIONS } from '../../lib/options';
import { OPEN_CASE_STATUSES } from '../../../domain/caseStatus';
import { NO_LEAD, SAVED_VIEWS } from './caseListModel';
import { useCaseListStyles } from './CaseList.styles';
import type { CaseListState } from './useCaseList';

const ANY = '';
/** Status choices: every case not closed (the default), every case, or one status. */
const ACTIVE = 'active';
const ALL = 'all';

function statusChoice(status: CaseStatus[]): string {
  if (status.length === 0) return ALL;
  if (status.length === OPEN_CASE_STATUSES.length && OPEN_CASE_STATUSES.every((s) => status.includes(s)))
    return ACTIVE;
  return status.length === 1 ? (status[0] as string) : ACTIVE;
}

function statusFrom(choice: string): CaseStatus[] {
  if (choice === ALL) return [];
  if (choice === ACTIVE) return [...OPEN_CASE_STATUSES];
  return [choice as CaseStatus];
}

export function SavedViews({ list }: { list: CaseListState }) {
  const styles = useCaseListStyles();
  return (
    <div role="group" aria-labelledby="saved-views-label" className={styles.views}>
      <span id="saved-views-label" className={styles.viewsLabel}>
        Saved views
      </span>
      {SAVED_VIEWS.map((v) => (
        // A Button with aria-pressed: ToggleButton's styles would add about 2 KB gzipped for these chips.
        <Button
          key={v.id}
          size="small"
          shape="circular"
          appearance={list.view === v.id ? 'primary' : 'secondary'}
          title={v.description}
          aria-describedby={`view-${v.id}`}
          aria-pressed={list.view === v.id}
          onClick={() => (list.view === v.id ? list.clearFilters() : list.applyView(v.id))}
        >
          {v.label}
          <span id={`view-${v.id}`} className="visually-hidden">
            : {v.description}
          </span>
        </Button>
      ))}
    </div>
  );
}

export function CaseFilters({ list }: { list: CaseListState }) {
  const styles = useCaseListStyles();
  const f = list.filters;
  return (
    <div className={styles.filters} role="search" aria-label="Filter the CMOE list">
      <Field label="Search by name or ref" className={styles.search}>
        {/* An Input of type search (role searchbox; Escape clears it in the browser): Fluent's SearchBox
            adds only its own clear button, for some 3 KB. */}
        <Input
          type="search"
          contentBefore={<Search20Regular aria-hidden="true" />}
          value={f.q}
          onChange={(_, d) => list.setFilters({ q: d.value })}
          placeholder="e.g. CMOE-0042 or a surname"
        />
      </Field>
      <Field label="Status">
        <Select
          className={styles.dropdown}
          value={statusChoice(f.status)}
          onChange={(_, d) => list.setFilters({ status: statusFrom(d.value) })}
        >
          <option value={ACTIVE}>All but closed</option>
          <option value={ALL}>All, with closed</option>
          {CASE_STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Concern">
        <Select
          className={styles.dropdown}
          value={f.concern.length === 1 ? f.concern[0] : ANY}
          onChange={(_, d) => list.setFilters({ concern: d.value === ANY ? [] : [d.value as Concern] })}
        >
          <option value={ANY}>Any concern</option>
          {CONCERN_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Category">
        <Select
          className={styles.wideDropdown}
          value={f.category.length === 1 ? f.category[0] : ANY}
          onChange={(_, d) => list.setFilters({ category: d.value === ANY ? [] : [d.value as Category] })}
        >
          <option value={ANY}>Any category</option>
          {CATEGORY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Lead professional">
        <Select
          className={styles.dropdown}
          value={f.lead ?? ANY}
          onChange={(_, d) => list.setFilters({ lead: d.value === ANY ? null : d.value })}
        >
          <option value={ANY}>Any lead</option>
          {list.leads.map((l) => (
            <option key={l} value={l}>
              {l === NO_LEAD ? 'No lead' : l}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.checks}>
        <Checkbox
          label="Stuck"
          checked={f.stuck}
          onChange={(_, d) => list.setFilters({ stuck: !!d.checked })}
        />
        <Checkbox
          label="Overdue actions"
          checked={f.overdue}
          onChange={(_, d) => list.setFilters({ overdue: !!d.checked })}
        />
        <Checkbox
          label="My cases"
          checked={f.mine}
          onChange={(_, d) => list.setFilters({ mine: !!d.checked })}
        />
      </div>
      {list.filterCount > 0 ? (
        <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={list.clearFilters}>
          Clear filters ({list.filterCount})
        </Button>
      ) : (
        <Text className={styles.muted} size={200}>
          Closed cases are hidden; choose them under Status.
        </Text>
      )}
    </div>
  );
}
