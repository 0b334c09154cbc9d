/**
 * Where focus goes when what held it goes away (a dialog closes): back to
 * the control that had it, if it is still on the page, else somewhere the
 * next keystroke is useful (focusHome). Never the page's body, where keys reach nothing
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

/**
 * The view's resting place for focus: in an incident, the shown tab's panel
 * (its keys act at once) unless it is the timeline, whose place is the entry
 * line; elsewhere the view's first control.
 */
export function focusHome(): void {
  const panel = document.querySelector<HTMLElement>('[role="tabpanel"]');
  if (panel && !panel.id.endsWith('-timeline')) return panelHome(panel).focus();
  const entry = document.querySelector<HTMLElement>('textarea[aria-label="Log a timeline event"]');
  const target = entry ?? document.querySelector<HTMLElement>(`main ${FOCUSABLE.split(', ').join(', main ')}`);
  target?.focus();
}

/**
 * Where focus lands in a tab's panel: the selected item, else the item that
 * Tab would reach first in the tab's list (a roving tabindex), else the
 * first button, else the panel itself. Never a text field, so the tab's
 * single keys act at once; as in VS Code and Linear, a view chosen by key is
 * ready for that view's keys.
 */
const PANEL_HOMES = ['[aria-current="true"][tabindex="0"]', '[tabindex="0"]', 'button:not([disabled]), a[href]'];

export function panelHome(panel: HTMLElement): HTMLElement {
  for (const selector of PANEL_HOMES) {
    const found = panel.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return panel;
}
