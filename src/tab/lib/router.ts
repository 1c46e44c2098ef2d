/**
 * A tiny history router: a handful of screens, and case and meeting URLs (/cases/CMOE-0042,
 * /meetings/<id>) that work as deep links (the bot's cards open them), since the server answers any
 * non-API path with index.html. No library: the tab has few routes.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'cases' }
  | { name: 'case'; ref: string }
  | { name: 'actions' }
  | { name: 'refer' }
  | { name: 'meetings' }
  | { name: 'meeting'; id: string }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'retention' }
  | { name: 'disclosures' }
  | { name: 'subject-access' }
  | { name: 'oversight' }
  /** The configurable tab's set-up page, which Teams opens when the tab is added to a channel or meeting. */
  | { name: 'config' }
  | { name: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/cases') return { name: 'cases' };
  const m = /^\/cases\/([^/]+)$/.exec(path);
  if (m) return { name: 'case', ref: decodeURIComponent(m[1] as string).toUpperCase() };
  if (path === '/actions') return { name: 'actions' };
  if (path === '/refer') return { name: 'refer' };
  if (path === '/meetings') return { name: 'meetings' };
  const meeting = /^\/meetings\/([^/]+)$/.exec(path);
  if (meeting) return { name: 'meeting', id: decodeURIComponent(meeting[1] as string) };
  if (path === '/import') return { name: 'import' };
  if (path === '/audit') return { name: 'audit' };
  if (path === '/retention') return { name: 'retention' };
  if (path === '/disclosures') return { name: 'disclosures' };
  if (path === '/subject-access') return { name: 'subject-access' };
  if (path === '/oversight') return { name: 'oversight' };
  if (path === '/config') return { name: 'config' };
  return { name: 'not-found', path };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '/';
    case 'case':
      return `/cases/${encodeURIComponent(route.ref)}`;
    case 'actions':
      return '/actions';
    case 'refer':
      return '/refer';
    case 'meetings':
      return '/meetings';
    case 'meeting':
      return `/meetings/${encodeURIComponent(route.id)}`;
    case 'import':
      return '/import';
    case 'audit':
      return '/audit';
    case 'retention':
      return '/retention';
    case 'disclosures':
      return '/disclosures';
    case 'subject-access':
      return '/subject-access';
    case 'oversight':
      return '/oversight';
    case 'config':
      return '/config';
    case 'not-found':
      return route.path;
  }
}

const EVENT = 'cmoe:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  // The query string carries host hints (?host=teams); keep it across screens.
  const url = `${path}${window.location.search}`;
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const getPath = () => window.location.pathname;

/** The current route; re-renders on navigation and on the browser's back and forward. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, getPath, getPath);
  return parseRoute(path);
}

/** For an `<a href>` click: navigate in-app unless the user asked for a new tab or window. */
export function followLink(
  event: {
    button: number;
    metaKey: boolean;
    ctrlKey: boolean;
    shiftKey: boolean;
    altKey: boolean;
    preventDefault(): void;
  },
  path: string,
): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
