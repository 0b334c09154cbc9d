/**
 * The knock (src/shared/sync/knock.ts) between a joiner and a sharing
 * command post, over an in-memory stand-in for the signaling server that
 * forwards every publish to every subscriber, as the real one does, and
 * lets the test read, drop or alter what passes.
 */
import { describe, expect, it } from 'vitest';
import {
  createKnockHost,
  type IncomingKnock,
  knockKeyPair,
  knockTopic,
  MAX_PENDING_KNOCKS,
  startKnock,
  verificationCode,
} from '../../../src/shared/sync/knock';

const ID = '0123456789abcdef0123456789abcdef';
const INVITE = 'cp-invite:v1:room=26-bravo;secret=s3cr3t-room-password';
const timers = { setTimer: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimer: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) };

/** Everyone subscribed gets every message, a tick later (JSON-copied, as over a socket). */
function bus() {
  const listeners: ((message: unknown) => void)[] = [];
  const seen: Record<string, unknown>[] = [];
  let tamper: ((message: Record<string, unknown>) => Record<string, unknown> | null) | null = null;
  return {
    seen,
    join(listener: (message: unknown) => void) {
      listeners.push(listener);
    },
    send(message: Record<string, unknown>) {
      const passed = tamper ? tamper(message) : message;
      if (!passed) return;
      seen.push(passed);
      const copy = JSON.stringify(passed);
      setTimeout(() => {
        for (const listener of listeners) listener(JSON.parse(copy));
      }, 1);
    },
    tamperWith(fn: typeof tamper) {
      tamper = fn;
    },
  };
}

function hostOn(net: ReturnType<typeof bus>, id = ID) {
  const knocks: IncomingKnock[] = [];
  const host = createKnockHost({ announcedId: id, send: net.send, onKnock: (knock) => knocks.push(knock) });
  net.join((message) => host.handle(message));
  return { host, knocks };
}

async function joinerOn(net: ReturnType<typeof bus>, timeoutMs = 3_000, id = ID) {
  const codes: string[] = [];
  const attempt = await startKnock({ announcedId: id, name: 'Dana', machine: 'DANA-LAPTOP', send: net.send, timers, timeoutMs, onPending: (code) => codes.push(code) });
  net.join((message) => attempt.handle(message));
  return { attempt, codes };
}

async function until<T>(read: () => T | undefined, ms = 2_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('knocking at a command post found on the LAN', () => {
  it('shows the host who asks and the same code on both screens, sends nothing but "pending" until the IC decides, then the invite only the joiner can open', async () => {
    const net = bus();
    const { knocks } = hostOn(net);
    const { attempt, codes } = await joinerOn(net);
    const knock = await until(() => knocks[0]);
    expect(knock).toMatchObject({ name: 'Dana', machine: 'DANA-LAPTOP' });
    expect(knock.code).toMatch(/^\d{3} \d{3}$/);
    await until(() => codes[0]);
    expect(codes[0]).toBe(knock.code);
    // Asked again while waiting: still one knock, and the host said only 'pending'.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(knocks).toHaveLength(1);
    expect(net.seen.filter((m) => m.knock === 'answer')).toEqual([]);

    await knock.admit('responder', INVITE);
    await expect(attempt.result).resolves.toEqual({ ok: true, role: 'responder', invite: INVITE, code: knock.code });
    // On the wire: public keys and ciphertext, never the invite or its secret.
    const wire = JSON.stringify(net.seen);
    expect(wire).not.toContain('s3cr3t');
    expect(wire).not.toContain('26-bravo');
    expect(net.seen.every((m) => m.topic === knockTopic(ID))).toBe(true);
  });

  it('tells the joiner when the IC refuses, sealed so nobody else can say it', async () => {
    const net = bus();
    const { knocks } = hostOn(net);
    const { attempt } = await joinerOn(net);
    await (await until(() => knocks[0])).refuse();
    await expect(attempt.result).resolves.toMatchObject({ ok: false, reason: 'refused' });
    // Only the first decision counts.
    await knocks[0]!.admit('observer', INVITE);
    expect(net.seen.filter((m) => m.knock === 'answer')).toHaveLength(1);
  });

  it('ignores an answer that was tampered with, or sealed under another key', async () => {
    const net = bus();
    const { knocks } = hostOn(net);
    net.tamperWith((message) => {
      if (message.knock !== 'answer') return message;
      const sealed = String(message.sealed);
      return { ...message, sealed: `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}` };
    });
    const { attempt } = await joinerOn(net, 1_500);
    await (await until(() => knocks[0])).admit('observer', INVITE);
    await expect(attempt.result).resolves.toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('does not believe a second machine answering under another key (its code would differ)', async () => {
    const net = bus();
    // An impostor announcing the same id answers first; the real host's answer comes under another key.
    const impostor = hostOn(net);
    const real = hostOn(net);
    const { attempt, codes } = await joinerOn(net, 2_000);
    const fake = await until(() => impostor.knocks[0]);
    const genuine = await until(() => real.knocks[0]);
    expect(fake.code).not.toBe(genuine.code);
    await until(() => codes[0]);
    // The joiner shows the first key's code; an answer under the other key is ignored.
    const shown = codes[0]!;
    const other = shown === fake.code ? genuine : fake;
    const same = shown === fake.code ? fake : genuine;
    await other.admit('responder', 'the other invite');
    await new Promise((r) => setTimeout(r, 50));
    await same.admit('observer', INVITE);
    await expect(attempt.result).resolves.toMatchObject({ ok: true, invite: INVITE, code: shown });
  });

  it('keeps at most MAX_PENDING_KNOCKS waiting, and ignores asks it cannot read', async () => {
    const net = bus();
    const { host, knocks } = hostOn(net);
    const key = (await knockKeyPair()).publicKey;
    const topic = knockTopic(ID);
    for (let n = 0; n < MAX_PENDING_KNOCKS + 10; n++) {
      host.handle({ type: 'publish', topic, knock: 'ask', v: 1, from: `request-${String(n).padStart(12, '0')}`, name: 'x', machine: 'y', key });
    }
    // Not a point, a wrong topic, a long name, a bad key: ignored or cleaned.
    host.handle({ type: 'publish', topic, knock: 'ask', v: 1, from: 'request-bad-key-000', name: 'x', machine: 'y', key: 'A'.repeat(87) });
    host.handle({ type: 'publish', topic: knockTopic('f'.repeat(32)), knock: 'ask', v: 1, from: 'request-other-topic', name: 'x', machine: 'y', key });
    await until(() => (knocks.length >= MAX_PENDING_KNOCKS ? true : undefined));
    await new Promise((r) => setTimeout(r, 50));
    expect(knocks).toHaveLength(MAX_PENDING_KNOCKS);
    expect(host.pending()).toHaveLength(MAX_PENDING_KNOCKS);
  });

  it('cleans the names a joiner sends: no direction-changing characters, at most 60 characters', async () => {
    const net = bus();
    const { host, knocks } = hostOn(net);
    const key = (await knockKeyPair()).publicKey;
    host.handle({ type: 'publish', topic: knockTopic(ID), knock: 'ask', v: 1, from: 'request-hostile-name', name: `Dana\u202E${'x'.repeat(100)}`, machine: '\u200B', key });
    const knock = await until(() => knocks[0]);
    expect(knock.name).not.toMatch(/\u202E/);
    expect([...knock.name!].length).toBe(60);
    expect(knock.machine).toBeNull();
  });

  it('derives the code from both keys and the request: any change gives another code', async () => {
    const [a, b, c] = await Promise.all([knockKeyPair(), knockKeyPair(), knockKeyPair()]);
    const topic = knockTopic(ID);
    const code = await verificationCode(topic, 'request-0000000001', a.publicKey, b.publicKey);
    expect(await verificationCode(topic, 'request-0000000001', a.publicKey, b.publicKey)).toBe(code);
    const others = await Promise.all([
      verificationCode(topic, 'request-0000000001', c.publicKey, b.publicKey),
      verificationCode(topic, 'request-0000000002', a.publicKey, b.publicKey),
      verificationCode(topic, 'request-0000000001', b.publicKey, a.publicKey),
    ]);
    // Six digits: a collision is one in a million; these three are fixed by the random keys, so allow none.
    for (const other of others) expect(other).not.toBe(code);
  });

  it('gives up when nobody answers, and can be cancelled', async () => {
    const net = bus();
    const { attempt } = await joinerOn(net, 300);
    await expect(attempt.result).resolves.toEqual({ ok: false, reason: 'timeout', code: null });
    const second = await joinerOn(net, 5_000);
    second.attempt.cancel();
    await expect(second.attempt.result).resolves.toMatchObject({ ok: false, reason: 'cancelled' });
  });
});
