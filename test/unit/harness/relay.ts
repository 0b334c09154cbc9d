/**
 * The relay for tests: the real server on 127.0.0.1 and a free port, its
 * rooms in an in-memory SQLite database (or a file, to restart over), and a
 * client that holds the invite but is not Command Post: Hocuspocus's own
 * provider on the room, for what a standard (or hostile) client sees and
 * sends. Everything started here is closed by closeRelays().
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { expect, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { openRoomStore } from '../../../src/main/relay/room-store';
import { startRelayServer, type RelayServer, type RelayServerOptions } from '../../../src/main/relay/server';
import { admissionKey } from '../../../src/renderer/incidents/sync/relay-seal';

const open: { close(): Promise<void> | void }[] = [];

export async function closeRelays(): Promise<void> {
  for (const thing of open.splice(0).reverse()) await thing.close();
}

/** A relay whose rooms live in `database` (default: in memory, gone with it). */
export async function startTestRelay(options: Partial<RelayServerOptions> & { database?: string } = {}): Promise<RelayServer> {
  const store = await openRoomStore(options.database ?? ':memory:');
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, storeAfterMs: 50, ...options, store });
  const stop = async () => {
    await server.close();
    await store.close();
  };
  open.push({ close: stop });
  return { ...server, close: stop };
}

/** Hocuspocus's provider on an incident's room, admitted with the invite's key (or with `token`, to be refused). */
export async function roomClient(url: string, secret: string, incidentId: string, options: { token?: string | (() => Promise<string>); waitForSync?: boolean } = {}) {
  const key = await admissionKey(secret, incidentId);
  const outer = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, maxDelay: 1_000 });
  const refusals: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: key.room,
    document: outer,
    token: options.token ?? (() => key.token(Date.now())),
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
  });
  provider.attach();
  open.push({
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  });
  if (options.waitForSync !== false) await vi.waitFor(() => expect(provider.isSynced).toBe(true), { timeout: 5_000 });
  return { outer, provider, socket, refusals, room: key.room };
}
