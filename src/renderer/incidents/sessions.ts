/**
 * Open incidents, outside React. A session is one incident's doc with its
 * persistence and live projection. Sessions are reference-counted and
 * released a moment after the last user lets go, so React StrictMode's
 * mount-unmount-mount (and quick back-and-forth navigation) reuses the same
 * session instead of opening the database twice.
 */
import type * as Y from 'yjs';
import {
  checkObservations,
  CommandError,
  createIncidentDoc,
  declareIncident,
  logObservations,
  type Observation,
  projectionOf,
  type CommandContext,
  type DeclareInput,
  type IncidentProjection,
} from '../../shared/incident';
import type { CommandPostDb } from './db';
import { IncidentPersistence, type LoadProblem } from './persistence';
import type { SnapshotEncoder } from './snapshots';
import type { EarlyRead } from './early-read';
import { mirrorLocally } from './local-mirror';
import { openSigned, type TrustGate } from '../../shared/trust/gate';
import { incidentIdFor, isSignedIncidentId, newNonce } from '../../shared/trust/records';
import { Sealer } from '../../shared/trust/sealer';
import type { Signer } from '../../shared/trust/signatures';
import { machineSigner } from './signing-key';
import { keepCheckpoint, readCheckpoint, type CheckpointKeeper } from './checkpoints';
import { startScenario } from '../../shared/incident/drill-commands';
import { checkScenario, type Scenario } from '../../shared/incident/drill-scenario';
import type { DrillSpeed } from '../../shared/incident/drill-schema';
import { incidentNow } from './clock';
import { SearchDocsWriter } from './search-docs-writer';
import { readDefaultCommsPlan } from './default-comms-plan';
import { applyCommsPlan } from '../../shared/incident/comms-commands';

export interface IncidentSession {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly persistence: IncidentPersistence;
  readonly projection: IncidentProjection;
  readonly problems: readonly LoadProblem[];
  /** Signs what this machine writes; null on an incident declared before signing, or where this browser cannot sign. */
  readonly sealer: Sealer | null;
  /** Decides members and which entries stand; null on an incident declared before signing. */
  readonly trust: TrustGate | null;
  /** Keeps what the gate verified beside the incident; null with no gate. */
  readonly checkpoint: CheckpointKeeper | null;
  /** Keeps what search across incidents finds of it up to date. */
  readonly search: SearchDocsWriter;
}

export interface SessionOptions {
  /** Tells the user something about signing went wrong (the app shows an error notice). */
  readonly report: (message: string) => void;
  /** This machine in the members list ("Linux · desktop app"). */
  readonly machine: () => Promise<string>;
  /** Encodes an open incident's snapshots (persistence.ts); on the main thread unless given. */
  readonly snapshotEncoder?: () => SnapshotEncoder;
}

interface Entry {
  refs: number;
  ready: Promise<IncidentSession>;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

export interface SessionHandle {
  readonly ready: Promise<IncidentSession>;
  release(): void;
}

const RELEASE_DELAY_MS = 2_000;

export class IncidentSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: CommandPostDb,
    private readonly options: SessionOptions = { report: (message) => console.error(message), machine: async () => 'this machine' },
  ) {}

  /**
   * Opens (or reuses) an incident's session. Call release() when done.
   * `gate` holds back applying the stored doc, and `early` is what was read
   * of it at start-up (see IncidentPersistence.load); a session already open
   * has no use for either.
   */
  acquire(id: string, gate?: Promise<unknown>, early?: EarlyRead): SessionHandle {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { refs: 0, ready: this.load(id, gate, early), closeTimer: null };
      this.entries.set(id, entry);
    }
    if (entry.closeTimer) clearTimeout(entry.closeTimer);
    entry.closeTimer = null;
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      ready: held.ready,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0) held.closeTimer = setTimeout(() => this.close(id, held), RELEASE_DELAY_MS);
      },
    };
  }

  /**
   * Declares a new incident in a new doc, with the observations noted before
   * it as its first entries, and waits until all of it is stored. The
   * observations are checked before anything is declared, so a refusal
   * leaves no incident behind; so is a drill's scenario, which the drill
   * then plays from its declaration.
   */
  async declare(input: DeclareInput, ctx: CommandContext, observations: readonly Observation[] = [], play: { scenario: Scenario; speed: DrillSpeed } | null = null): Promise<string> {
    if (observations.length) checkObservations({ observations: [...observations] }, ctx.now(), ctx.now());
    if (play) {
      const checked = checkScenario(play.scenario);
      if (!checked.ok) throw new CommandError(checked.message);
      if (!input.drill) throw new CommandError('A scenario plays only in a drill.');
    }
    // A signed incident's id is derived from its first member's key (shared/trust/records.ts).
    const signer = await this.signer();
    const nonce = newNonce((bytes) => crypto.getRandomValues(bytes));
    const id = signer ? incidentIdFor(signer.key, nonce) : ctx.newId();
    const handle = this.acquire(id);
    try {
      const session = await handle.ready;
      if (session.sealer) await session.sealer.state({ type: 'genesis', nonce, name: ctx.actor.trim(), machine: await this.options.machine() });
      declareIncident(session.doc, input, ctx);
      await this.applyDefaultCommsPlan(session.doc, ctx);
      if (play) startScenario(session.doc, play, ctx);
      // The pad's notes are what this machine's person saw: theirs, even when declaring for the IC.
      if (observations.length) logObservations(session.doc, { observations: [...observations] }, { ...ctx, onBehalfOf: null });
      await session.sealer?.settled();
      await session.persistence.flushed();
      if (session.persistence.saveState.status === 'failed') throw new Error(session.persistence.saveState.message);
      return id;
    } finally {
      handle.release();
    }
  }

  /**
   * This machine's default communications plan, applied to the incident
   * just declared (by its IC, who holds Comms until it is delegated). A
   * plan that cannot be read or applied is reported and left out: the
   * declaration stands without it.
   */
  private async applyDefaultCommsPlan(doc: Y.Doc, ctx: CommandContext): Promise<void> {
    try {
      const plan = await readDefaultCommsPlan(this.db);
      if (!plan) return;
      if (!plan.ok) return this.options.report(plan.problem);
      applyCommsPlan(doc, { channels: [...plan.channels] }, ctx);
    } catch (error) {
      this.options.report(`This machine's default communications plan was not applied (${error instanceof Error ? error.message : String(error)}); add the channels in the status document.`);
    }
  }

  /** This machine's signer, or null where this browser cannot sign (the user is told why). */
  private async signer(): Promise<Signer | null> {
    try {
      return await machineSigner(this.db);
    } catch (error) {
      this.options.report(`This machine cannot sign entries (${error instanceof Error ? error.message : String(error)}). Incidents declared here are not signed, and signed ones open read-only.`);
      return null;
    }
  }

  private async load(id: string, gate?: Promise<unknown>, early?: EarlyRead): Promise<IncidentSession> {
    if (!early) performance.mark('incident-open-start');
    const doc = early?.applied?.doc ?? createIncidentDoc(id);
    const persistence = new IncidentPersistence(this.db, doc, { encoder: this.options.snapshotEncoder?.() });
    const signed = isSignedIncidentId(id);
    // Read beside the records: what this machine verified of them before, and its signing key.
    const checkpoint = signed ? readCheckpoint(this.db, id) : Promise.resolve(null);
    const signing = signed ? this.signer() : Promise.resolve(null);
    const problems = await persistence.load(gate, early);
    // After the stored state: the other windows are asked only for what this one lacks.
    mirrorLocally(doc, this.db.name);
    const signer = await signing;
    const { sealer, trust } = openSigned(doc, signer, { now: incidentNow, onError: this.options.report }, await checkpoint);
    if (sealer) persistence.settleFirst = () => sealer.settled();
    // Checked before the projection is made: its first snapshot folds what the gate admits, once.
    if (trust) await trust.checked();
    const projection = projectionOf(doc);
    persistence.followProjection(projection);
    const keeper = trust && keepCheckpoint(this.db, trust);
    const search = new SearchDocsWriter(this.db, projection);
    performance.mark('incident-loaded');
    return { id, doc, persistence, projection, problems, sealer, trust, checkpoint: keeper, search };
  }

  private close(id: string, entry: Entry): void {
    if (entry.refs > 0 || this.entries.get(id) !== entry) return;
    this.entries.delete(id);
    void entry.ready.then(async (session) => {
      // Never drop a doc with changes still on their way to disk.
      await session.persistence.flushed();
      await session.checkpoint?.close();
      await session.search.stop();
      session.persistence.destroy();
      session.sealer?.stop();
      session.trust?.stop();
      session.doc.destroy();
    });
  }
}
