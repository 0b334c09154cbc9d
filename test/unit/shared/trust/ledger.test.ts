import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { changeSeverity, createIncidentDoc, declareIncident, logEvent, projectionOf, timelineOf, type TimelineEvent } from '../../../../src/shared/incident';
import { sealsOf, statementsOf } from '../../../../src/shared/trust/doc';
import { incidentIdFor, isSignedIncidentId, type Seal } from '../../../../src/shared/trust/records';
import { sealEntry } from '../../../../src/shared/trust/sign';
import { TrustLedger, type Verdict } from '../../../../src/shared/trust/ledger';
import { headsOf } from '../../../../src/shared/trust/sealer';
import { acceptInvitation, createInvitation, invitationHash } from '../../../../src/shared/trust/invites';
import { revokeInvite } from '../../../../src/shared/trust/members';
import { MINUTE } from '../../harness/context';
import { declareSigned, deliver, join, machine, person, type Machine } from '../../harness/signed';

function verdictOf(m: Machine, text: string): Verdict | undefined {
  const entry = timelineOf(m.doc)
    .toArray()
    .find((e) => e.text === text);
  return entry && m.gate.report?.verdicts.get(entry);
}

function shown(m: Machine): string[] {
  return projectionOf(m.doc).snapshot.timeline.map((e) => e.text);
}

function withheld(m: Machine): string[] {
  return projectionOf(m.doc).snapshot.withheld.map((e) => e.text);
}

/** Writes an entry straight into the doc, as a hostile peer's software would. */
function inject(m: Machine, entry: TimelineEvent, seal?: Seal): void {
  Y.transact(m.doc, () => {
    timelineOf(m.doc).push([entry]);
    if (seal) sealsOf(m.doc).push([seal]);
  }, 'peer');
}

describe('a signed incident', () => {
  it('derives its id from its first member, and verifies what its members write', async () => {
    const sue = await person('Sue Park');
    const ic = await declareSigned(sue);
    expect(isSignedIncidentId(ic.doc.guid)).toBe(true);
    logEvent(ic.doc, { kind: 'decision', text: 'Fail over to the replica' }, ic.ctx);
    // Shown at once on the machine that wrote it, before its seal is made.
    expect(shown(ic)).toContain('Fail over to the replica');
    await ic.settle();
    expect(verdictOf(ic, 'Fail over to the replica')).toMatchObject({ ok: true, key: sue.signer.key });
    expect(ic.gate.report!.members).toEqual([expect.objectContaining({ key: sue.signer.key, name: 'Sue Park', role: 'responder', admittedBy: null })]);
    expect(ic.errors).toEqual([]);

    const chris = await person('Chris Lee');
    const peer = await join(ic, chris);
    expect(shown(peer)).toEqual(shown(ic));
    expect(peer.gate.report!.members.map((m) => [m.name, m.admittedBy])).toEqual([
      ['Sue Park', null],
      ['Chris Lee', sue.signer.key],
    ]);
  });

  it('refuses an entry no member signed, and it changes nothing', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const forged = { id: 'forged-1', kind: 'severity', from: 'SEV-1', to: 'SEV-5', at: ic.ctx.now(), loggedAt: ic.ctx.now(), author: 'Sue Park', text: 'Severity lowered to SEV-5' } as TimelineEvent;
    inject(ic, forged);
    await ic.settle();
    expect(verdictOf(ic, 'Severity lowered to SEV-5')).toEqual({ ok: false, reason: 'unsigned', key: null });
    expect(projectionOf(ic.doc).snapshot.header!.severity).toBe('SEV-1');
    expect(withheld(ic)).toEqual(['Severity lowered to SEV-5']);
  });

  it('refuses an entry changed after it was signed', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    logEvent(ic.doc, { kind: 'decision', text: 'Keep all responders on' }, ic.ctx);
    await ic.settle();
    // A copy whose entry says something else, with the original seal beside it.
    const original = timelineOf(ic.doc).toArray().find((e) => e.text === 'Keep all responders on')!;
    const seal = sealsOf(ic.doc).toArray().find((s) => s.entry === original.id)!;
    const tampered = { ...original, text: 'IC decided: stand down all responders' };
    const target = machine(await person('Observer'), ic.doc.guid);
    // Everything but the decision and its seal, then the tampered decision with the real seal.
    for (const s of statementsOf(ic.doc).toArray()) statementsOf(target.doc).push([s]);
    for (const e of timelineOf(ic.doc).toArray()) if (e.id !== original.id) timelineOf(target.doc).push([e]);
    for (const s of sealsOf(ic.doc).toArray()) if (s.entry !== original.id) sealsOf(target.doc).push([s]);
    inject(target, tampered, seal);
    await target.settle();
    expect(verdictOf(target, 'IC decided: stand down all responders')).toEqual({ ok: false, reason: 'bad-signature', key: null });
    expect(shown(target)).not.toContain('IC decided: stand down all responders');
  });

  it('refuses an entry signed by someone who is not a member (key substitution)', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const mallory = await person('Sue Park');
    const entry = { id: 'sub-1', kind: 'decision', at: ic.ctx.now(), loggedAt: ic.ctx.now(), author: 'Sue Park', text: 'Stand down' } as TimelineEvent;
    const { record } = await sealEntry(mallory.signer, ic.doc.guid, null, entry);
    inject(ic, entry, record);
    await ic.settle();
    expect(verdictOf(ic, 'Stand down')).toEqual({ ok: false, reason: 'not-a-member', key: mallory.signer.key });
  });

  it('refuses a member’s entry under a name their key never stated', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    // Chris's software, modified: it signs an entry naming Sue without stating the name first.
    const entry = { id: 'as-sue', kind: 'decision', at: chris.ctx.now(), loggedAt: chris.ctx.now(), author: 'Sue Park', text: 'Sue says: stand down' } as TimelineEvent;
    const { record } = await sealEntry(chris.who.signer, chris.doc.guid, (await headsOf(chris.doc, chris.who.signer.key)).entry, entry);
    inject(chris, entry, record);
    await deliver(chris, ic);
    expect(verdictOf(ic, 'Sue says: stand down')).toEqual({ ok: false, reason: 'name', key: chris.who.signer.key });
    expect(withheld(ic)).toEqual(['Sue says: stand down']);
  });

  it('refuses an entry whose chain continues another member’s, however whole that chain is', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    logEvent(chris.doc, { kind: 'note', text: 'Chris: first' }, chris.ctx);
    await chris.settle();
    // Chris's software names Sue's latest entry as his previous, skipping his own first entry.
    const sueHead = chris.gate.report!.headOf(ic.who.signer.key, 'entry');
    const entry = { id: 'cross', kind: 'note', at: chris.ctx.now(), loggedAt: chris.ctx.now(), author: 'Chris Lee', text: 'Chris: second' } as TimelineEvent;
    const { record } = await sealEntry(chris.who.signer, chris.doc.guid, sueHead, entry);
    inject(chris, entry, record);
    await deliver(chris, ic);
    expect(verdictOf(ic, 'Chris: first')).toMatchObject({ ok: true });
    expect(verdictOf(ic, 'Chris: second')).toEqual({ ok: false, reason: 'chain', key: chris.who.signer.key });
  });

  it('states a new name before the first entry that carries it, and lists every name a member used', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    logEvent(chris.doc, { kind: 'note', text: 'After fixing my name' }, { ...chris.ctx, actor: 'Chris Leigh' });
    await chris.settle();
    await deliver(chris, ic);
    expect(verdictOf(ic, 'After fixing my name')).toMatchObject({ ok: true });
    expect(ic.gate.report!.members.find((m) => m.key === chris.who.signer.key)!.names).toEqual(['Chris Lee', 'Chris Leigh']);
  });

  it('refuses an observer’s write on every machine, its own included', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const exec = await join(ic, await person('Pat Exec'), 'observer');
    logEvent(exec.doc, { kind: 'decision', text: 'Observer: stand down' }, exec.ctx);
    await exec.settle();
    await deliver(exec, ic);
    expect(verdictOf(ic, 'Observer: stand down')).toMatchObject({ ok: false, reason: 'observer' });
    expect(withheld(exec)).toEqual(['Observer: stand down']);
    expect(exec.gate.report!.members.find((m) => m.name === 'Pat Exec')!.role).toBe('observer');
  });

  it('keeps a removed member’s entries written before the removal, and refuses the ones after', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    logEvent(chris.doc, { kind: 'note', text: 'Before removal' }, chris.ctx);
    await chris.settle();
    await deliver(chris, ic);
    const heads = [chris.gate.report!.verdicts.get(timelineOf(chris.doc).toArray().find((e) => e.text === 'Before removal')!)!].map((v) => (v.ok ? v.hash : ''));
    await ic.sealer.state({ type: 'remove', member: chris.who.signer.key, heads });
    await ic.settle();
    logEvent(chris.doc, { kind: 'note', text: 'After removal' }, chris.ctx);
    await chris.settle();
    await deliver(chris, ic);
    await deliver(ic, chris);
    for (const m of [ic, chris]) {
      expect(verdictOf(m, 'Before removal')).toMatchObject({ ok: true });
      expect(verdictOf(m, 'After removal')).toMatchObject({ ok: false, reason: 'removed' });
      expect(m.gate.report!.members.find((x) => x.name === 'Chris Lee')!.removed).toMatchObject({ by: ic.who.signer.key });
    }
  });

  it('refuses an entry whose earlier entries by the same key were dropped (a broken chain)', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    for (const text of ['one', 'two', 'three']) {
      logEvent(ic.doc, { kind: 'note', text }, ic.ctx);
      ic.ctx.advance(MINUTE);
    }
    await ic.settle();
    const copy = machine(await person('Reader'), ic.doc.guid);
    for (const s of statementsOf(ic.doc).toArray()) statementsOf(copy.doc).push([s]);
    const two = timelineOf(ic.doc).toArray().find((e) => e.text === 'two')!;
    for (const e of timelineOf(ic.doc).toArray()) if (e !== two) timelineOf(copy.doc).push([e]);
    for (const s of sealsOf(ic.doc).toArray()) if (s.entry !== two.id) sealsOf(copy.doc).push([s]);
    await copy.settle();
    expect(verdictOf(copy, 'one')).toMatchObject({ ok: true });
    expect(verdictOf(copy, 'three')).toMatchObject({ ok: false, reason: 'chain' });
  });

  it('refuses an entry replayed from another incident, and counts a repeated one once', async () => {
    const sue = await person('Sue Park');
    const first = await declareSigned(sue);
    logEvent(first.doc, { kind: 'decision', text: 'Restart the primary' }, first.ctx);
    await first.settle();
    const second = await declareSigned(sue, { name: '26-Charlie' });
    const entry = timelineOf(first.doc).toArray().find((e) => e.text === 'Restart the primary')!;
    const seal = sealsOf(first.doc).toArray().find((s) => s.entry === entry.id)!;
    inject(second, { ...entry }, seal);
    await second.settle();
    expect(verdictOf(second, 'Restart the primary')).toMatchObject({ ok: false, reason: 'bad-signature' });

    inject(first, { ...entry }, seal);
    await first.settle();
    expect(shown(first).filter((t) => t === 'Restart the primary')).toHaveLength(1);
  });

  it('refuses a declaration by anyone but the first member, and a second genesis', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    const nonce = 'other';
    await chris.sealer.state({ type: 'genesis', nonce, name: 'Chris Lee', machine: 'x' });
    const rival = createIncidentDoc(ic.doc.guid);
    declareIncident(rival, { name: 'Hijacked', severity: 'SEV-5', synopsis: 'nothing' }, { ...chris.ctx });
    const declared = timelineOf(rival).get(0);
    chris.doc.transact(() => timelineOf(chris.doc).push([declared]), chris.sealer.origin);
    await chris.settle();
    await deliver(chris, ic);
    expect(verdictOf(ic, declared.text)).toMatchObject({ ok: false, reason: 'declaration' });
    expect(projectionOf(ic.doc).snapshot.header!.name).toBe('26-Bravo');
    expect(ic.gate.report!.refusedStatements.map((r) => r.reason)).toContain('genesis');
    expect(incidentIdFor(chris.who.signer.key, nonce)).not.toBe(ic.doc.guid);
  });

  it('decides the same on every replica whatever order records arrive in', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    changeSeverity(chris.doc, { to: 'SEV-2' }, chris.ctx);
    logEvent(chris.doc, { kind: 'note', text: 'Replica caught up' }, chris.ctx);
    await chris.settle();
    // A reader gets the later records first: seals and entries before the statements that admit their writer.
    const reader = machine(await person('Reader'), ic.doc.guid);
    for (const s of sealsOf(chris.doc).toArray().reverse()) sealsOf(reader.doc).push([s]);
    for (const e of timelineOf(chris.doc).toArray().reverse()) timelineOf(reader.doc).push([e]);
    await reader.settle();
    expect(shown(reader)).toEqual([]);
    for (const s of statementsOf(chris.doc).toArray().reverse()) statementsOf(reader.doc).push([s]);
    await reader.settle();
    expect(projectionOf(reader.doc).snapshot.header!.severity).toBe('SEV-2');
    expect(shown(reader)).toEqual(projectionOf(chris.doc).snapshot.timeline.map((e) => e.text));
  });

  it('closes a revoked invite: who it admitted stays, nobody else gets in with it', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const invitation = await createInvitation(ic.sealer, 'responder');
    const chris = machine(await person('Chris Lee'), ic.doc.guid);
    await deliver(ic, chris);
    await acceptInvitation(chris.doc, chris.sealer, invitation, 'Chris Lee', 'laptop');
    await chris.settle();
    await deliver(chris, ic);
    await revokeInvite(ic.sealer, ic.gate.report!, invitationHash(ic.doc.guid, invitation.statement));
    await ic.settle();
    const late = machine(await person('Leaked Link'), ic.doc.guid);
    await deliver(ic, late);
    await acceptInvitation(late.doc, late.sealer, invitation, 'Leaked Link', 'somewhere');
    await late.settle();
    await deliver(late, ic);
    expect(ic.gate.report!.members.map((m) => m.name)).toEqual(['Sue Park', 'Chris Lee']);
    expect(ic.gate.report!.refusedStatements.map((r) => [r.statement.body.type, r.reason])).toContainEqual(['admit', 'revoked']);
  });

  it('leaves an incident declared before signing existed as it was', async () => {
    const ledger = new TrustLedger('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    const report = await ledger.assess({ statements: [], seals: [], entries: [] });
    expect(report.mode).toBe('unsigned');
  });
});
