/** @jest-environment jsdom */
import './dom';
import { render, screen } from '@testing-library/react';
import { useState } from 'react';
import { Tabs, tabIdOf } from '../../src/tab/components/common/Tabs';
import { inFluent, userSetup } from './render';

type V = 'one' | 'two' | 'three';

function Harness() {
  const [selected, setSelected] = useState<V>('one');
  return (
    <>
      <button type="button">Before</button>
      <Tabs
        label="Sections"
        idBase="t"
        panelId="panel"
        selected={selected}
        onSelect={setSelected}
        tabs={[
          { value: 'one', label: 'One' },
          { value: 'two', label: 'Two' },
          { value: 'three', label: 'Three' },
        ]}
      />
      <div role="tabpanel" id="panel" aria-labelledby={tabIdOf('t', selected)}>
        Showing {selected}
      </div>
      <button type="button">After</button>
    </>
  );
}

const tab = (name: string) => screen.getByRole('tab', { name });
const selectedTab = () => screen.getByRole('tab', { selected: true });

describe('Tabs (the WAI-ARIA tabs pattern)', () => {
  test('a named tablist of tabs controlling the panel, which is labelled by the selected tab', () => {
    render(inFluent(<Harness />));
    expect(screen.getByRole('tablist', { name: 'Sections' })).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['One', 'Two', 'Three']);
    expect(selectedTab().textContent).toBe('One');
    for (const t of screen.getAllByRole('tab')) expect(t.getAttribute('aria-controls')).toBe('panel');
    expect(screen.getByRole('tabpanel', { name: 'One' }).textContent).toBe('Showing one');
  });

  test('one tab stop: Tab goes from before the list to the selected tab, then past the list', async () => {
    render(inFluent(<Harness />));
    const user = userSetup();
    await user.click(tab('Two'));
    expect(selectedTab().textContent).toBe('Two');
    screen.getByRole('button', { name: 'Before' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(tab('Two'));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }));
  });

  test('Right/Left move and select (wrapping at the ends), Home and End go to the first and last', async () => {
    render(inFluent(<Harness />));
    const user = userSetup();
    tab('One').focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tab('Two'));
    expect(selectedTab().textContent).toBe('Two');
    expect(screen.getByRole('tabpanel', { name: 'Two' }).textContent).toBe('Showing two');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(tab('One'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tab('Three'));
    expect(selectedTab().textContent).toBe('Three');
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tab('One'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tab('Three'));
    expect(tab('Three').tabIndex).toBe(0);
    expect(tab('One').tabIndex).toBe(-1);
    expect(tab('Two').tabIndex).toBe(-1);
  });
});
