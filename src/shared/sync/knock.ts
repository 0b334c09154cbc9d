/**
 * The knock: asking a command post found on the LAN for an incident's invite,
 * through that machine's own signaling server (issue 23).
 *
 * The joiner found an announcement (lan-announcement.ts): an opaque id and
 * the signaling server's port. It connects there, subscribes to the knock
 * topic of that id, and publishes an ask with a display name, a machine name
 * and an ephemeral ECDH P-256 public key. The sharing command post, which
 * listens on that topic for as long as it announces the share, makes an
 * ephemeral key of its own, answers 'pending' with it (both screens can now
 * show the same verification code, derived from both keys), and shows its IC
 * "Dana on DANA-LAPTOP asks to join 26-Bravo". Nothing more happens until the
 * IC clicks. Then it answers once, sealed: the invite and the role
 * (responder or observer), or a refusal.
 *
 * The sealed answer is AES-256-GCM under a key from ECDH (P-256) through
 * HKDF-SHA-256, salted with a hash of everything both sides said (topic,
 * request id, both public keys), and bound to the request by its additional
 * data: the signaling server, and anyone who reads what it forwards, sees
 * public keys and ciphertext only. A refusal is sealed too, so nobody but
 * the host can forge one. Someone who answers in the host's place (a
 * machine announcing the same id) is caught by the verification code, which
 * then differs between the two screens.
 *
 * All cryptography is the runtime's WebCrypto (Chromium's in the app, Node's
 * in tests and the LAN test's processes), reached through globalThis and
 * typed structurally here, since src/shared has no DOM types. Timers are
 * injected, as elsewhere in src/shared.
 *
 * Messages (y-webrtc's publish, which the signaling server forwards to every
 * subscriber of the topic without reading it):
 *   {type:'publish', topic, knock:'ask', v:1, from, name, machine, key}    the joiner, every second until answered
 *   {type:'publish', topic, knock:'pending', to, key}                      the host, at each ask until decided
 *   {type:'publish', topic, knock:'answer', to, key, sealed}               the host, once decided (and again at a repeated ask)
 */
import { decodeUtf8, encodeUtf8 } from 'lib0/string';
import { z } from 'zod';
import { base64UrlToBytes, bytesToBase64Url } from '../base64';
import { AnnouncedId, displayText } from './lan-announcement';

export const KNOCK_VERSION = 1;
export const KNOCK_ROLES = ['responder', 'observer'] as const;
export type KnockRole = (typeof KNOCK_ROLES)[number];

export const MAX_KNOCK_NAME = 60;
/** An invite is a few hundred characters; a sealed one a little more, base64url. */
export const MAX_INVITE_CHARS = 8192;
const MAX_SEALED_CHARS = Math.ceil(((MAX_INVITE_CHARS + 200) * 4) / 3) + 64;
/** Knocks one share keeps waiting for its IC at once; more are ignored until one is answered. */
export const MAX_PENDING_KNOCKS = 16;
/** Answers kept to send again when the same joiner asks again (its first copy lost). */
const MAX_ANSWERED = 64;
export const KNOCK_ASK_EVERY_MS = 1_000;
/** How long a joiner waits for the IC to decide before giving up. */
export const KNOCK_TIMEOUT_MS = 120_000;

const PUBLIC_KEY_BYTES = 65;
const INFO = encodeUtf8('command-post/knock/v1');

/** The topic the sharing command post listens on for knocks at this announced id. */
export function knockTopic(announcedId: string): string {
  return `command-post/knock/v1/${AnnouncedId.parse(announcedId)}`;
}

const RequestId = z.string().regex(/^[A-Za-z0-9_-]{16,43}$/);
const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{87}$/);
const Name = z
  .string()
  .max(MAX_KNOCK_NAME * 4 + 16)
  .transform((value) => displayText(value, MAX_KNOCK_NAME));

export const KnockAsk = z.object({
  type: z.literal('publish'),
  topic: z.string().max(200),
  knock: z.literal('ask'),
  v: z.literal(KNOCK_VERSION),
  from: RequestId,
  name: Name,
  machine: Name,
  key: PublicKeyText,
});
export const KnockPending = z.object({ type: z.literal('publish'), topic: z.string().max(200), knock: z.literal('pending'), to: RequestId, key: PublicKeyText });
export const KnockAnswer = z.object({
  type: z.literal('publish'),
  topic: z.string().max(200),
  knock: z.literal('answer'),
  to: RequestId,
  key: PublicKeyText,
  sealed: z.string().max(MAX_SEALED_CHARS).regex(/^[A-Za-z0-9_-]+$/),
});
const Sealed = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('admit'), role: z.enum(KNOCK_ROLES), invite: z.string().min(1).max(MAX_INVITE_CHARS) }),
  z.object({ outcome: z.literal('refuse') }),
]);
type Sealed = z.infer<typeof Sealed>;

// ---- WebCrypto, typed structurally ----------------------------------------

interface CryptoKeyLike {
  readonly type: string;
}
interface SubtleLike {
  generateKey(algorithm: { name: string; namedCurve: string }, extractable: boolean, usages: string[]): Promise<{ publicKey: CryptoKeyLike; privateKey: CryptoKeyLike }>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(format: 'raw', data: Uint8Array, algorithm: string | { name: string; namedCurve?: string }, extractable: boolean, usages: string[]): Promise<CryptoKeyLike>;
  deriveBits(algorithm: { name: string; public?: CryptoKeyLike; hash?: string; salt?: Uint8Array; info?: Uint8Array }, key: CryptoKeyLike, length: number): Promise<ArrayBuffer>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  encrypt(algorithm: { name: string; iv: Uint8Array; additionalData?: Uint8Array }, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: { name: string; iv: Uint8Array; additionalData?: Uint8Array }, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}
interface CryptoLike {
  readonly subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

function webCrypto(): CryptoLike {
  const found = (globalThis as unknown as { crypto?: CryptoLike }).crypto;
  if (!found?.subtle) throw new Error('This runtime offers no WebCrypto here (a browser needs https or localhost), so it cannot knock or answer knocks.');
  return found;
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' };

export interface KnockKeyPair {
  /** The raw public key (65 bytes, uncompressed point), base64url. */
  readonly publicKey: string;
  readonly privateKey: CryptoKeyLike;
}

/** A fresh ephemeral key pair; the private half cannot be exported. */
export async function knockKeyPair(): Promise<KnockKeyPair> {
  const { subtle } = webCrypto();
  const pair = await subtle.generateKey(ECDH, false, ['deriveBits']);
  return { publicKey: bytesToBase64Url(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))), privateKey: pair.privateKey };
}

/** A random request id (16 bytes, base64url). */
export function knockRequestId(): string {
  return bytesToBase64Url(webCrypto().getRandomValues(new Uint8Array(16)));
}

function publicKeyBytes(text: string): Uint8Array | null {
  const bytes = PublicKeyText.safeParse(text).success ? base64UrlToBytes(text) : null;
  return bytes && bytes.length === PUBLIC_KEY_BYTES && bytes[0] === 4 ? bytes : null;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Everything both sides said, in a fixed order: what the key and the code are bound to. */
function transcript(topic: string, requestId: string, hostKey: Uint8Array, joinerKey: Uint8Array): Uint8Array {
  const field = (bytes: Uint8Array) => concat(new Uint8Array([bytes.length >> 8, bytes.length & 0xff]), bytes);
  return concat(INFO, field(encodeUtf8(topic)), field(encodeUtf8(requestId)), field(hostKey), field(joinerKey));
}

/**
 * The six digits both screens show ("482 193"), from the hash of both
 * public keys and the request: equal on both only when nobody stands between.
 */
export async function verificationCode(topic: string, requestId: string, hostKey: string, joinerKey: string): Promise<string> {
  const host = publicKeyBytes(hostKey);
  const joiner = publicKeyBytes(joinerKey);
  if (!host || !joiner) throw new Error('Not a knock public key.');
  const hash = new Uint8Array(await webCrypto().subtle.digest('SHA-256', concat(encodeUtf8('code:'), transcript(topic, requestId, host, joiner))));
  const value = ((hash[0]! << 24) >>> 0) + (hash[1]! << 16) + (hash[2]! << 8) + hash[3]!;
  const digits = String(value % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** The AES-GCM key shared by the two ends of one knock. */
async function sessionKey(own: CryptoKeyLike, peer: Uint8Array, salt: Uint8Array): Promise<CryptoKeyLike> {
  const { subtle } = webCrypto();
  const peerKey = await subtle.importKey('raw', peer, ECDH, false, []);
  const secret = new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: peerKey }, own, 256));
  const material = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: INFO }, material, 256));
  return subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function keyFor(own: KnockKeyPair, peerKeyText: string, topic: string, requestId: string, ownIsHost: boolean): Promise<CryptoKeyLike | null> {
  const ownBytes = publicKeyBytes(own.publicKey);
  const peer = publicKeyBytes(peerKeyText);
  if (!ownBytes || !peer) return null;
  const salt = new Uint8Array(
    await webCrypto().subtle.digest('SHA-256', ownIsHost ? transcript(topic, requestId, ownBytes, peer) : transcript(topic, requestId, peer, ownBytes)),
  );
  try {
    return await sessionKey(own.privateKey, peer, salt);
  } catch {
    // Not a point on the curve.
    return null;
  }
}

async function seal(key: CryptoKeyLike, requestId: string, body: Sealed): Promise<string> {
  const { subtle } = webCrypto();
  const iv = webCrypto().getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encodeUtf8(requestId) }, key, encodeUtf8(JSON.stringify(body))),
  );
  return bytesToBase64Url(concat(iv, cipher));
}

async function unseal(key: CryptoKeyLike, requestId: string, sealed: string): Promise<Sealed | null> {
  const bytes = base64UrlToBytes(sealed);
  if (!bytes || bytes.length < 29) return null;
  try {
    const plain = await webCrypto().subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: encodeUtf8(requestId) }, key, bytes.slice(12));
    const parsed = Sealed.safeParse(JSON.parse(decodeUtf8(new Uint8Array(plain))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// ---- The two ends -----------------------------------------------------------

export interface KnockTimers {
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Sends one message to the signaling server (a y-webrtc publish or subscribe). */
export type KnockSend = (message: Record<string, unknown>) => void;

/** A knock waiting for this machine's IC: what to show, and the two ways to answer. */
export interface IncomingKnock {
  readonly requestId: string;
  /** Who asks, as they typed it (cleaned; null when they gave none). */
  readonly name: string | null;
  readonly machine: string | null;
  /** Shown on both screens. */
  readonly code: string;
  /** Sends the invite, sealed for this joiner only. Resolves once sent; only the first decision counts. */
  admit(role: KnockRole, invite: string): Promise<void>;
  refuse(): Promise<void>;
}

export interface KnockHost {
  readonly topic: string;
  /** Every message from the signaling server; what is not a knock on this topic is ignored. */
  handle(message: unknown): void;
  /** Knocks still waiting for the IC. */
  pending(): readonly IncomingKnock[];
  /** Stops answering: pending knocks are dropped (their joiners time out). */
  close(): void;
}

/**
 * Listens for knocks at one announced id. `send` must already be subscribed
 * to `topic` (send {type:'subscribe', topics:[topic]} on every connect).
 * `onKnock` is called once per new request; nothing is sent but 'pending'
 * until the IC calls admit or refuse.
 */
export function createKnockHost(options: { announcedId: string; send: KnockSend; onKnock: (knock: IncomingKnock) => void; onError?: (error: unknown) => void }): KnockHost {
  const topic = knockTopic(options.announcedId);
  type Entry = { keys: Promise<KnockKeyPair>; joinerKey: string; answer: Record<string, unknown> | null; knock: IncomingKnock | null; decided: boolean };
  const requests = new Map<string, Entry>();
  let closed = false;

  const waiting = (): Entry[] => [...requests.values()].filter((e) => !e.decided);

  function forget(): void {
    // Oldest answered first, so the map stays bounded.
    const answered = [...requests.entries()].filter(([, e]) => e.decided);
    for (const [id] of answered.slice(0, Math.max(0, answered.length - MAX_ANSWERED))) requests.delete(id);
  }

  async function answer(requestId: string, entry: Entry, body: Sealed): Promise<void> {
    if (entry.decided || closed) return;
    entry.decided = true;
    const keys = await entry.keys;
    const key = await keyFor(keys, entry.joinerKey, topic, requestId, true);
    if (!key) return;
    entry.answer = { type: 'publish', topic, knock: 'answer', to: requestId, key: keys.publicKey, sealed: await seal(key, requestId, body) };
    if (!closed) options.send(entry.answer);
    forget();
  }

  async function arrive(ask: z.infer<typeof KnockAsk>): Promise<void> {
    const known = requests.get(ask.from);
    if (known) {
      // The same joiner again: its copy of our reply was lost, or it is still waiting.
      if (known.answer) options.send(known.answer);
      else if (known.knock) options.send({ type: 'publish', topic, knock: 'pending', to: ask.from, key: (await known.keys).publicKey });
      return;
    }
    if (waiting().length >= MAX_PENDING_KNOCKS || !publicKeyBytes(ask.key)) return;
    const entry: Entry = { keys: knockKeyPair(), joinerKey: ask.key, answer: null, knock: null, decided: false };
    requests.set(ask.from, entry);
    const keys = await entry.keys;
    const code = await verificationCode(topic, ask.from, keys.publicKey, ask.key);
    if (closed) return;
    entry.knock = {
      requestId: ask.from,
      name: ask.name,
      machine: ask.machine,
      code,
      admit: (role, invite) => answer(ask.from, entry, { outcome: 'admit', role, invite: z.string().min(1).max(MAX_INVITE_CHARS).parse(invite) }),
      refuse: () => answer(ask.from, entry, { outcome: 'refuse' }),
    };
    options.send({ type: 'publish', topic, knock: 'pending', to: ask.from, key: keys.publicKey });
    options.onKnock(entry.knock);
  }

  return {
    topic,
    handle(message) {
      if (closed) return;
      const ask = KnockAsk.safeParse(message);
      if (!ask.success || ask.data.topic !== topic) return;
      arrive(ask.data).catch((error: unknown) => options.onError?.(error));
    },
    pending: () => waiting().flatMap((e) => (e.knock ? [e.knock] : [])),
    close() {
      closed = true;
      requests.clear();
    },
  };
}

export type KnockResult =
  | { readonly ok: true; readonly role: KnockRole; readonly invite: string; readonly code: string }
  | { readonly ok: false; readonly reason: 'refused' | 'timeout' | 'cancelled'; readonly code: string | null };

export interface KnockAttempt {
  readonly topic: string;
  readonly requestId: string;
  handle(message: unknown): void;
  readonly result: Promise<KnockResult>;
  cancel(): void;
}

/**
 * Knocks at one announced id: asks every second (the host may be
 * reconnecting; an ask may be lost) until a sealed answer opens, or the time
 * is up. `onPending` gets the verification code once the host's key arrives.
 * Subscribe the connection to knockTopic(announcedId) before calling this
 * (the first ask goes out at once), and hand every message it receives to
 * the attempt's `handle`.
 */
export async function startKnock(options: {
  announcedId: string;
  name: string;
  machine: string;
  send: KnockSend;
  timers: KnockTimers;
  onPending?: (code: string) => void;
  timeoutMs?: number;
}): Promise<KnockAttempt> {
  const topic = knockTopic(options.announcedId);
  const requestId = knockRequestId();
  const keys = await knockKeyPair();
  const ask = {
    type: 'publish',
    topic,
    knock: 'ask',
    v: KNOCK_VERSION,
    from: requestId,
    name: displayText(options.name, MAX_KNOCK_NAME) ?? '',
    machine: displayText(options.machine, MAX_KNOCK_NAME) ?? '',
    key: keys.publicKey,
  };
  let code: string | null = null;
  let hostKey: string | null = null;
  let settled = false;
  let resolve!: (result: KnockResult) => void;
  const result = new Promise<KnockResult>((r) => {
    resolve = r;
  });
  let repeat: unknown = null;
  const finish = (outcome: KnockResult) => {
    if (settled) return;
    settled = true;
    if (repeat !== null) options.timers.clearTimer(repeat);
    options.timers.clearTimer(deadline);
    resolve(outcome);
  };
  const askAgain = () => {
    if (settled) return;
    options.send(ask);
    repeat = options.timers.setTimer(askAgain, KNOCK_ASK_EVERY_MS);
  };
  const deadline = options.timers.setTimer(() => finish({ ok: false, reason: 'timeout', code }), options.timeoutMs ?? KNOCK_TIMEOUT_MS);

  async function learnHostKey(key: string): Promise<boolean> {
    // The first host key is the one the code was shown for; an answer under another key is not from that host.
    if (hostKey === null) {
      hostKey = key;
      code = await verificationCode(topic, requestId, key, keys.publicKey);
      options.onPending?.(code);
    }
    return hostKey === key;
  }

  async function handleAsync(message: unknown): Promise<void> {
    const pending = KnockPending.safeParse(message);
    if (pending.success && pending.data.topic === topic && pending.data.to === requestId) {
      await learnHostKey(pending.data.key);
      return;
    }
    const answer = KnockAnswer.safeParse(message);
    if (!answer.success || answer.data.topic !== topic || answer.data.to !== requestId) return;
    if (!(await learnHostKey(answer.data.key))) return;
    const key = await keyFor(keys, answer.data.key, topic, requestId, false);
    const body = key && (await unseal(key, requestId, answer.data.sealed));
    if (!body || code === null) return;
    finish(body.outcome === 'admit' ? { ok: true, role: body.role, invite: body.invite, code } : { ok: false, reason: 'refused', code });
  }

  askAgain();
  return {
    topic,
    requestId,
    handle: (message) => {
      if (!settled) void handleAsync(message);
    },
    result,
    cancel: () => finish({ ok: false, reason: 'cancelled', code }),
  };
}
