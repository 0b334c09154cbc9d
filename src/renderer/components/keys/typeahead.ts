/**
 * Keys typed before the entry line exists. Declaring, joining or opening an
 * incident takes a moment (the incident is written, then loaded); an IC who
 * starts typing the first note at once must not lose it, nor have its first
 * letter taken for a shortcut ("f" would open the search). So from the
 * moment the incident is asked for until its entry line appears, typed
 * keys are kept here and handed to the line, which logs every line ended
 * with Enter and keeps the rest to be finished. Pure, so the rules are
 * tested without a browser.
 */

/** Enter, as kept: the line up to it is logged. Shift+Enter is a new line within the entry. */
export const TYPED_ENTER = '\r';

type TypedKey = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/** What has been typed once this key is added; null: the key types nothing (Tab, an arrow, Ctrl+…), so it is left to act. */
export function typedWith(typed: string, event: TypedKey): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Enter') return typed + (event.shiftKey ? '\n' : TYPED_ENTER);
  if (event.key === 'Backspace') {
    const chars = [...typed];
    // Enter has already logged its line: Backspace after it has nothing to take back.
    return chars.at(-1) === TYPED_ENTER || !chars.length ? typed : chars.slice(0, -1).join('');
  }
  return [...event.key].length === 1 ? typed + event.key : null;
}

/** The typed keys as the entry line takes them: the lines to log now (Enter ended them), and the rest, still being written. */
export function typedLines(typed: string): { readonly logged: readonly string[]; readonly rest: string } {
  const lines = typed.split(TYPED_ENTER);
  const rest = lines.pop() ?? '';
  return { logged: lines.filter((line) => line.trim()), rest };
}
