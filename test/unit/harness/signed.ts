/**
 * Signed incidents for tests: people with real Ed25519 keys (Node's
 * WebCrypto), a doc per machine with its sealer and gate, and a way to
 * pass one machine's state to another.
 */
import * as Y from 'yjs';
import { createIncidentDoc, declareIncident, type DeclareInput } from '../../../src/shared/incident';
import { generateKeyPair, signerOf, type Signer } from '../../../src/shared/trust/signatures';
import { guardIncident, openSigned, type TrustGate } from '../../../src/shared/trust/gate';
import type { TrustCheckpoint } from '../../../src/shared/trust/checkpoint';
import { acceptInvitation, createInvitation, type Invitation } from '../../../src/shared/trust/invites';
import { incidentIdFor } from '../../../src/shared/trust/records';
import { Sealer } from '../../../src/shared/trust/sealer';
import { T0, testContext, type TestContext } from './context';

export interface Person {
  readonly name: string;
  readonly signer: Signer;
}

export async function person(name: string): Promise<Person> {
  return { name, signer: signerOf(await generateKeyPair()) };
}

/** One person's copy of the incident on one machine. */
export interface Machine {
  readonly who: Person;
  readonly doc: Y.Doc;
  readonly sealer: Sealer;
  readonly gate: TrustGate;
  readonly ctx: TestContext;
  readonly errors: string[];
  /** Waits until everything written here is sealed and everything held is checked. */
  settle(): Promise<void>;
}

let machines = 0;

export function machine(who: Person, incidentId: string, start = T0): Machine {
  const doc = createIncidentDoc(incidentId);
  const ctx = testContext(who.name, start, `m${++machines}`);
  const errors: string[] = [];
  const sealer = new Sealer(doc, who.signer, { now: ctx.now, onError: (m) => errors.push(m) });
  const gate = guardIncident(doc, sealer)!;
  return {
    who,
    doc,
    sealer,
    gate,
    ctx,
    errors,
    async settle() {
      await sealer.settled();
      await gate.checked();
    },
  };
}

export const DECLARATION: DeclareInput = { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Primary database down' };

/**
 * The same person's machine opening the incident again, as the app does:
 * from what `from` holds (its stored records, changed by `change` first,
 * as a damaged or tampered store would be) and a checkpoint (as stored:
 * a structured clone), with the sealer continuing from the gate's heads.
 */
export function reopen(from: Machine, checkpoint: TrustCheckpoint | null, change?: (doc: Y.Doc) => void): Machine {
  const doc = createIncidentDoc(from.doc.guid);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from.doc), 'storage');
  change?.(doc);
  const ctx = testContext(from.who.name, from.ctx.now() + 60_000, `m${++machines}`);
  const errors: string[] = [];
  const { sealer, trust } = openSigned(doc, from.who.signer, { now: ctx.now, onError: (m) => errors.push(m) }, checkpoint && structuredClone(checkpoint));
  const gate = trust!;
  return {
    who: from.who,
    doc,
    sealer: sealer!,
    gate,
    ctx,
    errors,
    async settle() {
      await sealer!.settled();
      await gate.checked();
    },
  };
}

/** The IC declares a signed incident on their machine. */
export async function declareSigned(ic: Person, input: Partial<DeclareInput> = {}): Promise<Machine> {
  const nonce = `n-${Math.random().toString(36).slice(2)}`;
  const m = machine(ic, incidentIdFor(ic.signer.key, nonce));
  await m.sealer.state({ type: 'genesis', nonce, name: ic.name, machine: 'IC laptop' });
  declareIncident(m.doc, { ...DECLARATION, ...input }, m.ctx);
  await m.settle();
  return m;
}

/** Copies everything `from` holds that `to` lacks (a sync, a file), then lets both settle. */
export async function deliver(from: Machine, to: Machine): Promise<void> {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'peer');
  await to.settle();
}

/** `inviter` invites `who` with `role`; `who` joins on a machine of their own, and both hold everything. */
export async function join(inviter: Machine, who: Person, role: 'responder' | 'observer' = 'responder'): Promise<Machine> {
  const invitation: Invitation = await createInvitation(inviter.sealer, role);
  const m = machine(who, inviter.doc.guid);
  await deliver(inviter, m);
  await acceptInvitation(m.doc, m.sealer, invitation, who.name, `${who.name}'s laptop`);
  await m.settle();
  await deliver(m, inviter);
  return m;
}
