/**
 * Trading a short code for the full invite, through a signaling server.
 *
 * The short code (src/shared/sync/short-code.ts) names a signaling server and
 * a 60-bit key. Both sides stretch the key with PBKDF2 into an AES-GCM key and
 * a topic name. The joiner subscribes to the topic and asks; every command
 * post sharing the incident listens there and answers with the invite,
 * encrypted. Signaling servers forward what is published on a topic to its
 * subscribers and read nothing (y-webrtc's protocol), so no new server is
 * needed, and someone watching the server sees a topic and ciphertext only:
 * guessing the key from them means 2^60 PBKDF2 runs.
 *
 * Messages, published on the topic:
 *   {type:'publish', topic, rendezvous:'ask', from}            the joiner
 *   {type:'publish', topic, rendezvous:'answer', to, sealed}   a command post
 */
import { WebsocketClient } from 'lib0/websocket';
import { base64UrlToBytes, bytesToBase64Url } from '../../../shared/base64';
import type { ShortCode } from '../../../shared/sync/short-code';
import { paceReconnects } from './signaling-pacer';

const SALT = new TextEncoder().encode('command-post/short-code/v1');
/** Slow enough to make guessing a key from what the server sees hopeless, fast enough not to be noticed (~50 ms). */
const PBKDF2_ITERATIONS = 100_000;
const ASK_EVERY_MS = 1_000;
export const ASK_TIMEOUT_MS = 15_000;
/** An invite is a few hundred characters; anything far bigger is not an answer of ours. */
const MAX_SEALED_CHARS = 16_384;

interface Secrets {
  readonly topic: string;
  readonly key: CryptoKey;
}

const derived = new Map<string, Promise<Secrets>>();

/** The topic and AES key a short-code key stands for (memoized: PBKDF2 is slow on purpose). */
export function rendezvousSecrets(shortKey: string): Promise<Secrets> {
  let secrets = derived.get(shortKey);
  if (!secrets) {
    secrets = derive(shortKey);
    derived.set(shortKey, secrets);
  }
  return secrets;
}

async function derive(shortKey: string): Promise<Secrets> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(shortKey), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: SALT, iterations: PBKDF2_ITERATIONS, hash: 'SHA-256' }, material, 512),
  );
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const topicHash = new Uint8Array(await crypto.subtle.digest('SHA-256', bits.slice(32)));
  return { topic: `command-post/ask/${bytesToBase64Url(topicHash)}`, key };
}

async function seal(key: CryptoKey, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(text)));
  const out = new Uint8Array(iv.length + cipher.length);
  out.set(iv);
  out.set(cipher, iv.length);
  return bytesToBase64Url(out);
}

/** The invite, or null when the sealed text was not made with this key (or was tampered with). */
async function open(key: CryptoKey, sealed: string): Promise<string | null> {
  const bytes = sealed.length <= MAX_SEALED_CHARS ? base64UrlToBytes(sealed) : null;
  if (!bytes || bytes.length < 13) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

type Message = Record<string, unknown>;

/**
 * Answers askers on every signaling server a share lists, for as long as the
 * incident is shared from this machine. Redials a server it cannot reach
 * with the pacer's backoff.
 */
export class InviteResponder {
  private readonly clients: WebsocketClient[] = [];
  private destroyed = false;

  constructor(signaling: readonly string[], shortKey: string, invite: () => string) {
    void rendezvousSecrets(shortKey).then(({ topic, key }) => {
      if (this.destroyed) return;
      for (const url of signaling) {
        const client = new WebsocketClient(url);
        paceReconnects(client, () => !this.destroyed);
        client.on('connect', () => client.send({ type: 'subscribe', topics: [topic] }));
        client.on('message', (message: Message) => {
          if (message.type !== 'publish' || message.topic !== topic || message.rendezvous !== 'ask') return;
          if (typeof message.from !== 'string' || message.from.length > 64) return;
          const to = message.from;
          void seal(key, invite()).then((sealed) => {
            if (client.connected) client.send({ type: 'publish', topic, rendezvous: 'answer', to, sealed });
          });
        });
        this.clients.push(client);
      }
    });
  }

  destroy(): void {
    this.destroyed = true;
    for (const client of this.clients) client.destroy();
    this.clients.length = 0;
  }
}

export type AskResult = { readonly ok: true; readonly invite: string } | { readonly ok: false; readonly message: string };

/**
 * Asks the signaling server a short code names for the invite. Asks again
 * every second (a command post may be reconnecting) until an answer opens
 * with the key, or the time is up.
 */
export async function askForInvite(code: ShortCode, timeoutMs = ASK_TIMEOUT_MS): Promise<AskResult> {
  const url = `ws://${code.host}:${code.port}`;
  const { topic, key } = await rendezvousSecrets(code.key);
  const from = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  return new Promise<AskResult>((resolve) => {
    let reached = false;
    let settled = false;
    const socket = new WebSocket(url);
    const finish = (result: AskResult) => {
      if (settled) return;
      settled = true;
      clearInterval(asking);
      clearTimeout(deadline);
      socket.close();
      resolve(result);
    };
    const ask = () => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'publish', topic, rendezvous: 'ask', from }));
    };
    const asking = setInterval(ask, ASK_EVERY_MS);
    const deadline = setTimeout(
      () =>
        finish({
          ok: false,
          message: reached
            ? `Nobody at ${code.host}:${code.port} answered for this code. Check the code, and that the incident is still shared from there.`
            : `Could not reach the command post at ${code.host}:${code.port}. Is it running, on this network, with its signaling server open to the LAN?`,
        }),
      timeoutMs,
    );
    socket.onopen = () => {
      reached = true;
      socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
      ask();
    };
    socket.onmessage = (event) => {
      let message: Message;
      try {
        message = typeof event.data === 'string' ? (JSON.parse(event.data) as Message) : {};
      } catch {
        return;
      }
      if (message.topic !== topic || message.rendezvous !== 'answer' || message.to !== from || typeof message.sealed !== 'string') return;
      void open(key, message.sealed).then((invite) => {
        if (invite !== null) finish({ ok: true, invite });
      });
    };
    // A refused or broken connection also closes; onclose words the failure.
    socket.onerror = () => undefined;
    socket.onclose = () =>
      finish({
        ok: false,
        message: reached
          ? `The connection to ${code.host}:${code.port} closed before anyone answered. Try again.`
          : `Could not reach the command post at ${code.host}:${code.port}. Is it running, on this network, with its signaling server open to the LAN?`,
      });
  });
}
