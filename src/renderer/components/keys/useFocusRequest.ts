import { useEffect } from 'react';

/**
 * Puts focus on the element a tab's selection names when the tab's store
 * asks (its focusRequest is bumped after a move key, or when a dialog
 * closes), and scrolls it into view. `selector` names the element at that
 * moment: after the commit that rendered it (a newly checked-in person's
 * row, say), so a selection made with the request is found.
 */
export function useFocusRequest(request: number, selector: () => string | null, scroll: ScrollIntoViewOptions): void {
  useEffect(() => {
    if (!request) return;
    const found = selector();
    const el = found ? document.querySelector<HTMLElement>(found) : null;
    el?.focus();
    el?.scrollIntoView(scroll);
    // Only when asked: the selector and the scroll options are read then, not watched.
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps
}
