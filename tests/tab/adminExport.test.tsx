/** @jest-environment jsdom */
import './dom';
import { act, screen, within } from '@testing-library/react';
import type { CaseSummary } from '../../src/domain/views';
import type { Me } from '../../src/tab/client/client';
import type { ExportQuery } from '../../src/tab/client/adminApi';
import { useApp } from '../../src/tab/app/AppContext';
import { CaseList } from '../../src/tab/components/CaseList/CaseList';
import { OPEN_CASE_STATUSES } from '../../src/domain/caseStatus';
import { DEFAULT_FILTERS } from '../../src/tab/components/CaseList/caseListModel';
import { exportPlan } from '../../src/tab/components/CaseList/exportModel';
import { useCaseList } from '../../src/tab/components/CaseList/useCaseList';
import { FakeApi, MEMBER_ME, TODAY, makeSummary } from './fakeApi';
import { renderInApp, userSetup } from './render';

/** A member as the server's matrix has them: export.run included. */
const EXPORTING_MEMBER: Me = MEMBER_ME;
/** Every reading role may export today; the tab must still hide the control if that changes. */
const NOT_EXPORTING: Me = {
  ...MEMBER_ME,
  permissions: MEMBER_ME.permissions.filter((p) => p !== 'export.run'),
};

const ANA = { lead: 'Demo Lead (Ana Fictional)', leadEmail: 'ana.fictional@example.org' };

function seeded(me: Me = EXPORTING_MEMBER): FakeApi {
  const api = new FakeApi(me);
  api.summaries = [
    makeSummary(1, { concern: 'high', ...ANA }),
    makeSummary(2, { concern: 'high' }),
    makeSummary(3, { concern: 'low', ...ANA }),
    makeSummary(4, { concern: 'high', status: 'closed' }),
    makeSummary(5, { concern: 'medium' }),
  ];
  return api;
}

/** The list as App renders it, with the API from the app's context. */
function ListScreen() {
  const { api } = useApp();
  return <CaseList list={useCaseList(api)} />;
}

/** What saveFile handed the browser: the object URL's blob and the anchor's download name. */
interface Saved {
  name: string;
  text: string;
}
let saved: Saved[];
let blobs: Map<string, Blob>;
const realClick = HTMLAnchorElement.prototype.click;

function readText(b: Blob): Promise<string> {
  return new Promise((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b);
  });
}

beforeEach(() => {
  saved = [];
  blobs = new Map();
  let n = 0;
  URL.createObjectURL = (b: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) void readText(blob).then((text) => saved.push({ name: this.download, text }));
  };
});
afterEach(() => {
  HTMLAnchorElement.prototype.click = realClick;
});

const exportCalls = (api: FakeApi) =>
  api.calls.filter((c) => c.method === 'exportCases').map((c) => c.args[0] as ExportQuery);

async function openExportMenu(user: ReturnType<typeof userSetup>) {
  await user.click(screen.getByRole('button', { name: 'Export' }));
  return screen.findByRole('group', { name: 'Export the list' });
}

describe('exporting the list', () => {
  test('exports the list as filtered (the same filters), saves the file under the server name, and confirms the count', async () => {
    const api = seeded();
    renderInApp(<ListScreen />, api);
    const user = userSetup();
    await screen.findByText('Showing 4 of 5 cases');
    await user.click(screen.getByRole('button', { name: /^Highest concern/ }));
    await screen.findByText('Showing 2 of 5 cases');

    const menu = await openExportMenu(user);
    expect(within(menu).getByText('The 2 cases shown')).toBeTruthy();
    await user.click(within(menu).getByRole('button', { name: 'CSV (.csv)' }));

    await screen.findByText(`2 cases saved to cmoe-cases-${TODAY}.csv.`);
    expect(exportCalls(api)).toEqual([{ format: 'csv', status: OPEN_CASE_STATUSES, concern: ['high'] }]);
    await act(async () => undefined);
    expect(saved).toEqual([{ name: `cmoe-cases-${TODAY}.csv`, text: 'Ref\r\nCMOE-0001\r\nCMOE-0002' }]);
  });

  test('a lead chosen by name is exported by their email; Excel is asked for as xlsx', async () => {
    const api = seeded();
    renderInApp(<ListScreen />, api);
    const user = userSetup();
    await screen.findByText('Showing 4 of 5 cases');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lead professional' }), ANA.lead);
    await screen.findByText('Showing 2 of 5 cases');
    const menu = await openExportMenu(user);
    await user.click(within(menu).getByRole('button', { name: 'Excel (.xlsx)' }));
    await screen.findByText(`2 cases saved to cmoe-cases-${TODAY}.xlsx.`);
    expect(exportCalls(api)).toEqual([{ format: 'xlsx', status: OPEN_CASE_STATUSES, lead: ANA.leadEmail }]);
  });

  test('says plainly, before and after, when the file cannot apply a filter shown on screen', async () => {
    const api = seeded();
    renderInApp(<ListScreen />, api);
    const user = userSetup();
    await screen.findByText('Showing 4 of 5 cases');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lead professional' }), '(no lead)');
    await screen.findByText('Showing 2 of 5 cases');
    const menu = await openExportMenu(user);
    expect(
      within(menu).getByText(
        '4 cases: the file cannot apply “No lead” (the file has cases with and without a lead)',
      ),
    ).toBeTruthy();
    await user.click(within(menu).getByRole('button', { name: 'CSV (.csv)' }));
    await screen.findByText(`4 cases saved to cmoe-cases-${TODAY}.csv. The list shows 2 cases.`);
  });

  test('a role without export.run has no Export control', async () => {
    renderInApp(<ListScreen />, seeded(NOT_EXPORTING));
    await screen.findByText('Showing 4 of 5 cases');
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});

describe('what an export will hold', () => {
  const all: CaseSummary[] = [
    makeSummary(1, { firstName: 'Testy', lastName: 'Example' }),
    makeSummary(2, { firstName: 'Example', lastName: 'Testy' }),
    makeSummary(3, { firstName: 'Demo', lastName: 'Fictional', categories: ['ehe-unsatisfactory'] }),
  ];

  test('the search is the server’s own: every word, in any order, so the file holds what is on screen', () => {
    const one = exportPlan(all, all.slice(0, 2), { ...DEFAULT_FILTERS, q: ' Testy ' }, null);
    expect(one.query).toEqual({ status: OPEN_CASE_STATUSES, q: 'testy' });
    expect(one).toMatchObject({ matchesScreen: true, notApplied: [] });

    const two = exportPlan(all, all.slice(0, 2), { ...DEFAULT_FILTERS, q: 'testy  example' }, null);
    expect(two.query.q).toBe('testy example');
    expect(two.expected.map((c) => c.ref)).toEqual(['CMOE-0001', 'CMOE-0002']);
    expect(two).toMatchObject({ matchesScreen: true, notApplied: [] });
  });

  test('"new since last meeting" and several categories are named; stuck, overdue and mine are sent', () => {
    const p = exportPlan(
      all,
      all,
      {
        ...DEFAULT_FILTERS,
        status: [],
        category: ['cme', 'ehe-unsatisfactory'],
        newSinceLastMeeting: true,
        stuck: true,
        overdue: true,
        mine: true,
      },
      new Set(['CMOE-0001']),
    );
    expect(p.query).toEqual({ stuck: true, overdue: true, mine: true });
    expect(p.notApplied).toEqual([
      'more than one category (the file has every category)',
      '“New since last meeting” (the file has older referrals too)',
    ]);
  });
});
