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
 * A single key meant as a shortcut: not typed into a field, without Ctrl,
 * Meta or Alt (those are the app's and the host's), and not already
 * handled by something nearer the focus.
 */
export function isSingleKey(event: KeyboardEvent): boolean {
  return !(event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target));
}
