import type { KeyTable } from '../../components/keys/key-table';
import type { StatusDialog } from '../../stores/status-ui';

export type StatusKeyAction = StatusDialog | 'observer' | 'phase' | 'since' | 'impact-note';

/**
 * The Status tab's single keys. Updates and CAN reports go out after the
 * end too, so u and r act read-only (when this machine may send: see
 * statusKeyPermission); only the phase is the document's own and closes
 * with it.
 */
export const STATUS_KEY_TABLE: KeyTable<StatusKeyAction> = {
  title: 'Status',
  keys: [
    { key: 'p', action: 'phase', label: 'phase (arrows, then Enter)' },
    { key: 's', action: 'since', label: 'impact since: type a time (09:30, -45m)' },
    { key: 'i', action: 'impact-note', label: "impact since: the first impact note's time" },
    { key: 'u', action: 'update', label: 'compose an update', inReadOnly: true },
    { key: 'r', action: 'can', label: 'CAN report', inReadOnly: true },
    { key: 'g', action: 'glossary', label: 'glossary', inReadOnly: true },
    { key: 'w', action: 'observer', label: 'observer view', inReadOnly: true },
  ],
};

/** Which keys may act: sending needs someone who may write and something to send it from (see StatusView's canSend). */
export function statusKeyPermission(readOnly: boolean, canSend: boolean) {
  return { readOnly, allows: (action: StatusKeyAction) => canSend || (action !== 'update' && action !== 'can') };
}
