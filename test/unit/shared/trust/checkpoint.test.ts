/**
 * Opening an incident again from what this machine verified before: the
 * verified state is the same as a full check's, what arrived since is
 * checked, and a checkpoint that does not describe what is held is never
 * trusted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logEvent, projectionOf, timelineOf, type TimelineEvent } from '../../../../src/shared/incident';
import { isCheckpoint, type TrustCheckpoint } from '../../../../src/shared/trust/checkpoint';
import { sealsOf } from '../../../../src/shared/trust/doc';
import { recordFingerprint } from '../../../../src/shared/trust/fingerprint';
import { removeMember } from '../../../../src/shared/trust/members';
import { MINUTE } from '../../harness/context';
import { declareSigned, deliver, join, machine, person, reopen, type Machine } from '../../harness/signed';

const shown = (m: Machine) => projectionOf(m.doc).snapshot.timeline.map((e) => e.text);
const withheld = (m: Machine) => projectionOf(m.doc).snapshot.withheld.map((e) => e.text);

/** A machine that never held the incident, given everything `from` holds: the full check. */
async function stranger(from: Machine): Promise<Machine> {
  const m = machine(await person('Pat Stranger'), from.doc.guid);
  await deliver(from, m);
  return m;
}

/** Sue's incident with Chris writing too, checked and checkpointed on Sue's machine. */
async function worked(): Promise<{ ic: Machine; chris: Machine; checkpoint: TrustCheckpoint }> {
  const ic = await declareSigned(await person('Sue Park'));
  const chris = await join(ic, await person('Chris Lee'));
  for (let i = 1; i <= 5; i++) {
    logEvent(ic.doc, { kind: 'note', text: `Sue ${i}` }, ic.ctx);
    logEvent(chris.doc, { kind: 'note', text: `Chris ${i}` }, chris.ctx);
    ic.ctx.advance(MINUTE);
    chris.ctx.advance(MINUTE);
  }
  await chris.settle();
  await deliver(chris, ic);
  await ic.settle();
  const checkpoint = ic.gate.checkpointNow()!;
  expect(isCheckpoint(structuredClone(checkpoint))).toBe(true);
  return { ic, chris, checkpoint };
}

afterEach(() => vi.restoreAllMocks());

describe('opening a signed incident from its checkpoint', () => {
  it('shows the same verified record without checking its entries’ signatures again', async () => {
    const { ic, checkpoint } = await worked();
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    const again = reopen(ic, checkpoint);
    await again.settle();
    expect(again.gate.report!.presumed).toBe(true);
    expect(shown(again)).toEqual(shown(ic));
    expect(withheld(again)).toEqual([]);
    // Only the few membership statements are checked: no entry's seal.
    expect(verify.mock.calls.length).toBeLessThanOrEqual(again.gate.report!.members.length * 2 + 2);
    // A fingerprint names every entry's hash: it is made only from a complete check, and matches the full one.
    expect(recordFingerprint(again.gate.report!)).toBeNull();
    const complete = await again.gate.complete();
    expect(complete.presumed).toBe(false);
    expect(recordFingerprint(complete)).toBe(recordFingerprint(ic.gate.report!));
  });

  it('checks what arrived since: a peer’s new entry stands, a forged one stored since is refused, and this key’s chain goes on', async () => {
    const { ic, chris, checkpoint } = await worked();
    logEvent(chris.doc, { kind: 'decision', text: 'Chris: fail over' }, chris.ctx);
    await chris.settle();
    await deliver(chris, ic);
    const forged: TimelineEvent = { id: 'forged-1', kind: 'note', text: 'IC decided: stand down all responders', author: 'Sue Park', at: ic.ctx.now(), loggedAt: ic.ctx.now() };
    const again = reopen(ic, checkpoint, (doc) => timelineOf(doc).push([forged]));
    await again.settle();
    expect(shown(again)).toContain('Chris: fail over');
    expect(withheld(again)).toEqual(['IC decided: stand down all responders']);

    // Sue writes on the reopened machine: her seal names the head the checkpoint kept, and a stranger's full check agrees.
    logEvent(again.doc, { kind: 'decision', text: 'Sue: restore from backup' }, again.ctx);
    await again.settle();
    expect(again.errors).toEqual([]);
    const check = await stranger(again);
    expect(shown(check)).toEqual(shown(again));
    expect(shown(check)).toContain('Sue: restore from backup');
    expect(withheld(check)).toEqual(['IC decided: stand down all responders']);
  });

  it('is not trusted when it does not describe what is held', async () => {
    const { ic, checkpoint } = await worked();
    // An entry taken away since (a hostile update): everything is checked again.
    const cut = reopen(ic, checkpoint, (doc) => timelineOf(doc).delete(timelineOf(doc).length - 1, 1));
    await cut.settle();
    expect(cut.gate.report!.presumed).toBe(false);
    // A seal taken away: its entry is refused by the full check, as on any machine.
    const unsealed = reopen(ic, checkpoint, (doc) => sealsOf(doc).delete(sealsOf(doc).length - 1, 1));
    await unsealed.settle();
    expect(unsealed.gate.report!.presumed).toBe(false);
    expect(withheld(unsealed)).toHaveLength(1);
    // Another incident's checkpoint, or one damaged in storage.
    const other = (await worked()).checkpoint;
    const elsewhere = reopen(ic, other);
    await elsewhere.settle();
    expect(elsewhere.gate.report!.presumed).toBe(false);
    expect(isCheckpoint({ ...checkpoint, stateVector: 'AAEC' })).toBe(false);
    const damaged = reopen(ic, { ...checkpoint, stateVector: new Uint8Array([255, 255, 255]) });
    await damaged.settle();
    expect(damaged.gate.report!.presumed).toBe(false);
    expect(shown(damaged)).toEqual(shown(ic));
  });

  it('lets a removal made after opening keep what the member wrote before, and refuse what comes after', async () => {
    const { ic, chris, checkpoint } = await worked();
    const again = reopen(ic, checkpoint);
    await again.settle();
    const chrisKey = chris.who.signer.key;
    await removeMember(again.sealer, again.gate.report!, chrisKey);
    await again.settle();
    expect(again.gate.report!.members.find((m) => m.key === chrisKey)?.removed).not.toBeNull();

    // Chris, not yet hearing of it, writes on.
    logEvent(chris.doc, { kind: 'note', text: 'Chris after removal' }, chris.ctx);
    await chris.settle();
    await deliver(chris, again);
    expect(withheld(again)).toEqual(['Chris after removal']);
    expect(shown(again)).toEqual(expect.arrayContaining(['Chris 1', 'Chris 5']));
    const check = await stranger(again);
    expect(withheld(check)).toEqual(['Chris after removal']);
    expect(shown(check)).toEqual(shown(again));
  });

  it('goes on from a checkpoint written after opening from one', async () => {
    const { ic, checkpoint } = await worked();
    const again = reopen(ic, checkpoint);
    await again.settle();
    logEvent(again.doc, { kind: 'note', text: 'Second session' }, again.ctx);
    await again.settle();
    const third = reopen(again, again.gate.checkpointNow());
    await third.settle();
    expect(third.gate.report!.presumed).toBe(true);
    expect(shown(third)).toEqual(shown(again));
    expect(shown(third)).toContain('Second session');
    expect(await stranger(third).then(shown)).toEqual(shown(third));
  });
});
