/** @jest-environment jsdom */
import './dom';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { ProblemBar } from '../../src/tab/components/common/ProblemBar';
import { ApiError } from '../../src/tab/client/client';
import { inFluent, userSetup } from './render';

describe('MessageBar (Fluent UI v9) and ProblemBar', () => {
  test('a group named by its title, with its body and actions inside it', () => {
    render(
      inFluent(
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not everything is saved yet</MessageBarTitle>
            Text typed is kept on this device.
          </MessageBarBody>
          <MessageBarActions>
            <Button>Open it</Button>
          </MessageBarActions>
        </MessageBar>,
      ),
    );
    const bar = screen.getByRole('group', { name: 'Not everything is saved yet' });
    expect(bar.textContent).toContain('Text typed is kept on this device.');
    expect(within(bar).getByRole('button', { name: 'Open it' })).toBeTruthy();
  });

  test('ProblemBar: a dismiss button given as the container action works; a plain action button sits in the bar', async () => {
    function Dismissable() {
      const [shown, setShown] = useState(true);
      return shown ? (
        <ProblemBar
          error={new ApiError(503, 'Busy', 'Busy', 'The server is busy (synthetic).')}
          action={
            <MessageBarActions containerAction={<Button onClick={() => setShown(false)}>Dismiss</Button>} />
          }
        />
      ) : (
        <p>Gone</p>
      );
    }
    render(inFluent(<Dismissable />));
    const bar = screen.getByRole('alert', { name: 'Busy' });
    await userSetup().click(within(bar).getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByText('Gone')).toBeTruthy();

    render(
      inFluent(
        <ProblemBar
          error={new ApiError(0, 'Network', 'Offline', 'No connection (synthetic).')}
          action={<Button>Try again</Button>}
        />,
      ),
    );
    expect(
      within(screen.getByRole('alert', { name: 'Offline' })).getByRole('button', { name: 'Try again' }),
    ).toBeTruthy();
  });
});

describe('Spinner', () => {
  test('a progress bar named by its visible label', () => {
    render(inFluent(<Spinner size="tiny" label="Checking the file…" />));
    expect(screen.getByRole('progressbar', { name: 'Checking the file…' })).toBeTruthy();
  });
});
