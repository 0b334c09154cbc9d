/**
 * The signaling server against one hostile client, for real: servers on
 * 127.0.0.1, the hostile client on 127.0.0.1 and the real peers on other
 * loopback addresses (all of 127.0.0.0/8 is this machine on Linux), which the
 * server tells apart as it would two machines on a LAN. What the issue found:
 * 512 idle sockets from one client locked out a real peer, any web page's
 * Origin was accepted, and a client could subscribe to unbounded topics.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from 'ws';
import { OWN_ORIGINS } from '../../../src/main/net/allowed-origins';
import { SIGNALING_LIMITS, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../../../src/main/signaling/server';
import { connect, type Json, type TestClient } from './signaling-helpers';

const HOSTILE = '127.0.0.1';
const PEER = '127.0.0.2';
const OTHER_PEER = '127.0.0.3';

const servers: SignalingServer[] = [];
const clients: TestClient[] = [];
const rawSockets: Socket[] = [];

afterEach(async () => {
  for (const socket of rawSockets.splice(0)) socket.destroy();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const started = await startSignalingServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(started);
  return started;
}

async function client(url: string, from: string, options: ClientOptions = {}): Promise<TestClient> {
  const connected = await connect(url, { localAddress: from, ...options });
  clients.push(connected);
  return connected;
}

/** Opens a WebSocket and says how it went: the client (kept open), the HTTP status of a refusal, or 'reset' when the socket was closed before any answer. */
async function attempt(url: string, from: string, options: ClientOptions = {}): Promise<TestClient | number | 'reset'> {
  try {
    return await client(url, from, options);
  } catch (error) {
    const status = /HTTP (\d+)/.exec(String(error));
    return status ? Number(status[1]) : 'reset';
  }
}

/** How an attempt went, in a word or a status, for comparing lists of them. */
async function outcome(url: string, from: string, options: ClientOptions = {}): Promise<'open' | number | 'reset'> {
  const result = await attempt(url, from, options);
  return typeof result === 'object' ? 'open' : result;
}

/** A TCP socket to the server that never sends a byte. */
async function rawSocket(port: number, from: string): Promise<Socket> {
  const socket = connectTcp({ host: '127.0.0.1', port, localAddress: from });
  rawSockets.push(socket);
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

function tally<T>(items: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

async function subscribe(c: TestClient, topics: unknown): Promise<void> {
  c.send({ type: 'subscribe', topics });
  await roundTrip(c);
}

/** A ping is answered in order, so everything sent before it has been handled. */
async function roundTrip(c: TestClient): Promise<void> {
  c.send({ type: 'ping' });
  await c.next((m) => m['type'] === 'pong');
}

const publishes = (m: Json): boolean => m['type'] === 'publish';

/** Two peers from two other addresses meet on a topic: each hears what the other publishes. */
async function peersMeet(url: string, topic: string): Promise<void> {
  const [a, b] = await Promise.all([client(url, PEER), client(url, OTHER_PEER)]);
  await subscribe(a, [topic]);
  await subscribe(b, [topic]);
  a.send({ type: 'publish', topic, from: 'a' });
  expect(await b.next(publishes)).toMatchObject({ topic, from: 'a', clients: 2 });
}

const topicNames = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('signaling server: connections one client can hold', () => {
  it('lets 512 sockets from one address take its 64 places only, and a peer from another address still gets in', async () => {
    const s = await server();
    const outcomes: ('open' | number | 'reset')[] = [];
    for (let i = 0; i < SIGNALING_LIMITS.maxConnections; i++) outcomes.push(await outcome(s.url, HOSTILE));
    expect(tally(outcomes)).toEqual(
      new Map<unknown, number>([
        ['open', SIGNALING_LIMITS.maxConnectionsPerClient],
        [429, SIGNALING_LIMITS.maxConnections - SIGNALING_LIMITS.maxConnectionsPerClient],
      ]),
    );
    expect(s.stats().connections).toBe(SIGNALING_LIMITS.maxConnectionsPerClient);

    await peersMeet(s.url, 'incident-1');
    expect(s.stats()).toMatchObject({ connections: SIGNALING_LIMITS.maxConnectionsPerClient + 2, topics: 1, subscriptions: 2 });
  });

  it('keeps a cap on the whole server too (503), for clients spread over many addresses', async () => {
    const s = await server({ maxConnections: 4, maxConnectionsPerClient: 2 });
    expect([await outcome(s.url, HOSTILE), await outcome(s.url, HOSTILE), await outcome(s.url, HOSTILE)]).toEqual(['open', 'open', 429]);
    expect([await outcome(s.url, PEER), await outcome(s.url, PEER)]).toEqual(['open', 'open']);
    expect(await outcome(s.url, OTHER_PEER)).toBe(503);
    // The refused socket is closed, so only the two holding places remain.
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 4, clients: 2 }));
  });

  it('closes sockets beyond twice the cap before they are WebSockets, and sockets that send nothing', async () => {
    const s = await server({ maxConnectionsPerClient: 4, requestIdleMs: 300 });
    const sockets = await Promise.all(Array.from({ length: 20 }, () => rawSocket(s.port, HOSTILE)));
    // Beyond 8 sockets, each is closed as it arrives.
    await vi.waitFor(() => expect(sockets.filter((socket) => !socket.closed)).toHaveLength(8));
    expect(await outcome(s.url, HOSTILE)).toBe('reset');
    // Another address is not affected.
    await peersMeet(s.url, 'incident-1');

    // The 8 that never sent a byte are closed once idle for requestIdleMs; the place is free again.
    await vi.waitFor(() => expect(sockets.every((socket) => socket.closed)).toBe(true), { timeout: 3_000 });
    expect(await outcome(s.url, HOSTILE)).toBe('open');
  });

  it('cuts off a connection that has sent no subscribe within subscribeTimeoutMs, and keeps one that has', async () => {
    const s = await server({ subscribeTimeoutMs: 200 });
    const [idle, pinging, subscribed, leftAll, noRoomsYet] = await Promise.all([
      client(s.url, HOSTILE),
      client(s.url, HOSTILE),
      client(s.url, PEER),
      client(s.url, PEER),
      client(s.url, PEER),
    ]);
    await subscribe(subscribed, ['incident-1']);
    await subscribe(leftAll, ['incident-2']);
    // Having subscribed once is enough: y-webrtc leaves its rooms on pause and keeps the connection.
    leftAll.send({ type: 'unsubscribe', topics: ['incident-2'] });
    // As is y-webrtc's subscribe on connecting, before its password rooms have opened.
    await subscribe(noRoomsYet, []);
    const pings = setInterval(() => pinging.send({ type: 'ping' }), 50);
    try {
      expect(await idle.closed(2_000)).toBe(1006);
      expect(await pinging.closed(2_000)).toBe(1006);
    } finally {
      clearInterval(pings);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([roundTrip(subscribed), roundTrip(leftAll), roundTrip(noRoomsYet)]);
    expect(s.stats()).toEqual({ connections: 3, clients: 1, topics: 1, subscriptions: 1 });
  });
});

describe('signaling server: which web pages may connect', () => {
  it.each([
    ['the desktop app', 'app://command-post'],
    ['the web host (npm run web)', 'http://127.0.0.1:4173'],
    ['the web host as localhost', 'http://localhost:4173'],
    ['the web host in development (npm run web:dev, npm run dev)', 'http://127.0.0.1:5173'],
  ])('lets %s in (%s)', async (_who, origin) => {
    expect(OWN_ORIGINS).toContain(origin);
    const s = await server();
    const c = await client(s.url, PEER, { origin });
    await roundTrip(c);
  });

  it('lets a client in that is not a web page (no Origin: Node tools, the relay tests)', async () => {
    const s = await server();
    const c = await client(s.url, PEER);
    await roundTrip(c);
  });

  it.each([
    ['any other web site', 'https://evil.example'],
    ['a DNS-rebinding page, whose origin keeps its name', 'http://rebind.example:4444'],
    ['a look-alike of the app', 'app://command-post.evil.example'],
    ['the app on another port', 'app://command-post:1'],
    ['another page on this machine', 'http://127.0.0.1:8080'],
    ['the web host over https, which it does not serve', 'https://127.0.0.1:4173'],
    ['a sandboxed or file:// page ("null")', 'null'],
    ['two origins in one header', 'app://command-post, https://evil.example'],
  ])('refuses %s with 403 before the upgrade (%s)', async (_who, origin) => {
    const s = await server();
    expect(await outcome(s.url, HOSTILE, { origin })).toBe(403);
    await vi.waitFor(() => expect(s.stats()).toEqual({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }));
  });

  it('lets in the origins it is given, normalised as browsers send them', async () => {
    const s = await server({ allowedOrigins: [...OWN_ORIGINS, 'HTTP://Command-Post.Example.LAN:80/'] });
    await roundTrip(await client(s.url, PEER, { origin: 'http://command-post.example.lan' }));
    await roundTrip(await client(s.url, PEER, { origin: 'app://command-post' }));
    expect(await outcome(s.url, HOSTILE, { origin: 'http://command-post.example.lan:8080' })).toBe(403);
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, allowedOrigins: ['*'] })).rejects.toThrow(/is not an origin/);
  });
});

describe('signaling server: topics one client can hold', () => {
  it('caps topics across all of one client’s connections, not only per connection', async () => {
    const s = await server();
    const connections = await Promise.all(Array.from({ length: 8 }, () => client(s.url, HOSTILE)));
    // 8 x 64 = 512 asked for, each within the per-connection cap.
    await Promise.all(connections.map((c, i) => subscribe(c, topicNames(`flood-${i}`, SIGNALING_LIMITS.maxTopicsPerConnection))));
    expect(s.stats()).toMatchObject({ topics: SIGNALING_LIMITS.maxTopicsPerClient, subscriptions: SIGNALING_LIMITS.maxTopicsPerClient });

    // Another client is not affected.
    await peersMeet(s.url, 'incident-1');

    // Leaving a topic on one connection frees a place on any other of that client's.
    const [first, last] = [connections[0], connections[7]];
    if (!first || !last) throw new Error('clients');
    await subscribe(last, ['one-more']);
    expect(s.stats().topics).toBe(SIGNALING_LIMITS.maxTopicsPerClient + 1);
    first.send({ type: 'unsubscribe', topics: ['flood-0-0'] });
    await subscribe(last, ['one-more']);
    expect(s.stats()).toMatchObject({ topics: SIGNALING_LIMITS.maxTopicsPerClient + 1, subscriptions: SIGNALING_LIMITS.maxTopicsPerClient + 2 });
  });

  it('caps the topics on the whole server, and still lets anyone join a topic that exists', async () => {
    const s = await server({ maxTopics: 10, maxTopicsPerClient: 6 });
    const [hostile, second, peer] = await Promise.all([client(s.url, HOSTILE), client(s.url, PEER), client(s.url, OTHER_PEER)]);
    await subscribe(hostile, topicNames('h', 6));
    await subscribe(second, topicNames('s', 6));
    expect(s.stats()).toMatchObject({ topics: 10, subscriptions: 10 });

    await subscribe(peer, ['incident-new', 'h-0']);
    expect(s.stats()).toMatchObject({ topics: 10, subscriptions: 11 });
    hostile.send({ type: 'publish', topic: 'h-0', from: 'h' });
    expect(await peer.next(publishes)).toMatchObject({ topic: 'h-0', clients: 2 });

    // Once the abuser has gone, its topics are free (h-0 stays: the peer holds it).
    await hostile.close();
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ topics: 5, subscriptions: 5 }));
    await subscribe(peer, ['incident-new']);
    expect(s.stats()).toMatchObject({ topics: 6, subscriptions: 6 });
  });
});

describe('signaling server: nothing left behind', () => {
  it('holds no more than the caps during the abuse, and nothing at all once the abusers have gone', async () => {
    const s = await server({ requestIdleMs: 300 });
    const longTopic = (i: number): string => `${i}-`.padEnd(SIGNALING_LIMITS.maxTopicLength, 'x');
    // Everything at once from one address: every place, every topic, raw sockets, foreign pages.
    const flood: TestClient[] = [];
    let n = 0;
    for (let i = 0; i < SIGNALING_LIMITS.maxConnectionsPerClient + 8; i++) {
      const c = await attempt(s.url, HOSTILE);
      if (typeof c !== 'object') continue;
      flood.push(c);
      c.send({ type: 'subscribe', topics: Array.from({ length: SIGNALING_LIMITS.maxTopicsPerConnection }, () => longTopic(n++)) });
    }
    for (let i = 0; i < 100; i++) void rawSocket(s.port, HOSTILE).catch(() => {});
    expect(await outcome(s.url, HOSTILE, { origin: 'https://evil.example' })).not.toBe('open');
    await Promise.all(flood.map(roundTrip));

    const during = s.stats();
    expect(during.connections).toBe(SIGNALING_LIMITS.maxConnectionsPerClient);
    expect(during.topics).toBe(SIGNALING_LIMITS.maxTopicsPerClient);
    expect(during.subscriptions).toBe(SIGNALING_LIMITS.maxTopicsPerClient);
    expect(during.clients).toBe(1);

    // They go: terminated (no closing handshake), as a crashing client would.
    for (const c of flood) c.socket.terminate();
    for (const socket of rawSockets) socket.destroy();
    await vi.waitFor(() => expect(s.stats()).toEqual({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }), { timeout: 3_000 });
    // And it serves the next peers as if nothing had happened.
    await peersMeet(s.url, 'incident-1');
  });

  it('drops what it held for clients that never said goodbye, once their sockets are gone', async () => {
    const s = await server({ heartbeatIntervalMs: 100 });
    const silent = await Promise.all(Array.from({ length: 4 }, () => client(s.url, HOSTILE, { autoPong: false })));
    await Promise.all(silent.map((c, i) => subscribe(c, [`t-${i}`, 'shared'])));
    expect(s.stats()).toEqual({ connections: 4, clients: 1, topics: 5, subscriptions: 8 });
    await Promise.all(silent.map((c) => c.closed(2_000)));
    await vi.waitFor(() => expect(s.stats()).toEqual({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }));
  });
});

describe('client addresses', () => {
  it('are told apart across 127.0.0.0/8, as distinct machines would be', async () => {
    const s = await server({ maxConnectionsPerClient: 1 });
    for (const from of ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.1.1']) expect(await outcome(s.url, from)).toBe('open');
    expect(s.stats()).toMatchObject({ connections: 4, clients: 4 });
    expect(await outcome(s.url, '127.0.0.2')).toBe(429);
  });
});
