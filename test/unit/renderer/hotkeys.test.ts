/**
 * The web host's hotkeys (in-page keys kept in localStorage) and the cheat
 * sheet, which lists every key from the lists the code acts on.
 */
import { describe, expect, it } from 'vitest';
import { keySections } from '../../../src/renderer/app/keymap';
import { INCIDENT_TABS } from '../../../src/renderer/features/incident/tabs';
import { ORG_KEYS } from '../../../src/renderer/features/org-chart/keys';
import { PLAN_KEYS } from '../../../src/renderer/features/plan/plan-keys';
import { entryKeyAction } from '../../../src/renderer/features/timeline/parseEntry';
import { createWebHotkeys, HOTKEYS_STORAGE_KEY } from '../../../src/renderer/host/web-hotkeys';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('the web host’s hotkeys', () => {
  it('start at the defaults, all in-page, and keep a change in localStorage', async () => {
    const storage = memoryStorage();
    const hotkeys = createWebHotkeys(storage, 'other');
    const status = await hotkeys.getStatus();
    expect(status).toMatchObject({ global: false, platform: 'other', sessionNotice: null, settingsProblem: null });
    expect(status.entries.every((e) => e.state === 'in-app')).toBe(true);
    const result = await hotkeys.change({ ...DEFAULT_HOTKEYS, decision: 'Ctrl+Alt+Shift+D', 'mark-key': '' });
    expect(result.error).toBeNull();
    expect(JSON.parse(storage.items.get(HOTKEYS_STORAGE_KEY)!)).toMatchObject({ decision: 'Control+Alt+Shift+D', 'mark-key': '' });
    const again = await createWebHotkeys(storage, 'other').getStatus();
    expect(again.entries.find((e) => e.action === 'decision')).toMatchObject({ accelerator: 'Control+Alt+Shift+D', state: 'in-app' });
    expect(again.entries.find((e) => e.action === 'mark-key')).toMatchObject({ accelerator: '', state: 'off' });
  });

  it('refuse a conflict as a whole, reset to the defaults, and survive damaged storage', async () => {
    const storage = memoryStorage({ [HOTKEYS_STORAGE_KEY]: '{not json' });
    const hotkeys = createWebHotkeys(storage, 'other');
    expect((await hotkeys.getStatus()).settingsProblem).toMatch(/could not be read.*defaults/);
    const refused = await hotkeys.change({ ...DEFAULT_HOTKEYS, note: DEFAULT_HOTKEYS.impact });
    expect(refused.error).toMatch(/already the key for “Log a note”/);
    expect(storage.items.get(HOTKEYS_STORAGE_KEY)).toBe('{not json');
    const reset = await hotkeys.reset();
    expect(reset.error).toBeNull();
    expect(JSON.parse(storage.items.get(HOTKEYS_STORAGE_KEY)!)).toEqual(DEFAULT_HOTKEYS);
  });
});

describe('the cheat sheet', () => {
  it('lists the app’s commands, the hotkeys, the tabs, the entry keys and each view’s single keys', async () => {
    const status = await createWebHotkeys(memoryStorage(), 'other').getStatus();
    const sections = keySections(status, 'other');
    const all = sections.flatMap((s) => s.entries.map((e) => `${e.keys} ${e.what}`));
    for (const expected of ['Ctrl+Shift+D Declare incident', 'Ctrl+, Settings', 'Ctrl+Alt+Shift+2 Log a decision', 'Ctrl+Alt+Shift+K Mark the last event as key', 'Alt+1 type: a note', 'd: at the start']) {
      expect(all.some((line) => line.startsWith(expected)), expected).toBe(true);
    }
    for (const tab of INCIDENT_TABS) expect(all).toContain(`Alt+${tab.key} show the ${tab.label.toLowerCase()}`);
    const org = sections.find((s) => s.title === 'Org chart')!.entries.map((e) => e.keys);
    for (const k of ORG_KEYS) expect(org).toContain(k.key);
    const plan = sections.find((s) => s.title === 'Plan')!.entries.map((e) => e.keys);
    for (const k of PLAN_KEYS) expect(plan).toContain(k.key);
  });

  it('says which global hotkeys work only inside the app', () => {
    const sections = keySections(
      {
        global: true,
        platform: 'mac',
        entries: [{ action: 'decision', accelerator: DEFAULT_HOTKEYS.decision, state: 'taken', message: 'taken' }],
        sessionNotice: null,
        settingsProblem: null,
      },
      'mac',
    );
    const hotkeys = sections.find((s) => s.title === 'Global hotkeys')!;
    expect(hotkeys.entries).toEqual([{ keys: 'Cmd+Option+Shift+2', what: 'Log a decision (inside Command Post only: another program holds it; see Settings)' }]);
  });
});

describe('the entry keys', () => {
  const press = (key: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing: boolean }> = {}) =>
    entryKeyAction({ key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...mods });
  it('are shared by the entry line and quick capture', () => {
    expect(press('Enter')).toEqual({ type: 'submit' });
    expect(press('Enter', { shiftKey: true })).toBeNull();
    expect(press('Enter', { isComposing: true })).toBeNull();
    expect(press('2', { altKey: true })).toEqual({ type: 'kind', kind: 'decision' });
    expect(press('2', { altKey: true, ctrlKey: true })).toBeNull();
    expect(press('Escape')).toEqual({ type: 'escape' });
    expect(press('a')).toBeNull();
  });
});
