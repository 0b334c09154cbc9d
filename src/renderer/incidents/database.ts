import type { CommandPostDb } from './db';
import type { CatalogState } from '.';
import type { KnownIncidentName } from '../../shared/ics/codename';

type DatabaseModule = typeof import('.');
let loading: Promise<DatabaseModule> | null = null;

/**
 * The app's database (./index.ts), for what runs at start-up: Dexie is
 * loaded beside the first screen's code rather than in it (a chunk of its
 * own, preloaded by the page: vite.renderer.config.ts), so the incident list
 * is on screen while the database opens. Modules that load after start-up
 * import `db` from ./index.ts directly.
 */
function databaseModule(): Promise<DatabaseModule> {
  loading ??= import('.').catch((error: unknown) => {
    throw new Error(`the database could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  });
  return loading;
}

export async function database(): Promise<CommandPostDb> {
  return (await databaseModule()).db;
}

/** The catalog as it changes (./index.ts); resolves once it is watched, with what stops watching. */
export async function watchCatalog(onChange: (state: CatalogState) => void, onError: (error: unknown) => void): Promise<() => void> {
  return (await databaseModule()).watchCatalog(onChange, onError);
}

/** The names invites gave incidents not here yet, as they change (./index.ts). */
export async function watchInvitedNames(onChange: (names: readonly KnownIncidentName[]) => void, onError: (error: unknown) => void): Promise<() => void> {
  return (await databaseModule()).watchInvitedNames(onChange, onError);
}
