import { afterEach, describe, expect, it } from 'vitest';
import { anywhereActions, incidentActions, keySections, type KeyDoes } from '../../../src/renderer/app/keymap';
import { activeKeyTables, listenFor } from '../../../src/renderer/components/keys/active-tables';
import { isPaletteKey, paletteKeys } from '../../../src/renderer/components/keys/palette-key';
import { TYPED_ENTER, typedLines, typedWith } from '../../../src/renderer/components/keys/typeahead';
import { isCharacterKey, isSingleKey } from '../../../src/renderer/components/keys/typing';
import { ORG_KEY_TABLE, type OrgKeyAction } from '../../../src/renderer/features/org-chart/keys';
import { grouped, paletteCommands } from '../../../src/renderer/features/palette/palette-commands';
import { INCIDENT_TABS } from '../../../src/renderer/features/incident/tabs';
import { useKeyPrefs } from '../../../src/renderer/stores/key-prefs';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keys typed before the entry line exists', () => {
  const typeAll = (keys: ReturnType<typeof key>[]) => keys.reduce<string>((typed, k) => typedWith(typed, k) ?? typed, '');

  it('keeps letters (a shortcut letter first), Enter and Shift+Enter, and takes one back with Backspace', () => {
    const typed = typeAll([...'found it'].map((c) => key(c)).concat(key('Enter'), key('x'), key('Backspace'), key('o'), key('Enter', { shiftKey: true }), key('k')));
    expect(typed).toBe(`found it${TYPED_ENTER}o\nk`);
    expect(typedLines(typed)).toEqual({ logged: ['found it'], rest: 'o\nk' });
  });

  it('leaves to their work the keys that type nothing, and those with Ctrl, Cmd or Alt', () => {
    for (const k of [key('Tab'), key('ArrowDown'), key('Escape'), key('k', { ctrlKey: true }), key('o', { altKey: true }), key('l', { metaKey: true })]) {
      expect(typedWith('a', k), k.key).toBeNull();
    }
  });

  it('does not take back a line Enter has logged, and logs no empty line', () => {
    expect(typedWith(`done${TYPED_ENTER}`, key('Backspace'))).toBe(`done${TYPED_ENTER}`);
    expect(typedWith('', key('Backspace'))).toBe('');
    expect(typedLines(`${TYPED_ENTER}  ${TYPED_ENTER}two${TYPED_ENTER}`)).toEqual({ logged: ['two'], rest: '' });
  });
});

describe('single-key shortcuts, turned off', () => {
  afterEach(() => useKeyPrefs.setState({ singleKeys: true }));
  const press = (k: string, target: { tagName: string; isContentEditable?: boolean } = { tagName: 'BODY' }) =>
    ({ ...key(k), defaultPrevented: false, target }) as unknown as KeyboardEvent;

  it('tells a character key from a named one', () => {
    expect(['f', '?', '1', ' ', 'é'].every((k) => isCharacterKey({ key: k }))).toBe(true);
    expect(['Enter', 'Escape', 'ArrowUp', 'Delete', 'F1'].some((k) => isCharacterKey({ key: k }))).toBe(false);
  });

  it('lets no character key act, while Enter, Escape, the arrows and Delete still do', () => {
    expect(isSingleKey(press('f'))).toBe(true);
    useKeyPrefs.setState({ singleKeys: false });
    expect(['f', '?', '/', 'j', '1'].map((k) => isSingleKey(press(k)))).toEqual([false, false, false, false, false]);
    expect(['Enter', 'Escape', 'ArrowDown', 'Home', 'Delete'].map((k) => isSingleKey(press(k)))).toEqual([true, true, true, true, true]);
    // In a field, nothing is a shortcut either way.
    expect(isSingleKey(press('ArrowDown', { tagName: 'INPUT' }))).toBe(false);
  });
});

describe('the command palette', () => {
  it('opens on Ctrl+K or Cmd+K by the physical key, not with Shift or Alt', () => {
    const chord = (mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>, code = 'KeyK') => ({ code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(isPaletteKey(chord({ ctrlKey: true }))).toBe(true);
    expect(isPaletteKey(chord({ metaKey: true }))).toBe(true);
    expect(isPaletteKey(chord({}))).toBe(false);
    expect(isPaletteKey(chord({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteKey(chord({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteKey(chord({ ctrlKey: true }, 'KeyL'))).toBe(false);
    expect([paletteKeys('other'), paletteKeys('mac')]).toEqual(['Ctrl+K', 'Cmd+K']);
  });

  it('offers the shown tab’s keys that may act now, each running its action as the key does', () => {
    const ran: OrgKeyAction[] = [];
    const off = listenFor({ table: ORG_KEY_TABLE as never, current: () => ({ readOnly: false, run: (a: string) => ran.push(a as OrgKeyAction) }) });
    try {
      const commands = paletteCommands({ tables: activeKeyTables(), incident: incidentActions('other'), anywhere: anywhereActions('other'), buttons: [], perform: () => {} });
      const org = commands.filter((c) => c.group === 'Org chart');
      // Enter acts on the focused card, not on the tab: it is not a palette row.
      expect(org.map((c) => c.keys)).toEqual(ORG_KEY_TABLE.keys.filter((k) => !k.onFocused).map((k) => k.key));
      org.find((c) => c.keys === 'h')!.run();
      expect(ran).toEqual(['handover']);
      // The tab's rows come first: they are what the view is for.
      expect(grouped(commands).map((g) => g.title)).toEqual(['Org chart', 'Incident', 'Command Post']);
    } finally {
      off();
    }
    expect(activeKeyTables()).toHaveLength(0);
  });

  it('offers only what still acts in a read-only tab, as its hint line does', () => {
    const off = listenFor({ table: ORG_KEY_TABLE as never, current: () => ({ readOnly: true, run: () => {} }) });
    try {
      // Looking changes nothing: only the chart's zoom is left.
      const labels = paletteCommands({ tables: activeKeyTables(), incident: null, anywhere: [], buttons: [], perform: () => {} }).map((c) => c.label);
      expect(labels).toEqual(['Zoom to fit', 'Zoom in', 'Zoom out']);
    } finally {
      off();
    }
  });

  it('lists every tab with its Alt key, the app’s commands with theirs, and buttons without one', () => {
    const performed: KeyDoes[] = [];
    const commands = paletteCommands({
      tables: [],
      incident: incidentActions('other'),
      anywhere: anywhereActions('other'),
      buttons: [{ what: 'share this incident', run: () => {} }],
      perform: (does) => performed.push(does),
    });
    commands.find((c) => c.keys === 'Alt+O')!.run();
    commands.find((c) => c.keys === 'Ctrl+Shift+D')!.run();
    expect(performed).toEqual([{ tab: 'org' }, { intent: { type: 'declare-incident' } }]);
    for (const tab of INCIDENT_TABS) expect(commands).toContainEqual(expect.objectContaining({ label: `Show the ${tab.label.toLowerCase()}`, keys: `Alt+${tab.key}` }));
    expect(commands).toContainEqual(expect.objectContaining({ label: 'Declare incident', keys: 'Ctrl+Shift+D' }));
    expect(commands).toContainEqual(expect.objectContaining({ label: 'Share this incident', keys: null, group: 'Incident' }));
    // Rows that do nothing of their own (Escape, the palette itself) are the sheet's only.
    expect(commands.some((c) => c.keys === 'Escape' || c.keys === 'Ctrl+K')).toBe(false);
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
  });

  it('is listed in the `?` sheet with the app’s own keys', () => {
    const app = keySections(null, 'other').find((s) => s.title === 'Anywhere in Command Post')!;
    expect(app.entries.map((e) => e.keys)).toContain('Ctrl+K');
  });
});
