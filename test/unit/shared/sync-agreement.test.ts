import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentState, digestFromWire, operationsMissing, stateVectorFromWire, stateVectorToWire } from '../../../src/shared/sync/digest';
import { AgreementTracker, GAP_STUCK_MS, HEAL_GRACE_MS } from '../../../src/shared/sync/agreement';

function replica(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the document digest', () => {
  it('is equal on two replicas exactly when they hold the same operations, whatever order they arrived in', () => {
    const a = replica(1);
    const b = replica(2);
    a.getArray('timeline').push(['declared']);
    b.getText('status').insert(0, 'Investigating the primary database');
    expect(documentState(a).digest).not.toBe(documentState(b).digest);
    // b receives a's change, then a receives b's: the other order from a's side.
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(documentState(a).digest).toBe(documentState(b).digest);
  });

  it('tells deletions apart, which a state vector alone does not', () => {
    const a = replica(1);
    a.getText('status').insert(0, 'Failover to the replica');
    const b = replica(2);
    exchange(a, b);
    b.getText('status').delete(0, 9);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
    expect(documentState(a).digest).not.toBe(documentState(b).digest);
    exchange(a, b);
    expect(documentState(a).digest).toBe(documentState(b).digest);
  });

  it('counts what each side lacks', () => {
    const a = replica(1);
    const b = replica(2);
    a.getText('status').insert(0, 'abc');
    b.getText('status').insert(0, 'de');
    expect(operationsMissing(documentState(a).stateVector, documentState(b).stateVector)).toBe(3);
    expect(operationsMissing(documentState(b).stateVector, documentState(a).stateVector)).toBe(2);
  });

  it('travels as JSON and refuses what is not a state vector or a digest', () => {
    const a = replica(1);
    a.getText('status').insert(0, 'abc');
    const state = documentState(a);
    const wire = JSON.parse(JSON.stringify(stateVectorToWire(state.stateVector))) as unknown;
    expect(stateVectorFromWire(wire)).toEqual(state.stateVector);
    expect(digestFromWire(state.digest)).toBe(state.digest);
    for (const hostile of [null, 'abc', [[1]], [[1, -2]], [[1.5, 2]], [['x', 1]], Array.from({ length: 5_000 }, (_, i) => [i, 1])]) {
      expect(stateVectorFromWire(hostile)).toBeUndefined();
    }
    for (const hostile of [null, 7, 'not hex', 'A'.repeat(32), '0'.repeat(33)]) expect(digestFromWire(hostile)).toBeUndefined();
  });
});

describe('the proof of being in sync', () => {
  function pair() {
    const a = replica(1);
    const b = replica(2);
    const tracker = new AgreementTracker();
    const check = (now: number) => tracker.evaluate(documentState(a), [{ clientId: 2, state: documentState(b) }], now);
    return { a, b, tracker, check };
  }

  it('is "alone" with nobody to compare with, and "in sync" only while the digests are equal', () => {
    const { a, b, tracker, check } = pair();
    expect(tracker.evaluate(documentState(a), [], 0).proof).toBe('alone');
    expect(check(0).proof).toBe('in-sync');
    a.getText('status').insert(0, 'x');
    const syncing = check(1);
    expect(syncing.proof).toBe('syncing');
    expect(syncing.peers.get(2)).toMatchObject({ agrees: false, toSend: 1, toReceive: 0 });
    exchange(a, b);
    expect(check(2).proof).toBe('in-sync');
  });

  it('is not "in sync" while a peer has not told its digest', () => {
    const { a } = pair();
    const tracker = new AgreementTracker();
    expect(tracker.evaluate(documentState(a), [{ clientId: 2, state: undefined }], 0).proof).toBe('syncing');
    expect(tracker.evaluate(documentState(a), [{ clientId: 2, state: undefined }], GAP_STUCK_MS).proof).toBe('not-in-sync');
  });

  it('says "not in sync" when what a peer held ten seconds ago has still not arrived, from when it began', () => {
    const { b, check } = pair();
    b.getText('status').insert(0, 'from b');
    expect(check(1_000).proof).toBe('syncing');
    // b keeps typing, and nothing of it arrives here (a one-way split).
    for (let t = 2_000; t < 11_000; t += 1_000) {
      b.getText('status').insert(0, 'x');
      expect(check(t).proof).toBe('syncing');
    }
    const stuck = check(11_000);
    expect(stuck.proof).toBe('not-in-sync');
    expect(stuck.since).toBe(1_000);
  });

  it('stays "syncing", never "not in sync", while a peer types steadily and each change arrives', () => {
    const { a, b, check } = pair();
    for (let t = 0; t < 30_000; t += 500) {
      b.getText('status').insert(0, 'x');
      // Each change arrives a beat later, while the next is being typed.
      expect(check(t).proof).not.toBe('not-in-sync');
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    }
  });

  it('catches a difference in deletions alone that does not move', () => {
    const { a, b, check } = pair();
    a.getText('status').insert(0, 'Failover to the replica');
    exchange(a, b);
    b.getText('status').delete(0, 9);
    expect(check(0).proof).toBe('syncing');
    expect(check(GAP_STUCK_MS).proof).toBe('not-in-sync');
  });

  it('heals a gap older than the grace: exchanges, with waits that grow, and every third round reconnects', () => {
    const { b, tracker, check } = pair();
    b.getText('status').insert(0, 'lost');
    const steps: string[] = [];
    for (let t = 0; t <= 40_000; t += 250) {
      check(t);
      const step = tracker.healStep(t);
      if (step !== 'none') steps.push(`${t}:${step}`);
    }
    expect(steps.slice(0, 5)).toEqual([`${HEAL_GRACE_MS}:exchange`, '4000:exchange', '8000:reconnect', '16000:exchange', '32000:exchange']);
  });

  it('keeps the age of a difference when the peer drops out for a moment (a reconnect), so healing cannot hide it', () => {
    const { a, b, tracker, check } = pair();
    b.getText('status').insert(0, 'never arrives');
    check(0);
    // Reconnecting drops everyone's presence for a moment.
    expect(tracker.evaluate(documentState(a), [], 8_000).proof).toBe('alone');
    expect(check(9_000).proof).toBe('syncing');
    const stuck = check(GAP_STUCK_MS);
    expect(stuck.proof).toBe('not-in-sync');
    expect(stuck.since).toBe(0);
  });

  it('does not heal changes in flight, and forgets a peer that left', () => {
    const { a, b, tracker, check } = pair();
    b.getText('status').insert(0, 'in flight');
    check(0);
    expect(tracker.healStep(HEAL_GRACE_MS - 1)).toBe('none');
    exchange(a, b);
    check(HEAL_GRACE_MS);
    expect(tracker.healStep(HEAL_GRACE_MS)).toBe('none');
    b.getText('status').insert(0, 'then gone');
    check(3_000);
    expect(tracker.evaluate(documentState(a), [], 20_000).proof).toBe('alone');
    expect(tracker.healStep(20_000)).toBe('none');
  });
});
