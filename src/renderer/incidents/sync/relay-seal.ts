/**
 * What the relays carry and hold is sealed: every envelope is encrypted
 * with AES-GCM under a key derived from the share's secret (HKDF-SHA-256,
 * salted with the incident's id), so a relay, whatever stores its rooms and
 * anyone watching its connections see ciphertext only. Only those holding
 * the invite hold the key. A sealed envelope is bound to its incident (the
 * id is its additional data): one copied into another incident's room does
 * not open there.
 *
 * The cryptography is WebCrypto's, in the browser and under Node alike.
 * Layout: one version byte, the 12-byte random IV, then AES-GCM's output
 * (the ciphertext and its 16-byte tag).
 *
 * The key that admits this machine to the relay room is derived here too
 * (admissionKey; what it proves and how: shared/trust/relay-admission.ts).
 */
import { bytesToBase64Url } from '../../../shared/base64';
import { admissionMessage, formatToken, NONCE_BYTES } from '../../../shared/trust/relay-admission';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** The key that seals an incident's envelopes on its relays. */
export async function relayKey(secret: string, incidentId: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(`command-post relay\n${incidentId}`), info: utf8('envelopes, version 1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, incidentId: string, envelope: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  // A copy WebCrypto can take (an envelope may sit on a shared buffer).
  const plaintext = envelope.slice();
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(incidentId) }, key, plaintext));
  const sealed = new Uint8Array(1 + IV_BYTES + ciphertext.byteLength);
  sealed[0] = VERSION;
  sealed.set(iv, 1);
  sealed.set(ciphertext, 1 + IV_BYTES);
  return sealed;
}

/** The envelope, or null for anything not sealed by someone holding the key for this incident (or altered since). */
export async function unseal(key: CryptoKey, incidentId: string, sealed: Uint8Array): Promise<Uint8Array | null> {
  if (sealed.byteLength < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return null;
  try {
    const iv = sealed.slice(1, 1 + IV_BYTES);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(incidentId) }, key, sealed.slice(1 + IV_BYTES)));
  } catch {
    return null;
  }
}

/** What proves to a relay that this machine holds the invite (see shared/trust/relay-admission.ts). */
export interface AdmissionKey {
  /** The room's name: the public key, base64url (43 characters). */
  readonly room: string;
  /** A fresh token for `now` (the relay's time, as near as this machine knows it). */
  token(now: number): Promise<string>;
}

/** Fixed PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): WebCrypto imports private keys only so. */
const PKCS8_ED25519_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

/** The admission key every holder of this share's invite derives for this incident: its public half names the room. */
export async function admissionKey(secret: string, incidentId: string): Promise<AdmissionKey> {
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveBits']);
  const seed = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: utf8(`command-post relay admission\n${incidentId}`), info: utf8('room key, version 1') }, material, 256),
  );
  const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.length);
  pkcs8.set(PKCS8_ED25519_PREFIX);
  pkcs8.set(seed, PKCS8_ED25519_PREFIX.length);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const { x: room } = await crypto.subtle.exportKey('jwk', privateKey);
  if (!room) throw new Error('WebCrypto gave no public key for the relay room.');
  return {
    room,
    async token(now) {
      const time = Math.round(now);
      const nonce = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
      const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, admissionMessage(room, time, nonce)));
      return formatToken(time, nonce, bytesToBase64Url(signature));
    },
  };
}
