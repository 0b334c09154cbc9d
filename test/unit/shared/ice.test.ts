import { describe, expect, it } from 'vitest';
import { formatIceServers, parseIceServers } from '../../../src/shared/sync/ice';

describe('STUN and TURN servers', () => {
  it('default to none', () => {
    expect(parseIceServers('')).toEqual({ ok: true, servers: [] });
    expect(parseIceServers('  \n \n')).toEqual({ ok: true, servers: [] });
  });

  it('read STUN lines and TURN lines with their credentials', () => {
    const parsed = parseIceServers('stun:stun.example.org:3478\nturn:alice:s3cret@turn.example.org:3478?transport=udp\nturns:bob:pw@10.0.0.5');
    expect(parsed).toEqual({
      ok: true,
      servers: [
        { urls: 'stun:stun.example.org:3478' },
        { urls: 'turn:turn.example.org:3478?transport=udp', username: 'alice', credential: 's3cret' },
        { urls: 'turns:10.0.0.5', username: 'bob', credential: 'pw' },
      ],
    });
    if (parsed.ok) expect(parseIceServers(formatIceServers(parsed.servers))).toEqual(parsed);
  });

  it.each([
    ['http://example.org', 'is not a STUN or TURN address'],
    ['turn:turn.example.org:3478', 'needs a user and password'],
    ['stun:a:b@stun.example.org', 'takes no user or password'],
    ['stun:host name', 'is not a STUN or TURN address'],
    [Array.from({ length: 9 }, (_, i) => `stun:s${i}.example.org`).join('\n'), 'At most 8'],
  ])('refuse %j with a clear message', (text, message) => {
    const parsed = parseIceServers(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
