import { useEffect } from 'react';
import { isTyping } from '../../components/keys/typing';
import { useTimersUi } from '../../stores/timers-ui';
import { TIMERS_KEYS } from './timers-keys';

/** n and c on the Timers tab; ignored while typing, with a modifier, or with a dialog open. */
export function useTimersKeys(readOnly: boolean): void {
  useEffect(() => {
    if (readOnly) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const entry = TIMERS_KEYS.find((k) => k.key === event.key.toLowerCase());
      if (!entry) return;
      event.preventDefault();
      useTimersUi.getState().open(entry.dialog);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [readOnly]);
}
