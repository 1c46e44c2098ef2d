/**
 * The tab: FluentProvider with the Teams theme (following Teams' theme changes, or the local theme
 * switch), the header with navigation, the local demo banner, and the screen for the current route.
 */
import { Button, FluentProvider, Label, Select, mergeClasses } from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import { Suspense, lazy, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CaseList } from '../components/CaseList/CaseList';
import { useCaseList } from '../components/CaseList/useCaseList';
import { clearKeptDrafts } from '../components/CaseView/useCaseEditor';
import { prefetchOversight } from '../components/Oversight/prefetch';
import { RouterLink } from '../components/common/RouterLink';
import { useTabLookStyles } from '../components/common/Tabs.styles';
import { SignIn } from '../components/SignIn/SignIn';
import { routeOfSubPage } from '../host/deepLinks';
import type { TeamsThemeName } from '../host/teams';
import { THEMES, THEME_LABELS } from '../host/theme';
import type { Permission } from '../../auth/roles';
import { roleSummary } from '../lib/roles';
import { type Route, navigate, pathOf, useRoute } from '../lib/router';
import { AppContext, type AppContextValue, makeAppContext } from './AppContext';
import { useAppStyles } from './App.styles';
import { ErrorBoundary } from './ErrorBoundary';
import { type Session, type SessionDeps, useSession } from './useSession';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

// Screens most people open now and then load on demand, so the list a member opens every week
// arrives first (the bench measures both the first chunk and all of them). A case, My actions and the
// referral form too (issue 15): on a throttled laptop every KB of script before the list's first rows is
// parse and run time; their chunks are fetched while the list shows (`prefetchScreens`).
const CaseView = lazy(() => import('../components/CaseView/CaseView').then((m) => ({ default: m.CaseView })));
const MyActions = lazy(() =>
  import('../components/MyActions/MyActions').then((m) => ({ default: m.MyActions })),
);
const ReferralForm = lazy(() =>
  import('../components/Referral/ReferralForm').then((m) => ({ default: m.ReferralForm })),
);
const MeetingsPage = lazy(() =>
  import('../components/Meetings/MeetingsPage').then((m) => ({ default: m.MeetingsPage })),
);
const MeetingPage = lazy(() =>
  import('../components/Meetings/MeetingPage').then((m) => ({ default: m.MeetingPage })),
);
const ImportPage = lazy(() =>
  import('../components/Admin/ImportPage').then((m) => ({ default: m.ImportPage })),
);
const AuditLog = lazy(() => import('../components/Admin/AuditLog').then((m) => ({ default: m.AuditLog })));
const DisposalReviewPage = lazy(() =>
  import('../components/Admin/DisposalReview').then((m) => ({ default: m.DisposalReviewPage })),
);
const SubjectAccessPage = lazy(() =>
  import('../components/Admin/SubjectAccess').then((m) => ({ default: m.SubjectAccessPage })),
);
const DisclosureLog = lazy(() =>
  import('../components/Admin/DisclosureLog').then((m) => ({ default: m.DisclosureLog })),
);
// Oversight (issue 17) carries the charts library: loaded only when opened, so the list's first load
// does not grow (the bench reports both).
const OversightPage = lazy(() =>
  import('../components/Oversight/OversightPage').then((m) => ({ default: m.OversightPage })),
);
const ConfigPage = lazy(() =>
  import('../components/Config/ConfigPage').then((m) => ({ default: m.ConfigPage })),
);

/** Fetches the lazy screens one opens from the list, once the list is showing (a click on a case is instant). */
let screensPrefetched = false;
function prefetchScreens(): void {
  if (screensPrefetched) return;
  screensPrefetched = true;
  void import('../components/CaseView/CaseView');
  void import('../components/MyActions/MyActions');
  void import('../components/Referral/ReferralForm');
}

type NavValue =
  | 'cases'
  | 'actions'
  | 'refer'
  | 'meetings'
  | 'oversight'
  | 'import'
  | 'audit'
  | 'disclosures'
  | 'subject-access'
  | 'retention';

function navOf(route: Route): NavValue | undefined {
  if (route.name === 'cases' || route.name === 'case') return 'cases';
  if (route.name === 'meetings' || route.name === 'meeting') return 'meetings';
  if (
    route.name === 'actions' ||
    route.name === 'refer' ||
    route.name === 'oversight' ||
    route.name === 'import' ||
    route.name === 'audit' ||
    route.name === 'retention' ||
    route.name === 'disclosures' ||
    route.name === 'subject-access'
  )
    return route.name;
  return undefined;
}

const NAV: { value: NavValue; label: string; show: (ctx: AppContextValue) => boolean }[] = [
  { value: 'cases', label: 'Cases', show: (c) => c.can('case.read') },
  { value: 'actions', label: 'My actions', show: (c) => c.can('case.read') },
  { value: 'refer', label: 'Refer a child', show: (c) => c.can('case.refer') },
  { value: 'meetings', label: 'Meetings', show: (c) => c.can('meeting.read') },
  { value: 'oversight', label: 'Oversight', show: (c) => c.can('oversight.read') },
  { value: 'import', label: 'Import', show: (c) => c.can('import.run') },
  { value: 'audit', label: 'Audit log', show: (c) => c.can('audit.read') },
  { value: 'retention', label: 'Disposal review', show: (c) => c.can('retention.manage') },
  { value: 'disclosures', label: 'Disclosures', show: (c) => c.can('disclosure.list') },
  { value: 'subject-access', label: 'Subject access', show: (c) => c.can('case.subjectAccess') },
];

/** The permission a screen needs; the API checks again, this only spares a refusal. */
const NO_CASES =
  'Your role does not include the CMOE list: the links above are the parts of the tab it does include.';
const NEEDS: Partial<Record<Route['name'], { permission: Permission; refusal: string }>> = {
  cases: { permission: 'case.read', refusal: NO_CASES },
  case: { permission: 'case.read', refusal: NO_CASES },
  actions: { permission: 'case.read', refusal: NO_CASES },
  refer: { permission: 'case.refer', refusal: 'Your role can view cases but not refer a child.' },
  meetings: { permission: 'meeting.read', refusal: 'Your role does not include the group’s meetings.' },
  meeting: { permission: 'meeting.read', refusal: 'Your role does not include the group’s meetings.' },
  import: { permission: 'import.run', refusal: 'Only an administrator can import the group’s spreadsheet.' },
  oversight: { permission: 'oversight.read', refusal: 'Your role does not include the oversight figures.' },
  retention: { permission: 'retention.manage', refusal: 'Only an administrator runs the disposal review.' },
  audit: {
    permission: 'audit.read',
    refusal: 'Only administrators and senior managers can read the audit log.',
  },
  disclosures: {
    permission: 'disclosure.list',
    refusal: 'Only the chair and administrators can read the disclosure log.',
  },
  'subject-access': {
    permission: 'case.subjectAccess',
    refusal: 'Only an administrator can produce a subject access export.',
  },
};

function ThemeSwitch({ session }: { session: Session }) {
  const styles = useAppStyles();
  const id = useId();
  return (
    <div className={styles.theme}>
      <Label htmlFor={id} size="small">
        Theme
      </Label>
      <Select
        id={id}
        size="small"
        value={session.theme}
        onChange={(_, d) => session.setTheme(d.value as TeamsThemeName)}
      >
        {(Object.keys(THEME_LABELS) as TeamsThemeName[]).map((t) => (
          <option key={t} value={t}>
            {THEME_LABELS[t]}
          </option>
        ))}
      </Select>
    </div>
  );
}

function Screens({ ctx, route }: { ctx: AppContextValue; route: Route }) {
  // The oversight screen needs no list: loading 5,000 cases beside its figures would delay its first
  // chart (issue 17). The list loads when a screen that shows it is opened.
  const list = useCaseList(ctx.api, { enabled: ctx.can('case.read') && route.name !== 'oversight' });
  const listShown = list.status === 'ready';
  useEffect(() => {
    if (!listShown) return;
    // After the rows have painted, when the page is idle: never competing with the first screen.
    const t = setTimeout(prefetchScreens, 1000);
    return () => clearTimeout(t);
  }, [listShown]);
  switch (route.name) {
    case 'cases':
      return <CaseList list={list} />;
    case 'case':
      return <CaseView caseRef={route.ref} onChanged={() => void list.reload()} />;
    case 'actions':
      return <MyActions cases={list.all} />;
    case 'refer':
      return <ReferralForm onReferred={() => void list.reload()} />;
    case 'meetings':
      return <MeetingsPage />;
    case 'meeting':
      return <MeetingPage meetingId={route.id} />;
    case 'import':
      return <ImportPage />;
    case 'audit':
      return <AuditLog />;
    case 'retention':
      return <DisposalReviewPage />;
    case 'disclosures':
      return <DisclosureLog />;
    case 'subject-access':
      return <SubjectAccessPage />;
    case 'oversight':
      prefetchOversight(ctx.api);
      return <OversightPage />;
    case 'config':
      return <ConfigPage />;
    case 'not-found':
      return (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>There is no page here</MessageBarTitle>
            The link may be mistyped.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate('/')}>Go to the CMOE list</Button>
          </MessageBarActions>
        </MessageBar>
      );
  }
}

function Frame({ session }: { session: Session }) {
  const styles = useAppStyles();
  const navStyles = useTabLookStyles();
  const route = useRoute();
  const { state, host } = session;
  const local = host?.kind === 'local';
  const main = useRef<HTMLElement>(null);
  const path = pathOf(route);

  const ctx = useMemo(
    () =>
      state.phase === 'ready' && host
        ? makeAppContext({ api: state.api, me: state.me, host, devUsers: state.users })
        : null,
    [state, host],
  );

  // A Teams deep link (subPageId) opens its case, meeting or screen once, on start.
  const deepLinked = useRef(false);
  useEffect(() => {
    if (state.phase !== 'ready' || deepLinked.current || host?.kind !== 'teams') return;
    deepLinked.current = true;
    const target = routeOfSubPage(host.subPageId);
    if (target && route.name === 'cases') navigate(pathOf(target), { replace: true });
  }, [state.phase, host, route.name]);

  // A senior manager (who runs no case) starts on the oversight figures (issue 17): at the tab's root
  // only, once, so the CMOE list stays one click away and a deep link is never redirected.
  const landed = useRef(false);
  useEffect(() => {
    if (!ctx || landed.current) return;
    landed.current = true;
    const roles = ctx.me.roles;
    const seniorOnly =
      roles.includes('CMOE.SeniorManager') && !roles.includes('CMOE.Member') && !roles.includes('CMOE.Chair');
    if (seniorOnly && window.location.pathname.replace(/\/+$/, '') === '')
      navigate('/oversight', { replace: true });
  }, [ctx]);

  // The admin's navigation flags the monthly disposal review when it is overdue (dates only; reading it
  // holds no review). Read again on each screen change, so the flag goes once the review is opened.
  const [reviewOverdue, setReviewOverdue] = useState(false);
  useEffect(() => {
    if (!ctx?.can('retention.manage')) return;
    let live = true;
    ctx.api.reviewDue().then(
      (d) => {
        if (live) setReviewOverdue(d.overdue);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [ctx, route.name]);

  // Move focus to the new screen so keyboard and screen reader users start at its top.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) {
      firstPath.current = '';
      main.current?.focus({ preventScroll: true });
    }
  }, [path]);

  const selected = navOf(route);
  const need = NEEDS[route.name];

  return (
    <div className={styles.root}>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <p className={styles.brand}>CMOE Tracker</p>
        {ctx && (
          // Links, not tabs: each is a page with its own address (Ctrl-click opens it in a new tab),
          // and a screen reader announces the current one with aria-current.
          <nav aria-label="Main">
            {/* They wrap in a narrow frame (the Teams meeting side panel is 320 px), not scroll the page. */}
            <ul className={navStyles.list}>
              {NAV.filter((n) => n.show(ctx)).map((n) => (
                <li key={n.value}>
                  <RouterLink
                    href={n.value === 'cases' ? '/' : `/${n.value}`}
                    className={mergeClasses(navStyles.item, selected === n.value && navStyles.selected)}
                    aria-current={selected === n.value ? 'page' : undefined}
                  >
                    {n.label}
                    {n.value === 'retention' && reviewOverdue ? ' (due)' : ''}
                  </RouterLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <span className={styles.spacer} />
        {local && <ThemeSwitch session={session} />}
        {ctx && (
          <div className={styles.user}>
            <span className={styles.userText}>
              <span>{ctx.me.name}</span>
              <span className={styles.userRole}>{roleSummary(ctx.me.roles)}</span>
            </span>
            {local && (
              <Button
                size="small"
                appearance="subtle"
                icon={<SignOut20Regular />}
                onClick={() => {
                  // The next user must not meet this one's unsaved edits.
                  clearKeptDrafts();
                  session.signOut();
                }}
              >
                Switch user
              </Button>
            )}
          </div>
        )}
      </header>
      {local && (
        <MessageBar intent="warning" layout="multiline" className={styles.banner}>
          <MessageBarBody>
            <MessageBarTitle>Local demo — synthetic data</MessageBarTitle>
            Every child, person and school here is invented. Do not enter real children’s details.
          </MessageBarBody>
        </MessageBar>
      )}
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        {state.phase === 'starting' && (
          <div className={styles.centred}>
            <Spinner label="Starting CMOE Tracker…" />
          </div>
        )}
        {state.phase === 'signing-in' && (
          <div className={styles.centred}>
            <Spinner label="Signing you in with Microsoft Teams…" />
          </div>
        )}
        {state.phase === 'choose-user' && (
          <SignIn users={state.users} error={state.error} busy={state.busy} onSignIn={session.signInAs} />
        )}
        {state.phase === 'teams-only' && (
          <div className={styles.centred}>
            <MessageBar intent="info" layout="multiline" className={styles.message}>
              <MessageBarBody>
                <MessageBarTitle>Open CMOE Tracker in Microsoft Teams</MessageBarTitle>
                This tab signs you in through Teams. Open it from the CMOE group’s channel in Teams.
              </MessageBarBody>
            </MessageBar>
          </div>
        )}
        {state.phase === 'failed' && (
          <div className={styles.centred}>
            <MessageBar intent="error" layout="multiline" className={styles.message}>
              <MessageBarBody>
                <MessageBarTitle>{state.title}</MessageBarTitle>
                {state.message}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={session.retry}>Try again</Button>
              </MessageBarActions>
            </MessageBar>
          </div>
        )}
        {state.phase === 'consent' && (
          <div className={styles.centred}>
            <MessageBar intent="warning" layout="multiline" className={styles.message}>
              <MessageBarBody>
                <MessageBarTitle>Permission needed</MessageBarTitle>
                {state.message} Microsoft will ask you once, in a small window.
                {state.error && <p role="alert">{state.error}</p>}
              </MessageBarBody>
              <MessageBarActions>
                <Button appearance="primary" disabledFocusable={state.busy} onClick={session.grantConsent}>
                  {state.busy ? 'Waiting for permission…' : 'Give permission'}
                </Button>
              </MessageBarActions>
            </MessageBar>
          </div>
        )}
        {ctx && (
          <AppContext.Provider value={ctx}>
            <ErrorBoundary resetKey={path}>
              {need && !ctx.can(need.permission) ? (
                <MessageBar intent="info">
                  <MessageBarBody>{need.refusal}</MessageBarBody>
                </MessageBar>
              ) : (
                <Suspense fallback={<Spinner label="Loading…" />}>
                  <Screens ctx={ctx} route={route} />
                </Suspense>
              )}
            </ErrorBoundary>
          </AppContext.Provider>
        )}
      </main>
    </div>
  );
}

export function App({ sessionDeps }: { sessionDeps?: SessionDeps }) {
  const session = useSession(sessionDeps);
  return (
    // The height goes in `style`: the provider copies its className onto portals (tooltips, dialogs).
    <FluentProvider theme={THEMES[session.theme]} style={{ height: '100%' }}>
      <ErrorBoundary>
        <Frame session={session} />
      </ErrorBoundary>
    </FluentProvider>
  );
}
