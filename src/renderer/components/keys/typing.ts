import { useKeyPrefs } from '../../stores/key-prefs';

/**
 * Whether a key press belongs to a field (a text box, a list, an editable
 * region): there a letter is typed, not a shortcut. The app's keys and
 * every tab's single keys step aside for it.
 */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * A key that types a character (a letter, a digit, punctuation, a space),
 * as opposed to a named key (Enter, Escape, the arrows, Delete): the kind
 * of shortcut WCAG 2.1.4 lets people turn off.
 */
export function isCharacterKey(event: Pick<KeyboardEvent, 'key'>): boolean {
  return [...event.key].length === 1;
}

/** Whether a character key may act as a shortcut now: not when single keys are turned off in Settings. */
export function characterShortcutsOn(): boolean {
  return useKeyPrefs.getState().singleKeys;
}

/**
 * A single key meant as a shortcut: not typed into a field, without Ctrl,
 * Meta or Alt (those are the app's and the host's), not already handled by
 * something nearer the focus, and, for a character key, only while single
 * keys are on (named keys such as the arrows always move a selection).
 */
export function isSingleKey(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return false;
  return !isCharacterKey(event) || characterShortcutsOn();
}
