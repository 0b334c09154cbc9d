import { useTabKeys } from '../../components/keys/useTabKeys';
import { useTimersUi } from '../../stores/timers-ui';
import { TIMERS_KEY_TABLE } from './timers-keys';

/** n and c on the Timers tab; none at all while read-only. */
export function useTimersKeys(readOnly: boolean): void {
  useTabKeys(TIMERS_KEY_TABLE, { enabled: !readOnly, run: (dialog) => useTimersUi.getState().open(dialog) });
}
