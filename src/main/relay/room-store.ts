/**
 * Where a relay keeps its rooms between restarts: each room's outer document
 * (sealed envelopes only: see renderer/incidents/sync/relay.ts), as one
 * Yjs state per room, through Hocuspocus's database extension.
 *
 * An embedded SQLite file by default, so `npm run relay` needs nothing else
 * installed; PostgreSQL for a cluster, where every node reads and writes the
 * same rooms (Redis keeps the nodes' open copies in step meanwhile). A room
 * is written a moment after it changes (Hocuspocus debounces it) and when
 * its last client leaves, so a newcomer gets the incident from the relay
 * while every command post is asleep, also after the relay restarts.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';

export interface RoomStore {
  /** Where the rooms are kept, for the start-up message (no password). */
  readonly description: string;
  fetch(room: string): Promise<Uint8Array | null>;
  store(room: string, state: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The default database: a SQLite file in the working directory. */
export const DEFAULT_DATABASE = 'relay-rooms.sqlite';

/** A store for `--database`: a postgres:// or postgresql:// URL, or a SQLite file's path (sqlite: prefix optional). */
export async function openRoomStore(database: string): Promise<RoomStore> {
  if (/^postgres(ql)?:\/\//i.test(database)) return openPostgres(database);
  return openSqlite(database.replace(/^sqlite:(\/\/)?/i, ''));
}

// Loaded only when asked for: a relay on SQLite never loads pg, and the
// native SQLite module is never bundled (see vite.relay.config.ts).
const load = createRequire(import.meta.url);

function openSqlite(path: string): RoomStore {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Database = load('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(file);
  // Write-ahead logging: a crash loses at most the write in flight, and reads do not wait on writes.
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS rooms (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL)');
  const select = db.prepare<[string], { state: Buffer }>('SELECT state FROM rooms WHERE name = ?');
  const upsert = db.prepare('INSERT INTO rooms (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at');
  return {
    description: `SQLite file ${file}`,
    async fetch(room) {
      const row = select.get(room);
      return row ? new Uint8Array(row.state) : null;
    },
    async store(room, state) {
      upsert.run(room, Buffer.from(state), Date.now());
    },
    async close() {
      db.close();
    },
  };
}

async function openPostgres(url: string): Promise<RoomStore> {
  const { Pool } = load('pg') as typeof import('pg');
  const pool = new Pool({ connectionString: url, max: 4 });
  await pool.query('CREATE TABLE IF NOT EXISTS relay_rooms (name TEXT PRIMARY KEY, state BYTEA NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  const where = new URL(url);
  return {
    description: `PostgreSQL ${where.hostname}${where.port ? `:${where.port}` : ''}${where.pathname}`,
    async fetch(room) {
      const { rows } = await pool.query<{ state: Buffer }>('SELECT state FROM relay_rooms WHERE name = $1', [room]);
      return rows[0] ? new Uint8Array(rows[0].state) : null;
    },
    async store(room, state) {
      await pool.query(
        'INSERT INTO relay_rooms (name, state, updated_at) VALUES ($1, $2, now()) ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = now()',
        [room, Buffer.from(state)],
      );
    },
    async close() {
      await pool.end();
    },
  };
}
