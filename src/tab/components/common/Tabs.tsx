/**
 * A tab list after the WAI-ARIA tabs pattern: role tablist/tab, aria-selected and aria-controls, one
 * tab stop (roving tabindex), Left/Right/Home/End move between tabs and select the one they reach
 * (automatic activation: the panels are already loaded or cheap). The caller renders the one tabpanel,
 * labelled by `tabIdOf(idBase, selected)`. Looks like Fluent's TabList, without its focus manager.
 *
 * Measured (issue 15): since the case screen became a lazy chunk this saves nothing on the first load
 * (Fluent's TabList in its place: +0.01 KB gzipped on what loads first, +2.2 KB on all chunks), measured by building the tab with each variant and gzipping its JavaScript as `npm run bench` does (bench/tab.ts `jsSizes`, level 9) on 2026-12-08; docs/benchmarks.md, "Kept stand-ins".
 * Under the 3 KB rule it should give way to Fluent's TabList; not yet done because Fluent's
 * arrow keys (tabster) do not run in jsdom, so the keyboard test below must move to a browser test first.
 */
import { mergeClasses } from '@fluentui/react-components';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useTabLookStyles } from './Tabs.styles';

export interface TabItem<V extends string> {
  value: V;
  label: ReactNode;
}

export const tabIdOf = (idBase: string, value: string) => `${idBase}-${value}`;

export interface TabsProps<V extends string> {
  /** The list's accessible name. */
  label: string;
  tabs: readonly TabItem<V>[];
  selected: V;
  onSelect: (value: V) => void;
  /** Each tab's id is `${idBase}-${value}`, for the panel's aria-labelledby. */
  idBase: string;
  /** The id of the panel the tabs control. */
  panelId: string;
  className?: string;
}

export function Tabs<V extends string>(props: TabsProps<V>) {
  const styles = useTabLookStyles();
  const list = useRef<HTMLDivElement>(null);
  const { tabs, selected } = props;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = Math.max(
      0,
      tabs.findIndex((t) => t.value === selected),
    );
    const last = tabs.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: at === last ? 0 : at + 1,
      ArrowLeft: at === 0 ? last : at - 1,
      Home: 0,
      End: last,
    };
    const to = moves[e.key];
    const tab = to === undefined ? undefined : tabs[to];
    if (!tab) return;
    e.preventDefault();
    props.onSelect(tab.value);
    list.current?.ownerDocument.getElementById(tabIdOf(props.idBase, tab.value))?.focus();
  };

  return (
    <div
      ref={list}
      role="tablist"
      aria-label={props.label}
      aria-orientation="horizontal"
      className={mergeClasses(styles.list, props.className)}
      onKeyDown={onKeyDown}
    >
      {tabs.map((t) => {
        const isSelected = t.value === selected;
        return (
          <button
            key={t.value}
            type="button"
            role="tab"
            id={tabIdOf(props.idBase, t.value)}
            aria-selected={isSelected}
            aria-controls={props.panelId}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.item, isSelected && styles.selected)}
            onClick={() => props.onSelect(t.value)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
