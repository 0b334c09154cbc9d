import type { PostmortemDialog } from '../../stores/postmortem';

export type PostmortemKeyAction = Exclude<PostmortemDialog, null> | 'closing' | 'layout' | 'gather' | 'replay';

/**
 * The Postmortem tab's single keys (outside a text field): shown in its
 * hint line, acted on by usePostmortemKeys, and listed in the cheat sheet.
 */
export const POSTMORTEM_KEYS: readonly { readonly key: string; readonly action: PostmortemKeyAction; readonly label: string }[] = [
  { key: 'o', action: 'owner', label: 'owner and due date' },
  { key: 'm', action: 'meeting', label: 'meeting' },
  { key: 'n', action: 'closing', label: 'closing notice' },
  { key: 'e', action: 'export', label: 'export' },
  { key: 'l', action: 'layout', label: 'switch layout' },
  { key: 'g', action: 'gather', label: 'gather follow-ups' },
  { key: 'r', action: 'replay', label: 'replay / draft' },
];

/** The replay's keys, while its slider has focus (the slider's own arrows, Home and End, and these). */
export const REPLAY_KEYS: readonly { readonly key: string; readonly label: string }[] = [
  { key: '← →', label: 'one event back / on' },
  { key: 'PgUp PgDn', label: 'ten events' },
  { key: 'Home End', label: 'the start / the end' },
  { key: '[ ]', label: 'previous / next key event' },
];
