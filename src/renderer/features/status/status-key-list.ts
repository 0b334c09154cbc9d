import type { StatusDialog } from '../../stores/status-ui';

/** The Status tab's single keys: shown in its hint line and acted on by useStatusKeys. */
export const STATUS_KEYS: readonly { readonly key: string; readonly dialog: StatusDialog | 'observer' | 'phase'; readonly label: string }[] = [
  { key: 'p', dialog: 'phase', label: 'phase (arrows, then Enter)' },
  { key: 'u', dialog: 'update', label: 'compose an update' },
  { key: 'r', dialog: 'can', label: 'CAN report' },
  { key: 'g', dialog: 'glossary', label: 'glossary' },
  { key: 'w', dialog: 'observer', label: 'observer view' },
];
