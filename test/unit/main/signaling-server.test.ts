/**
 * The signaling server, for real: bound to 127.0.0.1 on a free port, with
 * real `ws` clients. Every server and client a test opens is closed after it.
 */
import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SIGNALING_PORT,
  LAN_HOST,
  LOOPBACK_HOST,
  SIGNALING_LIMITS,
  SignalingListenError,
  signalingBindAddress,
  signalingClientUrl,
  startSignalingServer,
  type SignalingServer,
  type SignalingServerOptions,
} from '../../../src/main/signaling/server';
import { connect, type Json, type TestClient } from './signaling-helpers';

const servers: SignalingServer[] = [];
const clients: TestClient[] = [];

async function server(options: SignalingServerOptions = {}): Promise<SignalingServer> {
  const started = await startSignalingServer({ host: '127.0.0.1', port: 0, ...options });
  servers.push(started);
  return started;
}

async function client(url: string, options: Parameters<typeof connect>[1] = {}): Promise<TestClient> {
  const connected = await connect(url, options);
  clients.push(connected);
  return connected;
}

/** Subscribes and waits for the server to have processed it (a ping is answered in order). */
async function subscribe(c: TestClient, topics: unknown): Promise<void> {
  c.send({ type: 'subscribe', topics });
  await roundTrip(c);
}

async function roundTrip(c: TestClient): Promise<void> {
  c.send({ type: 'ping' });
  await c.next((m) => m['type'] === 'pong');
}

const publishes = (m: Json): boolean => m['type'] === 'publish';

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('signaling server: settings', () => {
  it('listens on this machine only unless the LAN is asked for', () => {
    expect(signalingBindAddress({ exposeOnLan: false })).toBe(LOOPBACK_HOST);
    expect(signalingBindAddress({ exposeOnLan: true })).toBe(LAN_HOST);
    expect(LOOPBACK_HOST).toBe('127.0.0.1');
    expect(DEFAULT_SIGNALING_PORT).toBe(4444);
  });

  it('gives a URL a client on this machine can use', () => {
    expect(signalingClientUrl('127.0.0.1', 4444)).toBe('ws://127.0.0.1:4444');
    expect(signalingClientUrl('0.0.0.0', 4444)).toBe('ws://127.0.0.1:4444');
    expect(signalingClientUrl('::', 4444)).toBe('ws://[::1]:4444');
    expect(signalingClientUrl('192.168.1.20', 80)).toBe('ws://192.168.1.20:80');
  });

  it('rejects a port that is not one, and nonsense limits', async () => {
    await expect(startSignalingServer({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startSignalingServer({ port: -1 })).rejects.toThrow(/not a port/);
    await expect(startSignalingServer({ port: 1.5 })).rejects.toThrow(/not a port/);
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, maxTopicsPerConnection: 0 })).rejects.toThrow(/positive/);
  });

  it('keeps signaling small: 1 MiB frames, 64 topics of 512 characters, 30 s heartbeat', () => {
    expect(SIGNALING_LIMITS).toMatchObject({
      maxPayloadBytes: 1024 * 1024,
      maxTopicsPerConnection: 64,
      maxTopicLength: 512,
      heartbeatIntervalMs: 30_000,
    });
  });

  it('keeps one client well below the whole: 64 of 512 connections, 256 of 4,096 topics, 10 s to subscribe', () => {
    expect(SIGNALING_LIMITS).toMatchObject({
      maxConnections: 512,
      maxConnectionsPerClient: 64,
      maxTopics: 4096,
      maxTopicsPerClient: 256,
      subscribeTimeoutMs: 10_000,
      requestIdleMs: 10_000,
    });
  });
});

describe('signaling server: protocol', () => {
  it('starts on a free port and reports where it is', async () => {
    const s = await server();
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}`);
    expect(s.stats()).toMatchObject({ connections: 0, topics: 0 });
  });

  it('delivers a publish to every subscriber of the topic, sender included, and to no one else', async () => {
    const s = await server();
    const [alice, bob, carol, stranger] = await Promise.all([client(s.url), client(s.url), client(s.url), client(s.url)]);
    if (!alice || !bob || !carol || !stranger) throw new Error('clients');
    await subscribe(alice, ['room-1']);
    await subscribe(bob, ['room-1', 'room-2']);
    await subscribe(carol, ['room-2']);
    expect(s.stats()).toMatchObject({ connections: 4, topics: 2 });

    const message = { type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'alice-peer' } };
    alice.send(message);
    const expected = { ...message, clients: 2 };
    expect(await bob.next(publishes)).toEqual(expected);
    // y-webrtc's reference server sends it back to the sender too; its clients drop their own messages.
    expect(await alice.next(publishes)).toEqual(expected);
    await Promise.all([carol.nothingFor(100, publishes), stranger.nothingFor(0, publishes)]);

    // Not being subscribed does not stop anyone from publishing (as in the reference).
    stranger.send({ type: 'publish', topic: 'room-2', data: 'ciphertext' });
    expect(await carol.next(publishes)).toEqual({ type: 'publish', topic: 'room-2', data: 'ciphertext', clients: 2 });
    expect(await bob.next(publishes)).toMatchObject({ topic: 'room-2' });
    await stranger.nothingFor(50, publishes);
  });

  it('forwards everything in the message, not only the fields it knows', async () => {
    const s = await server();
    const [a, b] = await Promise.all([client(s.url), client(s.url)]);
    if (!a || !b) throw new Error('clients');
    await subscribe(b, ['t']);
    const message = { type: 'publish', topic: 't', data: { to: 'x', from: 'y', type: 'signal', token: 1.5, signal: { type: 'offer', sdp: 'v=0\r\n' } }, extra: [1, null, 'é'] };
    a.send(message);
    expect(await b.next(publishes)).toEqual({ ...message, clients: 1 });
  });

  it('stops delivering after unsubscribe, and a second subscribe is not a second delivery', async () => {
    const s = await server();
    const [a, b] = await Promise.all([client(s.url), client(s.url)]);
    if (!a || !b) throw new Error('clients');
    await subscribe(b, ['t', 't']);
    await subscribe(b, ['t']);
    a.send({ type: 'publish', topic: 't', n: 1 });
    await b.next((m) => m['n'] === 1);
    await b.nothingFor(50, publishes);

    b.send({ type: 'unsubscribe', topics: ['t', 'never-subscribed', 42] });
    await roundTrip(b);
    expect(s.stats().topics).toBe(0);
    a.send({ type: 'publish', topic: 't', n: 2 });
    await b.nothingFor(100, publishes);

    await subscribe(b, ['t']);
    a.send({ type: 'publish', topic: 't', n: 3 });
    expect(await b.next(publishes)).toMatchObject({ n: 3, clients: 1 });
  });

  it('answers ping with pong', async () => {
    const s = await server();
    const c = await client(s.url);
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
  });

  it('answers plain HTTP with a short text and no WebSocket', async () => {
    const s = await server();
    const response = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/signaling/);
  });
});

describe('signaling server: hostile input', () => {
  it('ignores malformed messages and keeps the connection', async () => {
    const s = await server();
    const [hostile, listener] = await Promise.all([client(s.url), client(s.url)]);
    if (!hostile || !listener) throw new Error('clients');
    await subscribe(listener, ['t']);

    const garbage = [
      'not json',
      '{"type":"publish","topic":"t"',
      '',
      'null',
      '42',
      '"subscribe"',
      '[{"type":"ping"}]',
      '{}',
      '{"type":5}',
      '{"type":"PING"}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","topics":"t"}',
      '{"type":"subscribe","topics":{"0":"t"}}',
      '{"type":"unsubscribe","topics":null}',
      '{"type":"publish"}',
      '{"type":"publish","topic":5}',
      '{"type":"publish","topic":["t"]}',
      '{"type":"publish","topic":""}',
      '{"type":"publish","topic":{"toString":"t"}}',
      '\u0000\uffff',
    ];
    for (const text of garbage) hostile.sendRaw(text);
    // A binary frame is not a y-webrtc message, even if it holds one.
    hostile.sendRaw(Buffer.from(JSON.stringify({ type: 'publish', topic: 't', via: 'binary' })), { binary: true });
    hostile.sendRaw(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    hostile.send({ type: 'subscribe', topics: [1, null, {}, ['t'], '', 'x'.repeat(SIGNALING_LIMITS.maxTopicLength + 1)] });
    // Own __proto__ keys from JSON.parse must stay data.
    hostile.sendRaw('{"type":"publish","topic":"t","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');

    await roundTrip(hostile);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const forwarded = await listener.next(publishes);
    expect(forwarded['topic']).toBe('t');
    expect(Object.getPrototypeOf(forwarded)).toBe(Object.prototype);
    await listener.nothingFor(50, publishes);
    expect(s.stats()).toMatchObject({ connections: 2, topics: 1 });
    expect(hostile.socket.readyState).toBe(hostile.socket.OPEN);
  });

  it('accepts topic names up to the limit and ignores longer ones', async () => {
    const s = await server();
    const [a, b] = await Promise.all([client(s.url), client(s.url)]);
    if (!a || !b) throw new Error('clients');
    const longest = 't'.repeat(SIGNALING_LIMITS.maxTopicLength);
    const tooLong = `${longest}t`;
    await subscribe(b, [longest, tooLong]);
    expect(s.stats().topics).toBe(1);
    a.send({ type: 'publish', topic: tooLong });
    a.send({ type: 'publish', topic: longest });
    expect(await b.next(publishes)).toMatchObject({ topic: longest });
    await b.nothingFor(50, publishes);
  });

  it('caps the topics one connection can hold', async () => {
    const s = await server();
    const [greedy, other] = await Promise.all([client(s.url), client(s.url)]);
    if (!greedy || !other) throw new Error('clients');
    const topics = Array.from({ length: 100 }, (_, i) => `topic-${i}`);
    await subscribe(greedy, topics);
    expect(s.stats().topics).toBe(SIGNALING_LIMITS.maxTopicsPerConnection);
    await subscribe(greedy, ['one-more']);
    expect(s.stats().topics).toBe(SIGNALING_LIMITS.maxTopicsPerConnection);

    // Leaving one frees a place; the cap is per connection, not per server.
    greedy.send({ type: 'unsubscribe', topics: ['topic-0'] });
    await subscribe(greedy, ['one-more']);
    await subscribe(other, ['x', 'y']);
    expect(s.stats().topics).toBe(SIGNALING_LIMITS.maxTopicsPerConnection + 2);
    other.send({ type: 'publish', topic: 'one-more' });
    expect(await greedy.next(publishes)).toMatchObject({ topic: 'one-more' });
  });

  it('closes only the connection that sends an oversized message', async () => {
    const s = await server({ maxPayloadBytes: 64 * 1024 });
    const [big, bystander] = await Promise.all([client(s.url), client(s.url)]);
    if (!big || !bystander) throw new Error('clients');
    await subscribe(big, ['t']);
    await subscribe(bystander, ['t']);

    big.send({ type: 'publish', topic: 't', data: 'x'.repeat(64 * 1024) });
    expect(await big.closed()).toBe(1009);
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 1, topics: 1 }));
    await bystander.nothingFor(50, publishes);
    await roundTrip(bystander);
  });

  it('lets a message just under 1 MiB through by default, and closes at 1 MiB + 1', async () => {
    const s = await server();
    const [a, b] = await Promise.all([client(s.url), client(s.url)]);
    if (!a || !b) throw new Error('clients');
    await subscribe(b, ['t']);
    const envelope = JSON.stringify({ type: 'publish', topic: 't', data: '' });
    const fits = 'x'.repeat(SIGNALING_LIMITS.maxPayloadBytes - envelope.length);
    a.send({ type: 'publish', topic: 't', data: fits });
    expect(((await b.next(publishes))['data'] as string).length).toBe(fits.length);
    a.send({ type: 'publish', topic: 't', data: `${fits}x` });
    expect(await a.closed()).toBe(1009);
    await roundTrip(b);
  });

  it('refuses connections beyond the limit', async () => {
    const s = await server({ maxConnections: 2 });
    await Promise.all([client(s.url), client(s.url)]);
    await expect(client(s.url)).rejects.toThrow(/503/);
    expect(s.stats().connections).toBe(2);
  });

  it('drops a receiver that stops reading instead of queueing for it without bound', async () => {
    const s = await server({ maxBufferedBytes: 1024 * 1024 });
    const [sender, stuck, healthy] = await Promise.all([client(s.url), client(s.url), client(s.url)]);
    if (!sender || !stuck || !healthy) throw new Error('clients');
    await subscribe(stuck, ['t']);
    await subscribe(healthy, ['t']);
    // Stop reading from the socket: the kernel's buffers fill, then the server's queue grows.
    (stuck.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = 'x'.repeat(16 * 1024);
    let sent = 0;
    await vi.waitFor(
      () => {
        for (let i = 0; i < 16; i++) sender.send({ type: 'publish', topic: 't', n: sent++, data: chunk });
        expect(s.stats().connections).toBe(2);
      },
      { timeout: 15_000, interval: 20 },
    );
    expect(s.stats().topics).toBe(1);
    // The healthy receiver got everything, in order.
    await vi.waitFor(() => expect(healthy.received.filter(publishes)).toHaveLength(sent), { timeout: 10_000 });
    expect(healthy.received.map((m) => m['n'])).toEqual(Array.from({ length: sent }, (_, i) => i));
  });

  it('closes a connection that stops answering pings', async () => {
    const s = await server({ heartbeatIntervalMs: 50 });
    const dead = await client(s.url, { autoPong: false });
    const alive = await client(s.url);
    await subscribe(dead, ['t']);
    expect(s.stats()).toMatchObject({ connections: 2, topics: 1 });
    await dead.closed(2_000);
    expect(s.stats()).toMatchObject({ connections: 1, topics: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive.socket.readyState).toBe(alive.socket.OPEN);
    await roundTrip(alive);
  });
});

describe('signaling server: lifecycle', () => {
  it('forgets a connection and its subscriptions when it closes', async () => {
    const s = await server();
    const [a, b] = await Promise.all([client(s.url), client(s.url)]);
    if (!a || !b) throw new Error('clients');
    await subscribe(a, ['shared', 'only-a']);
    await subscribe(b, ['shared']);
    expect(s.stats()).toMatchObject({ connections: 2, topics: 2 });
    await a.close();
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 1, topics: 1 }));
    a.socket.terminate();
    b.socket.terminate();
    await vi.waitFor(() => expect(s.stats()).toMatchObject({ connections: 0, topics: 0 }));
  });

  it('runs two servers side by side without crosstalk', async () => {
    const [one, two] = await Promise.all([server(), server()]);
    expect(one.port).not.toBe(two.port);
    const [onOne, onTwo, publisher] = await Promise.all([client(one.url), client(two.url), client(one.url)]);
    if (!onOne || !onTwo || !publisher) throw new Error('clients');
    await subscribe(onOne, ['t']);
    await subscribe(onTwo, ['t']);
    publisher.send({ type: 'publish', topic: 't' });
    expect(await onOne.next(publishes)).toMatchObject({ clients: 1 });
    await onTwo.nothingFor(100, publishes);
    expect(one.stats()).toMatchObject({ connections: 2, topics: 1 });
    expect(two.stats()).toMatchObject({ connections: 1, topics: 1 });
  });

  it('close() tells clients it is going away, resolves, frees the port and can be called again', async () => {
    const s = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    const c = await client(s.url);
    await subscribe(c, ['t']);
    const closing = s.close();
    expect(s.close()).toBe(closing);
    await closing;
    expect(await c.closed()).toBe(1001);
    expect(s.stats()).toMatchObject({ connections: 0, topics: 0 });
    await expect(connect(s.url)).rejects.toThrow();

    const again = await server({ port: s.port });
    expect(again.port).toBe(s.port);
  });

  it('close() does not wait for a client that never answers the closing handshake', async () => {
    const s = await startSignalingServer({ host: '127.0.0.1', port: 0, closeGraceMs: 100 });
    const c = await client(s.url);
    (c.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('rejects with a clear error when the port is taken', async () => {
    const s = await server();
    const failure = startSignalingServer({ host: '127.0.0.1', port: s.port });
    await expect(failure).rejects.toBeInstanceOf(SignalingListenError);
    await expect(failure).rejects.toMatchObject({
      code: 'EADDRINUSE',
      message: `Signaling server could not listen on 127.0.0.1:${s.port}: port ${s.port} is already in use on 127.0.0.1 (another command post or signaling server is probably running there).`,
    });
    // The first one is unharmed.
    const c = await client(s.url);
    await roundTrip(c);
  });

  it('rejects when something else holds the port', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startSignalingServer({ host: '127.0.0.1', port })).rejects.toThrow(/already in use/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
