/**
 * The short code an IC reads out over a phone bridge or across a room:
 * "K7QM-2X9P-RT4V-8HJD-W3NB-6CQA", 24 characters instead of a 230-character
 * invite.
 *
 * It cannot hold the invite itself, so it holds where to ask for it and a key
 * to ask with: the IPv4 address and port of a signaling server (32 + 16 bits),
 * a 60-bit key, and a 12-bit check. The joiner connects to that signaling
 * server, asks on a topic derived from the key, and a command post sharing
 * the incident answers with the full invite encrypted under the key (see
 * src/renderer/incidents/sync/rendezvous.ts). Neither the signaling server
 * nor anyone listening learns the invite.
 *
 * Characters are Crockford's base32: no I, L, O or U, case ignored, and the
 * look-alikes a listener may write down (O for 0, I and L for 1) read as the
 * digit. The check catches a mistyped or swapped character before anything
 * goes on the network.
 */
import { z } from 'zod';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 4;
export const SHORT_CODE_CHARS = 24;
/** The key's bits: 12 characters of the alphabet. */
export const SHORT_KEY_CHARS = 12;
const CHECK_BITS = 12;

export const ShortKey = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'The short-code key is not valid.');

export interface ShortCode {
  /** Dotted IPv4 address of the signaling server to ask. */
  readonly host: string;
  readonly port: number;
  /** SHORT_KEY_CHARS characters of Crockford base32. */
  readonly key: string;
}

export type DecodedShortCode = { readonly ok: true; readonly code: ShortCode } | { readonly ok: false; readonly message: string };

/** A fresh key from random bytes (the caller supplies them: crypto lives in the host). */
export function shortKeyFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new Error('A short-code key needs 8 random bytes.');
  return bitsToChars(bytesToBits(bytes).slice(0, SHORT_KEY_CHARS * 5));
}

/** "ws://192.168.1.20:4444" → the address a short code can carry, or null (a name, IPv6, a path). */
export function shortCodeAddress(signalingUrl: string): { host: string; port: number } | null {
  const match = /^ws:\/\/(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})\/?$/.exec(signalingUrl);
  if (!match) return null;
  const host = match[1]!;
  const port = Number(match[2]);
  if (!host.split('.').every((part) => Number(part) <= 255) || port < 1 || port > 65535) return null;
  return { host, port };
}

/** The address among a share's signaling servers that a short code should carry: a LAN one before loopback. */
export function pickShortCodeAddress(signaling: readonly string[]): { host: string; port: number } | null {
  const usable = signaling.map(shortCodeAddress).filter((a): a is { host: string; port: number } => a !== null);
  return usable.find((a) => !a.host.startsWith('127.')) ?? usable[0] ?? null;
}

export function encodeShortCode(code: ShortCode): string {
  const key = ShortKey.parse(code.key);
  const address = shortCodeAddress(`ws://${code.host}:${code.port}`);
  if (!address) throw new Error('A short code carries an IPv4 address and a port.');
  const payload = [
    ...numberToBits(address.host.split('.').reduce((n, part) => n * 256 + Number(part), 0), 32),
    ...numberToBits(address.port, 16),
    ...charsToBits(key),
  ];
  const chars = bitsToChars([...payload, ...numberToBits(check(payload), CHECK_BITS)]);
  return chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** True when the text has the shape of a short code (so the join form knows which kind it got). */
export function looksLikeShortCode(text: string): boolean {
  const compact = compactCode(text);
  return compact.length >= SHORT_CODE_CHARS - 4 && compact.length <= SHORT_CODE_CHARS + 4 && /^[0-9A-Z]+$/.test(compact);
}

export function decodeShortCode(text: string): DecodedShortCode {
  const compact = compactCode(text);
  if (compact.length !== SHORT_CODE_CHARS) {
    return {
      ok: false,
      message: `A short code has ${SHORT_CODE_CHARS} characters; this one has ${compact.length}. Check that none is missing or doubled.`,
    };
  }
  const bad = [...compact].find((c) => !ALPHABET.includes(c));
  if (bad) return { ok: false, message: `A short code never contains "${bad}": check that character.` };
  const bits = charsToBits(compact);
  const payload = bits.slice(0, bits.length - CHECK_BITS);
  if (bitsToNumber(bits.slice(-CHECK_BITS)) !== check(payload)) {
    return { ok: false, message: 'That short code has a typo: read it back character by character.' };
  }
  const ip = bitsToNumber(payload.slice(0, 32));
  const host = [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join('.');
  const port = bitsToNumber(payload.slice(32, 48));
  if (port === 0) return { ok: false, message: 'That short code names no port: ask for the code again.' };
  return { ok: true, code: { host, port, key: bitsToChars(payload.slice(48)) } };
}

/** Uppercase, separators dropped, look-alikes read as the digits they stand for. */
function compactCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-–—.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/**
 * CRC-12 (polynomial x^12+x^11+x^3+x^2+x+1) over the payload's bits. A CRC of
 * degree 12 detects every error burst up to 12 bits long, and a mistyped
 * character is a 5-bit burst, two swapped neighbours a 10-bit one: both are
 * always caught.
 */
function check(bits: readonly number[]): number {
  const POLY = 0x80f;
  let crc = 0;
  for (const bit of bits) {
    const top = ((crc >> (CHECK_BITS - 1)) & 1) ^ bit;
    crc = (crc << 1) & ((1 << CHECK_BITS) - 1);
    if (top) crc ^= POLY;
  }
  return crc;
}

function numberToBits(value: number, width: number): number[] {
  return Array.from({ length: width }, (_, i) => Math.floor(value / 2 ** (width - 1 - i)) % 2);
}

function bitsToNumber(bits: readonly number[]): number {
  return bits.reduce((n, bit) => n * 2 + bit, 0);
}

function bytesToBits(bytes: Uint8Array): number[] {
  return [...bytes].flatMap((byte) => numberToBits(byte, 8));
}

function charsToBits(chars: string): number[] {
  return [...chars].flatMap((c) => numberToBits(ALPHABET.indexOf(c), 5));
}

function bitsToChars(bits: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[bitsToNumber(bits.slice(i, i + 5).concat([0, 0, 0, 0, 0]).slice(0, 5))];
  return out;
}
