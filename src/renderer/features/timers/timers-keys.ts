import type { KeyTable } from '../../components/keys/key-table';
import type { TimersDialog } from '../../stores/timers-ui';

/** The Timers tab's single keys: each opens one of its dialogs. */
export const TIMERS_KEY_TABLE: KeyTable<TimersDialog> = {
  title: 'Timers',
  keys: [
    { key: 'n', action: 'timer', label: 'new timer' },
    { key: 'c', action: 'cadence', label: 'cadence' },
  ],
};

