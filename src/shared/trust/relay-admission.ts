/**
 * Who a relay lets into an incident's room: only someone who holds the
 * invite, shown without the relay ever learning the secret.
 *
 * The room's name is itself a public key. From the share's secret and the
 * incident id, every invitee derives the same Ed25519 key pair (HKDF-SHA-256
 * gives the 32-byte seed; WebCrypto does the rest); the room is the public
 * half, base64url. To enter, a client presents a token: the time, a random
 * nonce, and its signature over the room, the time and the nonce. The relay
 * checks the signature against the room's own name, so it needs no list of
 * rooms or verifiers to keep, and knowing a room's name (from a log, from
 * watching traffic) is not enough to read it: only the private half signs,
 * and only the secret gives it.
 *
 * The time is the relay's challenge. A token is taken only within
 * ADMISSION_WINDOW_MS of the relay's clock and only once (the relay keeps
 * the nonces it has seen for that long), so a captured token cannot be
 * played again. A client whose clock is off is refused with the relay's
 * time (`clock:<ms>`) and signs again against it.
 *
 * No Electron and no DOM: the relay (Node) and the app (Chromium) share
 * this; the key itself is derived where WebCrypto is typed
 * (renderer/incidents/sync/relay-seal.ts).
 */
import { encodeUtf8 } from 'lib0/string';
import { base64UrlToBytes } from '../base64';
import { KEY_BYTES, verifySignature } from './signatures';

export const ADMISSION_WINDOW_MS = 5 * 60_000;
export const NONCE_BYTES = 16;
const TOKEN_VERSION = 'v1';

/** Why a relay refused a token; sent to the client as the permission-denied reason. */
export const REFUSAL = {
  /** Not signed by the room's key: the client does not hold this incident's invite. */
  notInvited: 'not-invited',
  /** Signed too far from the relay's time; followed by `:` and the relay's time in ms. */
  clock: 'clock',
  /** This token was already used. */
  replayed: 'replayed',
  /** The relay holds as many rooms as it may. */
  relayFull: 'relay-full',
  /** This client (its address) holds as many rooms as one client may. */
  tooManyRooms: 'too-many-rooms',
} as const;

/** What a token's signature covers. */
export function admissionMessage(room: string, time: number, nonce: string) {
  return encodeUtf8(`command-post relay admission ${TOKEN_VERSION}\n${room}\n${time}\n${nonce}`);
}

/** A token as a client presents it: version, time, nonce (base64url) and signature (base64url). */
export function formatToken(time: number, nonce: string, signature: string): string {
  return [TOKEN_VERSION, time, nonce, signature].join('.');
}

/** Whether a document name can be a room at all (a base64url Ed25519 public key). */
export function isRoomName(name: string): boolean {
  return name.length === 43 && base64UrlToBytes(name)?.length === KEY_BYTES;
}

/** The nonces of tokens taken within the window: a token is taken once. Bounded by the rate tokens can arrive. */
export class NonceLedger {
  private readonly seen = new Map<string, number>();

  constructor(private readonly max = 100_000) {}

  /** Records the nonce; false when it was already seen (or the ledger is full of live ones). */
  take(nonce: string, now: number): boolean {
    for (const [old, at] of this.seen) {
      if (now - at <= 2 * ADMISSION_WINDOW_MS) break;
      this.seen.delete(old);
    }
    if (this.seen.has(nonce) || this.seen.size >= this.max) return false;
    this.seen.set(nonce, now);
    return true;
  }
}

/** Null when the token admits its holder to `room` at `now`; otherwise the refusal to send back. */
export async function admissionRefusal(room: string, token: string, now: number, ledger: NonceLedger): Promise<string | null> {
  const parts = token.split('.');
  if (!isRoomName(room) || parts.length !== 4 || parts[0] !== TOKEN_VERSION) return REFUSAL.notInvited;
  const [, timeText, nonce, signature] = parts as [string, string, string, string];
  const time = Number(timeText);
  if (!/^\d{1,16}$/.test(timeText) || base64UrlToBytes(nonce)?.length !== NONCE_BYTES) return REFUSAL.notInvited;
  if (!(await verifySignature(room, admissionMessage(room, time, nonce), signature))) return REFUSAL.notInvited;
  if (Math.abs(now - time) > ADMISSION_WINDOW_MS) return `${REFUSAL.clock}:${Math.round(now)}`;
  return ledger.take(nonce, now) ? null : REFUSAL.replayed;
}

/** The relay's time in a clock refusal, or null for any other reason. */
export function relayTimeIn(reason: string): number | null {
  const match = new RegExp(`^${REFUSAL.clock}:(\\d{1,16})$`).exec(reason);
  return match ? Number(match[1]) : null;
}
