import type { TimersDialog } from '../../stores/timers-ui';

/** The Timers tab's single keys: shown in its hint line and acted on by useTimersKeys. */
export const TIMERS_KEYS: readonly { readonly key: string; readonly dialog: TimersDialog; readonly label: string }[] = [
  { key: 'n', dialog: 'timer', label: 'new timer' },
  { key: 'c', dialog: 'cadence', label: 'cadence' },
];
