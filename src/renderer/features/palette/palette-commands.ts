/**
 * What the command palette offers, from the lists the keys themselves act
 * from: the shown tab's key table (only the keys that may act now, as its
 * hint line shows them), the incident's keys, the app's own, and the few
 * buttons of the view that have no key. Each row runs what its key runs.
 * Pure apart from the runs it is handed, so the choice of rows is tested
 * without a browser.
 */
import type { KeyAction, KeyDoes } from '../../app/keymap';
import type { ActiveKeyTable } from '../../components/keys/active-tables';
import { keysThatAct } from '../../components/keys/key-table';

export interface PaletteCommand {
  /** Unique and searchable: the group, then what the row does. */
  readonly id: string;
  readonly group: string;
  readonly label: string;
  /** The key that does the same, as the `?` sheet writes it; null for a button's action, which has none. */
  readonly keys: string | null;
  readonly run: () => void;
}

export interface PaletteSources {
  /** The tab keys listening now (components/keys/active-tables). */
  readonly tables: readonly ActiveKeyTable[];
  /** The incident's keys, when one is open. */
  readonly incident: readonly KeyAction[] | null;
  readonly anywhere: readonly KeyAction[];
  /** The view's buttons without a key (share, export…), under the incident's or the app's group. */
  readonly buttons: readonly { readonly what: string; readonly run: () => void }[];
  /** Does what an app key does (CommandPalette hands the real one; tests, a recorder). */
  readonly perform: (does: KeyDoes) => void;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function rowsOf(group: string, actions: readonly KeyAction[], perform: (does: KeyDoes) => void): PaletteCommand[] {
  return actions.flatMap(({ keys, what, does }) => (does ? [{ id: `${group}: ${what}`, group, label: sentence(what), keys, run: () => perform(does) }] : []));
}

export function paletteCommands(sources: PaletteSources): PaletteCommand[] {
  const tabs = sources.tables.flatMap(({ table, current }) => {
    return keysThatAct(table, current())
      .filter((k) => !k.onFocused)
      .map((k) => ({ id: `${table.title}: ${k.label}`, group: table.title, label: sentence(k.label), keys: k.key, run: () => current().run(k.action) }));
  });
  const buttonGroup = sources.incident ? 'Incident' : 'Command Post';
  const buttons = sources.buttons.map((b) => ({ id: `${buttonGroup}: ${b.what}`, group: buttonGroup, label: sentence(b.what), keys: null, run: b.run }));
  const incident = sources.incident ? rowsOf('Incident', sources.incident, sources.perform) : [];
  return [...tabs, ...incident, ...buttons, ...rowsOf('Command Post', sources.anywhere, sources.perform)];
}

/** The rows in their groups, in the order the groups first appear. */
export function grouped(commands: readonly PaletteCommand[]): { readonly title: string; readonly commands: readonly PaletteCommand[] }[] {
  const groups = new Map<string, PaletteCommand[]>();
  for (const command of commands) groups.set(command.group, [...(groups.get(command.group) ?? []), command]);
  return [...groups].map(([title, list]) => ({ title, commands: list }));
}
