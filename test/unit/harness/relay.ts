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
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { openRoomStore } from '../../../src/main/relay/room-store';
import { startRelayServer, type RelayServer, type RelayServerOptions } from '../../../src/main/relay/server';
import { RelayLinks } from '../../../src/renderer/incidents/sync/relay';
import { admissionKey } from '../../../src/renderer/incidents/sync/relay-seal';

const open: { close(): Promise<void> | void }[] = [];

export async function closeRelays(): Promise<void> {
  for (const thing of open.splice(0).reverse()) await thing.close();
}

/** A relay whose rooms live in `database` (default: in memory, gone with it). */
export async function startTestRelay(options: Partial<RelayServerOptions> & { database?: string } = {}): Promise<RelayServer> {
  const store = await openRoomStore(options.database ?? ':memory:');
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, storeAfterMs: 50, ...options, store });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await server.close();
      await store.close();
    })());
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

/**
 * The `ws` WebSocket as a browser's behaves: an error (a connection closed
 * before it opened, when a machine leaves while a relay is still being
 * reached) is an event, not an exception that ends the process.
 */
class BrowserLikeSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

/** The `ws` WebSocket, recording every frame sent and received into `traffic`: what anyone watching the connection, or the relay itself, could read. */
export function recordingSocket(traffic: Buffer[]): typeof globalThis.WebSocket {
  const asBytes = (data: unknown) => (typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as ArrayBuffer));
  class RecordedSocket extends BrowserLikeSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (event) => traffic.push(asBytes(event.data)));
    }

    override send(data: Parameters<WebSocket['send']>[0]): void {
      traffic.push(asBytes(data));
      super.send(data);
    }
  }
  return RecordedSocket as unknown as typeof globalThis.WebSocket;
}

/** A command post on the relays: its incident doc, its presence and its relay connections (closed by closeRelays()). */
export function relayMachine(incidentId: string, secret: string, urls: string[], options: { traffic?: Buffer[]; compactAfter?: number } = {}) {
  const doc = new Y.Doc({ guid: incidentId });
  const awareness = new Awareness(doc);
  const onChange = vi.fn();
  const link = new RelayLinks(doc, awareness, {
    secret,
    incidentId,
    urls,
    onChange,
    compactAfter: options.compactAfter,
    compactJitterMs: 50,
    WebSocket: options.traffic ? recordingSocket(options.traffic) : (BrowserLikeSocket as unknown as typeof globalThis.WebSocket),
  });
  open.push({
    close: () => {
      link.destroy();
      awareness.destroy();
    },
  });
  return { doc, awareness, link, onChange, timeline: doc.getArray<string>('timeline') };
}

export type RelayMachine = ReturnType<typeof relayMachine>;

/** Resolves once the machine is admitted to `up` relays and every one has sent it all it has. */
export const connectedToRelays = (m: RelayMachine, up = 1) =>
  vi.waitFor(() => expect(m.link.state).toMatchObject({ up, synced: true }), { timeout: 5_000 });
