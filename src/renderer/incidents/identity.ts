/**
 * Where the display name of whoever is at this keyboard is kept.
 *
 * The durable copy is a row of the database's settings table, written with
 * the incidents' strict durability: once the write reports complete it is on
 * disk, and survives the browser being killed a moment later. localStorage
 * keeps a second copy only because it can be read synchronously, so the very
 * first paint already knows the name; Chromium writes localStorage to disk
 * lazily (seconds later), so after a crash that copy may be missing or older,
 * and the database's wins. Before the settings table existed, localStorage
 * was the only copy, which is why the first start after the upgrade moves it
 * into the database.
 */
import type { CommandPostDb, IdentitySetting, MachineSetting } from './db';

/** The localStorage key of the fast copy (and of the only copy before the settings table). */
export const NAME_MIRROR_KEY = 'command-post:identity';

/** The synchronous copy of the name, read before the database answers. */
export interface NameMirror {
  /** The name it holds, '' if none (or if the browser refuses storage). */
  read(): string;
  write(name: string): void;
}

/** The mirror in this window's localStorage; private windows may refuse it, which only costs the fast first read. */
export function localStorageMirror(): NameMirror {
  return {
    read() {
      try {
        return localStorage.getItem(NAME_MIRROR_KEY) ?? '';
      } catch {
        return '';
      }
    },
    write(name) {
      try {
        localStorage.setItem(NAME_MIRROR_KEY, name);
      } catch {
        // The database holds the name; only the next start's first paint goes without it.
      }
    },
  };
}

/** The name the database holds, or null if none was ever stored there. */
export async function readStoredName(db: CommandPostDb): Promise<string | null> {
  const row = await db.settings.get('identity');
  return row?.key === 'identity' ? row.name : null;
}

/** Stores the name; resolves once the write is on disk (the database's strict durability), rejects if it is not. */
export async function storeName(db: CommandPostDb, name: string, savedAt: number): Promise<void> {
  const row: IdentitySetting = { key: 'identity', name, savedAt };
  await db.settings.put(row as MachineSetting & IdentitySetting);
}
