/** The Fluent theme for each Teams theme, and the local theme choice (kept in localStorage). */
import {
  type Theme,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
} from '@fluentui/react-components';
import type { TeamsThemeName } from './teams';

export const THEMES: Record<TeamsThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export const THEME_LABELS: Record<TeamsThemeName, string> = {
  default: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

const KEY = 'cmoe.theme';

/** The local demo's theme: the stored choice, else the system's dark / light preference. */
export function initialLocalTheme(win: Window = window): TeamsThemeName {
  try {
    const stored = win.localStorage.getItem(KEY);
    if (stored === 'default' || stored === 'dark' || stored === 'contrast') return stored;
  } catch {
    // Storage blocked (a strict browser setting): use the system preference.
  }
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

export function storeLocalTheme(theme: TeamsThemeName, win: Window = window): void {
  try {
    win.localStorage.setItem(KEY, theme);
  } catch {
    // Not persisted; the choice still applies to this page.
  }
}
