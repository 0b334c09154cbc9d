import { useEffect } from 'react';
import { isTyping } from '../../components/keys/typing';
import { usePostmortemUi } from '../../stores/postmortem';
import { useUi } from '../../stores/ui';
import { POSTMORTEM_KEYS, type PostmortemKeyAction } from './postmortem-keys';

/**
 * The Postmortem tab's single keys; ignored while typing, with a modifier,
 * or with a dialog open. `run` does what a key asks that is not a dialog
 * (switching the layout, gathering the follow-ups), and says when it cannot.
 */
export function usePostmortemKeys(readOnly: boolean, run: (action: 'layout' | 'gather') => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const entry = POSTMORTEM_KEYS.find((k) => k.key === event.key);
      if (!entry || (readOnly && !READ_ONLY_KEYS.has(entry.action))) return;
      event.preventDefault();
      const ui = usePostmortemUi.getState();
      switch (entry.action) {
        case 'closing':
          useUi.getState().openDialog('closing');
          break;
        case 'replay':
          ui.show(ui.view === 'replay' ? 'draft' : 'replay');
          break;
        case 'layout':
        case 'gather':
          run(entry.action);
          break;
        default:
          ui.open(entry.action);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [readOnly, run]);
}

/** What a read-only incident (one saved by a newer version) still allows: looking and exporting. */
export const READ_ONLY_KEYS: ReadonlySet<PostmortemKeyAction> = new Set(['export', 'replay']);
