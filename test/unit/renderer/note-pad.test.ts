import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { createNotePad } from '../../../src/renderer/incidents/note-pad';
import { CommandError } from '../../../src/shared/incident';

let dbCounter = 0;
const NOW = Date.UTC(2026, 2, 14, 9, 30);

function pad(name: string) {
  let id = 0;
  const db = openDatabase(name);
  return createNotePad(async () => db, () => NOW, () => `note-${++id}-${name}`);
}

describe('the note pad before the declaration', () => {
  it('keeps its notes, oldest first, across a reload', async () => {
    const name = `command-post-pad-${++dbCounter}`;
    const first = pad(name);
    await first.getState().load();
    await first.getState().add({ kind: 'note', text: 'Rack 12 dark' });
    await first.getState().add({ kind: 'impact', text: 'UPS alarm in hall B', at: NOW - 20 * 60_000 });
    expect(first.getState().notes!.map((n) => n.text)).toEqual(['UPS alarm in hall B', 'Rack 12 dark']);

    // The app starts again on the same database.
    const again = pad(name);
    expect(again.getState().notes).toBeNull();
    await again.getState().load();
    expect(again.getState().notes!.map((n) => [n.kind, n.text, n.at, n.loggedAt])).toEqual([
      ['impact', 'UPS alarm in hall B', NOW - 20 * 60_000, NOW],
      ['note', 'Rack 12 dark', NOW, NOW],
    ]);
  });

  it('refuses what the incident would refuse, saying why, and keeps nothing of it', async () => {
    const store = pad(`command-post-pad-${++dbCounter}`);
    await store.getState().load();
    await expect(store.getState().add({ kind: 'note', text: '   ' })).rejects.toThrow(CommandError);
    await expect(store.getState().add({ kind: 'note', text: '   ' })).rejects.toThrow('Write what happened.');
    await expect(store.getState().add({ kind: 'note', text: 'x'.repeat(5001) })).rejects.toThrow(/at most 5,000 characters/);
    expect(store.getState().notes).toEqual([]);
  });

  it('lets go of the notes an incident took, and only those', async () => {
    const name = `command-post-pad-${++dbCounter}`;
    const store = pad(name);
    await store.getState().load();
    const a = await store.getState().add({ kind: 'note', text: 'first' });
    await store.getState().add({ kind: 'note', text: 'noted while declaring' });
    await store.getState().taken([a.id]);
    expect(store.getState().notes!.map((n) => n.text)).toEqual(['noted while declaring']);
    const reloaded = pad(name);
    await reloaded.getState().load();
    expect(reloaded.getState().notes!.map((n) => n.text)).toEqual(['noted while declaring']);
  });

  it('tells a window which of its notes another window already declared with', async () => {
    const name = `command-post-pad-${++dbCounter}`;
    const one = pad(name);
    await one.getState().load();
    await one.getState().add({ kind: 'note', text: 'first' });
    await one.getState().add({ kind: 'note', text: 'second', at: NOW - 60_000 });
    const other = pad(name);
    await other.getState().load();
    await other.getState().taken([other.getState().notes![0]!.id]);
    const held = await one.getState().stillHeld(one.getState().notes!);
    expect(held.map((n) => n.text)).toEqual(['first']);
    expect(one.getState().notes!.map((n) => n.text)).toEqual(['first']);
  });
});
