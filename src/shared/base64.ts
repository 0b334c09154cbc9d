/**
 * Base64, standard alphabet with padding, for incident files and invites.
 * Hand-written because atob/btoa and Buffer are host APIs and src/shared is
 * pure.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = '='.charCodeAt(0);

/** Standard base64 with padding. Hand-written because atob/btoa and Buffer are host APIs. */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    out[o++] = ENCODE[(n >> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? ENCODE[(n >> 6) & 63]! : PAD;
    out[o] = PAD;
  }
  // String.fromCharCode takes its arguments on the stack: convert in slices,
  // with apply (a spread would walk each slice through the iterator protocol,
  // five times slower).
  let text = '';
  for (let start = 0; start < out.length; start += 0x8000) {
    text += String.fromCharCode.apply(null, out.subarray(start, start + 0x8000) as unknown as number[]);
  }
  return text;
}

/** Strict standard base64 (padding required, no whitespace); null when it is not. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const a = DECODE[text.charCodeAt(i) & 0xff]!;
    const b = DECODE[text.charCodeAt(i + 1) & 0xff]!;
    const c3 = text.charCodeAt(i + 2);
    const d3 = text.charCodeAt(i + 3);
    const c = last && padding === 2 && c3 === PAD ? 0 : DECODE[c3 & 0xff]!;
    const d = last && padding >= 1 && d3 === PAD ? 0 : DECODE[d3 & 0xff]!;
    // `& 0xff` folds non-ASCII characters onto table entries: reject them explicitly.
    if ((a | b | c | d) < 0 || text.charCodeAt(i) > 127 || text.charCodeAt(i + 1) > 127 || c3 > 127 || d3 > 127) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    bytes[o++] = n >> 16;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 0xff;
    if (o < bytes.length) bytes[o++] = n & 0xff;
  }
  return bytes;
}

/** The URL-safe form (RFC 4648 section 5), without padding. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads the URL-safe form, with or without padding; null when it is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  return base64ToBytes(standard + '='.repeat((4 - (standard.length % 4)) % 4));
}
