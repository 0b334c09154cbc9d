/**
 * An incident's connections to the relays its share lists (`npm run relay`:
 * Hocuspocus, reached with Hocuspocus's own provider), next to the WebRTC
 * mesh: for a response with more participants than a mesh holds, every
 * participant keeps one connection to each relay, which passes each change
 * on. Both carry the same presence (sealed on the relay: relay-presence.ts),
 * and a machine on both bridges the two.
 *
 * What the relay holds and merges is not the incident but an outer document:
 * a list of envelopes (shared/trust/envelope.ts), each one change to the
 * incident, signed on a signed incident by the responder who sent it. Every
 * machine checks each envelope as it would a WebRTC message (the SyncGuard)
 * before anything in it reaches the incident, so a relay, or anyone who
 * reaches its room, can add envelopes but not changes: one that no
 * responder signed is dropped, and the people here are told. The statements
 * that say who the members are travel once per connection, in the first
 * envelope a machine sends.
 *
 * Every envelope is sealed (./relay-seal.ts: AES-GCM, keyed from the
 * share's secret) before it reaches the outer document, and opened before
 * it is checked: the relay merges and keeps ciphertext, and one that does
 * not open here is dropped. The room is the public half of a key derived
 * from the share's secret and the incident id, and the relay admits only a
 * client that signs with the private half (shared/trust/relay-admission.ts):
 * it learns neither the secret nor the incident, and someone who knows only
 * the room's name gets nothing.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { valuesSince } from '../../../shared/trust/appended';
import { decodeEnvelope, encodeEnvelope } from '../../../shared/trust/envelope';
import { RelayLink, type RelayClock, type RelayNode } from './relay-link';
import { SealedPresence } from './relay-presence';
import { admissionKey, type AdmissionKey, relayKey, seal, unseal } from './relay-seal';

export interface RelayState {
  /** Relays the share lists. */
  readonly total: number;
  /** Relays this machine is admitted to now. */
  readonly up: number;
  /** Every connected relay has sent us everything it has. */
  readonly synced: boolean;
  readonly nodes: readonly RelayNode[];
}

export interface RelayLinkOptions {
  readonly secret: string;
  readonly incidentId: string;
  readonly urls: readonly string[];
  /** Called whenever a connection opens, closes or finishes syncing. */
  readonly onChange: () => void;
  /** The WebSocket class (the browser's; tests under Node pass `ws`). */
  readonly WebSocket?: typeof WebSocket;
  /** On a signed incident: what every envelope passes, both ways (shared/trust/guard.ts). */
  readonly guard?: RelayGuard | null;
  /** How many envelopes a room holds before they are folded into one (COMPACT_ENVELOPES; tests pass fewer). */
  readonly compactAfter?: number;
  /** The most a fold waits first (COMPACT_JITTER_MS; tests pass less). */
  readonly compactJitterMs?: number;
}

/** The SyncGuard, as the relay uses it. */
export interface RelayGuard {
  outgoing(message: Uint8Array, identity: object, withProof: boolean): Promise<Uint8Array>;
  incoming(envelope: Uint8Array): Promise<Uint8Array | null>;
  mayWrite(): boolean;
  holdsOwnStatements(): boolean;
}

/** The outer document's one root: the envelopes, in the order the relay merged them. */
export const ENVELOPES_ROOT = 'envelopes';

/** Changes made together are sent in one envelope: a burst of typing is one signature, not one per key. */
const BATCH_MS = 40;
/**
 * A change from a WebRTC peer is passed on to the relays after this long,
 * and only what they still lack: the peer, if it is on the relay too, has
 * usually sent it by then, and sixty machines on both do not send it sixty
 * times.
 */
const BRIDGE_MS = 1_500;

/**
 * Past this many envelopes in the room, a member who writes folds them into
 * one: the whole incident as it stands here, signed and sealed like any
 * envelope. The room would otherwise keep every change ever sent, and a
 * newcomer would download and check each one.
 */
export const COMPACT_ENVELOPES = 500;
/** Folding waits up to this long first, so that of several members crossing the line together, one usually folds. */
const COMPACT_JITTER_MS = 2_000;

/**
 * Envelopes carry y-protocols sync messages behind the y-websocket message
 * type (0), as they did when the relay spoke y-websocket: the guard checks
 * the same messages on every path.
 */
const MESSAGE_SYNC = 0;
/** y-protocols' sync message types. */
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export class RelayLinks {
  private readonly links = new Map<string, RelayLink>();
  private readonly admission: Promise<AdmissionKey>;
  private readonly clock: RelayClock = { offset: 0 };
  private readonly presence: SealedPresence;
  /** Seals what this machine puts in the outer document, and opens what others put there. */
  private readonly key: Promise<CryptoKey>;
  private urls: string[];
  private paused = false;
  private destroyed = false;
  /** What the relays hold: envelopes. */
  private readonly outer = new Y.Doc();
  private readonly envelopes = this.outer.getArray<unknown>(ENVELOPES_ROOT);
  /** Envelopes arrived and not yet checked, taken one at a time: each may admit the signer of the next. */
  private taking: Promise<void> = Promise.resolve();
  /** Changes to the incident made here not yet sent. */
  private unsent: Uint8Array[] = [];
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  /** Changes that arrived from elsewhere (WebRTC peers, other windows) not yet passed on. */
  private bridged: Uint8Array[] = [];
  private bridgeTimer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> = Promise.resolve();
  /** Whether this machine has sent its statements (and whatever the relays lacked) since the last connection. */
  private introduced = false;
  /** How far the incident's changes go that came from, or went to, the relays: what they hold of it. */
  private readonly relayHas = new Map<number, number>();
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onInner = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === this || this.destroyed) return;
    if (transaction.local) {
      this.unsent.push(update);
      this.sendTimer ??= setTimeout(() => this.send(this.unsent, (rest) => (this.unsent = rest)), BATCH_MS);
    } else {
      this.bridged.push(update);
      this.bridgeTimer ??= setTimeout(() => this.send(this.bridged, (rest) => (this.bridged = rest), true), BRIDGE_MS);
    }
  };
  private readonly onEnvelopes = (_event: unknown, transaction: Y.Transaction) => {
    // Our own envelopes are already in the incident.
    if (transaction.origin === this) return;
    const arrived: unknown[] = [];
    valuesSince(this.outer, this.envelopes, transaction.beforeState, arrived);
    // Taken in the room's order, not by sender: a folded room's first envelope says who the members are, for those after it.
    if (arrived.length > 1) {
      const place = new Map(this.envelopes.toArray().map((value, i) => [value, i]));
      arrived.sort((a, b) => (place.get(a) ?? 0) - (place.get(b) ?? 0));
    }
    for (const envelope of arrived) this.taking = this.taking.then(() => this.take(envelope));
    this.foldSoon();
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly options: RelayLinkOptions,
  ) {
    this.envelopes.observe(this.onEnvelopes);
    doc.on('update', this.onInner);
    this.urls = [...options.urls];
    this.admission = admissionKey(options.secret, options.incidentId);
    this.key = relayKey(options.secret, options.incidentId);
    this.key.catch(() => {});
    // WebCrypto exists only in secure contexts (the app, or a page on
    // localhost); without it the relay stays unconnected, as y-webrtc's
    // encrypted signaling would.
    this.admission.catch((error: unknown) => console.warn('Command Post: no relay room without WebCrypto', error));
    this.presence = new SealedPresence(awareness, this.key, options.incidentId);
    if (this.urls.length) void this.reconcile();
  }

  get state(): RelayState {
    const nodes = this.urls.map((url): RelayNode => this.links.get(url)?.node ?? { url, state: 'connecting' });
    const up = nodes.filter((node) => node.state === 'up' || node.state === 'synced');
    return { total: this.urls.length, up: up.length, synced: up.every((node) => node.state === 'synced'), nodes };
  }

  /** Connects to these relays (and no others), keeping connections that stay. */
  setUrls(urls: readonly string[]): void {
    this.urls = [...urls];
    void this.reconcile();
    this.options.onChange();
  }

  pause(): void {
    this.paused = true;
    for (const link of this.links.values()) link.pause();
    this.options.onChange();
  }

  resume(): void {
    this.paused = false;
    for (const link of this.links.values()) link.resume();
    this.options.onChange();
  }

  /** Asks every connected relay for the envelopes this machine lacks (it answers with them). */
  exchange(): void {
    for (const link of this.links.values()) link.exchange();
  }

  /**
   * Connects to every relay again: a relay sends nothing unasked, so a
   * relay that lacks something of ours gets it only in the exchange a new
   * connection starts with.
   */
  reconnect(): void {
    if (this.paused) return;
    for (const link of this.links.values()) link.reconnect();
    this.options.onChange();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.sendTimer) clearTimeout(this.sendTimer);
    if (this.bridgeTimer) clearTimeout(this.bridgeTimer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.doc.off('update', this.onInner);
    this.envelopes.unobserve(this.onEnvelopes);
    for (const link of this.links.values()) link.destroy();
    this.links.clear();
    this.presence.destroy();
    this.outer.destroy();
  }

  /** Resolves once every envelope arrived so far has been checked (and applied or dropped). */
  async settled(): Promise<void> {
    let seen: Promise<void> | null = null;
    while (seen !== this.taking) {
      seen = this.taking;
      await seen;
    }
  }

  /** Checks one envelope and applies the change in it when it holds. */
  private async take(value: unknown): Promise<void> {
    if (this.destroyed || !(value instanceof Uint8Array)) return;
    // Not sealed for this incident by someone holding its secret: nothing in it is read.
    const envelope = await unseal(await this.key, this.options.incidentId, value);
    if (!envelope || this.destroyed) return;
    const guard = this.options.guard;
    const message = guard ? await guard.incoming(envelope) : (decodeEnvelope(envelope)?.message ?? null);
    if (!message || this.destroyed) return;
    const update = changeIn(message);
    if (!update) return;
    try {
      Y.applyUpdate(this.doc, update, this);
      noteReach(this.relayHas, update);
    } catch (error) {
      console.warn('Command Post: a change from the relay could not be read', error);
    }
  }

  /** Sends changes in one envelope (those passed on: only what the relays lack), when this machine's changes would be taken. */
  private send(updates: Uint8Array[], clear: (rest: Uint8Array[]) => void, onlyLacking = false): void {
    if (onlyLacking) this.bridgeTimer = null;
    else this.sendTimer = null;
    clear([]);
    if (this.destroyed || !updates.length) return;
    this.sending = this.sending.then(async () => {
      // Checked envelopes first: what they brought is what the relays hold.
      if (onlyLacking) await this.settled();
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      const update = onlyLacking ? Y.diffUpdate(merged, Y.encodeStateVector(this.relayHas)) : merged;
      if (onlyLacking && !addsStructs(update) && !deletes(update)) return;
      return this.publish(update);
    });
  }

  private async publish(update: Uint8Array, message: Uint8Array = updateMessage(update)): Promise<void> {
    const guard = this.options.guard;
    // An observer's (or a removed member's) changes would be dropped by every machine: they are not sent.
    if (guard && !guard.mayWrite() && syncStep(message) !== SYNC_STEP1) return;
    const withProof = !this.introduced;
    this.introduced = true;
    const envelope = guard ? await guard.outgoing(message, message, withProof) : encodeEnvelope({ key: '', sig: '', proof: [], message });
    const sealed = await seal(await this.key, this.options.incidentId, envelope);
    if (this.destroyed) return;
    if (syncStep(message) !== SYNC_STEP1) noteReach(this.relayHas, update);
    this.outer.transact(() => this.envelopes.push([sealed]), this);
    this.foldSoon();
  }

  /** Folds the room's envelopes into one, a moment from now, once there are enough of them. */
  private foldSoon(): void {
    if (this.compactTimer || this.destroyed || this.envelopes.length < (this.options.compactAfter ?? COMPACT_ENVELOPES)) return;
    this.compactTimer = setTimeout(() => {
      this.sending = this.sending
        .then(() => this.fold())
        .catch((error: unknown) => console.warn('Command Post: the relay room could not be folded', error))
        .finally(() => (this.compactTimer = null));
    }, Math.random() * (this.options.compactJitterMs ?? COMPACT_JITTER_MS));
  }

  /**
   * Replaces the room's envelopes with one holding the whole incident as it
   * stands here. Only envelopes already taken here are folded (applied, or
   * dropped as the seal or the guard said): what they held that stands is in
   * this machine's copy, and so in the new one; any arriving meanwhile stay
   * as they are. Only a member who writes folds; the new envelope carries the
   * statements that say who the members are, as a first one does.
   */
  private async fold(): Promise<void> {
    const guard = this.options.guard;
    if (this.destroyed || (guard && !guard.mayWrite())) return;
    await this.settled();
    const folded = new Set(this.envelopes.toArray());
    if (this.destroyed || folded.size < (this.options.compactAfter ?? COMPACT_ENVELOPES)) return;
    const update = Y.encodeStateAsUpdate(this.doc);
    const message = updateMessage(update);
    const envelope = guard ? await guard.outgoing(message, message, true) : encodeEnvelope({ key: '', sig: '', proof: [], message });
    const sealed = await seal(await this.key, this.options.incidentId, envelope);
    if (this.destroyed) return;
    noteReach(this.relayHas, update);
    this.outer.transact(() => {
      // From the end, so that the places still to look at stay where they were; another member may have folded some already.
      for (let i = this.envelopes.length - 1; i >= 0; i--) if (folded.has(this.envelopes.get(i))) this.envelopes.delete(i, 1);
      // First, before any that stay: a newcomer learns from it who the members are before it checks the rest.
      this.envelopes.insert(0, [sealed]);
    }, this);
  }

  /**
   * Once the relays' envelopes are here: sends what this machine holds and
   * they lack (what it held before it connected), with its statements; an
   * observer, who sends no changes, still sends its admission (in an
   * envelope that changes nothing), so responders list it as a member.
   */
  private introduce(): void {
    if (this.introduced || this.destroyed) return;
    this.sending = this.sending.then(async () => {
      await this.settled();
      if (this.introduced || this.destroyed) return;
      const guard = this.options.guard;
      const missing = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.relayHas));
      if (addsStructs(missing) && (!guard || guard.mayWrite())) return this.publish(missing);
      if (guard?.holdsOwnStatements()) return this.publish(missing, askMessage(this.doc));
    });
  }

  private async reconcile(): Promise<void> {
    const admission = await this.admission.catch(() => null);
    if (this.destroyed || admission === null) return;
    for (const [url, link] of this.links) {
      if (this.urls.includes(url)) continue;
      link.destroy();
      this.links.delete(url);
    }
    for (const url of this.urls) {
      if (!this.links.has(url)) this.links.set(url, this.open(url, admission));
    }
    this.options.onChange();
  }

  private open(url: string, admission: AdmissionKey): RelayLink {
    const setup = { url, admission, outer: this.outer, presence: this.presence, clock: this.clock, connect: !this.paused, WebSocket: this.options.WebSocket };
    return new RelayLink(setup, {
      // A new connection is a new introduction: the relay may have been restarted, and forgotten us.
      disconnected: () => (this.introduced = false),
      synced: () => this.introduce(),
      changed: () => this.options.onChange(),
    });
  }
}

/** A y-protocols update message carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A sync step 1 (changes nothing): what an envelope that only brings statements carries. */
function askMessage(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncStep(message: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(message);
    return decoding.readVarUint(decoder) === MESSAGE_SYNC ? decoding.readVarUint(decoder) : null;
  } catch {
    return null;
  }
}

/** The update a change message carries (sync step 2 or an update), or null for anything else. */
function changeIn(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    const step = decoding.readVarUint(decoder);
    return step === SYNC_STEP2 || step === SYNC_UPDATE ? decoding.readVarUint8Array(decoder) : null;
  } catch {
    return null;
  }
}

/** Notes how far each client's changes in `update` go. */
function noteReach(reach: Map<number, number>, update: Uint8Array): void {
  try {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) if (clock > (reach.get(client) ?? 0)) reach.set(client, clock);
  } catch {
    // Not an update: it reaches nothing.
  }
}

function deletes(update: Uint8Array): boolean {
  try {
    return Y.decodeUpdate(update).ds.clients.size > 0;
  } catch {
    return false;
  }
}

function addsStructs(update: Uint8Array): boolean {
  try {
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, clock] of to) if (clock > (from.get(client) ?? 0)) return true;
    return false;
  } catch {
    return false;
  }
}
