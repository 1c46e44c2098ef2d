/** @jest-environment jsdom */
import './dom';
import { Button } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { Disclosure, placePanel } from '../../src/tab/components/common/Disclosure';
import { inFluent, userSetup } from './render';

describe('Disclosure panel placement (kept inside narrow panes)', () => {
  const narrow = { width: 320, height: 600 };

  test('a panel wider than the room right of its button moves left to stay 12 px inside the window', () => {
    const button = { left: 250, right: 300, top: 20, bottom: 52 };
    expect(placePanel(button, { width: 280, height: 200 }, narrow, 'start')).toEqual({ left: 28, top: 56 });
  });

  test('an end-aligned panel near the left edge moves right instead of off the window', () => {
    const button = { left: 10, right: 60, top: 20, bottom: 52 };
    expect(placePanel(button, { width: 200, height: 100 }, narrow, 'end')).toEqual({ left: 12, top: 56 });
  });

  test('with no room below the button, the panel opens above it', () => {
    const button = { left: 20, right: 80, top: 500, bottom: 532 };
    expect(placePanel(button, { width: 200, height: 300 }, narrow, 'start')).toEqual({ left: 20, top: 196 });
  });

  test('a panel that fits stays lined up with its button', () => {
    const button = { left: 40, right: 120, top: 20, bottom: 52 };
    expect(placePanel(button, { width: 200, height: 100 }, narrow, 'start')).toEqual({ left: 40, top: 56 });
  });

  test('opened, the panel is placed in the window (fixed, with a position), named, and focus moves into it', async () => {
    render(
      inFluent(
        <Disclosure label="Columns" panelLabel="Choose columns">
          {() => <Button>Reset</Button>}
        </Disclosure>,
      ),
    );
    await userSetup().click(screen.getByRole('button', { name: 'Columns' }));
    const panel = screen.getByRole('group', { name: 'Choose columns' });
    expect(panel.style.visibility).toBe('');
    expect(panel.style.left).toBe('12px');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reset' }));
  });
});
