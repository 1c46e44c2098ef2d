/** The list's search, filters and saved views. Every control is labelled and keyboard operable. */
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Option,
  SearchBox,
  Text,
  ToggleButton,
  Tooltip,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { CASE_STATUS_LABELS, CATEGORY_LABELS, CONCERN_LABELS } from '../../../domain/labels';
import type { CaseStatus, Category, Concern } from '../../../domain/types';
import { CASE_STATUS_OPTIONS, CATEGORY_OPTIONS, CONCERN_OPTIONS } from '../../lib/options';
import { NO_LEAD, SAVED_VIEWS } from './caseListModel';
import { useCaseListStyles } from './CaseList.styles';
import type { CaseListState } from './useCaseList';

const ANY_LEAD = '(any)';

function summary<T extends string>(values: T[], labels: Record<T, string>, all: string): string {
  if (values.length === 0) return all;
  if (values.length <= 2) return values.map((v) => labels[v]).join(', ');
  return `${labels[values[0] as T]} +${values.length - 1}`;
}

export function SavedViews({ list }: { list: CaseListState }) {
  const styles = useCaseListStyles();
  return (
    <div role="group" aria-labelledby="saved-views-label" className={styles.views}>
      <span id="saved-views-label" className={styles.viewsLabel}>
        Saved views
      </span>
      {SAVED_VIEWS.map((v) => (
        <Tooltip key={v.id} content={v.description} relationship="description">
          <ToggleButton
            size="small"
            shape="circular"
            checked={list.view === v.id}
            onClick={() => (list.view === v.id ? list.clearFilters() : list.applyView(v.id))}
          >
            {v.label}
          </ToggleButton>
        </Tooltip>
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
        <SearchBox
          value={f.q}
          onChange={(_, d) => list.setFilters({ q: d.value })}
          placeholder="e.g. CMOE-0042 or a surname"
        />
      </Field>
      <Field label="Status">
        <Dropdown
          className={styles.dropdown}
          listbox={{ className: styles.listbox }}
          multiselect
          selectedOptions={f.status}
          value={summary(f.status, CASE_STATUS_LABELS, 'All statuses')}
          placeholder="All statuses"
          onOptionSelect={(_, d) => list.setFilters({ status: d.selectedOptions as CaseStatus[] })}
        >
          {CASE_STATUS_OPTIONS.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Concern">
        <Dropdown
          className={styles.dropdown}
          listbox={{ className: styles.listbox }}
          multiselect
          selectedOptions={f.concern}
          value={summary(f.concern, CONCERN_LABELS, 'Any concern')}
          placeholder="Any concern"
          onOptionSelect={(_, d) => list.setFilters({ concern: d.selectedOptions as Concern[] })}
        >
          {CONCERN_OPTIONS.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Category">
        <Dropdown
          className={styles.dropdown}
          listbox={{ className: styles.listbox }}
          multiselect
          selectedOptions={f.category}
          value={summary(f.category, CATEGORY_LABELS, 'Any category')}
          placeholder="Any category"
          onOptionSelect={(_, d) => list.setFilters({ category: d.selectedOptions as Category[] })}
        >
          {CATEGORY_OPTIONS.map((o) => (
            <Option key={o.value} value={o.value}>
              {o.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Lead professional">
        <Dropdown
          className={styles.dropdown}
          listbox={{ className: styles.listbox }}
          selectedOptions={[f.lead ?? ANY_LEAD]}
          value={f.lead === null ? 'Any lead' : f.lead === NO_LEAD ? 'No lead' : f.lead}
          onOptionSelect={(_, d) =>
            list.setFilters({ lead: d.optionValue === ANY_LEAD ? null : (d.optionValue ?? null) })
          }
        >
          <Option value={ANY_LEAD}>Any lead</Option>
          {list.leads.map((l) => (
            <Option key={l} value={l}>
              {l === NO_LEAD ? 'No lead' : l}
            </Option>
          ))}
        </Dropdown>
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
