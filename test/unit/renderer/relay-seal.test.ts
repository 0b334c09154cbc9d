import { describe, expect, it } from 'vitest';
import { relayKey, seal, unseal } from '../../../src/renderer/incidents/sync/relay-seal';

const INCIDENT = '3f1c2a4e-1111-4222-8333-444455556666';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const envelope = new TextEncoder().encode('an envelope: the change to the incident, signed');

describe('sealing what a relay carries', () => {
  it('opens for those holding the secret, and hides what it holds from anyone else', async () => {
    const key = await relayKey(SECRET, INCIDENT);
    const sealed = await seal(key, INCIDENT, envelope);
    expect(Buffer.from(sealed).includes(Buffer.from('the change to the incident'))).toBe(false);
    expect(await unseal(await relayKey(SECRET, INCIDENT), INCIDENT, sealed)).toEqual(envelope);
    // The same envelope twice seals differently (a fresh IV each time).
    expect(await seal(key, INCIDENT, envelope)).not.toEqual(sealed);
  });

  it('does not open with another secret, in another incident, altered by one bit, cut short, or not sealed at all', async () => {
    const key = await relayKey(SECRET, INCIDENT);
    const sealed = await seal(key, INCIDENT, envelope);
    const otherIncident = INCIDENT.replace('3f1c', '3f1d');
    expect(await unseal(await relayKey(`${SECRET.slice(0, -1)}A`, INCIDENT), INCIDENT, sealed)).toBeNull();
    // Copied into another incident's room: bound to its own incident, even under a key that would fit.
    expect(await unseal(key, otherIncident, sealed)).toBeNull();
    for (const at of [0, 5, 20, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[at] = altered[at]! ^ 1;
      expect(await unseal(key, INCIDENT, altered), `bit flipped at ${at}`).toBeNull();
    }
    expect(await unseal(key, INCIDENT, sealed.slice(0, 20))).toBeNull();
    expect(await unseal(key, INCIDENT, new Uint8Array())).toBeNull();
    expect(await unseal(key, INCIDENT, envelope)).toBeNull();
  });
});
