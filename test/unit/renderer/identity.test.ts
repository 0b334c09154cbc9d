import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type CommandPostDb } from '../../../src/renderer/incidents/db';
import { readStoredName, storeName, type NameMirror } from '../../../src/renderer/incidents/identity';
import { createIdentityStore } from '../../../src/renderer/incidents/identity-store';

let dbCounter = 0;
/** Each test gets a database of its own. */
function freshDbName(label: string): string {
  return `command-post-identity-${label}-${++dbCounter}`;
}

/** localStorage as the store sees it: a name, or none after a crash lost it. */
function memoryMirror(initial = ''): NameMirror & { value: string } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(name) {
      this.value = name;
    },
  };
}

/** One start of the app on this machine: a store over the database and the mirror, and what it reported. */
function start(db: CommandPostDb, mirror: NameMirror) {
  const reports: string[] = [];
  const store = createIdentityStore({ db: async () => db, mirror, report: (message) => reports.push(message), now: () => 1_000 });
  return { store, reports };
}

describe('the display name, kept as durably as the incidents', () => {
  it('shows the localStorage copy at once, before the database is read', () => {
    const db = openDatabase(freshDbName('fast'));
    const { store } = start(db, memoryMirror('Dana Scully'));
    expect(store.getState().name).toBe('Dana Scully');
  });

  it('moves a name that only localStorage kept (before the settings table) into the database on the first start', async () => {
    const db = openDatabase(freshDbName('migrate'));
    const mirror = memoryMirror('Dana Scully');
    const { store, reports } = start(db, mirror);
    await store.getState().load();
    expect(await readStoredName(db)).toBe('Dana Scully');
    expect(store.getState().name).toBe('Dana Scully');
    expect(reports).toEqual([]);
  });

  it('moves nothing when neither copy has a name: the prompt asks', async () => {
    const db = openDatabase(freshDbName('none'));
    const { store } = start(db, memoryMirror());
    await store.getState().load();
    expect(store.getState().name).toBe('');
    expect(await readStoredName(db)).toBeNull();
  });

  it('takes the database’s name when localStorage lost it in a crash, and restores the fast copy', async () => {
    const db = openDatabase(freshDbName('lost'));
    await storeName(db, 'Ravi Patel', 1);
    const mirror = memoryMirror();
    const { store } = start(db, mirror);
    expect(store.getState().name).toBe('');
    await store.getState().load();
    expect(store.getState().name).toBe('Ravi Patel');
    expect(mirror.value).toBe('Ravi Patel');
  });

  it('takes the database’s name over an older one localStorage kept (the newer write was not flushed)', async () => {
    const db = openDatabase(freshDbName('older'));
    await storeName(db, 'Ravi Patel', 2);
    const mirror = memoryMirror('Dana Scully');
    const { store } = start(db, mirror);
    await store.getState().load();
    expect(store.getState().name).toBe('Ravi Patel');
    expect(mirror.value).toBe('Ravi Patel');
    expect(await readStoredName(db)).toBe('Ravi Patel');
  });

  it('a name set in this session before the database was read stands, and no old name is carried over after it', async () => {
    const db = openDatabase(freshDbName('session'));
    const mirror = memoryMirror('Dana Scully');
    const { store } = start(db, mirror);
    const loading = store.getState().load();
    const saving = store.getState().setName('Ravi Patel');
    await Promise.all([loading, saving]);
    expect(store.getState().name).toBe('Ravi Patel');
    expect(await readStoredName(db)).toBe('Ravi Patel');
    expect(mirror.value).toBe('Ravi Patel');
  });

  it('a name set in this session stands over the database’s older one even when its own write failed', async () => {
    const db = openDatabase(freshDbName('session-failed'));
    await storeName(db, 'Dana Scully', 1);
    const { store, reports } = start(db, memoryMirror('Dana Scully'));
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new Error('the disk is full'));
    const saving = store.getState().setName('Ravi Patel');
    await Promise.all([saving, store.getState().load()]);
    expect(store.getState().name).toBe('Ravi Patel');
    expect(reports).toHaveLength(1);
  });

  it('says the name is set only once it is in the database: a new start with localStorage lost still has it', async () => {
    const name = freshDbName('durable');
    const first = start(openDatabase(name), memoryMirror());
    const saving = first.store.getState().setName('  Ravi Patel  ');
    // Not shown as set while the write is in flight.
    expect(first.store.getState().name).toBe('');
    expect(await saving).toEqual({ ok: true });
    expect(first.store.getState().name).toBe('Ravi Patel');

    const again = start(openDatabase(name), memoryMirror());
    await again.store.getState().load();
    expect(again.store.getState().name).toBe('Ravi Patel');
  });

  it('the newest of several quick changes wins, in the store and on disk', async () => {
    const db = openDatabase(freshDbName('quick'));
    const mirror = memoryMirror();
    const { store } = start(db, mirror);
    const results = await Promise.all(['Ada', 'Bo', 'Cy'].map((n) => store.getState().setName(n)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.getState().name).toBe('Cy');
    expect(await readStoredName(db)).toBe('Cy');
    expect(mirror.value).toBe('Cy');
  });

  it('a write that fails is reported, not pretended: the name holds for this session only', async () => {
    const db = openDatabase(freshDbName('failed'));
    await storeName(db, 'Dana Scully', 1);
    const mirror = memoryMirror('Dana Scully');
    const { store, reports } = start(db, mirror);
    await store.getState().load();
    vi.spyOn(db.settings, 'put').mockRejectedValueOnce(new Error('the disk is full'));
    const result = await store.getState().setName('Ravi Patel');
    expect(result.ok).toBe(false);
    expect(reports).toEqual([
      'Your name could not be saved on this machine (the disk is full). You are Ravi Patel until Command Post closes; it will not be remembered after that.',
    ]);
    // Logging is not blocked now…
    expect(store.getState().name).toBe('Ravi Patel');
    // …and neither copy claims a name the database does not hold.
    expect(mirror.value).toBe('Dana Scully');
    const again = start(db, mirror);
    await again.store.getState().load();
    expect(again.store.getState().name).toBe('Dana Scully');
  });

  it('a database that cannot be read is reported, and the localStorage copy stays in use', async () => {
    const db = openDatabase(freshDbName('unreadable'));
    vi.spyOn(db.settings, 'get').mockRejectedValueOnce(new Error('the database is damaged'));
    const { store, reports } = start(db, memoryMirror('Dana Scully'));
    await store.getState().load();
    expect(store.getState().name).toBe('Dana Scully');
    expect(reports).toEqual(["Your name could not be read from this machine's database (the database is damaged)."]);
  });

  it('refuses an empty name without writing anything', async () => {
    const db = openDatabase(freshDbName('empty'));
    const { store } = start(db, memoryMirror('Dana Scully'));
    expect((await store.getState().setName('   ')).ok).toBe(false);
    expect(store.getState().name).toBe('Dana Scully');
    expect(await readStoredName(db)).toBeNull();
  });

  it('reads the database once per start: load() returns the same promise', () => {
    const db = openDatabase(freshDbName('once'));
    const { store } = start(db, memoryMirror());
    expect(store.getState().load()).toBe(store.getState().load());
  });
});

describe('the settings table, added to a database made before it', () => {
  it('opens a version-3 database with its incidents intact and a settings table to keep the name in', async () => {
    const name = freshDbName('upgrade');
    // The schema as it stood before the settings table.
    const old = new Dexie(name);
    old.version(1).stores({ incidents: '&id, state, lastChangeAt', records: '++seq, incidentId', damaged: '++id, incidentId', backups: '&snapshot, incidentId' });
    old.version(2).stores({ shares: '&incidentId' });
    old.version(3).stores({ views: '&incidentId' });
    await old.table('incidents').put({ id: 'inc-a', name: '26-Alfa', state: 'active', lastChangeAt: 1 });
    old.close();

    const db = openDatabase(name);
    const { store } = start(db, memoryMirror('Dana Scully'));
    await store.getState().load();
    expect(await readStoredName(db)).toBe('Dana Scully');
    expect((await db.incidents.get('inc-a'))?.name).toBe('26-Alfa');
    expect(db.verno).toBe(7);
    // The table of what this machine verified of each signed incident is there, empty, and so are search's.
    expect(await db.verified.count()).toBe(0);
    expect(await db.searchDocs.count()).toBe(0);
  });
});
