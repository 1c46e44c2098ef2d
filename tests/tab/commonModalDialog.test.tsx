/** @jest-environment jsdom */
import './dom';
import { Button } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import { type MouseEvent, useState } from 'react';
import { ModalDialog } from '../../src/tab/components/common/ModalDialog';
import { inFluent, userSetup } from './render';

function Harness({
  onSubmit,
  onTriggerClick,
}: {
  onSubmit?: (text: string) => void;
  onTriggerClick?: (e: MouseEvent<HTMLElement>) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button onClick={onTriggerClick}>Add a note</Button>}
      title="A note"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.(text);
        setOpen(false);
      }}
      actions={
        <>
          <Button type="submit" appearance="primary">
            Save
          </Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </>
      }
    >
      <label>
        Note <input value={text} onChange={(e) => setText(e.target.value)} />
      </label>
    </ModalDialog>
  );
}

describe('ModalDialog (native <dialog>)', () => {
  test('closed: only the trigger; opened: a dialog named by its title, focus on its first field', async () => {
    render(inFluent(<Harness />));
    expect(screen.queryByRole('dialog')).toBeNull();
    const user = userSetup();
    await user.click(screen.getByRole('button', { name: 'Add a note' }));
    const dialog = screen.getByRole('dialog', { name: 'A note' });
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Note' }));
  });

  test('the trigger keeps its own onClick, which runs and may keep the dialog shut', async () => {
    const clicks: string[] = [];
    const { unmount } = render(inFluent(<Harness onTriggerClick={() => clicks.push('own')} />));
    const user = userSetup();
    await user.click(screen.getByRole('button', { name: 'Add a note' }));
    expect(clicks).toEqual(['own']);
    expect(screen.getByRole('dialog', { name: 'A note' })).toBeTruthy();
    unmount();

    render(inFluent(<Harness onTriggerClick={(e) => e.preventDefault()} />));
    await user.click(screen.getByRole('button', { name: 'Add a note' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('Escape closes it and focus goes back to the button that opened it', async () => {
    render(inFluent(<Harness />));
    const user = userSetup();
    const opener = screen.getByRole('button', { name: 'Add a note' });
    await user.click(opener);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
  });

  test('the cancel button closes it (focus back to the opener); Enter in a field submits the form', async () => {
    const saved: string[] = [];
    render(inFluent(<Harness onSubmit={(t) => saved.push(t)} />));
    const user = userSetup();
    const opener = screen.getByRole('button', { name: 'Add a note' });
    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(opener));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(saved).toEqual([]);

    await user.click(opener);
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Synthetic note{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(saved).toEqual(['Synthetic note']);
  });
});
