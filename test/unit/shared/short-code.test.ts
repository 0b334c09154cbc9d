import { describe, expect, it } from 'vitest';
import {
  decodeShortCode,
  encodeShortCode,
  looksLikeShortCode,
  pickShortCodeAddress,
  shortCodeAddress,
  shortKeyFromBytes,
  SHORT_CODE_CHARS,
} from '../../../src/shared/sync/short-code';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Deterministic pseudo-random bytes, so a failure names its seed. */
function bytes(seed: number, n = 8): Uint8Array {
  let x = seed * 2654435761 + 1;
  return Uint8Array.from({ length: n }, () => {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x6d2b79f5) >>> 0;
    return x & 255;
  });
}

const sample = { host: '192.168.1.20', port: 4444, key: shortKeyFromBytes(bytes(1)) };

describe('short codes', () => {
  it('are 24 characters in six groups of four that read back to the same address and key', () => {
    const code = encodeShortCode(sample);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(decodeShortCode(code)).toEqual({ ok: true, code: sample });
  });

  it('round-trip any address and port, loopback and the extremes included', () => {
    for (const [host, port] of [
      ['127.0.0.1', 4444],
      ['0.0.0.0', 1],
      ['255.255.255.255', 65535],
      ['10.0.0.7', 80],
    ] as const) {
      const code = { host, port, key: shortKeyFromBytes(bytes(port)) };
      expect(decodeShortCode(encodeShortCode(code))).toEqual({ ok: true, code });
    }
  });

  it('forgive what a listener writes down: lowercase, spaces, no dashes, O for zero, I and L for one', () => {
    const code = encodeShortCode(sample);
    const written = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodeShortCode(written)).toEqual({ ok: true, code: sample });
    expect(decodeShortCode(code.replace(/-/g, ''))).toEqual({ ok: true, code: sample });
  });

  it('catch every single mistyped character and every swap of two neighbours', () => {
    for (let seed = 0; seed < 16; seed++) {
      const code = encodeShortCode({ host: `10.${seed}.${(seed * 7) % 256}.${(seed * 13) % 256}`, port: 4000 + seed, key: shortKeyFromBytes(bytes(seed)) });
      const compact = code.replace(/-/g, '');
      for (let i = 0; i < SHORT_CODE_CHARS; i++) {
        for (const c of ALPHABET) {
          if (c === compact[i]) continue;
          const typo = compact.slice(0, i) + c + compact.slice(i + 1);
          expect(decodeShortCode(typo).ok, `seed ${seed}, position ${i}, ${c}`).toBe(false);
        }
        if (i + 1 < SHORT_CODE_CHARS && compact[i] !== compact[i + 1]) {
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
          expect(decodeShortCode(swapped).ok, `seed ${seed}, swap at ${i}`).toBe(false);
        }
      }
    }
  });

  it('explain what is wrong with a code that cannot be read', () => {
    const code = encodeShortCode(sample);
    expect(decodeShortCode(code.slice(0, -1))).toEqual({ ok: false, message: expect.stringContaining('this one has 23') });
    expect(decodeShortCode(`${code.slice(0, -1)}U`)).toEqual({ ok: false, message: 'A short code never contains "U": check that character.' });
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    expect(decodeShortCode(code.slice(0, -1) + last)).toEqual({ ok: false, message: expect.stringContaining('typo') });
  });

  it('are told apart from full invites and from prose', () => {
    expect(looksLikeShortCode(encodeShortCode(sample))).toBe(true);
    expect(looksLikeShortCode(encodeShortCode(sample).toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(looksLikeShortCode('cp1.eyJpIjoiMyJ9')).toBe(false);
    expect(looksLikeShortCode('please let me in')).toBe(false);
  });

  it('carry only a plain IPv4 signaling address, preferring a LAN one over loopback', () => {
    expect(shortCodeAddress('ws://192.168.1.20:4444')).toEqual({ host: '192.168.1.20', port: 4444 });
    expect(shortCodeAddress('wss://192.168.1.20:4444')).toBeNull();
    expect(shortCodeAddress('ws://signal.example.org:4444')).toBeNull();
    expect(shortCodeAddress('ws://[::1]:4444')).toBeNull();
    expect(shortCodeAddress('ws://192.168.1.20:4444/room')).toBeNull();
    expect(shortCodeAddress('ws://300.1.1.1:4444')).toBeNull();
    expect(pickShortCodeAddress(['ws://127.0.0.1:4444', 'ws://host.local:4444', 'ws://10.1.2.3:4444'])).toEqual({ host: '10.1.2.3', port: 4444 });
    expect(pickShortCodeAddress(['ws://127.0.0.1:4444'])).toEqual({ host: '127.0.0.1', port: 4444 });
    expect(pickShortCodeAddress(['wss://relay.example.org/x'])).toBeNull();
  });

  it('make keys of 60 random bits', () => {
    expect(shortKeyFromBytes(bytes(2))).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(shortKeyFromBytes(bytes(2))).not.toBe(shortKeyFromBytes(bytes(3)));
    expect(() => shortKeyFromBytes(new Uint8Array(4))).toThrow();
  });
});
