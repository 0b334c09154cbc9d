import { useEffect, type RefObject } from 'react';
import { isSingleKey } from '../../components/keys/typing';
import { useListUi } from '../../stores/list-ui';
import { useUi } from '../../stores/ui';

/** Keys of the incident list, for the cheat sheet (app/keymap.ts). */
export const LIST_KEYS = [
  { keys: 'J or ↓, K or ↑', what: 'move between incidents (Enter opens one)' },
  { keys: 'F', what: 'unfold the filters and go to them (Tab moves through them)' },
  { keys: 'H', what: 'shift change: hand over every incident you command to the incoming IC' },
] as const;

/**
 * The incident list from the keyboard: J/K (or the arrows) step from one
 * incident to the next, wherever focus is on the list, F goes to the
 * filters and H starts a shift change (features/shift-change). Outside a
 * field and without a dialog, like every single key.
 */
export function useListKeys(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = list.current;
      if (!root || !isSingleKey(event) || document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'h') {
        event.preventDefault();
        useUi.getState().openDialog('shift-change');
        return;
      }
      if (key === 'f') {
        event.preventDefault();
        useListUi.getState().setFiltersOpen(true);
        // Unfolded by the store's change; focused once React has drawn them.
        requestAnimationFrame(() => root.querySelector<HTMLElement>('[data-list-filter="first"]')?.focus());
        return;
      }
      const step = key === 'j' || key === 'arrowdown' ? 1 : key === 'k' || key === 'arrowup' ? -1 : 0;
      if (!step) return;
      const links = [...root.querySelectorAll<HTMLAnchorElement>('a.incident-name')];
      if (!links.length) return;
      const at = links.indexOf(document.activeElement as HTMLAnchorElement);
      // From outside the rows, down goes to the first incident and up to the last.
      const next = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
      event.preventDefault();
      links[next]?.focus();
      links[next]?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [list]);
}
