/**
 * Presence through the relays, sealed. The incident's presence (who is
 * here, under what name, in what role, with what digest of the incident)
 * never reaches a relay in clear: each machine's presence on a relay is one
 * field, `sealed`, holding an awareness update of the incident's presence
 * encrypted as envelopes are (./relay-seal.ts). A relay, and Redis between
 * relay nodes, see only that a client is there.
 *
 * What a machine puts there: its own presence, and that of the WebRTC peers
 * it hears that are not on a relay themselves (so that the mesh and the
 * relay see each other: the machine bridges them). What it takes: every
 * other client's sealed presence, opened and applied to the incident's
 * presence.
 *
 * A relay forgets a client's presence when its connection drops, and the
 * Hocuspocus provider forgets everyone's when its own does. Neither is
 * passed on: a person's presence stays until they are gone everywhere (the
 * incident's presence drops anyone not heard from for 30 s), so a relay
 * node going down, or a reconnect, does not blink everyone off the roster.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Awareness } from 'y-protocols/awareness';
import { base64ToBytes, bytesToBase64 } from '../../../shared/base64';
import { seal, unseal } from './relay-seal';

/** The transaction origin of presence that came through a relay. */
export const RELAY_PRESENCE = Symbol('relay presence');

/**
 * The relay's own state for a client: its presence, sealed, and the
 * incident's client id it speaks for (a number with no meaning outside the
 * incident), so that others do not bridge that client's presence back.
 * Each connection gets an outer client id of its own, fresh, so a machine
 * that closes and reopens the incident is not taken for a stale copy of
 * itself.
 */
interface OuterState {
  sealed: string;
  client: number;
}

/** Presence changes are sealed at most this often: a burst of them is one message per relay. */
const SEAL_EVERY_MS = 100;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export class SealedPresence {
  /** One outer awareness per relay connection (each provider owns and destroys its own). */
  private readonly outers = new Set<Awareness>();
  /** Clients seen on a relay themselves: they are not bridged. */
  private readonly onRelay = new Set<number>();
  /** Clients removed from the incident's presence since the last seal: their removal travels once. */
  private removed = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sealed: string | null = null;
  private destroyed = false;

  private readonly onInner = ({ removed }: AwarenessChange, origin: unknown) => {
    if (origin === RELAY_PRESENCE) return;
    for (const client of removed) this.removed.add(client);
    this.sealSoon();
  };

  constructor(
    private readonly inner: Awareness,
    private readonly key: Promise<CryptoKey>,
    private readonly incidentId: string,
  ) {
    inner.on('update', this.onInner);
    this.sealSoon();
  }

  /** Starts carrying presence on a relay connection's awareness. */
  attach(outer: Awareness): void {
    this.outers.add(outer);
    this.announce(outer);
    outer.on('change', ({ added, updated }: AwarenessChange, origin: unknown) => {
      if (origin === 'local') return;
      for (const client of [...added, ...updated]) void this.take(outer, client);
    });
  }

  /**
   * Says this machine's presence again, under a new clock: after a
   * reconnect, the relay has told the others this client left (with a
   * clock past ours), and would have them ignore our presence until it next
   * changed.
   */
  announce(outer: Awareness): void {
    if (this.sealed !== null) outer.setLocalState(this.outerState(this.sealed));
  }

  detach(outer: Awareness): void {
    this.outers.delete(outer);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) clearTimeout(this.timer);
    this.inner.off('update', this.onInner);
    this.outers.clear();
  }

  private sealSoon(): void {
    if (this.timer || this.destroyed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sealNow();
    }, SEAL_EVERY_MS);
  }

  private async sealNow(): Promise<void> {
    const own = this.inner.clientID;
    const clients = [...this.inner.getStates().keys()].filter((client) => client === own || !this.onRelay.has(client));
    for (const client of this.removed) if (!clients.includes(client)) clients.push(client);
    this.removed = new Set();
    const update = awarenessProtocol.encodeAwarenessUpdate(this.inner, clients);
    const sealed = bytesToBase64(await seal(await this.key, this.incidentId, update));
    if (this.destroyed) return;
    this.sealed = sealed;
    for (const outer of this.outers) outer.setLocalState(this.outerState(sealed));
  }

  private outerState(sealed: string): OuterState {
    return { sealed, client: this.inner.clientID };
  }

  private async take(outer: Awareness, outerClient: number): Promise<void> {
    if (outerClient === outer.clientID) return;
    const state = outer.getStates().get(outerClient) as Partial<OuterState> | undefined;
    const bytes = typeof state?.sealed === 'string' ? base64ToBytes(state.sealed) : null;
    if (!bytes || typeof state?.client !== 'number' || state.client === this.inner.clientID) return;
    this.onRelay.add(state.client);
    const update = await unseal(await this.key, this.incidentId, bytes);
    if (!update || this.destroyed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.inner, update, RELAY_PRESENCE);
    } catch (error) {
      console.warn('Command Post: presence from a relay could not be read', error);
    }
  }
}
