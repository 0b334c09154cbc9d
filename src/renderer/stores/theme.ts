/**
 * The colour theme: the OS's (prefers-color-scheme) unless this machine picked
 * light or dark in Settings. The choice is kept in localStorage, which every
 * window of the app shares (the observer view, the capture window), and is
 * applied as data-theme on <html>, which tokens.css turns into a
 * color-scheme: no reload, and another window follows at once through the
 * storage event.
 */
import { create } from 'zustand';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_KEY = 'command-post:theme';

/** What a stored value means; anything unknown (a hand edit, an older build) is the OS's theme. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === stored) ?? 'system';
}

function readStored(): ThemeChoice {
  try {
    return parseThemeChoice(typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

interface ThemeState {
  choice: ThemeChoice;
  choose(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeState>((set) => ({
  choice: readStored(),
  choose: (choice) => {
    try {
      localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage may be unavailable (a private window); the choice then lasts this session.
    }
    apply(choice);
    set({ choice });
  },
}));

/** At start-up, before the first paint: the stored choice, and from then on every other window's. */
export function startTheme(): void {
  apply(useTheme.getState().choice);
  window.addEventListener('storage', (e) => {
    if (e.key !== THEME_KEY && e.key !== null) return;
    const choice = readStored();
    apply(choice);
    useTheme.setState({ choice });
  });
}
