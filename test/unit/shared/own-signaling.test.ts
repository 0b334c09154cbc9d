import { describe, expect, it } from 'vitest';
import { browserSignaling, desktopSignaling, MAX_OFFERED_LAN_ADDRESSES } from '../../../src/shared/sync/own-signaling';
import { decodeInvite, encodeInvite } from '../../../src/shared/sync/invite';

describe('the signaling addresses an invite made on this machine offers', () => {
  it('in the desktop app open to the network: every LAN address on the server’s port, and not loopback', () => {
    expect(desktopSignaling({ exposedOnLan: true, lanAddresses: ['192.168.1.20', '10.0.0.7'], port: 5001 })).toEqual([
      'ws://192.168.1.20:5001',
      'ws://10.0.0.7:5001',
    ]);
  });

  it('in the desktop app for this computer only: loopback, on the port it listens on', () => {
    expect(desktopSignaling({ exposedOnLan: false, lanAddresses: ['192.168.1.20'], port: 5001 })).toEqual(['ws://127.0.0.1:5001']);
  });

  it('open to the network without any network address yet: loopback, the only address that works', () => {
    expect(desktopSignaling({ exposedOnLan: true, lanAddresses: [], port: 4444 })).toEqual(['ws://127.0.0.1:4444']);
  });

  it('lists only the first few of many interfaces, leaving room in the invite for peers’ servers', () => {
    const many = Array.from({ length: 12 }, (_, i) => `172.17.${i}.1`);
    const offered = desktopSignaling({ exposedOnLan: true, lanAddresses: many, port: 4444 });
    expect(offered).toHaveLength(MAX_OFFERED_LAN_ADDRESSES);
    expect(offered[0]).toBe('ws://172.17.0.1:4444');
  });

  it('makes invites that decode again', () => {
    const signaling = desktopSignaling({ exposedOnLan: true, lanAddresses: ['192.168.1.20', '10.0.0.7'], port: 65535 });
    const code = encodeInvite({ incidentId: 'a1', name: '26-Bravo', secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', signaling });
    expect(decodeInvite(code)).toMatchObject({ ok: true, invite: { signaling } });
  });

  it('in a browser: the host the app was loaded from, or loopback when there is none', () => {
    expect(browserSignaling({ hostname: '192.168.1.20', protocol: 'http:' }, 4444)).toEqual(['ws://192.168.1.20:4444']);
    expect(browserSignaling({ hostname: '::1', protocol: 'http:' }, 4444)).toEqual(['ws://[::1]:4444']);
    expect(browserSignaling({ hostname: '', protocol: 'file:' }, 4444)).toEqual(['ws://127.0.0.1:4444']);
  });
});
