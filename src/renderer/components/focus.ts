/**
 * Where focus goes when what held it goes away (a dialog closes): back to
 * the control that had it, if it is still on the page, else somewhere the
 * next keystroke is useful: the incident's entry line, else the first
 * control of the view that is not a field (a field would take letters
 * meant as shortcuts). Never the page's body, where keys reach nothing
 * a screen reader can announce.
 */
const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function restoreFocus(previous: Element | null): void {
  if (previous instanceof HTMLElement && previous !== document.body && previous.isConnected && !previous.closest('dialog:not([open])')) {
    previous.focus();
    if (document.activeElement === previous) return;
  }
  // Another dialog is open (one opened from this one): it keeps the focus it has.
  if (document.querySelector('dialog[open]')) return;
  focusHome();
}

/** The view's resting place for focus: the entry line of an open incident, else the view's first control. */
export function focusHome(): void {
  const entry = document.querySelector<HTMLElement>('textarea[aria-label="Log a timeline event"]');
  const target = entry ?? document.querySelector<HTMLElement>(`main ${FOCUSABLE.split(', ').join(', main ')}`);
  target?.focus();
}
