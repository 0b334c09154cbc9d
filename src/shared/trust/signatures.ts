/**
 * Ed25519 signatures through WebCrypto, and SHA-256 through lib0.
 *
 * WebCrypto is the runtime's own implementation (Chromium's in the app and
 * the web host, Node's in the verifier and the tests): native speed, and a
 * private key made with `extractable: false` can sign but can never be read
 * back by page scripts. Its calls are asynchronous, so signing and checking
 * happen off the path of a keystroke (see sealer.ts and gate.ts).
 *
 * Hashes for chains are needed synchronously, when an entry is appended, so
 * they come from lib0 (already here as Yjs's own toolkit), not WebCrypto.
 *
 * src/shared has no DOM types; the few WebCrypto calls used are typed here
 * structurally and reached through globalThis, present in every host.
 */
import { digest } from 'lib0/hash/sha256';
import { base64UrlToBytes, bytesToBase64Url } from '../base64';

/** A public key as records carry it: the raw 32 bytes, base64url. */
export type KeyId = string;

/** What signs for one person on one machine; the private key stays inside. */
export interface Signer {
  readonly key: KeyId;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
}
interface KeyPairLike {
  readonly publicKey: CryptoKeyLike;
  readonly privateKey: CryptoKeyLike;
}
interface SubtleLike {
  generateKey(algorithm: { name: string }, extractable: boolean, usages: string[]): Promise<KeyPairLike>;
  importKey(format: 'raw', data: Uint8Array, algorithm: { name: string }, extractable: boolean, usages: string[]): Promise<CryptoKeyLike>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  sign(algorithm: { name: string }, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: { name: string }, key: CryptoKeyLike, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

const ED25519 = { name: 'Ed25519' };
export const KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

function subtle(): SubtleLike {
  const found = (globalThis as unknown as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  // WebCrypto exists only in secure contexts; the web host on a LAN address over plain http has none.
  if (!found) throw new Error('This browser offers no WebCrypto here (it needs https or localhost), so entries cannot be signed or checked.');
  return found;
}

/** Whether this runtime can sign and check (WebCrypto with Ed25519). */
export async function signingAvailable(): Promise<boolean> {
  try {
    await subtle().generateKey(ED25519, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

/** A stored key pair: the private half non-extractable, the public half's id. */
export interface KeyPair {
  readonly key: KeyId;
  /** CryptoKey objects, kept as they are (IndexedDB stores them without exposing the private bytes). */
  readonly publicKey: unknown;
  readonly privateKey: unknown;
}

/** A fresh key pair whose private key cannot be exported. */
export async function generateKeyPair(): Promise<KeyPair> {
  const pair = await subtle().generateKey(ED25519, false, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  return { key: bytesToBase64Url(raw), publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The signer of a key pair made by generateKeyPair (and perhaps read back from storage). */
export function signerOf(pair: KeyPair): Signer {
  return {
    key: pair.key,
    async sign(message) {
      return new Uint8Array(await subtle().sign(ED25519, pair.privateKey as CryptoKeyLike, message));
    },
  };
}

/**
 * A throwaway key whose private half is exported: only for an invite's
 * admission key, which is a secret shared by design (it travels in the
 * invite, like the room secret).
 */
export async function generateShareableKey(): Promise<{ key: KeyId; secret: string }> {
  const pair = await subtle().generateKey(ED25519, true, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await (subtle() as unknown as { exportKey(f: 'pkcs8', k: CryptoKeyLike): Promise<ArrayBuffer> }).exportKey('pkcs8', pair.privateKey));
  return { key: bytesToBase64Url(raw), secret: bytesToBase64Url(pkcs8) };
}

/** Signs with a shareable key's secret (see generateShareableKey). */
export async function signWithSecret(secret: string, message: Uint8Array): Promise<Uint8Array> {
  const pkcs8 = base64UrlToBytes(secret);
  if (!pkcs8) throw new Error('The invite’s admission key is damaged.');
  const importer = subtle() as unknown as { importKey(f: 'pkcs8', d: Uint8Array, a: { name: string }, e: boolean, u: string[]): Promise<CryptoKeyLike> };
  const key = await importer.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return new Uint8Array(await subtle().sign(ED25519, key, message));
}

const imported = new Map<KeyId, Promise<CryptoKeyLike | null>>();
const MAX_IMPORTED = 4_096;

function publicKeyOf(key: KeyId): Promise<CryptoKeyLike | null> {
  let found = imported.get(key);
  if (!found) {
    const raw = base64UrlToBytes(key);
    found = raw && raw.length === KEY_BYTES ? subtle().importKey('raw', raw, ED25519, true, ['verify']).catch(() => null) : Promise.resolve(null);
    // A hostile peer can name endless keys: forget the oldest rather than grow without bound.
    if (imported.size >= MAX_IMPORTED) imported.delete(imported.keys().next().value!);
    imported.set(key, found);
  }
  return found;
}

/** Whether `signature` (base64url) is `key`'s signature of `message`; false for anything malformed. */
export async function verifySignature(key: KeyId, message: Uint8Array, signature: string): Promise<boolean> {
  const sig = base64UrlToBytes(signature);
  if (!sig || sig.length !== SIGNATURE_BYTES) return false;
  const publicKey = await publicKeyOf(key);
  if (!publicKey) return false;
  try {
    return await subtle().verify(ED25519, publicKey, sig, message);
  } catch {
    return false;
  }
}

/** SHA-256, base64url: the hash that chains records. */
export function hashOf(bytes: Uint8Array): string {
  return bytesToBase64Url(digest(bytes));
}

export function sha256(bytes: Uint8Array): Uint8Array {
  return digest(bytes);
}

/** A short, readable form of a key for people comparing two screens: "k7Qm-2xWp". */
export function fingerprint(key: KeyId): string {
  return `${key.slice(0, 4)}-${key.slice(4, 8)}`;
}
