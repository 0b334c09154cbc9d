/**
 * Only members write, through a relay too: signed incidents synced through
 * the real relay on 127.0.0.1, where the relay carries envelopes and every
 * machine checks each one (the SyncGuard) before anything reaches its
 * incident. A hostile client that found the room, an observer's software
 * made to send anyway, and a removed member are refused by every machine.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { logEvent, projectionOf, statusTextOf } from '../../../src/shared/incident';
import { encodeEnvelope } from '../../../src/shared/trust/envelope';
import { SyncGuard, type RefusedSender } from '../../../src/shared/trust/guard';
import { removeMember } from '../../../src/shared/trust/members';
import { acceptInvitation, createInvitation, signObserverAdmission } from '../../../src/shared/trust/invites';
import type { Statement } from '../../../src/shared/trust/records';
import type { RelayServer } from '../../../src/main/relay/server';
import { closeRelays, roomClient, startTestRelay } from '../harness/relay';
import { ENVELOPES_ROOT, RelayLinks } from '../../../src/renderer/incidents/sync/relay';
import { relayKey, seal } from '../../../src/renderer/incidents/sync/relay-seal';
import { declareSigned, join, machine, person, type Machine } from '../harness/signed';

const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const cleanup: (() => void)[] = [];

afterEach(async () => {
  for (const done of cleanup.splice(0)) done();
  await closeRelays();
});

/** A machine's relay connection with its guard, and what it was told. */
function onRelay(m: Machine, url: string, own: Statement[] = [], compactAfter?: number) {
  const refused: RefusedSender[] = [];
  const guard = new SyncGuard({ doc: m.doc, sealer: m.sealer, gate: m.gate, ownStatements: () => own, onRefused: (s) => refused.push(s) });
  const link = new RelayLinks(m.doc, new Awareness(m.doc), {
    secret: SECRET,
    incidentId: m.doc.guid,
    urls: [url],
    onChange: () => undefined,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    guard,
    compactAfter,
    compactJitterMs: 50,
  });
  cleanup.push(() => link.destroy());
  return { m, link, guard, refused };
}

/**
 * A client that knows the room and speaks the relay's protocol, but is no
 * member: someone holding the invite, with software of their own. What it
 * sends into the room is sealed with the share's key (`send`), or not at
 * all (`sendUnsealed`, as someone who found the room without the secret
 * would).
 */
async function hostileClient(url: string, incidentId: string) {
  const { outer } = await roomClient(url, SECRET, incidentId);
  const key = await relayKey(SECRET, incidentId);
  const sendUnsealed = (value: unknown) => outer.getArray(ENVELOPES_ROOT).push([value]);
  return { outer, sendUnsealed, send: async (envelope: Uint8Array) => sendUnsealed(await seal(key, incidentId, envelope)) };
}

/** A y-protocols update message. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update that logs a forged entry and rewrites the status summary, made on a copy of `m`'s incident. */
function forgedChange(m: Machine, text: string): Uint8Array {
  const copy = new Y.Doc({ guid: m.doc.guid });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(m.doc));
  const before = Y.encodeStateVector(copy);
  copy.transact(() => {
    copy.getArray('timeline').push([{ id: `forged-${text.length}`, kind: 'decision', at: Date.now(), loggedAt: Date.now(), author: 'Sue Park', text }]);
    statusTextOf(copy, 'summary').insert(0, 'All clear. ');
  });
  return Y.encodeStateAsUpdate(copy, before);
}

const texts = (m: Machine) => projectionOf(m.doc).snapshot.timeline.map((e) => e.text);
const summary = (m: Machine) => statusTextOf(m.doc, 'summary').toString();

async function relay(): Promise<RelayServer> {
  return startTestRelay();
}

describe('a signed incident through a relay', () => {
  it('reaches a newcomer who holds nothing, takes their admission, and lists an observer who writes nothing', async () => {
    const s = await relay();
    const ic = await declareSigned(await person('Sue Park'));
    logEvent(ic.doc, { kind: 'decision', text: 'Fail over to the replica' }, ic.ctx);
    await ic.settle();
    const a = onRelay(ic, s.url);
    const responderInvite = await createInvitation(ic.sealer, 'responder');
    const observerInvite = await createInvitation(ic.sealer, 'observer');

    // Chris holds nothing: the incident arrives through the relay, checked on the statements it carries.
    const chris = machine(await person('Chris Lee'), ic.doc.guid);
    onRelay(chris, s.url);
    await vi.waitFor(() => expect(texts(chris)).toContain('Fail over to the replica'), { timeout: 5_000 });
    await acceptInvitation(chris.doc, chris.sealer, responderInvite, 'Chris Lee', 'Chris’s laptop');
    await chris.settle();
    logEvent(chris.doc, { kind: 'note', text: 'Chris: replica promoted' }, chris.ctx);
    await vi.waitFor(() => expect(texts(ic)).toContain('Chris: replica promoted'), { timeout: 5_000 });

    // Pat observes: the admission travels in an envelope that changes nothing, and a responder writes it.
    const pat = machine(await person('Pat Exec'), ic.doc.guid);
    const admission = await signObserverAdmission(pat.doc, pat.sealer, observerInvite, 'Pat Exec', 'Pat’s phone');
    onRelay(pat, s.url, admission);
    await vi.waitFor(() => expect(ic.gate.report!.members.map((m) => [m.name, m.role])).toContainEqual(['Pat Exec', 'observer']), { timeout: 5_000 });
    await vi.waitFor(() => expect(texts(pat)).toContain('Chris: replica promoted'), { timeout: 5_000 });
    expect(a.refused).toEqual([]);
  });

  it('folds a long room into one signed envelope, which a newcomer holding nothing checks and takes', async () => {
    const s = await relay();
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    const a = onRelay(ic, s.url, [], 8);
    const b = onRelay(chris, s.url, [], 8);
    // What the room holds, as a client of the relay sees it.
    const watching = await hostileClient(s.url, ic.doc.guid);
    const envelopes = watching.outer.getArray(ENVELOPES_ROOT);
    const notes = Array.from({ length: 24 }, (_, i) => `note ${i}`);
    for (const [i, text] of notes.entries()) {
      const m = i % 2 ? chris : ic;
      logEvent(m.doc, { kind: 'note', text }, m.ctx);
      await m.settle();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    for (const m of [ic, chris]) await vi.waitFor(() => expect(texts(m)).toEqual(expect.arrayContaining(notes)), { timeout: 5_000 });
    await vi.waitFor(() => expect(envelopes.length).toBeLessThan(8), { timeout: 5_000 });

    const dana = machine(await person('Dana Whit'), ic.doc.guid);
    const d = onRelay(dana, s.url);
    await vi.waitFor(() => expect(texts(dana).sort()).toEqual(texts(ic).sort()), { timeout: 5_000 });
    expect(texts(dana)).toEqual(expect.arrayContaining(notes));
    expect([...a.refused, ...b.refused, ...d.refused]).toEqual([]);
  });

  it('carries responders’ changes, text included, to a machine that reaches no one else', async () => {
    const s = await relay();
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    const [a, b] = [onRelay(ic, s.url), onRelay(chris, s.url)];
    logEvent(ic.doc, { kind: 'decision', text: 'Fail over to the replica' }, ic.ctx);
    statusTextOf(ic.doc, 'summary').insert(0, 'Checkout is down. ');
    await vi.waitFor(() => expect(texts(chris)).toContain('Fail over to the replica'), { timeout: 5_000 });
    await vi.waitFor(() => expect(summary(chris)).toBe('Checkout is down. '));
    logEvent(chris.doc, { kind: 'note', text: 'Replica lag 4 s' }, chris.ctx);
    await vi.waitFor(() => expect(texts(ic)).toContain('Replica lag 4 s'), { timeout: 5_000 });
    expect([...a.refused, ...b.refused]).toEqual([]);
  });

  it('drops what a hostile client sends into the room: unsigned, forged, or not an envelope; the members are told', async () => {
    const s = await relay();
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    const [a, b] = [onRelay(ic, s.url), onRelay(chris, s.url)];
    statusTextOf(ic.doc, 'summary').insert(0, 'Checkout is down. ');
    await vi.waitFor(() => expect(summary(chris)).toBe('Checkout is down. '), { timeout: 5_000 });
    const eve = await hostileClient(s.url, ic.doc.guid);
    const forged = updateMessage(forgedChange(ic, 'IC decided: stand down all responders'));
    await eve.send(encodeEnvelope({ key: '', sig: '', proof: [], message: forged }));
    // Signed by a key of its own, with Sue's key named: the signature does not hold.
    await eve.send(encodeEnvelope({ key: ic.who.signer.key, sig: 'A'.repeat(86), proof: [], message: forged }));
    await eve.send(new TextEncoder().encode('not an envelope'));
    // Not sealed with the share's key, even if signed: never opened, so never even checked.
    eve.sendUnsealed(await a.guard.outgoing(updateMessage(forgedChange(ic, 'Unsealed: roll back')), {}, true));
    eve.sendUnsealed('not an envelope');
    eve.outer.getArray('timeline').push(['written beside the envelopes']);
    await a.link.settled();
    await b.link.settled();
    await vi.waitFor(() => expect(a.refused.map((r) => r.reason)).toEqual(['unsigned', 'bad-signature']));
    expect(b.refused.map((r) => r.reason)).toEqual(['unsigned', 'bad-signature']);
    for (const m of [ic, chris]) {
      expect(texts(m)).not.toContain('IC decided: stand down all responders');
      expect(texts(m)).not.toContain('Unsealed: roll back');
      expect(summary(m)).toBe('Checkout is down. ');
    }
  });

  it('drops an observer’s change, sent by software that ignores the rules, and a removed member’s', async () => {
    const s = await relay();
    const ic = await declareSigned(await person('Sue Park'));
    const chris = await join(ic, await person('Chris Lee'));
    const exec = await join(ic, await person('Pat Exec'), 'observer');
    const [a] = [onRelay(ic, s.url)];
    const observer = onRelay(exec, s.url);
    // The observer's own link sends none of its changes.
    logEvent(exec.doc, { kind: 'decision', text: 'Observer: stand down' }, exec.ctx);
    // Its software, modified, sends one anyway, signed with its key.
    const eve = await hostileClient(s.url, ic.doc.guid);
    await eve.send(await observer.guard.outgoing(updateMessage(forgedChange(exec, 'Observer says: roll back')), {}, true));
    await vi.waitFor(() => expect(a.refused).toEqual([{ key: exec.who.signer.key, name: 'Pat Exec', reason: 'observer' }]), { timeout: 5_000 });
    expect(texts(ic)).not.toContain('Observer: stand down');
    expect(texts(ic)).not.toContain('Observer says: roll back');

    // Chris is removed; his software, not hearing of it, writes on and sends.
    await removeMember(ic.sealer, ic.gate.report!, chris.who.signer.key);
    await ic.settle();
    const removed = onRelay(chris, s.url);
    logEvent(chris.doc, { kind: 'note', text: 'Chris after removal' }, chris.ctx);
    await chris.settle();
    await eve.send(await removed.guard.outgoing(updateMessage(Y.encodeStateAsUpdate(chris.doc, Y.encodeStateVector(ic.doc))), {}, true));
    await vi.waitFor(() => expect(a.refused.map((r) => r.reason)).toContain('removed'), { timeout: 5_000 });
    await a.link.settled();
    expect(texts(ic)).not.toContain('Chris after removal');
  });
});
