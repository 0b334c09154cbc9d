/**
 * The accelerator grammar shared by main (registering) and the page
 * (recording in Settings, matching key presses), and the rules a set of
 * bindings keeps.
 */
import { describe, expect, it } from 'vitest';
import {
  acceleratorFromEvent,
  ariaKeyShortcut,
  canonicalAccelerator,
  formatAccelerator,
  keyPlatformOf,
  matchesEvent,
  parseAccelerator,
  sameChord,
  type KeyEventLike,
} from '../../../src/shared/hotkeys/accelerator';
import { checkBindings, DEFAULT_HOTKEYS, HOTKEY_ACTION_SPECS } from '../../../src/shared/hotkeys/actions';
import { LOGGABLE_KINDS, MAX_EVENT_TEXT } from '../../../src/shared/incident';
import { CAPTURE_KINDS, HOTKEY_ACTIONS, MAX_CAPTURE_TEXT } from '../../../src/shared/ipc';

const key = (code: string, mods: Partial<KeyEventLike> = {}, keyValue = ''): KeyEventLike => ({
  code,
  key: keyValue,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('accelerators', () => {
  it('read as Electron writes them, in canonical form whatever the aliases and case', () => {
    expect(canonicalAccelerator('ctrl+alt+shift+k')).toBe('Control+Alt+Shift+K');
    expect(canonicalAccelerator('Shift+CmdOrCtrl+Option+1')).toBe('CommandOrControl+Alt+Shift+1');
    expect(canonicalAccelerator('Super+Space')).toBe('Super+Space');
    expect(canonicalAccelerator('Meta+Return')).toBe('Super+Enter');
    expect(canonicalAccelerator('Alt+Esc')).toBe('Alt+Escape');
    expect(canonicalAccelerator('CmdOrCtrl+Plus')).toBe('CommandOrControl+Plus');
    expect(canonicalAccelerator('Ctrl+num5')).toBe('Control+num5');
    expect(canonicalAccelerator('CmdOrCtrl+,')).toBe('CommandOrControl+,');
  });

  it('refuse what is not one hotkey, saying why', () => {
    const message = (text: string) => {
      const parsed = parseAccelerator(text);
      return parsed.ok ? null : parsed.message;
    };
    expect(message('')).toBe('No key given.');
    expect(message('Ctrl+Alt')).toMatch(/no key/);
    expect(message('Ctrl+K+L')).toMatch(/two keys/);
    expect(message('K+Ctrl')).toMatch(/modifiers must come before the key/);
    expect(message('Ctrl++')).toMatch(/empty part.*Plus/);
    expect(message('Ctrl+Hyper')).toBe('“Hyper” is not a key Command Post knows.');
    expect(message('F5')).toMatch(/needs Ctrl, Alt, Cmd or Super/);
    expect(message('Shift+A')).toMatch(/^Shift\+A needs Ctrl, Alt, Cmd or Super with it/);
    expect(message('x'.repeat(101))).toMatch(/at most 100/);
  });

  it('press the same keys when CommandOrControl is Control (Windows, Linux) and not on a Mac', () => {
    expect(sameChord('CmdOrCtrl+Alt+K', 'Ctrl+Alt+K', 'other')).toBe(true);
    expect(sameChord('CmdOrCtrl+Alt+K', 'Ctrl+Alt+K', 'mac')).toBe(false);
    expect(sameChord('CmdOrCtrl+Alt+K', 'Cmd+Alt+K', 'mac')).toBe(true);
    expect(sameChord('Super+K', 'Meta+K', 'other')).toBe(true);
    expect(sameChord('Ctrl+Alt+K', 'Ctrl+Alt+Shift+K', 'other')).toBe(false);
  });

  it('match a key press by its physical key and exact modifiers', () => {
    const decision = parseAccelerator(DEFAULT_HOTKEYS.decision);
    if (!decision.ok) throw new Error(decision.message);
    // AltGr layouts and Shift change the character, not the code.
    expect(matchesEvent(decision.accelerator, key('Digit2', { ctrlKey: true, altKey: true, shiftKey: true }, '"'), 'other')).toBe(true);
    expect(matchesEvent(decision.accelerator, key('Digit2', { metaKey: true, altKey: true, shiftKey: true }, '€'), 'mac')).toBe(true);
    expect(matchesEvent(decision.accelerator, key('Digit2', { ctrlKey: true, altKey: true }), 'other')).toBe(false);
    expect(matchesEvent(decision.accelerator, key('Digit2', { ctrlKey: true, metaKey: true, altKey: true, shiftKey: true }), 'other')).toBe(false);
    expect(matchesEvent(decision.accelerator, key('Numpad2', { ctrlKey: true, altKey: true, shiftKey: true }), 'other')).toBe(false);
  });

  it('are recorded from key presses in Settings, waiting while only modifiers are down', () => {
    expect(acceleratorFromEvent(key('ShiftLeft', { shiftKey: true }), 'other')).toEqual({ kind: 'partial' });
    expect(acceleratorFromEvent(key('KeyJ', { ctrlKey: true, altKey: true, shiftKey: true }), 'other')).toEqual({ kind: 'chord', accelerator: 'CommandOrControl+Alt+Shift+J' });
    expect(acceleratorFromEvent(key('KeyJ', { metaKey: true, altKey: true }), 'mac')).toEqual({ kind: 'chord', accelerator: 'CommandOrControl+Alt+J' });
    expect(acceleratorFromEvent(key('KeyJ', { ctrlKey: true, metaKey: true }), 'mac')).toEqual({ kind: 'chord', accelerator: 'CommandOrControl+Control+J' });
    expect(acceleratorFromEvent(key('F9', { metaKey: true }), 'other')).toEqual({ kind: 'chord', accelerator: 'Super+F9' });
    expect(acceleratorFromEvent(key('Comma', { ctrlKey: true }), 'other')).toEqual({ kind: 'chord', accelerator: 'CommandOrControl+,' });
    expect(acceleratorFromEvent(key('KeyJ', { shiftKey: true }), 'other')).toMatchObject({ kind: 'refused', message: expect.stringMatching(/^Shift\+J needs Ctrl or Alt/) });
    expect(acceleratorFromEvent(key('IntlRo', { ctrlKey: true }), 'other')).toMatchObject({ kind: 'refused', message: expect.stringMatching(/cannot use that key \(IntlRo\)/) });
  });

  it('read to a person, and to assistive technology, as the platform names the keys', () => {
    expect(formatAccelerator(DEFAULT_HOTKEYS.capture, 'other')).toBe('Ctrl+Alt+Shift+Space');
    expect(formatAccelerator(DEFAULT_HOTKEYS.capture, 'mac')).toBe('Cmd+Option+Shift+Space');
    expect(formatAccelerator('Ctrl+num3', 'other')).toBe('Ctrl+Numpad 3');
    expect(ariaKeyShortcut(DEFAULT_HOTKEYS['mark-key'], 'other')).toBe('Control+Alt+Shift+K');
    expect(ariaKeyShortcut(DEFAULT_HOTKEYS['mark-key'], 'mac')).toBe('Meta+Alt+Shift+K');
    expect(keyPlatformOf('darwin')).toBe('mac');
    expect(keyPlatformOf('MacIntel')).toBe('mac');
    expect(keyPlatformOf('Linux x86_64')).toBe('other');
    expect(keyPlatformOf('win32')).toBe('other');
  });
});

describe('hotkey bindings', () => {
  it('have a label and a default for every action, each default a usable, distinct key', () => {
    expect(HOTKEY_ACTION_SPECS.map((s) => s.action)).toEqual([...HOTKEY_ACTIONS]);
    for (const platform of ['mac', 'other'] as const) {
      expect(checkBindings(DEFAULT_HOTKEYS, platform)).toEqual({ ok: true, bindings: DEFAULT_HOTKEYS });
    }
  });

  it('defaults avoid the keys desktops and input methods take', () => {
    const taken = ['Ctrl+Alt+T', 'Ctrl+Alt+Left', 'Ctrl+Alt+Shift+Left', 'Ctrl+Alt+Delete', 'Ctrl+Alt+L', 'Ctrl+Shift+Space', 'Ctrl+Space', 'Cmd+Shift+3', 'Cmd+Alt+Shift+Q', 'Cmd+Alt+Shift+Escape', 'Ctrl+Alt+Shift+R'];
    for (const platform of ['mac', 'other'] as const) {
      for (const accelerator of Object.values(DEFAULT_HOTKEYS)) {
        for (const system of taken) expect(sameChord(accelerator, system, platform), `${accelerator} vs ${system} (${platform})`).toBe(false);
      }
    }
  });

  it('refuse one key for two actions, naming both', () => {
    const result = checkBindings({ ...DEFAULT_HOTKEYS, impact: 'Ctrl+Alt+Shift+1' }, 'other');
    expect(result).toEqual({
      ok: false,
      action: 'impact',
      message: 'Ctrl+Alt+Shift+1 is already the key for “Log a note”, so “Log an impact note” cannot have it too. Pick another key, or change that one first.',
    });
    // On a Mac, CmdOrCtrl is Cmd: Ctrl+Alt+Shift+1 is another key there.
    expect(checkBindings({ ...DEFAULT_HOTKEYS, impact: 'Ctrl+Alt+Shift+1' }, 'mac').ok).toBe(true);
  });

  it('refuse Command Post’s own menu keys and unusable keys; an empty key is none', () => {
    expect(checkBindings({ ...DEFAULT_HOTKEYS, note: 'CmdOrCtrl+Shift+D' }, 'other')).toMatchObject({ ok: false, action: 'note', message: expect.stringMatching(/own key for “Declare incident”/) });
    expect(checkBindings({ ...DEFAULT_HOTKEYS, note: 'N' }, 'other')).toMatchObject({ ok: false, action: 'note', message: expect.stringMatching(/^The key for “Log a note” cannot be used/) });
    expect(checkBindings({ ...DEFAULT_HOTKEYS, note: '', impact: '' }, 'other')).toMatchObject({ ok: true, bindings: { note: '', impact: '' } });
  });

  it('the contract’s capture kinds and text cap are the domain’s', () => {
    expect([...CAPTURE_KINDS]).toEqual([...LOGGABLE_KINDS]);
    expect(MAX_CAPTURE_TEXT).toBe(MAX_EVENT_TEXT);
    expect(HOTKEY_ACTION_SPECS.filter((s) => s.kind).map((s) => s.kind)).toEqual([...LOGGABLE_KINDS]);
  });
});
