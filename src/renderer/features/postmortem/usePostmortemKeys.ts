import { useTabKeys } from '../../components/keys/useTabKeys';
import { usePostmortemUi } from '../../stores/postmortem';
import { useUi } from '../../stores/ui';
import { POSTMORTEM_KEY_TABLE } from './postmortem-keys';

/**
 * The Postmortem tab's single keys; read-only, only those marked so.
 * `run` does what a key asks that is not a dialog (switching the layout,
 * gathering the follow-ups), and says when it cannot.
 */
export function usePostmortemKeys(readOnly: boolean, run: (action: 'layout' | 'gather') => void): void {
  useTabKeys(POSTMORTEM_KEY_TABLE, {
    readOnly,
    run: (action) => {
      const ui = usePostmortemUi.getState();
      switch (action) {
        case 'closing':
          useUi.getState().openDialog('closing');
          break;
        case 'replay':
          ui.show(ui.view === 'replay' ? 'draft' : 'replay');
          break;
        case 'layout':
        case 'gather':
          run(action);
          break;
        default:
          ui.open(action);
      }
    },
  });
}
