import { caseTeamsDeepLink, caseWebUrl, isCaseRef, routeOfSubPage } from '../../src/tab/host/deepLinks';
import { consentOutcome } from '../../src/tab/host/consent';
import { consentUrl, describeSignInFailure, looksHosted, normaliseTheme } from '../../src/tab/host/teams';
import { parseRoute, pathOf } from '../../src/tab/lib/router';

function fakeWindow(opts: { search?: string; framed?: boolean; native?: boolean }): Window {
  const w: Record<string, unknown> = { location: { search: opts.search ?? '' } };
  w.self = w;
  w.top = opts.framed ? {} : w;
  if (opts.native) w.nativeInterface = {};
  return w as unknown as Window;
}

describe('deep links', () => {
  test('a case has a web URL and a Teams deep link whose context names it as the sub-page', () => {
    expect(caseWebUrl('https://cmoe.example.gov.uk/', 'CMOE-0042')).toBe(
      'https://cmoe.example.gov.uk/cases/CMOE-0042',
    );
    const link = caseTeamsDeepLink('00000000-1111-2222-3333-444444444444', 'cmoe-list', 'CMOE-0042');
    expect(link).toBe(
      'https://teams.microsoft.com/l/entity/00000000-1111-2222-3333-444444444444/cmoe-list?context=' +
        encodeURIComponent('{"subEntityId":"CMOE-0042"}'),
    );
    const context = new URL(link).searchParams.get('context');
    expect(JSON.parse(context!)).toEqual({ subEntityId: 'CMOE-0042' });
    expect(isCaseRef('CMOE-0042')).toBe(true);
    expect(isCaseRef('cmoe-42')).toBe(false);
    expect(isCaseRef(null)).toBe(false);
  });

  test('routes: the list, a case (any case in the URL), my actions, referral; anything else is not found', () => {
    expect(parseRoute('/')).toEqual({ name: 'cases' });
    expect(parseRoute('/cases')).toEqual({ name: 'cases' });
    expect(parseRoute('/cases/cmoe-0042/')).toEqual({ name: 'case', ref: 'CMOE-0042' });
    expect(parseRoute('/actions')).toEqual({ name: 'actions' });
    expect(parseRoute('/refer')).toEqual({ name: 'refer' });
    expect(parseRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
    expect(pathOf({ name: 'case', ref: 'CMOE-0042' })).toBe('/cases/CMOE-0042');
  });

  test('a Teams deep link opens a case by its bare ref, or a screen of the tab by its path', () => {
    expect(routeOfSubPage('CMOE-0042')).toEqual({ name: 'case', ref: 'CMOE-0042' });
    expect(routeOfSubPage('/meetings/m%201')).toEqual({ name: 'meeting', id: 'm 1' });
    expect(routeOfSubPage('/actions')).toEqual({ name: 'actions' });
    expect(routeOfSubPage('/')).toEqual({ name: 'cases' });
    for (const nothing of [null, undefined, '', 'meetings/m1', '/nowhere', '/config', 'javascript:alert(1)'])
      expect(routeOfSubPage(nothing)).toBeNull();
  });

  test('routes: meetings, a meeting (the link in the bot cards), import, audit log, the tab set-up page', () => {
    expect(parseRoute('/meetings')).toEqual({ name: 'meetings' });
    expect(parseRoute('/meetings/m-2026-04-07/')).toEqual({ name: 'meeting', id: 'm-2026-04-07' });
    expect(parseRoute('/meetings/a%2Fb')).toEqual({ name: 'meeting', id: 'a/b' });
    expect(pathOf({ name: 'meeting', id: 'a/b' })).toBe('/meetings/a%2Fb');
    expect(parseRoute('/meetings/x/y')).toEqual({ name: 'not-found', path: '/meetings/x/y' });
    expect(parseRoute('/import')).toEqual({ name: 'import' });
    expect(parseRoute('/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('/config')).toEqual({ name: 'config' });
    for (const r of ['/meetings', '/meetings/m1', '/import', '/audit', '/config'])
      expect(pathOf(parseRoute(r))).toBe(r);
  });
});

describe('Teams host detection', () => {
  test('asks Teams only when the page could be inside it: framed, a mobile webview, or ?host=teams', () => {
    expect(looksHosted(fakeWindow({}))).toBe(false);
    expect(looksHosted(fakeWindow({ framed: true }))).toBe(true);
    expect(looksHosted(fakeWindow({ native: true }))).toBe(true);
    expect(looksHosted(fakeWindow({ search: '?host=teams' }))).toBe(true);
    expect(looksHosted(fakeWindow({ framed: true, search: '?host=local' }))).toBe(false);
  });

  test('Teams themes map to the three Fluent Teams themes', () => {
    expect(normaliseTheme('dark')).toBe('dark');
    expect(normaliseTheme('contrast')).toBe('contrast');
    expect(normaliseTheme('default')).toBe('default');
    expect(normaliseTheme(undefined)).toBe('default');
  });

  test('a failed Teams sign-in is explained in words, consent apart from other failures', () => {
    expect(describeSignInFailure(new Error('resourceRequiresConsent')).title).toBe('Permission needed');
    expect(describeSignInFailure('consent_required').message).toMatch(/administrator/);
    expect(describeSignInFailure('CancelledByUser').title).toBe('Sign-in was cancelled');
    expect(describeSignInFailure(new Error('FailedToOpenWindow')).title).toBe('We could not sign you in');
  });
});

describe('the consent pop-up', () => {
  test('it opens on the consent page with the user’s tenant and sign-in name, encoded', () => {
    expect(consentUrl('https://cmoe.example.org', 'tid-1', 'a+b@example.org')).toBe(
      'https://cmoe.example.org/auth/consent?tenant=tid-1&loginHint=a%2Bb%40example.org',
    );
    expect(consentUrl('https://cmoe.example.org')).toBe('https://cmoe.example.org/auth/consent');
  });

  test('the pop-up’s end reports success, or a short reason and never Microsoft’s own text', () => {
    expect(consentOutcome('?code=abc&state=x')).toBeNull();
    expect(consentOutcome('?error=access_denied&error_description=AADSTS65004%3A+declined')).toBe(
      'access_denied',
    );
    expect(consentOutcome('?error=%3Cimg%20src%3Dx%3E')).toBe('consent_failed');
  });
});
