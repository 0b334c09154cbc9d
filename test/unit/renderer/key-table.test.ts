import { describe, expect, it } from 'vitest';
import { actionFor, keysThatAct, mayAct, sectionOf, shortcutFor, type KeyTable } from '../../../src/renderer/components/keys/key-table';
import { POSTMORTEM_KEY_TABLE } from '../../../src/renderer/features/postmortem/postmortem-keys';
import { STATUS_KEY_TABLE, statusKeyPermission } from '../../../src/renderer/features/status/status-key-list';
import { allowedWith, TIMELINE_KEY_TABLE } from '../../../src/renderer/features/timeline/timeline-keys';

type Action = 'look' | 'write' | 'open';
const table: KeyTable<Action> = {
  title: 'Test',
  keys: [
    { key: 'l', action: 'look', label: 'look', inReadOnly: true },
    { key: 'w', action: 'write', label: 'write', aliases: ['*'] },
    { key: 'Enter', action: 'open', label: 'open', onFocused: true },
  ],
  moves: [{ key: '↑ ↓', label: 'move' }],
};

describe('a tab’s key table', () => {
  it('finds the action of a letter in either case, of an alias as typed, never of a key the focused item takes', () => {
    expect(['l', 'L', 'w', '*', 'Enter', 'x'].map((key) => actionFor(table, key))).toEqual(['look', 'look', 'write', 'write', null, null]);
    expect(actionFor({ ...table, exactCase: true }, 'L')).toBeNull();
    expect(actionFor(POSTMORTEM_KEY_TABLE, 'E')).toBeNull();
    expect(actionFor(POSTMORTEM_KEY_TABLE, 'e')).toBe('export');
  });

  it('lets read-only tabs act only on the keys marked so, and names what acts in the hint line', () => {
    expect(mayAct(table, 'write', { readOnly: true })).toBe(false);
    expect(mayAct(table, 'look', { readOnly: true })).toBe(true);
    expect(mayAct(table, 'look', { allows: (a) => a !== 'look' })).toBe(false);
    expect(keysThatAct(table, { readOnly: true }).map((k) => k.key)).toEqual(['l']);
    expect(keysThatAct(POSTMORTEM_KEY_TABLE, { readOnly: true }).map((k) => k.key)).toEqual(['e', 'r']);
    expect(keysThatAct(STATUS_KEY_TABLE, statusKeyPermission(true, false)).map((k) => k.key)).toEqual(['g', 'w']);
    expect(keysThatAct(STATUS_KEY_TABLE, statusKeyPermission(true, true)).map((k) => k.key)).toEqual(['u', 'r', 'g', 'w']);
    expect(keysThatAct(STATUS_KEY_TABLE, statusKeyPermission(false, false)).map((k) => k.key)).toEqual(['p', 's', 'i', 'g', 'w']);
  });

  it('keeps the timeline’s access rules: reading always, key marks in review too', () => {
    expect(TIMELINE_KEY_TABLE.keys.filter((k) => allowedWith(k.action, 'review')).map((k) => k.key)).toEqual(['s', 'h', 'a', 'f', 'u']);
    expect(TIMELINE_KEY_TABLE.keys.filter((k) => allowedWith(k.action, 'read')).map((k) => k.key)).toEqual(['h', 'a', 'f', 'u']);
    expect(TIMELINE_KEY_TABLE.keys.every((k) => allowedWith(k.action, 'write'))).toBe(true);
    expect(shortcutFor(TIMELINE_KEY_TABLE, 'strike')).toBe('x Delete');
  });

  it('gives the cheat sheet its keys, then its moves, then what the tab adds', () => {
    expect(sectionOf(table, { note: 'n', entries: [{ keys: 'Ctrl+Enter', what: 'send' }] })).toEqual({
      title: 'Test',
      note: 'n',
      entries: [
        { keys: 'l', what: 'look' },
        { keys: 'w', what: 'write' },
        { keys: 'Enter', what: 'open' },
        { keys: '↑ ↓', what: 'move' },
        { keys: 'Ctrl+Enter', what: 'send' },
      ],
    });
  });
});
