/**
 * Every key of the app, for the cheat sheet (`?`), gathered from the lists
 * the code itself acts on: the menu's commands (shared with the web host),
 * the hotkeys as the host reports them, the incident's tabs, the entry
 * line's keys, and each tab's key table (components/keys), the same one its
 * keys act from and its hint line shows. A feature with keys of its own
 * exports its table and adds one section here (FEATURE_SECTIONS), so the
 * sheet cannot drift from what the keys do.
 */
import type { HotkeyStatus, Intent } from '../../shared/ipc';
import type { IncidentTab } from '../stores/ui';
import { formatAccelerator, type KeyPlatform } from '../../shared/hotkeys/accelerator';
import { specOf } from '../../shared/hotkeys/actions';
import { ALL_APP_COMMANDS } from '../../shared/hotkeys/app-commands';
import { CUE_CARDS, cueKeys } from '../../shared/views/cue-cards';
import { sectionOf, type KeyEntry, type KeySection } from '../components/keys/key-table';
import { paletteKeys } from '../components/keys/palette-key';
import { INCIDENT_TABS } from '../features/incident/tabs';
import { ORG_KEY_TABLE } from '../features/org-chart/keys';
import { PLAN_KEY_TABLE } from '../features/plan/plan-keys';
import { LIST_KEYS } from '../features/incident-list/useListKeys';
import { ENTRY_KEYS } from '../features/timeline/parseEntry';
import { TIMELINE_KEY_TABLE } from '../features/timeline/timeline-keys';
import { TIMERS_KEY_TABLE } from '../features/timers/timers-keys';
import { STATUS_KEY_TABLE } from '../features/status/status-key-list';
import { POSTMORTEM_KEY_TABLE, REPLAY_KEY_TABLE } from '../features/postmortem/postmortem-keys';
import { ATTRIBUTION_KEY, CHEAT_SHEET_KEY, CUE_PANEL_KEY, FOCUS_ENTRY_KEY } from './app-keys';


/**
 * The tabs' own single keys, which act when no text field has focus
 * (Escape leaves the entry line). Add a feature's table here.
 */
const FEATURE_SECTIONS: readonly KeySection[] = [
  { title: 'Incident list', entries: LIST_KEYS },
  sectionOf(TIMELINE_KEY_TABLE),
  sectionOf(ORG_KEY_TABLE),
  sectionOf(PLAN_KEY_TABLE),
  sectionOf(TIMERS_KEY_TABLE),
  sectionOf(STATUS_KEY_TABLE, { entries: [{ keys: 'Ctrl+Enter', what: 'in an update or CAN report: record it as sent' }] }),
  sectionOf(POSTMORTEM_KEY_TABLE),
  sectionOf(REPLAY_KEY_TABLE, { note: 'On the Postmortem tab, while the replay slider has focus.' }),
  {
    title: 'Cue cards',
    note: `Alt+${CUE_PANEL_KEY} opens them; a card's key logs what happened on it.`,
    entries: [
      { keys: '↑ ↓', what: 'previous / next card' },
      { keys: 'Home End', what: 'first / last card' },
      { keys: 'Escape', what: 'back to the entry line' },
      ...[...cueKeys(CUE_CARDS)].map(([key, card]) => ({ keys: key, what: card.title })),
    ],
  },
];

/**
 * What a key of the app does, as data (kept pure, so the sheet is tested
 * without a browser): the command palette runs it (features/palette), and
 * so does the key's own listener (useAppKeys) or the host's menu.
 */
export type KeyDoes =
  | { readonly intent: Intent }
  | { readonly tab: IncidentTab }
  | { readonly cuePanel: true }
  | { readonly attribution: true }
  | { readonly sheet: true };

/** A line of the sheet that the command palette can also run. */
export interface KeyAction extends KeyEntry {
  readonly does?: KeyDoes;
}

/** The app's own keys, anywhere in it: the menu's commands, the palette, this sheet. */
export function anywhereActions(platform: KeyPlatform): KeyAction[] {
  return [
    ...ALL_APP_COMMANDS.map((c) => ({ keys: formatAccelerator(c.accelerator, platform), what: c.label.replace(/…$/, ''), does: { intent: c.intent } })),
    { keys: paletteKeys(platform), what: 'find any action by name and run it (also with single keys off)' },
    { keys: CHEAT_SHEET_KEY, what: 'these keys (outside a text field)', does: { sheet: true } },
    { keys: 'Escape', what: 'close a dialog without changes' },
  ];
}

/** The keys of an open incident, whichever tab is shown. */
export function incidentActions(platform: KeyPlatform): KeyAction[] {
  return [
    { keys: `${FOCUS_ENTRY_KEY} or ${formatAccelerator('CmdOrCtrl+L', platform)}`, what: 'go to the quick-entry line' },
    ...INCIDENT_TABS.map((tab) => ({ keys: `Alt+${tab.key}`, what: `show the ${tab.label.toLowerCase()}`, does: { tab: tab.id } })),
    { keys: `Alt+${CUE_PANEL_KEY}`, what: 'show or hide the IC’s cue cards', does: { cuePanel: true } },
    { keys: `Alt+${ATTRIBUTION_KEY}`, what: 'log for someone else (the IC, a lead): the entries that follow are theirs', does: { attribution: true } },
  ];
}

const entryOf = ({ keys, what }: KeyAction): KeyEntry => ({ keys, what });

export function keySections(hotkeys: HotkeyStatus | null, platform: KeyPlatform): KeySection[] {
  const app: KeySection = { title: 'Anywhere in Command Post', entries: anywhereActions(platform).map(entryOf) };
  const incident: KeySection = { title: 'An open incident', entries: incidentActions(platform).map(entryOf) };
  const entry: KeySection = {
    title: 'Quick-entry line and quick capture',
    entries: [
      ...ENTRY_KEYS,
      { keys: 'Escape', what: 'leave the line (quick capture: cancel, logging nothing)' },
      { keys: `${FOCUS_ENTRY_KEY} or ${formatAccelerator('CmdOrCtrl+L', platform)}`, what: 'on the incident list: the note pad, for observations before declaring' },
    ],
  };
  return [app, hotkeySection(hotkeys, platform), incident, entry, ...FEATURE_SECTIONS];
}

function hotkeySection(hotkeys: HotkeyStatus | null, platform: KeyPlatform): KeySection {
  if (!hotkeys) return { title: 'Hotkeys', entries: [{ keys: '…', what: 'reading the hotkeys' }] };
  const entries = hotkeys.entries.map((entry) => {
    const what = specOf(entry.action).label;
    if (!entry.accelerator) return { keys: 'none', what: `${what} (no key: set one in Settings)` };
    const keys = formatAccelerator(entry.accelerator, platform);
    if (!hotkeys.global || entry.state === 'registered' || entry.state === 'unconfirmed') return { keys, what };
    return { keys, what: `${what} (inside Command Post only: ${entry.state === 'taken' ? 'another program holds it' : 'not usable'}; see Settings)` };
  });
  return hotkeys.global
    ? { title: 'Global hotkeys', note: 'From any program while Command Post runs, and inside it. Change them in Settings.', entries }
    : { title: 'Quick capture keys', note: 'While this page has focus (the desktop app makes them work from any program). Change them in Settings.', entries };
}
