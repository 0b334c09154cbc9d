/**
 * The door every sync message passes, both ways, on a signed incident:
 * nothing from a peer reaches the document unless a responder signed it.
 *
 * Out: each message goes in an envelope (envelope.ts); a change (sync step
 * 2, an update) is signed with this machine's key, and a message that opens
 * an exchange carries the membership statements this machine holds.
 *
 * In: a change is applied only when its signature holds and its signer is
 * a responder, by the statements this machine holds or, for a newcomer
 * holding nothing yet, by those the envelope brings (checked by the same
 * ledger: self-certifying from the incident's id). Anything else is
 * dropped, and the people here are told once per sender ("a change from an
 * observer was refused"). Presence passes: it never enters the document.
 *
 * An observer never writes to the document, not even its own admission: it
 * sends that in its envelopes, and a responder who receives it writes it
 * into the document (a signed statement is the same whoever adds it), so
 * every machine lists the observer as a member.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { LOCAL_ORIGIN } from '../incident/append';
import { statementsOf } from './doc';
import { decodeEnvelope, encodeEnvelope, messageBytes, messageKind } from './envelope';
import type { TrustGate } from './gate';
import { TrustLedger, type Member, type TrustReport } from './ledger';
import { isStatement, type Statement } from './records';
import type { Sealer } from './sealer';
import { verifySignature, type KeyId } from './signatures';
import { bytesToBase64Url } from '../base64';

/** Why a sender's change was dropped. */
export type SenderRefusal = 'unsigned' | 'bad-signature' | 'not-a-member' | 'observer' | 'removed';

export interface RefusedSender {
  readonly key: KeyId | null;
  /** Their name, when they are a member. */
  readonly name: string | null;
  readonly reason: SenderRefusal;
}

export interface GuardOptions {
  readonly doc: Y.Doc;
  /** Signs this machine's changes; null where this machine cannot sign (it then only reads). */
  readonly sealer: Sealer | null;
  readonly gate: TrustGate;
  /** Statements this machine holds outside the document: an observer's own admission. */
  readonly ownStatements?: () => readonly Statement[];
  /** A change was dropped; called once per sender and reason. */
  readonly onRefused: (sender: RefusedSender) => void;
}

/** The most statements an envelope's proof is read for. */
const MAX_PROOF_STATEMENTS = 4_096;

export class SyncGuard {
  private readonly ledger: TrustLedger;
  private readonly signed = new WeakMap<object, Promise<string>>();
  private readonly told = new Set<string>();

  constructor(private readonly options: GuardOptions) {
    this.ledger = new TrustLedger(options.doc.guid);
  }

  /**
   * Wraps a message on its way out. `withProof: false` leaves the
   * statements out (a relay keeps every envelope: the statements travel
   * once per connection there, not with every keystroke).
   */
  async outgoing(message: Uint8Array, identity: object = message, withProof = true): Promise<Uint8Array> {
    const kind = messageKind(message);
    const sealer = this.options.sealer;
    const sig = kind === 'change' && sealer ? await this.signatureOf(message, identity, sealer) : '';
    const proof = kind === 'other' || !withProof ? [] : this.heldStatements();
    return encodeEnvelope({ key: sealer?.key ?? '', sig, proof, message });
  }

  /** Whether this machine's changes would be taken: it signs, and is a responder not removed. */
  mayWrite(): boolean {
    const key = this.options.sealer?.key;
    const me = key ? this.options.gate.report?.members.find((m) => m.key === key) : undefined;
    return !!me && me.role === 'responder' && !me.removed;
  }

  /** Whether this machine holds statements outside the document (an observer's admission) that others must learn. */
  holdsOwnStatements(): boolean {
    return (this.options.ownStatements?.() ?? []).length > 0;
  }

  /** Unwraps a message that arrived: what to hand the sync protocol, or null to drop it. */
  async incoming(bytes: Uint8Array): Promise<Uint8Array | null> {
    const envelope = decodeEnvelope(bytes);
    if (!envelope) return null;
    const kind = messageKind(envelope.message);
    if (kind === 'other') return envelope.message;
    const proof = envelope.proof.slice(0, MAX_PROOF_STATEMENTS).filter(isStatement);
    // Without a proof, the members are the ones the document's statements make: wait for any being checked.
    const report = proof.length ? await this.learn(proof) : await this.options.gate.checked();
    if (kind === 'ask') return envelope.message;
    if (!envelope.key || !envelope.sig) return this.refuse({ key: null, name: null, reason: 'unsigned' });
    if (!(await verifySignature(envelope.key, messageBytes(this.options.doc.guid, envelope.message), envelope.sig))) {
      return this.refuse({ key: envelope.key, name: null, reason: 'bad-signature' });
    }
    const member = report?.members.find((m) => m.key === envelope.key) ?? this.options.gate.report?.members.find((m) => m.key === envelope.key);
    const refusal = refusalOf(member);
    if (!refusal) return envelope.message;
    // A newcomer answers the first exchange before its admission is known here: with nothing new, that is no news.
    if (addsNothing(this.options.doc, envelope.message)) return null;
    return this.refuse({ key: envelope.key, name: member?.name ?? null, reason: refusal });
  }

  private signatureOf(message: Uint8Array, identity: object, sealer: Sealer): Promise<string> {
    // y-webrtc sends one message to every peer: it is signed once.
    let sig = this.signed.get(identity);
    if (!sig) {
      sig = sealer.signer.sign(messageBytes(this.options.doc.guid, message)).then(bytesToBase64Url);
      this.signed.set(identity, sig);
    }
    return sig;
  }

  private heldStatements(): unknown[] {
    return [...statementsOf(this.options.doc).toArray(), ...(this.options.ownStatements?.() ?? [])];
  }

  /**
   * Decides membership from the statements held here and those a peer sent;
   * a responder here writes into the document the statements that count
   * and it lacks (an observer's admission arrives this way).
   */
  private async learn(proof: readonly Statement[]): Promise<TrustReport> {
    const held = statementsOf(this.options.doc).toArray();
    const heldSigs = new Set(held.map((s) => (s as { sig?: unknown }).sig));
    const fresh = proof.filter((s) => !heldSigs.has(s.sig));
    const report = await this.ledger.assess({ statements: [...held, ...fresh], seals: [], entries: [] });
    if (!fresh.length) return report;
    const refused = new Set(report.refusedStatements.map((r) => r.statement));
    const counted = fresh.filter((s) => !refused.has(s));
    const me = this.options.sealer && report.members.find((m) => m.key === this.options.sealer!.key);
    if (counted.length && me?.role === 'responder' && !me.removed) {
      const again = new Set(statementsOf(this.options.doc).toArray().map((s) => (s as { sig?: unknown }).sig));
      const missing = counted.filter((s) => !again.has(s.sig));
      if (missing.length) this.options.doc.transact(() => statementsOf(this.options.doc).push(missing), LOCAL_ORIGIN);
    }
    return report;
  }

  private refuse(sender: RefusedSender): null {
    const id = `${sender.key ?? ''}|${sender.reason}`;
    if (!this.told.has(id)) {
      this.told.add(id);
      this.options.onRefused(sender);
    }
    return null;
  }
}

/**
 * Whether a change (sync step 2 or an update) holds nothing this doc lacks:
 * no operation it has not seen, no deletion it has not made. (A newcomer
 * passes on what it received, deletions in shared text included.)
 */
function addsNothing(doc: Y.Doc, message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    const { to } = Y.parseUpdateMeta(update);
    const held = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of to) if (clock > (held.get(client) ?? 0)) return false;
    return deletesNothingNew(doc, Y.decodeUpdate(update).ds as unknown as DeleteSet);
  } catch {
    return false;
  }
}

interface DeleteSet {
  readonly clients: Map<number, readonly { readonly clock: number; readonly len: number }[]>;
}

/** Whether every operation the delete set names is already deleted here. */
function deletesNothingNew(doc: Y.Doc, ds: DeleteSet): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        if (!structs[i]!.deleted) return false;
      }
    }
  }
  return true;
}

function refusalOf(member: Member | undefined): SenderRefusal | null {
  if (!member) return 'not-a-member';
  if (member.removed) return 'removed';
  if (member.role !== 'responder') return 'observer';
  return null;
}
