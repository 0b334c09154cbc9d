/**
 * The convergence harness with a malicious replica: honest replicas of a
 * signed incident write through the real commands while a member's
 * modified software writes forged, replayed, reordered and truncated
 * entries; updates reach each replica in a seeded random order. Every
 * honest replica must end holding the same records, decide the same
 * verdict for each, and show the same verified incident.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { changeSeverity, logEvent, projectionOf, timelineOf, type TimelineEvent } from '../../../../src/shared/incident';
import { sealsOf } from '../../../../src/shared/trust/doc';
import { headsOf } from '../../../../src/shared/trust/sealer';
import { sealEntry } from '../../../../src/shared/trust/sign';
import { Rng } from '../../harness/random';
import { MINUTE } from '../../harness/context';
import { declareSigned, join, person, type Machine } from '../../harness/signed';

/** Every replica's updates, queued per receiver and handed over in a random order. */
class Network {
  private readonly queues = new Map<Machine, Uint8Array[]>();

  constructor(
    private readonly replicas: readonly Machine[],
    private readonly rng: Rng,
  ) {
    for (const r of replicas) {
      this.queues.set(r, []);
      r.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'net') return;
        for (const other of replicas) if (other !== r) this.queues.get(other)!.push(update);
      });
    }
  }

  /** Delivers some queued updates, in random order, to random replicas. */
  async shuffle(steps: number): Promise<void> {
    for (let i = 0; i < steps; i++) {
      const target = this.replicas[this.rng.int(this.replicas.length)]!;
      const queue = this.queues.get(target)!;
      if (!queue.length) continue;
      const [update] = queue.splice(this.rng.int(queue.length), 1);
      Y.applyUpdate(target.doc, update!, 'net');
    }
    await Promise.all(this.replicas.map((r) => r.settle()));
  }

  /** Delivers everything (and what that causes) until nothing is left. */
  async drain(): Promise<void> {
    while ([...this.queues.values()].some((q) => q.length)) await this.shuffle(50);
    // A final full exchange, as a reconnect does.
    for (const a of this.replicas) for (const b of this.replicas) if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'net');
    await Promise.all(this.replicas.map((r) => r.settle()));
  }
}

function entry(text: string, author: string, at: number): TimelineEvent {
  return { id: `x-${text.replace(/\W+/g, '-')}`, kind: 'note', at, loggedAt: at, author, text } as TimelineEvent;
}

/** A member's modified software: signs what it likes, publishes what it likes. */
async function misbehave(mallory: Machine, victim: Machine, rng: Rng): Promise<void> {
  const key = mallory.who.signer;
  const doc = mallory.doc;
  const at = mallory.ctx.now();
  const push = (e: TimelineEvent, seal?: unknown) =>
    doc.transact(() => {
      timelineOf(doc).push([e]);
      if (seal) sealsOf(doc).push([seal as never]);
    }, 'mallory');
  // Forged: under another member's name, and with a signature that is not one.
  const asSue = entry('Sue says stand down', 'Sue Park', at);
  push(asSue, (await sealEntry(key, doc.guid, (await headsOf(doc, key.key)).entry, asSue)).record);
  const garbage = entry('Garbage signature', 'Mallory', at);
  push(garbage, { entry: garbage.id, key: key.key, prev: null, sig: 'A'.repeat(86) });
  // Replayed: a copy of a victim's signed entry (with its seal), and one of Mallory's into a new id.
  const victimEntry = timelineOf(victim.doc).toArray().find((e) => e.kind === 'note')!;
  const victimSeal = sealsOf(victim.doc).toArray().find((s) => s.entry === victimEntry.id)!;
  push({ ...victimEntry }, victimSeal);
  // Truncated and reordered: a chain of three, published last first, its middle never.
  let prev = (await headsOf(doc, key.key)).entry;
  const chain: { e: TimelineEvent; seal: unknown }[] = [];
  for (const text of ['Mallory one', 'Mallory two', 'Mallory three']) {
    const e = entry(text, 'Mallory', at + chain.length);
    const signed = await sealEntry(key, doc.guid, prev, e);
    chain.push({ e, seal: signed.record });
    prev = signed.hash;
  }
  const published = [chain[2]!, chain[0]!];
  if (rng.chance(0.5)) published.reverse();
  for (const { e, seal } of published) push(e, seal);
  const replay = { ...chain[0]!.e, id: 'x-replayed-under-new-id' };
  push(replay, { ...(chain[0]!.seal as object), entry: replay.id });
}

function verdicts(m: Machine): string[] {
  const report = m.gate.report!;
  return [...report.verdicts].map(([e, v]) => `${e.id}:${e.text}:${v.ok ? 'ok' : v.reason}`).sort();
}

function shown(m: Machine) {
  const s = projectionOf(m.doc).snapshot;
  return { header: s.header, timeline: s.timeline.map((e) => e.id), withheld: s.withheld.map((e) => e.id).sort(), org: s.org, plan: s.plan };
}

describe('convergence with a malicious replica', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: honest replicas hold the same records and show the same verified incident', async (seed) => {
    const rng = new Rng(seed);
    const sue = await declareSigned(await person('Sue Park'));
    const chris = await join(sue, await person('Chris Lee'));
    const dana = await join(sue, await person('Dana Scully'));
    const mallory = await join(sue, await person('Mallory'));
    for (const m of [chris, dana, mallory]) await (async () => Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(sue.doc)))();
    await Promise.all([sue, chris, dana, mallory].map((m) => m.settle()));
    const net = new Network([sue, chris, dana, mallory], rng);
    const honest = [sue, chris, dana];
    for (let round = 0; round < 4; round++) {
      for (const m of honest) {
        m.ctx.advance(rng.between(1, 3) * MINUTE);
        logEvent(m.doc, { kind: 'note', text: `${m.who.name} round ${round}` }, m.ctx);
      }
      if (round === 1) changeSeverity(chris.doc, { to: 'SEV-2' }, chris.ctx);
      if (round === 2) await misbehave(mallory, dana, rng);
      await Promise.all(honest.map((m) => m.settle()));
      await net.shuffle(rng.between(5, 30));
    }
    await net.drain();

    const [first, ...rest] = honest;
    for (const m of rest) {
      expect(Y.encodeStateVector(m.doc)).toEqual(Y.encodeStateVector(first!.doc));
      expect(verdicts(m)).toEqual(verdicts(first!));
      expect(shown(m)).toEqual(shown(first!));
    }
    const refused = verdicts(first!).filter((v) => !v.endsWith(':ok'));
    expect(refused).toEqual(
      expect.arrayContaining([
        'x-Sue-says-stand-down:Sue says stand down:name',
        'x-Garbage-signature:Garbage signature:bad-signature',
        'x-Mallory-three:Mallory three:chain',
        'x-replayed-under-new-id:Mallory one:bad-signature',
      ]),
    );
    expect(verdicts(first!)).toContain('x-Mallory-one:Mallory one:ok');
    expect(projectionOf(first!.doc).snapshot.header!.severity).toBe('SEV-2');
    // The replayed copy of Dana's entry counts once.
    const danas = projectionOf(first!.doc).snapshot.timeline.filter((e) => e.text === 'Dana Scully round 0');
    expect(danas).toHaveLength(1);
  });
});
