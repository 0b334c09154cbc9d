import { describe, expect, it } from 'vitest';
import type { DiscoveredPeer } from '../../../src/shared/ipc';
import { keepPlace, moveInList, orderPeers, peerName, seenAgo, UNNAMED_COMMAND_POST } from '../../../src/renderer/features/sync/lan-peers';
import { askReducer, IDLE, knockFailure, type AskState } from '../../../src/renderer/features/sync/lan-ask';

function peer(id: string, displayName: string | null, firstSeenAt = 0): DiscoveredPeer {
  return { id: id.repeat(32).slice(0, 32), displayName, codename: null, severity: null, port: 4444, addresses: ['192.168.1.20'], firstSeenAt, lastSeenAt: firstSeenAt };
}

describe('the list of command posts on this network', () => {
  it('says how long ago each was seen, in seconds, then minutes, then hours', () => {
    const now = 10_000_000;
    expect(seenAgo(now, now)).toBe('seen just now');
    expect(seenAgo(now - 2_999, now)).toBe('seen just now');
    expect(seenAgo(now - 12_400, now)).toBe('seen 12 s ago');
    expect(seenAgo(now - 59_999, now)).toBe('seen 59 s ago');
    expect(seenAgo(now - 60_000, now)).toBe('seen 1 min ago');
    expect(seenAgo(now - 3_599_000, now)).toBe('seen 59 min ago');
    expect(seenAgo(now - 7_300_000, now)).toBe('seen 2 h ago');
    // A clock that stepped back does not make it "seen in the future".
    expect(seenAgo(now + 5_000, now)).toBe('seen just now');
  });

  it('names each by what it announced, cleaned, or calls it unnamed', () => {
    expect(peerName({ displayName: 'Ops\u202Eexe.txt desk' })).toBe('Opsexe.txt desk');
    expect(peerName({ displayName: 'x'.repeat(200) })).toHaveLength(40);
    expect(peerName({ displayName: '\u200B\u200F ' })).toBe(UNNAMED_COMMAND_POST);
    expect(peerName({ displayName: null })).toBe(UNNAMED_COMMAND_POST);
  });

  it('orders named ones by name, unnamed ones last, and keeps that order as they are heard again', () => {
    const peers = [peer('1', null, 5), peer('2', 'ops-laptop', 9), peer('3', 'Bridge desk', 7), peer('4', null, 1), peer('5', 'ops-laptop', 2)];
    const order = (list: DiscoveredPeer[]) => orderPeers(list).map((p) => p.id[0]);
    expect(order(peers)).toEqual(['3', '5', '2', '4', '1']);
    // Heard again: lastSeenAt moves, the order does not.
    expect(order(peers.map((p) => ({ ...p, lastSeenAt: 1_000 - p.firstSeenAt })))).toEqual(['3', '5', '2', '4', '1']);
  });

  it('moves with the arrows, J and K, Home and End, and stops at the ends', () => {
    expect(moveInList('ArrowDown', 0, 3)).toBe(1);
    expect(moveInList('j', 2, 3)).toBe(2);
    expect(moveInList('ArrowUp', 0, 3)).toBe(0);
    expect(moveInList('k', 2, 3)).toBe(1);
    expect(moveInList('Home', 2, 3)).toBe(0);
    expect(moveInList('End', 0, 3)).toBe(2);
    expect(moveInList('x', 0, 3)).toBeNull();
    expect(moveInList('ArrowDown', 0, 0)).toBeNull();
  });

  it('keeps the keyboard on the same entry as others come and go, else on the one in its place', () => {
    expect(keepPlace(['a', 'b', 'c'], ['z', 'a', 'b', 'c'], 'b')).toBe('b');
    expect(keepPlace(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
    expect(keepPlace(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
    expect(keepPlace(['a', 'b', 'c'], ['a'], 'b')).toBe('a');
    expect(keepPlace(['a'], [], 'a')).toBeNull();
    expect(keepPlace([], ['a', 'b'], null)).toBe('a');
  });
});

describe('asking a command post to let us in', () => {
  const asking: AskState = { phase: 'asking', peerId: 'p', name: 'Bridge desk', code: null };

  it('shows the code once the host has the request, then joins when admitted', () => {
    const pending = askReducer(askReducer(IDLE, { type: 'ask', peerId: 'p', name: 'Bridge desk' }), { type: 'pending', code: '482 193' });
    expect(pending).toEqual({ ...asking, code: '482 193' });
    expect(askReducer(pending, { type: 'answered', outcome: { kind: 'admitted', role: 'observer', invite: 'cp1.x' } })).toEqual({ phase: 'joining', peerId: 'p', name: 'Bridge desk' });
  });

  it('says who refused, and goes back to the list when cancelled', () => {
    expect(askReducer(asking, { type: 'answered', outcome: { kind: 'refused' } })).toEqual({ phase: 'failed', peerId: 'p', name: 'Bridge desk', message: 'Bridge desk did not let you in.' });
    expect(askReducer(asking, { type: 'answered', outcome: { kind: 'cancelled' } })).toBe(IDLE);
  });

  it('ignores a late code or answer once no longer asking', () => {
    expect(askReducer(IDLE, { type: 'pending', code: '111 111' })).toBe(IDLE);
    expect(askReducer(IDLE, { type: 'answered', outcome: { kind: 'refused' } })).toBe(IDLE);
  });

  it('reports an invite that could not be used after admission', () => {
    const joining = askReducer(asking, { type: 'answered', outcome: { kind: 'admitted', role: 'responder', invite: 'cp1.x' } });
    expect(askReducer(joining, { type: 'join-failed', message: 'unreadable' })).toEqual({ phase: 'failed', peerId: 'p', name: 'Bridge desk', message: 'unreadable' });
  });

  it('points to the short code when the host could not be reached or did not answer', () => {
    expect(knockFailure({ kind: 'unreachable', tried: ['10.0.0.7:4444', '192.168.1.20:4444'] }, 'Bridge desk')).toMatch(
      /^Could not reach Bridge desk \(tried 10\.0\.0\.7:4444, 192\.168\.1\.20:4444\)\..*short code/,
    );
    expect(knockFailure({ kind: 'timeout' }, 'Bridge desk')).toMatch(/^Nobody at Bridge desk answered in time\..*short code/);
    expect(knockFailure({ kind: 'closed' }, 'Bridge desk')).toMatch(/closed before anyone there answered/);
  });
});
