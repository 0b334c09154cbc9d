import { describe, expect, it } from 'vitest';
import { decodeInvite, encodeInvite, inviteLink, roomName, secretFromBytes, type Invite } from '../../../src/shared/sync/invite';

const invite: Invite = {
  incidentId: '3f1c2a4e-1111-4222-8333-444455556666',
  name: '26-Bravo',
  secret: secretFromBytes(new Uint8Array(16).map((_, i) => i * 17)),
  signaling: ['ws://192.168.1.20:4444', 'wss://relay.example.org/signal'],
};

describe('invites', () => {
  it('round-trip through the code and through a link', () => {
    const code = encodeInvite(invite);
    expect(code.startsWith('cp1.')).toBe(true);
    expect(decodeInvite(code)).toEqual({ ok: true, invite });
    expect(decodeInvite(`  ${inviteLink('http://127.0.0.1:4173/index.html#/incident/x', code)}\n`)).toEqual({ ok: true, invite });
  });

  it('keep names with any characters intact', () => {
    const named = { ...invite, name: 'Köln – Straße 😀 "x"' };
    expect(decodeInvite(encodeInvite(named))).toEqual({ ok: true, invite: named });
  });

  it('make 128-bit secrets in base32', () => {
    expect(invite.secret).toMatch(/^[A-Z2-7]{26}$/);
    expect(secretFromBytes(new Uint8Array(16))).toBe('A'.repeat(26));
    expect(() => secretFromBytes(new Uint8Array(4))).toThrow();
  });

  it('name the room after the incident', () => {
    expect(roomName(invite.incidentId)).toBe(`command-post/${invite.incidentId}`);
  });

  it.each([
    ['', 'not a Command Post invite'],
    ['hello', 'not a Command Post invite'],
    ['cp1.!!!!', 'damaged'],
    ['cp1.' + 'A'.repeat(5), 'damaged'],
    ['cp1.' + btoa('{"i":"x"').replace(/=+$/, ''), 'damaged'],
    ['x'.repeat(5000), 'too long'],
  ])('refuse %j with a clear message', (pasted, expected) => {
    const result = decodeInvite(pasted);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });

  it('refuse invites whose fields are wrong', () => {
    const forge = (fields: Record<string, unknown>) => `cp1.${Buffer.from(JSON.stringify(fields)).toString('base64url')}`;
    const base = { i: invite.incidentId, n: invite.name, k: invite.secret, s: invite.signaling };
    expect(decodeInvite(forge({ ...base, s: [] }))).toMatchObject({ ok: false, message: 'The invite lists no signaling address.' });
    expect(decodeInvite(forge({ ...base, s: ['http://example.org'] }))).toMatchObject({ ok: false });
    expect(decodeInvite(forge({ ...base, s: ['ws://user:pw@example.org'] }))).toMatchObject({ ok: false });
    expect(decodeInvite(forge({ ...base, k: 'short' }))).toMatchObject({ ok: false, message: 'The invite’s secret is not valid.' });
    expect(decodeInvite(forge({ ...base, i: '../../etc' }))).toMatchObject({ ok: false, message: 'The invite names no valid incident.' });
    expect(decodeInvite(forge({ ...base, n: '' }))).toMatchObject({ ok: false });
  });

  it('carry relays when the share lists any, and leave them out otherwise', () => {
    const withRelays: Invite = { ...invite, relays: ['ws://192.168.1.30:4455', 'wss://relay.example.org/cp'] };
    expect(decodeInvite(encodeInvite(withRelays))).toEqual({ ok: true, invite: withRelays });
    const none = encodeInvite({ ...invite, relays: [] });
    expect(none).toBe(encodeInvite(invite));
    const decoded = decodeInvite(none);
    expect(decoded.ok && 'relays' in decoded.invite).toBe(false);
  });

  it('made before relays existed stay valid', () => {
    // The exact shape earlier versions wrote: no "r" field.
    const old = `cp1.${Buffer.from(JSON.stringify({ i: invite.incidentId, n: invite.name, k: invite.secret, s: invite.signaling })).toString('base64url')}`;
    expect(decodeInvite(old)).toEqual({ ok: true, invite });
  });

  it('refuse a relay that is not a ws:// or wss:// address', () => {
    const forge = (fields: Record<string, unknown>) => `cp1.${Buffer.from(JSON.stringify(fields)).toString('base64url')}`;
    const base = { i: invite.incidentId, n: invite.name, k: invite.secret, s: invite.signaling };
    expect(decodeInvite(forge({ ...base, r: ['http://relay.example.org'] }))).toMatchObject({ ok: false, message: 'A relay address is a ws:// or wss:// URL.' });
    expect(decodeInvite(forge({ ...base, r: 'ws://relay.example.org' }))).toMatchObject({ ok: false });
  });
});
