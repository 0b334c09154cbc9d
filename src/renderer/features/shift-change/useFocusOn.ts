import { useEffect, useRef } from 'react';

/**
 * Focuses the element when `key` changes (a dialog's next step): the Modal
 * focuses its start only once, when it opens, and a step that replaces the
 * one holding focus would leave it on the dialog itself.
 */
export function useFocusOn<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [key]);
  return ref;
}
