/** @jest-environment jsdom */
import './dom';
import { fireEvent, render, screen } from '@testing-library/react';
import { RouterLink } from '../../src/tab/components/common/RouterLink';
import { inFluent } from './render';

describe('RouterLink (a native link that navigates inside the tab)', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  test('is a real link to the address, named by its text, marked current when asked', () => {
    render(
      inFluent(
        <RouterLink href="/meetings" aria-current="page">
          Meetings
        </RouterLink>,
      ),
    );
    const link = screen.getByRole('link', { name: 'Meetings' });
    expect(link.getAttribute('href')).toBe('/meetings');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  test('a plain click moves to the address inside the tab (no page load); a Ctrl-click is left to the browser', () => {
    render(inFluent(<RouterLink href="/cases/CMOE-0042">CMOE-0042</RouterLink>));
    const link = screen.getByRole('link', { name: 'CMOE-0042' });
    const ctrl = fireEvent.click(link, { button: 0, ctrlKey: true });
    expect(ctrl).toBe(true); // not prevented: the browser opens a new tab
    expect(window.location.pathname).toBe('/');
    const plain = fireEvent.click(link, { button: 0 });
    expect(plain).toBe(false); // prevented: the tab navigates itself
    expect(window.location.pathname).toBe('/cases/CMOE-0042');
  });
});
