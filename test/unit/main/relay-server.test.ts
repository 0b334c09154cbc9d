/**
 * The relay, for real: bound to 127.0.0.1 on a free port, with the standard
 * `y-websocket` client (the one Command Post uses, and any Yjs app could) as
 * its clients, and raw `ws` sockets for what a standard client never sends.
 * Every server, provider and socket a test opens is closed after it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEFAULT_RELAY_PORT, RELAY_LIMITS, RelayListenError, roomOfRequest, startRelayServer, type RelayServer, type RelayServerOptions } from '../../../src/main/relay/server';

const servers: RelayServer[] = [];
const providers: WebsocketProvider[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function relay(options: RelayServerOptions = {}): Promise<RelayServer> {
  const started = await startRelayServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(started);
  return started;
}

/** A participant: its own doc and a standard y-websocket provider to the relay. */
function participant(server: RelayServer, room: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(server.url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // In one process, a BroadcastChannel would sync the docs without the relay.
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider, awareness: provider.awareness, log: doc.getArray<string>('timeline') };
}

async function synced(...providers: WebsocketProvider[]): Promise<void> {
  await vi.waitFor(() => expect(providers.every((p) => p.synced)).toBe(true), { timeout: 5_000 });
}

/** A raw socket, for what a standard client never sends. */
async function rawSocket(url: string, options: ClientOptions = {}): Promise<{ socket: WebSocket; received: Uint8Array[]; closed: Promise<number> }> {
  const socket = new WebSocket(url, options);
  sockets.push(socket);
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

function within<T>(promise: Promise<T>, ms = 3_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);
}

describe('relay: settings', () => {
  it('listens on this machine only, on 4455, with bounded frames and a 30 s heartbeat', async () => {
    expect(DEFAULT_RELAY_PORT).toBe(4455);
    expect(RELAY_LIMITS).toMatchObject({ maxPayloadBytes: 64 * 1024 * 1024, heartbeatIntervalMs: 30_000 });
    const s = await relay();
    expect(s.host).toBe('127.0.0.1');
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}`);
  });

  it('takes the room from the URL path', () => {
    expect(roomOfRequest('/abc', 256)).toBe('abc');
    expect(roomOfRequest('/team/abc?token=1', 256)).toBe('team/abc');
    expect(roomOfRequest('/caf%C3%A9', 256)).toBe('café');
    expect(roomOfRequest('/', 256)).toBeNull();
    expect(roomOfRequest('/%E0%A4%A', 256)).toBeNull();
    expect(roomOfRequest(`/${'x'.repeat(257)}`, 256)).toBeNull();
  });

  it('rejects a port that is not one, and nonsense limits', async () => {
    await expect(startRelayServer({ port: 70_000 })).rejects.toThrow(/not a port/);
    await expect(startRelayServer({ host: '127.0.0.1', port: 0, maxRooms: 0 })).rejects.toThrow(/maxRooms must be a positive number/);
  });
});

describe('relay: sync', () => {
  it('brings two standard clients to the same document, both ways, merging what each had', async () => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    a.log.push(['A: declared']);
    const bDoc = new Y.Doc();
    bDoc.getArray<string>('timeline').push(['B: logged offline']);
    const b = participant(s, 'incident-1', bDoc);
    await synced(a.provider, b.provider);

    await vi.waitFor(() => expect(a.log.length).toBe(2));
    await vi.waitFor(() => expect(b.log.length).toBe(2));
    a.log.push(['A: fail over']);
    b.log.push(['B: pooler restarted']);
    await vi.waitFor(() => expect(a.log.length).toBe(4));
    await vi.waitFor(() => expect(b.log.length).toBe(4));
    expect(a.log.toArray()).toEqual(b.log.toArray());
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('gives a newcomer everything while anyone is connected, even after the author left', async () => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    const b = participant(s, 'incident-1');
    a.log.push(['A: declared', 'A: decided']);
    await vi.waitFor(() => expect(b.log.length).toBe(2));
    a.provider.destroy();
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 1, rooms: 1 }));

    const c = participant(s, 'incident-1');
    await synced(c.provider);
    expect(c.log.toArray()).toEqual(['A: declared', 'A: decided']);
  });

  it('keeps rooms apart', async () => {
    const s = await relay();
    const one = participant(s, 'room-one');
    const two = participant(s, 'room-two');
    const alsoOne = participant(s, 'room-one');
    await synced(one.provider, two.provider, alsoOne.provider);
    one.log.push(['only for room one']);
    two.log.push(['only for room two']);
    await vi.waitFor(() => expect(alsoOne.log.toArray()).toEqual(['only for room one']));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(two.log.toArray()).toEqual(['only for room two']);
    expect(one.log.toArray()).toEqual(['only for room one']);
    expect(s.stats()).toMatchObject({ connections: 3, rooms: 2 });
  });

  it('forgets a room when its last client leaves', async () => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    a.log.push(['kept only by its participants']);
    await synced(a.provider);
    expect(s.stats()).toMatchObject({ connections: 1, rooms: 1 });
    a.provider.destroy();
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 0, rooms: 0 }));

    const later = participant(s, 'incident-1');
    await synced(later.provider);
    expect(later.log.length).toBe(0);
  });
});

describe('relay: presence', () => {
  it('passes presence between clients and removes it when one leaves', async () => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    const b = participant(s, 'incident-1');
    a.awareness.setLocalState({ name: 'Ada (IC)' });
    await vi.waitFor(() => expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada (IC)' }));
    b.awareness.setLocalState({ name: 'Bo (Scribe)' });
    await vi.waitFor(() => expect(a.awareness.getStates().get(b.doc.clientID)).toEqual({ name: 'Bo (Scribe)' }));

    // A newcomer learns who is there at once.
    const c = participant(s, 'incident-1');
    await vi.waitFor(() => expect(c.awareness.getStates().get(a.doc.clientID)).toEqual({ name: 'Ada (IC)' }));
    expect(c.awareness.getStates().get(b.doc.clientID)).toEqual({ name: 'Bo (Scribe)' });

    // A's connection drops without a goodbye: the relay removes A for the others.
    (a.provider.ws as unknown as WebSocket).terminate();
    a.provider.disconnect();
    await vi.waitFor(() => expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false));
    await vi.waitFor(() => expect(c.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('answers a query for presence', async () => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    a.awareness.setLocalState({ name: 'Ada (IC)' });
    await synced(a.provider);
    const raw = await rawSocket(`${s.url}/incident-1`);
    raw.received.length = 0;
    raw.socket.send(Uint8Array.of(3));
    await vi.waitFor(() => expect(raw.received.some((m) => m[0] === 1 && new TextDecoder().decode(m).includes('Ada (IC)'))).toBe(true));
  });
});

describe('relay: what it survives', () => {
  it.each([
    ['an unknown message type', Uint8Array.of(99)],
    ['a sync message cut short', Uint8Array.of(0, 2, 200)],
    ['an update Yjs cannot read', Uint8Array.of(0, 2, 5, 1, 2, 3, 4, 5)],
    ['a state vector that is not one', Uint8Array.of(0, 0, 3, 255, 255, 255)],
    ['an unknown sync step', Uint8Array.of(0, 7, 0)],
    ['presence that is not JSON', Uint8Array.of(1, 6, 1, 42, 1, 2, 0x7b, 0x7b)],
    ['an empty message', new Uint8Array(0)],
  ])('closes only the connection that sends %s, and keeps syncing the others', async (_what, message) => {
    const s = await relay();
    const a = participant(s, 'incident-1');
    const b = participant(s, 'incident-1');
    await synced(a.provider, b.provider);
    const bad = await rawSocket(`${s.url}/incident-1`);
    bad.socket.send(message);
    expect(await within(bad.closed)).toBe(1007);

    a.log.push(['still syncing']);
    await vi.waitFor(() => expect(b.log.toArray()).toEqual(['still syncing']));
    expect(s.stats()).toMatchObject({ connections: 2, rooms: 1 });
  });

  it('closes a connection that sends text, which no y-websocket client does', async () => {
    const s = await relay();
    const bad = await rawSocket(`${s.url}/incident-1`);
    bad.socket.send('{"type":"subscribe"}');
    expect(await within(bad.closed)).toBe(1007);
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 0, rooms: 0 }));
  });

  it('closes a connection whose frame is over the limit (1009), and only that one', async () => {
    const s = await relay({ maxPayloadBytes: 64 * 1024 });
    const a = participant(s, 'incident-1');
    const b = participant(s, 'incident-1');
    await synced(a.provider, b.provider);
    const big = await rawSocket(`${s.url}/incident-1`);
    big.socket.send(new Uint8Array(64 * 1024 + 1));
    expect(await within(big.closed)).toBe(1009);
    a.log.push(['small is fine']);
    await vi.waitFor(() => expect(b.log.toArray()).toEqual(['small is fine']));
  });

  it('refuses a missing or overlong room name (400), and connections or rooms beyond the limits (503)', async () => {
    const s = await relay({ maxConnections: 3, maxRooms: 2, maxRoomNameLength: 16 });
    await expect(rawSocket(s.url)).rejects.toThrow(/HTTP 400/);
    await expect(rawSocket(`${s.url}/${'x'.repeat(17)}`)).rejects.toThrow(/HTTP 400/);
    await rawSocket(`${s.url}/one`);
    await rawSocket(`${s.url}/two`);
    await expect(rawSocket(`${s.url}/three`)).rejects.toThrow(/HTTP 503/);
    await rawSocket(`${s.url}/two`);
    await expect(rawSocket(`${s.url}/one`)).rejects.toThrow(/HTTP 503/);
    expect(s.stats()).toMatchObject({ connections: 3, rooms: 2 });
  });

  it('refuses web pages other than the app (403), as the signaling server does', async () => {
    const s = await relay();
    await expect(rawSocket(`${s.url}/incident-1`, { origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403/);
    await expect(rawSocket(`${s.url}/incident-1`, { origin: 'null' })).rejects.toThrow(/HTTP 403/);
    await rawSocket(`${s.url}/incident-1`, { origin: 'app://command-post' });
    await rawSocket(`${s.url}/incident-1`, { origin: 'http://127.0.0.1:4173' });
    // y-websocket under Node sends no Origin: not a web page.
    const node = participant(s, 'incident-1');
    await synced(node.provider);
    expect(s.stats()).toMatchObject({ connections: 3, rooms: 1 });
  });

  it('caps the connections one address holds (429), and a client from another address still gets in', async () => {
    const s = await relay({ maxConnectionsPerClient: 2 });
    await rawSocket(`${s.url}/incident-1`);
    await rawSocket(`${s.url}/incident-2`);
    await expect(rawSocket(`${s.url}/incident-1`)).rejects.toThrow(/HTTP 429/);
    await rawSocket(`${s.url}/incident-1`, { localAddress: '127.0.0.2' });
    await vi.waitFor(() => expect(s.stats()).toEqual({ connections: 3, clients: 2, rooms: 2 }));
    for (const socket of sockets) socket.terminate();
    await vi.waitFor(() => expect(s.stats()).toEqual({ connections: 0, clients: 0, rooms: 0 }));
  });

  it('closes a connection that stops answering pings', async () => {
    const s = await relay({ heartbeatIntervalMs: 50 });
    const alive = participant(s, 'incident-1');
    await synced(alive.provider);
    const dead = new WebSocket(`${s.url}/incident-1`, { autoPong: false });
    sockets.push(dead);
    dead.on('error', () => {});
    const closed = new Promise<void>((resolve) => dead.once('close', () => resolve()));
    await within(closed);
    expect(s.stats()).toMatchObject({ connections: 1, rooms: 1 });
    expect(alive.provider.wsconnected).toBe(true);
  });

  it('answers plain HTTP with what it is', async () => {
    const s = await relay();
    const response = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(await response.text()).toBe('Command Post relay (y-websocket protocol over WebSocket)\n');
  });
});

describe('relay: lifecycle', () => {
  it('close() tells clients it is going away, forgets every room, frees the port and can be called again', async () => {
    const s = await startRelayServer({ host: '127.0.0.1', port: 0 });
    const raw = await rawSocket(`${s.url}/incident-1`);
    const closing = s.close();
    expect(s.close()).toBe(closing);
    await closing;
    expect(await within(raw.closed)).toBe(1001);
    expect(s.stats()).toMatchObject({ connections: 0, rooms: 0 });
    const again = await relay({ port: s.port });
    expect(again.port).toBe(s.port);
  });

  it('rejects with a clear error when the port is taken', async () => {
    const s = await relay();
    const failure = startRelayServer({ host: '127.0.0.1', port: s.port });
    await expect(failure).rejects.toBeInstanceOf(RelayListenError);
    await expect(failure).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: `Relay could not listen on 127.0.0.1:${s.port}: port ${s.port} is already in use on 127.0.0.1 (another relay is probably running there).`,
    });
  });
});
