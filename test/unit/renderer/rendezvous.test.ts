/**
 * Trading a short code for the invite, through our real signaling server on
 * loopback, with Node's WebCrypto and the `ws` client standing in for the
 * browser's WebSocket.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import { askForInvite, InviteResponder, rendezvousSecrets } from '../../../src/renderer/incidents/sync/rendezvous';
import { shortKeyFromBytes } from '../../../src/shared/sync/short-code';
import { connect } from '../main/signaling-helpers';

const KEY = shortKeyFromBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
const OTHER_KEY = shortKeyFromBytes(Uint8Array.from([8, 7, 6, 5, 4, 3, 2, 1]));
const INVITE = 'cp1.the-full-invite';

let server: SignalingServer;
const responders: InviteResponder[] = [];

beforeEach(async () => {
  server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  vi.stubGlobal('WebSocket', WebSocket);
});

afterEach(async () => {
  for (const responder of responders.splice(0)) responder.destroy();
  await server.close();
  vi.unstubAllGlobals();
});

function respond(key: string, invite: () => string = () => INVITE): void {
  responders.push(new InviteResponder([server.url], key, invite));
}

describe('short-code rendezvous', () => {
  it('gives the asker the invite of the command post that holds the key', async () => {
    respond(KEY);
    await expect(askForInvite({ host: '127.0.0.1', port: server.port, key: KEY })).resolves.toEqual({ ok: true, invite: INVITE });
  });

  it('answers with the invite as it is when asked, not when sharing began', async () => {
    let current = 'cp1.before';
    respond(KEY, () => current);
    current = 'cp1.after-a-new-signaling-address';
    await expect(askForInvite({ host: '127.0.0.1', port: server.port, key: KEY })).resolves.toEqual({ ok: true, invite: current });
  });

  it('tells the asker nobody answered when no command post holds that key', async () => {
    respond(OTHER_KEY);
    const result = await askForInvite({ host: '127.0.0.1', port: server.port, key: KEY }, 2_500);
    expect(result).toEqual({ ok: false, message: expect.stringContaining(`Nobody at 127.0.0.1:${server.port} answered`) });
  });

  it('tells the asker at once when the command post cannot be reached', async () => {
    const port = server.port;
    await server.close();
    const result = await askForInvite({ host: '127.0.0.1', port, key: KEY }, 10_000);
    expect(result).toEqual({ ok: false, message: expect.stringContaining(`Could not reach the command post at 127.0.0.1:${port}`) });
  });

  it('shows someone watching the server a topic and ciphertext, never the invite or the key', async () => {
    const { topic } = await rendezvousSecrets(KEY);
    const watcher = await connect(server.url);
    watcher.send({ type: 'subscribe', topics: [topic] });
    respond(KEY);
    await expect(askForInvite({ host: '127.0.0.1', port: server.port, key: KEY })).resolves.toMatchObject({ ok: true });
    const seen = JSON.stringify(watcher.received);
    expect(seen).toContain('"rendezvous":"answer"');
    expect(seen).not.toContain(INVITE);
    expect(seen).not.toContain(KEY);
    await watcher.close();
  });

  it('ignores a forged answer and still takes the real one', async () => {
    const { topic } = await rendezvousSecrets(KEY);
    const forger = await connect(server.url);
    forger.send({ type: 'subscribe', topics: [topic] });
    // Answers every ask with garbage, before the real command post does.
    forger.socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.rendezvous === 'ask') forger.send({ type: 'publish', topic, rendezvous: 'answer', to: message.from, sealed: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    });
    setTimeout(() => respond(KEY), 300);
    await expect(askForInvite({ host: '127.0.0.1', port: server.port, key: KEY })).resolves.toEqual({ ok: true, invite: INVITE });
    await forger.close();
  });
});
