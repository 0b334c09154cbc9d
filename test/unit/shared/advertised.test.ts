import { describe, expect, it } from 'vitest';
import { MAX_ADVERTISED, unknownAdvertised } from '../../../src/shared/sync/advertised';
import { isSignalingUrl } from '../../../src/shared/sync/invite';
import { isRelayUrl } from '../../../src/shared/sync/relays';

const ME = 1;

describe('addresses peers advertise', () => {
  it('are learned when this machine does not know them: relays and signaling servers apart, each once', () => {
    const states = new Map<number, unknown>([
      [ME, { relays: ['ws://10.0.0.9:4455'], signaling: ['ws://10.0.0.9:4444'] }],
      [2, { name: 'Bo', relays: ['ws://10.0.0.1:4455', 'ws://10.0.0.2:4455'], signaling: ['ws://10.0.0.1:4444'] }],
      [3, { name: 'Cy', relays: ['ws://10.0.0.2:4455', 'ws://10.0.0.3:4455'] }],
      [4, null],
    ]);
    expect(unknownAdvertised(states, ME, 'relays', isRelayUrl, ['ws://10.0.0.1:4455'])).toEqual(['ws://10.0.0.2:4455', 'ws://10.0.0.3:4455']);
    expect(unknownAdvertised(states, ME, 'signaling', isSignalingUrl, [])).toEqual(['ws://10.0.0.1:4444']);
    // Its own presence teaches this machine nothing.
    expect(unknownAdvertised(new Map([[ME, { relays: ['ws://10.0.0.9:4455'] }]]), ME, 'relays', isRelayUrl, [])).toEqual([]);
  });

  it('are not taken when hostile: not addresses, credentials in them, too long, or too many from one peer', () => {
    const many = Array.from({ length: 50 }, (_, i) => `ws://10.0.1.${i}:4455`);
    const states = new Map<number, unknown>([
      [2, { relays: ['javascript:alert(1)', 'http://10.0.0.1', 'ws://user:pass@10.0.0.1:4455', `ws://${'a'.repeat(300)}:4455`, 42, { url: 'ws://x' }] }],
      [3, { relays: 'ws://10.0.0.5:4455' }],
      [4, { relays: many }],
    ]);
    expect(unknownAdvertised(states, ME, 'relays', isRelayUrl, [])).toEqual(many.slice(0, MAX_ADVERTISED));
  });
});
