/**
 * Who is at this keyboard: the display name every entry, edit and postmortem
 * line records, one per machine. Everything that sets or reads it goes
 * through this store (a zustand store, kept beside the database it writes
 * rather than in src/renderer/stores, which holds state only): Settings, the name prompts (the entry line, an ended
 * incident's bar), the declaration, sync presence, the capture target.
 *
 * A name shown as set is on disk: `setName` resolves, and the store changes,
 * only once the database has committed it (src/renderer/incidents/identity.ts
 * says where it is kept and why). If that write fails the name still holds
 * for this session, because logging must not stop, and the user is told it
 * will not be remembered.
 *
 * At start-up the store shows the fast localStorage copy at once, then takes
 * the database's once it is read: after a crash that copy may be missing or
 * older, and the database is the durable one. A name chosen in this session
 * before the read finished stands, whatever the read says.
 */
import { create } from 'zustand';
import { database } from './database';
import type { CommandPostDb } from './db';
import { localStorageMirror, readStoredName, storeName, type NameMirror } from './identity';
import { addNotice } from '../stores/notices';

export type NameSaved = { ok: true } | { ok: false; message: string };

interface IdentityState {
  /** Who is at this keyboard; '' until they say. */
  name: string;
  /** Sets the name; resolves once it is on disk, or once its write failed (the name then holds for this session, and the user has been told). */
  setName(name: string): Promise<NameSaved>;
  /** Reads the database's name, once: later calls return the first call's promise. Never rejects (a failure is reported). */
  load(): Promise<void>;
}

export interface IdentityStorage {
  /** The database, once open (the app's is loaded beside the first screen: ./database.ts). */
  db: () => Promise<CommandPostDb>;
  mirror: NameMirror;
  /** Tells the user what went wrong with their name (the app shows an error notice). */
  report(message: string): void;
  now?: () => number;
}

export function createIdentityStore({ db, mirror, report, now = Date.now }: IdentityStorage) {
  /** Numbers every write, so that only the newest decides what the store shows. */
  let writes = 0;
  /** A name was chosen in this session: the one the database held before does not replace it. */
  let chosen = false;
  let loading: Promise<void> | null = null;

  return create<IdentityState>((set) => {
    async function save(name: string): Promise<NameSaved> {
      const write = ++writes;
      try {
        await storeName(await db(), name, now());
      } catch (error) {
        if (write === writes) set({ name });
        const message = `Your name could not be saved on this machine (${reason(error)}). You are ${name} until Command Post closes; it will not be remembered after that.`;
        report(message);
        return { ok: false, message };
      }
      // Writes commit in the order they were made, so the mirror never holds a name the database does not.
      mirror.write(name);
      if (write === writes) set({ name });
      return { ok: true };
    }

    async function readDatabase(): Promise<void> {
      let stored: string | null;
      try {
        stored = await readStoredName(await db());
      } catch (error) {
        report(`Your name could not be read from this machine's database (${reason(error)}).`);
        return;
      }
      // A name chosen in this session stands: its own write decides what the database holds.
      if (chosen) return;
      if (stored !== null) {
        if (mirror.read() !== stored) mirror.write(stored);
        set({ name: stored });
        return;
      }
      // Nothing in the database yet: the first start since the name moved there carries over the one localStorage kept.
      const legacy = mirror.read();
      if (legacy) await save(legacy);
    }

    return {
      name: mirror.read(),
      setName(name) {
        const trimmed = name.trim();
        if (!trimmed) return Promise.resolve({ ok: false, message: 'Your name cannot be empty.' });
        chosen = true;
        return save(trimmed);
      },
      load() {
        loading ??= readDatabase();
        return loading;
      },
    };
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const useIdentity = createIdentityStore({
  db: database,
  mirror: localStorageMirror(),
  report: (message) => addNotice('error', message),
});

/** Start-up: takes the database's name, or moves localStorage's into the database (see above). */
export function loadIdentity(): Promise<void> {
  return useIdentity.getState().load();
}
