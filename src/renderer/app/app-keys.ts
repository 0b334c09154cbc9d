/**
 * The app's own single keys, which useAppKeys listens for from start-up;
 * the cheat sheet (keymap.ts) lists them with every feature's keys, which
 * are loaded with the incident's views, not at start-up.
 */

/** Focuses the quick-entry line from anywhere outside a text field (useAppKeys). */
export const FOCUS_ENTRY_KEY = '/';
/** Opens the cheat sheet from anywhere outside a text field (useAppKeys). */
export const CHEAT_SHEET_KEY = '?';
/** Alt plus this letter shows or hides the cue cards in an open incident (useAppKeys). */
export const CUE_PANEL_KEY = 'C';
/** Alt plus this letter asks whom the entries that follow are for (useAppKeys). */
export const ATTRIBUTION_KEY = 'A';
