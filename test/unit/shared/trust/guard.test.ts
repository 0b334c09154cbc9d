import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import { logEvent, timelineOf } from '../../../../src/shared/incident';
import { SyncGuard, type RefusedSender } from '../../../../src/shared/trust/guard';
import { createInvitation, signObserverAdmission } from '../../../../src/shared/trust/invites';
import { decodeEnvelope, encodeEnvelope } from '../../../../src/shared/trust/envelope';
import { declareSigned, deliver, join, machine, person, type Machine } from '../../harness/signed';

/** A y-webrtc sync message carrying `update` (sync step 2). */
function step2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep2(encoder, new Y.Doc(), undefined);
  const e2 = encoding.createEncoder();
  encoding.writeVarUint(e2, 0);
  encoding.writeVarUint(e2, 1);
  encoding.writeVarUint8Array(e2, update);
  return encoding.toUint8Array(e2);
}

function guardOf(m: Machine, refused: RefusedSender[], own: () => unknown[] = () => []) {
  return new SyncGuard({ doc: m.doc, sealer: m.sealer, gate: m.gate, ownStatements: own as never, onRefused: (s) => refused.push(s) });
}

describe('the sync guard', () => {
  it('passes a responder’s change, signed, and a newcomer holding nothing takes it on the proof it carries', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const newcomer = machine(await person('Bo Scribe'), ic.doc.guid);
    await newcomer.settle();
    const refused: RefusedSender[] = [];
    const message = step2(Y.encodeStateAsUpdate(ic.doc));
    const wrapped = await guardOf(ic, []).outgoing(message);
    expect(decodeEnvelope(wrapped)).toMatchObject({ key: ic.who.signer.key });
    const unwrapped = await guardOf(newcomer, refused).incoming(wrapped);
    expect(unwrapped).toEqual(message);
    expect(refused).toEqual([]);
  });

  it('drops, without a word, a newcomer’s answer that holds nothing new before its admission is known', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const newcomer = machine(await person('Bo Scribe'), ic.doc.guid);
    await deliver(ic, newcomer);
    const refused: RefusedSender[] = [];
    const answer = await guardOf(newcomer, []).outgoing(step2(Y.encodeStateAsUpdate(newcomer.doc, Y.encodeStateVector(ic.doc))));
    expect(await guardOf(ic, refused).incoming(answer)).toBeNull();
    expect(refused).toEqual([]);
  });

  it('drops, without a word, a newcomer passing on deletions this machine already made', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const text = ic.doc.getText('postmortem:overview');
    text.insert(0, '[what happened] The replica lagged');
    text.delete(0, '[what happened] '.length);
    const newcomer = machine(await person('Bo Scribe'), ic.doc.guid);
    await deliver(ic, newcomer);
    const refused: RefusedSender[] = [];
    // y-webrtc passes what a peer receives on to its other peers: here, back to the IC, deletions and all.
    const passedOn = await guardOf(newcomer, []).outgoing(step2(Y.encodeStateAsUpdate(newcomer.doc)));
    expect(await guardOf(ic, refused).incoming(passedOn)).toBeNull();
    expect(refused).toEqual([]);
    // A deletion the IC has not made is news, and is refused from a non-member, who is named.
    newcomer.doc.getText('postmortem:overview').delete(0, 4);
    const cut = await guardOf(newcomer, []).outgoing(step2(Y.encodeStateAsUpdate(newcomer.doc)));
    expect(await guardOf(ic, refused).incoming(cut)).toBeNull();
    expect(refused.map((r) => r.reason)).toEqual(['not-a-member']);
    expect(text.toString()).toBe('The replica lagged');
  });

  it('drops an observer’s change, a forged signature and an unsigned change, telling once per sender', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const exec = await join(ic, await person('Pat Exec'), 'observer');
    await deliver(ic, exec);
    logEvent(exec.doc, { kind: 'decision', text: 'Observer: stand down' }, exec.ctx);
    const refused: RefusedSender[] = [];
    const icGuard = guardOf(ic, refused);
    const fromObserver = await guardOf(exec, []).outgoing(step2(Y.encodeStateAsUpdate(exec.doc)));
    expect(await icGuard.incoming(fromObserver)).toBeNull();
    expect(await icGuard.incoming(fromObserver)).toBeNull();
    expect(refused).toEqual([{ key: exec.who.signer.key, name: 'Pat Exec', reason: 'observer' }]);

    const envelope = decodeEnvelope(fromObserver)!;
    const forged = encodeEnvelope({ ...envelope, key: ic.who.signer.key });
    expect(await icGuard.incoming(forged)).toBeNull();
    const unsigned = encodeEnvelope({ ...envelope, key: '', sig: '' });
    expect(await icGuard.incoming(unsigned)).toBeNull();
    expect(refused.map((r) => r.reason)).toEqual(['observer', 'bad-signature', 'unsigned']);
    expect(timelineOf(ic.doc).toArray().map((e) => e.text)).not.toContain('Observer: stand down');
    // Garbage is dropped without a word.
    expect(await icGuard.incoming(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('lets an observer’s admission in through a responder, who writes it, while the observer writes nothing', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const invitation = await createInvitation(ic.sealer, 'observer');
    const exec = machine(await person('Pat Exec'), ic.doc.guid);
    await deliver(ic, exec);
    const statements = await signObserverAdmission(exec.doc, exec.sealer, invitation, 'Pat Exec', 'exec phone');
    const before = Y.encodeStateVector(exec.doc);
    // The observer asks (sync step 1), its admission in the envelope.
    const ask = encoding.createEncoder();
    encoding.writeVarUint(ask, 0);
    syncProtocol.writeSyncStep1(ask, exec.doc);
    const wrapped = await guardOf(exec, [], () => statements).outgoing(encoding.toUint8Array(ask));
    expect(await guardOf(ic, []).incoming(wrapped)).not.toBeNull();
    await ic.settle();
    expect(ic.gate.report!.members.map((m) => [m.name, m.role])).toEqual([
      ['Sue Park', 'responder'],
      ['Pat Exec', 'observer'],
    ]);
    expect(Y.encodeStateVector(exec.doc)).toEqual(before);
    await deliver(ic, exec);
    expect(exec.gate.report!.members.find((m) => m.name === 'Pat Exec')?.role).toBe('observer');
  });
});
