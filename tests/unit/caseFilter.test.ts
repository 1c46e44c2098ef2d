import {
  caseSearchText,
  matchesCaseFilter,
  matchesCaseSearch,
  searchTerms,
} from '../../src/domain/caseFilter';
import type { FilterableCase } from '../../src/domain/caseFilter';

const row: FilterableCase = {
  status: 'open',
  concern: 'high',
  categories: ['cme', 'part-time-or-ap'],
  leadEmail: 'Ana.Lead@example.org',
};

describe('the case filter (store, API and tab alike)', () => {
  test('a filter left out keeps every case; a list given keeps only the cases in it', () => {
    expect(matchesCaseFilter(row, {})).toBe(true);
    expect(matchesCaseFilter(row, { status: ['open', 'referred'], concern: ['high'] })).toBe(true);
    expect(matchesCaseFilter(row, { status: ['closed'] })).toBe(false);
    expect(matchesCaseFilter(row, { concern: ['low', 'medium'] })).toBe(false);
    expect(matchesCaseFilter(row, { status: [] })).toBe(false);
  });

  test('a case matches a category filter when it has any of the categories', () => {
    expect(matchesCaseFilter(row, { categories: ['permanently-excluded', 'cme'] })).toBe(true);
    expect(matchesCaseFilter(row, { categories: ['permanently-excluded'] })).toBe(false);
  });

  test('the lead is matched by email whatever its case and surrounding spaces; a case without one never matches', () => {
    expect(matchesCaseFilter(row, { leadEmail: ' ana.lead@EXAMPLE.org ' })).toBe(true);
    expect(matchesCaseFilter(row, { leadEmail: 'cal@example.org' })).toBe(false);
    expect(matchesCaseFilter({ ...row, leadEmail: null }, { leadEmail: 'ana.lead@example.org' })).toBe(false);
  });

  test('a search keeps a case when every word appears in its ref or names, in any order and case', () => {
    const text = caseSearchText({ ref: 'CMOE-0042', firstName: 'Testy', lastName: 'Specimen' });
    expect(matchesCaseSearch(text, searchTerms('  specimen   0042 '))).toBe(true);
    expect(matchesCaseSearch(text, searchTerms('TESTY'))).toBe(true);
    expect(matchesCaseSearch(text, searchTerms('testy other'))).toBe(false);
    expect(searchTerms('   ')).toEqual([]);
    expect(matchesCaseSearch(text, searchTerms(''))).toBe(true);
  });
});
