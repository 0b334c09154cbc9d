import { useEffect } from 'react';
import { typedWith } from '../components/keys/typeahead';
import { useTypeahead } from '../stores/typeahead';

/**
 * While an incident's entry line is on its way, every key that types
 * something is kept for it, wherever focus is (still the declare dialog's
 * field, or nothing yet): in the capture phase, before any shortcut or
 * field sees it, so a first note's "f" is a letter, not the search.
 */
export function useTypeaheadKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { typed, set } = useTypeahead.getState();
      if (typed === null || event.isComposing) return;
      const next = typedWith(typed, event);
      if (next === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      set(next);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
