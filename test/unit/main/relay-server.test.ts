/**
 * The relay, for real: Hocuspocus bound to 127.0.0.1 on a free port, its
 * rooms in SQLite, with Hocuspocus's own provider as its clients (holding
 * the invite's key, or not) and raw `ws` sockets for what a provider never
 * sends. Every server, provider and socket a test opens is closed after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DEFAULT_RELAY_PORT, RELAY_LIMITS, RelayListenError, startRelayServer } from '../../../src/main/relay/server';
import { openRoomStore } from '../../../src/main/relay/room-store';
import { admissionKey } from '../../../src/renderer/incidents/sync/relay-seal';
import { ADMISSION_WINDOW_MS } from '../../../src/shared/trust/relay-admission';
import { closeRelays, roomClient, startTestRelay } from '../harness/relay';

const INCIDENT = '3f1c2a4e-1111-4222-8333-444455556666';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const sockets: WebSocket[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await closeRelays();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const relay = startTestRelay;

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'cp-relay-'));
  folders.push(path);
  return path;
}

const log = (doc: Y.Doc) => doc.getArray<string>('envelopes');

/** A raw socket, for what a provider never sends. */
async function rawSocket(url: string, options: ClientOptions = {}): Promise<{ socket: WebSocket; received: Uint8Array[]; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(url, options);
  sockets.push(socket);
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

/** A Hocuspocus message for `room`: the room's name, then the message type and body. */
function message(room: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 with an empty state vector: "send me everything". */
const askEverything = (room: string) =>
  message(room, (encoder) => {
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  });

const authMessage = (room: string, token: string) =>
  message(room, (encoder) => {
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, token);
  });

function within<T>(promise: Promise<T>, ms = 3_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms))]);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('relay: settings', () => {
  it('listens on this machine only, on 4455, with bounded frames, rooms and rates', async () => {
    expect(DEFAULT_RELAY_PORT).toBe(4455);
    expect(RELAY_LIMITS).toMatchObject({ maxPayloadBytes: 64 * 1024 * 1024, heartbeatIntervalMs: 30_000, maxRooms: 256, maxRoomsPerClient: 32 });
    const s = await relay();
    expect(s.host).toBe('127.0.0.1');
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}`);
  });

  it('rejects a port that is not one, and nonsense limits', async () => {
    const store = await openRoomStore(':memory:');
    await expect(startRelayServer({ port: 70_000, store })).rejects.toThrow(/not a port/);
    await expect(startRelayServer({ host: '127.0.0.1', port: 0, maxRooms: 0, store })).rejects.toThrow(/maxRooms must be a positive number/);
    await store.close();
  });
});

describe('relay: sync among invitees', () => {
  it('brings two clients holding the invite to the same room, both ways', async () => {
    const s = await relay();
    const a = await roomClient(s.url, SECRET, INCIDENT);
    const b = await roomClient(s.url, SECRET, INCIDENT);
    log(a.outer).push(['from a']);
    log(b.outer).push(['from b']);
    await vi.waitFor(() => expect(new Set(log(a.outer).toArray())).toEqual(new Set(['from a', 'from b'])));
    await vi.waitFor(() => expect(new Set(log(b.outer).toArray())).toEqual(new Set(['from a', 'from b'])));
    expect(s.stats()).toMatchObject({ connections: 2, rooms: 1 });
  });

  it('keeps a room after everyone has left, and after the relay restarts: a newcomer gets it all', async () => {
    const database = join(folder(), 'rooms.sqlite');
    const first = await relay({ database });
    const author = await roomClient(first.url, SECRET, INCIDENT);
    log(author.outer).push(['written while the author was online']);
    author.provider.destroy();
    author.socket.destroy();
    await vi.waitFor(() => expect(first.stats().rooms).toBe(0));
    const meanwhile = await roomClient(first.url, SECRET, INCIDENT);
    expect(log(meanwhile.outer).toArray()).toEqual(['written while the author was online']);
    await first.close();

    const restarted = await relay({ database });
    const newcomer = await roomClient(restarted.url, SECRET, INCIDENT);
    expect(log(newcomer.outer).toArray()).toEqual(['written while the author was online']);
  });

  it('keeps incidents apart: another invite is another room', async () => {
    const s = await relay();
    const a = await roomClient(s.url, SECRET, INCIDENT);
    log(a.outer).push(['incident one']);
    const other = await roomClient(s.url, 'B'.repeat(26), INCIDENT);
    await pause(200);
    expect(log(other.outer).length).toBe(0);
    expect(other.room).not.toBe(a.room);
    expect(s.stats()).toMatchObject({ rooms: 2 });
  });
});

describe('relay: only invitees', () => {
  it('gives nothing to a client that knows the room but not the invite, however large the room', async () => {
    const s = await relay();
    const member = await roomClient(s.url, SECRET, INCIDENT);
    // A large incident, as the 47 MB one the old relay gave away (smaller here, the point is the same).
    const chunk = 'x'.repeat(64 * 1024);
    member.outer.transact(() => {
      for (let i = 0; i < 64; i++) log(member.outer).push([chunk]);
    });
    await vi.waitFor(() => expect(member.provider.hasUnsyncedChanges).toBe(false));

    const eve = await roomClient(s.url, 'E'.repeat(26), INCIDENT, { waitForSync: false, token: async () => (await admissionKey('E'.repeat(26), INCIDENT)).token(Date.now()) });
    // Eve asks for the member's room by name, with her own key's token.
    const raw = await rawSocket(s.url);
    raw.socket.send(authMessage(member.room, await (await admissionKey('E'.repeat(26), INCIDENT)).token(Date.now())));
    raw.socket.send(askEverything(member.room));
    await pause(500);
    const bytes = raw.received.reduce((sum, frame) => sum + frame.byteLength, 0);
    expect(bytes).toBeLessThan(200);
    expect(Buffer.concat(raw.received).toString()).toContain('not-invited');
    expect(log(eve.outer).length).toBe(0);
  });

  it('refuses a token for another room, a garbled one, one played again, and one signed far from the relay’s time (with its time)', async () => {
    const now = Date.now() + 3 * ADMISSION_WINDOW_MS;
    const s = await relay({ now: () => now });
    const key = await admissionKey(SECRET, INCIDENT);
    const other = await admissionKey(SECRET, INCIDENT.replace('3f1c', '3f1d'));
    const fresh = await key.token(now);
    const cases: [string, string][] = [
      [await other.token(now), 'not-invited'],
      ['v1.1.2.3', 'not-invited'],
      ['', 'not-invited'],
      [await key.token(Date.now()), `clock:${now}`],
    ];
    for (const [token, refusal] of cases) {
      const client = await roomClient(s.url, SECRET, INCIDENT, { token, waitForSync: false });
      await vi.waitFor(() => expect(client.refusals).toEqual([refusal]));
    }
    const first = await roomClient(s.url, SECRET, INCIDENT, { token: fresh });
    expect(first.refusals).toEqual([]);
    const replay = await roomClient(s.url, SECRET, INCIDENT, { token: fresh, waitForSync: false });
    await vi.waitFor(() => expect(replay.refusals).toEqual(['replayed']));
  });

  it('closes a connection that keeps sending for a room it was not admitted to', async () => {
    const s = await relay();
    const { room } = await admissionKey(SECRET, INCIDENT);
    const raw = await rawSocket(s.url);
    for (let i = 0; i < RELAY_LIMITS.maxQueuedBeforeAdmission + 1; i++) raw.socket.send(askEverything(room));
    expect(await within(raw.closed)).toMatchObject({ code: 4401 });
  });
});

describe('relay: what one client can take', () => {
  it('caps the rooms on one node (relay-full) and the rooms one address holds (too-many-rooms)', async () => {
    const s = await relay({ maxRooms: 3, maxRoomsPerClient: 2 });
    await roomClient(s.url, 'A'.repeat(26), INCIDENT);
    await roomClient(s.url, 'B'.repeat(26), INCIDENT);
    const third = await roomClient(s.url, 'C'.repeat(26), INCIDENT, { waitForSync: false });
    await vi.waitFor(() => expect(third.refusals).toEqual(['too-many-rooms']));
    // The same rooms from this address are still fine.
    await roomClient(s.url, 'A'.repeat(26), INCIDENT);
    // Another address takes the third room; a fourth is one past the node's cap.
    const elsewhere = { localAddress: '127.0.0.2' };
    const fromTwo = await rawSocket(s.url, elsewhere);
    const c = await admissionKey('C'.repeat(26), INCIDENT);
    fromTwo.socket.send(authMessage(c.room, await c.token(Date.now())));
    await vi.waitFor(() => expect(s.stats().rooms).toBe(3));
    const fromThree = await rawSocket(s.url, { localAddress: '127.0.0.3' });
    const d = await admissionKey('D'.repeat(26), INCIDENT);
    fromThree.socket.send(authMessage(d.room, await d.token(Date.now())));
    await vi.waitFor(() => expect(Buffer.concat(fromThree.received).toString()).toContain('relay-full'));
    expect(s.stats().rooms).toBe(3);
  });

  it('closes a connection that asks for more rooms than one connection may', async () => {
    const s = await relay();
    const raw = await rawSocket(s.url);
    for (let i = 0; i <= RELAY_LIMITS.maxRoomsPerConnection; i++) raw.socket.send(askEverything((await admissionKey(SECRET, `${INCIDENT}-${i}`)).room));
    expect(await within(raw.closed)).toMatchObject({ code: 4430 });
  });

  it('closes a connection that floods it with messages, and the others carry on', async () => {
    const s = await relay({ messagesPerSecond: 50, messageBurst: 100, maxQueuedBeforeAdmission: 1_000 });
    const a = await roomClient(s.url, SECRET, INCIDENT);
    const b = await roomClient(s.url, SECRET, INCIDENT);
    const raw = await rawSocket(s.url);
    for (let i = 0; i < 200; i++) raw.socket.send(authMessage(a.room, 'v1.1.2.3'));
    expect(await within(raw.closed)).toMatchObject({ code: 4429 });
    log(a.outer).push(['still syncing']);
    await vi.waitFor(() => expect(log(b.outer).toArray()).toEqual(['still syncing']));
  });

  it('refuses to let a room grow past its cap, telling the client why, and keeps what it holds', async () => {
    const s = await relay({ maxRoomBytes: 256 * 1024 });
    const a = await roomClient(s.url, SECRET, INCIDENT);
    log(a.outer).push(['kept']);
    await vi.waitFor(() => expect(a.provider.hasUnsyncedChanges).toBe(false));
    const reasons: string[] = [];
    a.provider.on('close', ({ event }: { event: { reason: string } }) => reasons.push(event.reason));
    log(a.outer).push(['y'.repeat(300 * 1024)]);
    await vi.waitFor(() => expect(reasons).toContain('room-full'));
    const newcomer = await roomClient(s.url, SECRET, INCIDENT, { waitForSync: false });
    await vi.waitFor(() => expect(log(newcomer.outer).toArray()[0]).toBe('kept'));
  });

  it('refuses web pages other than the app (403) and caps the connections one address holds (429)', async () => {
    const s = await relay({ maxConnectionsPerClient: 2 });
    await expect(rawSocket(s.url, { origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403/);
    await rawSocket(s.url, { origin: 'app://command-post' });
    await rawSocket(s.url);
    await expect(rawSocket(s.url)).rejects.toThrow(/HTTP 429/);
    await rawSocket(s.url, { localAddress: '127.0.0.2' });
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 3, clients: 2 }));
  });

  it('closes a connection whose frame is over the limit (1009), and one that sends what is not a Hocuspocus message', async () => {
    const s = await relay({ maxPayloadBytes: 64 * 1024 });
    const big = await rawSocket(s.url);
    big.socket.send(new Uint8Array(64 * 1024 + 1));
    expect(await within(big.closed)).toMatchObject({ code: 1009 });
    const text = await rawSocket(s.url);
    text.socket.send('{"type":"subscribe"}');
    expect(await within(text.closed)).toMatchObject({ code: 1007 });
    const garbage = await rawSocket(s.url);
    garbage.socket.send(Uint8Array.of(200, 200, 200));
    expect(await within(garbage.closed)).toMatchObject({ code: 1007 });
  });

  it('closes a connection that stops answering pings', async () => {
    const s = await relay({ heartbeatIntervalMs: 50 });
    const alive = await roomClient(s.url, SECRET, INCIDENT);
    const dead = new WebSocket(s.url, { autoPong: false });
    sockets.push(dead);
    dead.on('error', () => {});
    await within(new Promise<void>((resolve) => dead.once('close', () => resolve())));
    expect(s.stats()).toMatchObject({ connections: 1, rooms: 1 });
    expect(alive.provider.isAuthenticated).toBe(true);
  });

  it('answers plain HTTP with what it is', async () => {
    const s = await relay();
    const response = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(await response.text()).toBe('Command Post relay (Hocuspocus over WebSocket)\n');
  });
});

describe('relay: lifecycle', () => {
  it('close() writes every room, tells clients it is going away, frees the port and can be called again', async () => {
    const store = await openRoomStore(':memory:');
    const s = await startRelayServer({ host: '127.0.0.1', port: 0, store, storeAfterMs: 60_000 });
    const a = await roomClient(s.url, SECRET, INCIDENT);
    log(a.outer).push(['written just before the stop']);
    await vi.waitFor(() => expect(a.provider.hasUnsyncedChanges).toBe(false));
    const raw = await rawSocket(s.url);
    const closing = s.close();
    expect(s.close()).toBe(closing);
    await closing;
    expect(await within(raw.closed)).toMatchObject({ code: 1001 });
    expect(s.stats()).toMatchObject({ connections: 0, rooms: 0 });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await store.fetch(a.room))!);
    expect(log(stored).toArray()).toEqual(['written just before the stop']);
    await store.close();
    const again = await relay({ port: s.port });
    expect(again.port).toBe(s.port);
  });

  it('rejects with a clear error when the port is taken', async () => {
    const s = await relay();
    const store = await openRoomStore(':memory:');
    const failure = startRelayServer({ host: '127.0.0.1', port: s.port, store });
    await expect(failure).rejects.toBeInstanceOf(RelayListenError);
    await expect(failure).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: `Relay could not listen on 127.0.0.1:${s.port}: port ${s.port} is already in use on 127.0.0.1 (another relay is probably running there).`,
    });
    await store.close();
  });
});
