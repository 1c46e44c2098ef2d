/** Renders a screen as the tab would: FluentProvider with the Teams theme and the app's context. */
import {
  FluentProvider,
  RendererProvider,
  createDOMRenderer,
  teamsLightTheme,
} from '@fluentui/react-components';
import { fireEvent, render } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { AppContext, makeAppContext } from '../../src/tab/app/AppContext';
import type { DevUser } from '../../src/tab/client/client';
import type { FakeApi } from './fakeApi';

export const DEV_USERS: DevUser[] = [
  {
    id: 'dev-chair',
    name: 'Demo Chair (Alex Sample)',
    email: 'alex.sample@example.org',
    service: 'Education',
    roles: ['CMOE.Member', 'CMOE.Chair'],
  },
  {
    id: 'dev-member-ewo',
    name: 'Demo Member (Bea Placeholder)',
    email: 'bea.placeholder@example.org',
    service: 'Education Welfare',
    roles: ['CMOE.Member'],
  },
  {
    id: 'dev-senior',
    name: 'Demo Senior Manager (Eli Testperson)',
    email: 'eli.testperson@example.org',
    service: "Families and Children's Services",
    roles: ['CMOE.SeniorManager'],
  },
];

/**
 * Fluent's styles go to a detached document: jsdom recomputes every inserted rule on each
 * getComputedStyle (which role queries call for every candidate), and tests read roles and labels,
 * never styles.
 */
const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));

export function inFluent(ui: ReactElement): ReactElement {
  return (
    <RendererProvider renderer={styleSink} targetDocument={document}>
      <FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>
    </RendererProvider>
  );
}

export function renderInApp(ui: ReactElement, api: FakeApi) {
  const ctx = makeAppContext({ api, me: api.whoAmI, host: { kind: 'local' }, devUsers: DEV_USERS });
  return render(inFluent(<AppContext.Provider value={ctx}>{ui}</AppContext.Provider>));
}

/** The text a control's aria-describedby points at: Fluent puts a Field's messages there. */
export function descriptionOf(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/**
 * Sets a text control's value in one change event, as a paste would: typing character by character
 * re-renders a whole form per key, which is slow in jsdom and tests nothing more.
 */
export function setText(el: HTMLElement, value: string): void {
  fireEvent.change(el, { target: { value } });
}

/**
 * user-event without its CSS pointer-events check: that check calls getComputedStyle up the tree on
 * every click, which jsdom answers slowly once Griffel has inserted Fluent's rules.
 */
export function userSetup() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never, delay: null });
}
