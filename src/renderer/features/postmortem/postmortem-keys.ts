import type { KeyTable } from '../../components/keys/key-table';
import type { PostmortemDialog } from '../../stores/postmortem';

export type PostmortemKeyAction = Exclude<PostmortemDialog, null> | 'closing' | 'layout' | 'gather' | 'replay';

/**
 * The Postmortem tab's single keys (outside a text field), as typed: Shift
 * with a letter is not the letter here. A read-only incident (one saved by
 * a newer version) still allows looking and exporting.
 */
export const POSTMORTEM_KEY_TABLE: KeyTable<PostmortemKeyAction> = {
  title: 'Postmortem',
  exactCase: true,
  keys: [
    { key: 'o', action: 'owner', label: 'owner and due date' },
    { key: 'm', action: 'meeting', label: 'meeting' },
    { key: 'n', action: 'closing', label: 'closing notice' },
    { key: 'e', action: 'export', label: 'export', inReadOnly: true },
    { key: 'l', action: 'layout', label: 'switch layout' },
    { key: 'g', action: 'gather', label: 'gather follow-ups' },
    { key: 'r', action: 'replay', label: 'replay / draft', inReadOnly: true },
  ],
};

/**
 * The replay's keys, while its slider has focus: the slider's own arrows,
 * Home and End, and Replay's [ ]. No tab key: they move the replay only.
 */
export const REPLAY_KEY_TABLE: KeyTable<never> = {
  title: 'Replay',
  keys: [],
  moves: [
    { key: '← →', label: 'one event back / on' },
    { key: 'PgUp PgDn', label: 'ten events' },
    { key: 'Home End', label: 'the start / the end' },
    { key: '[ ]', label: 'previous / next key event' },
  ],
};
