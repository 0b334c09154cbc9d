/**
 * The joiner's end of the knock against our real signaling server on
 * loopback, with the host's end (createKnockHost) on a second connection,
 * Node's WebCrypto, and `ws` standing in for the browser's WebSocket.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import type { DiscoveredPeer } from '../../../src/shared/ipc';
import { createKnockHost, knockTopic, type IncomingKnock, type KnockHost } from '../../../src/shared/sync/knock';
import { knockOnPeer } from '../../../src/renderer/incidents/sync/lan-knock';
import { connect, type TestClient } from '../main/signaling-helpers';

const ID = 'ab'.repeat(16);
let server: SignalingServer;
const closers: Array<() => unknown> = [];

beforeEach(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  vi.stubGlobal('WebSocket', WebSocket);
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await server.close();
  vi.unstubAllGlobals();
});

function peer(addresses: string[], port = server.port): DiscoveredPeer {
  return { id: ID, displayName: 'Bridge desk', codename: null, severity: null, port, addresses, firstSeenAt: 0, lastSeenAt: 0 };
}

/** The sharing command post: answers knocks at ID through the server, and hands each to the test. */
async function host(): Promise<{ knocks: IncomingKnock[]; next: () => Promise<IncomingKnock>; knockHost: KnockHost; client: TestClient }> {
  const client = await connect(server.url);
  closers.push(() => client.close());
  const knocks: IncomingKnock[] = [];
  let wake: (() => void) | null = null;
  const knockHost = createKnockHost({
    announcedId: ID,
    send: (message) => client.send(message),
    onKnock: (knock) => {
      knocks.push(knock);
      wake?.();
    },
  });
  client.socket.on('message', (data) => knockHost.handle(JSON.parse(String(data))));
  client.send({ type: 'subscribe', topics: [knockTopic(ID)] });
  // The subscription is in place once a ping comes back behind it.
  client.send({ type: 'ping' });
  await client.next((m) => m.type === 'pong');
  const next = () =>
    knocks.length > 0
      ? Promise.resolve(knocks.shift()!)
      : new Promise<IncomingKnock>((resolve) => {
          wake = () => resolve(knocks.shift()!);
        });
  return { knocks, next, knockHost, client };
}

describe('knocking at a command post found on this network', () => {
  it('shows the same code as the host, and gets the invite and role the IC chose', async () => {
    const { next } = await host();
    let shown: string | null = null;
    const attempt = knockOnPeer(peer(['127.0.0.1']), { name: 'Dana', machine: 'DANA-LAPTOP' }, { onPending: (code) => (shown = code) });
    const knock = await next();
    expect(knock.name).toBe('Dana');
    expect(knock.machine).toBe('DANA-LAPTOP');
    await vi.waitFor(() => expect(shown).toBe(knock.code));
    await knock.admit('observer', 'cp1.the-invite');
    await expect(attempt.outcome).resolves.toEqual({ kind: 'admitted', role: 'observer', invite: 'cp1.the-invite' });
  });

  it('tries the next address when the first cannot be reached', async () => {
    const { next } = await host();
    // Nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1): refused at once.
    const attempt = knockOnPeer(peer(['127.0.0.2', '127.0.0.1']), { name: 'Dana', machine: 'm' });
    await (await next()).refuse();
    await expect(attempt.outcome).resolves.toEqual({ kind: 'refused' });
  });

  it('says so when no address answers', async () => {
    const port = server.port;
    await server.close();
    server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    const outcome = await knockOnPeer(peer(['127.0.0.2', '127.0.0.1'], port), { name: 'Dana', machine: 'm' }).outcome;
    expect(outcome).toEqual({ kind: 'unreachable', tried: [`127.0.0.2:${port}`, `127.0.0.1:${port}`] });
  });

  it('stops asking when cancelled, and times out when nobody decides', async () => {
    const { next, client } = await host();
    const attempt = knockOnPeer(peer(['127.0.0.1']), { name: 'Dana', machine: 'm' });
    await next();
    attempt.cancel();
    await expect(attempt.outcome).resolves.toEqual({ kind: 'cancelled' });
    // No more asks after the cancel (what was already on its way is let through first).
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.received.length = 0;
    await client.nothingFor(1_500, (m) => m.knock === 'ask');

    const slow = knockOnPeer(peer(['127.0.0.1']), { name: 'Dana', machine: 'm' }, { timeoutMs: 1_500 });
    await next();
    await expect(slow.outcome).resolves.toEqual({ kind: 'timeout' });
  });

  it('says the connection closed when the host goes away before answering', async () => {
    const { next } = await host();
    const attempt = knockOnPeer(peer(['127.0.0.1']), { name: 'Dana', machine: 'm' });
    await next();
    await server.close();
    server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    await expect(attempt.outcome).resolves.toEqual({ kind: 'closed' });
  });
});
