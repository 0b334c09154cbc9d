import { useEffect, useRef } from 'react';
import { actionFor, mayAct, type KeyPermission, type KeyTable } from './key-table';
import { isSingleKey } from './typing';
import { listenFor, type ActiveKeyTable } from './active-tables';

export interface TabKeyOptions<A extends string> extends KeyPermission<A> {
  /**
   * Moves the selection (arrows, j k, Home, End…) and says whether it took
   * the key. Asked before the table, read-only or not: looking around is
   * never refused.
   */
  readonly move?: (event: KeyboardEvent) => boolean;
  /** Does what an action asks (opens a dialog, runs a command, says why not). */
  readonly run: (action: A) => void;
  /** False: the tab takes no keys at all (the timers board, read-only). */
  readonly enabled?: boolean;
}

/**
 * A tab's single keys, from its table: ignored while typing in a field,
 * with Ctrl, Meta or Alt (the app's and the host's keys), once something
 * else has handled the press, and while a dialog is open. A move key
 * moves the selection; a key whose action may not act now (read-only,
 * nothing to send) is left alone for the page; any other runs its action.
 * Whatever the tab takes, the browser's default does not also happen.
 */
export function useTabKeys<A extends string>(table: KeyTable<A>, options: TabKeyOptions<A>): void {
  // The newest options, read when a key is pressed: the listener stays put while the tab re-renders.
  const latest = useRef(options);
  latest.current = options;
  const enabled = options.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSingleKey(event) || document.querySelector('dialog[open]')) return;
      const { move, run } = latest.current;
      if (move?.(event)) {
        event.preventDefault();
        return;
      }
      const action = actionFor(table, event.key);
      if (!action || !mayAct(table, action, latest.current)) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener('keydown', onKeyDown);
    // The palette offers the same actions while these keys listen (cast: the palette names actions as strings).
    const unlisted = listenFor({ table, current: () => latest.current as unknown as ReturnType<ActiveKeyTable['current']> });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unlisted();
    };
  }, [table, enabled]);
}
