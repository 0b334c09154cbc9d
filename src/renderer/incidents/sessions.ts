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
import { mirrorLocally } from './local-mirror';

export interface IncidentSession {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly persistence: IncidentPersistence;
  readonly projection: IncidentProjection;
  readonly problems: readonly LoadProblem[];
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

  constructor(private readonly db: CommandPostDb) {}

  /**
   * Opens (or reuses) an incident's session. Call release() when done.
   * `gate` holds back applying the stored doc (see IncidentPersistence.load).
   */
  acquire(id: string, gate?: Promise<unknown>): SessionHandle {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { refs: 0, ready: this.load(id, gate), closeTimer: null };
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
   * leaves no incident behind.
   */
  async declare(input: DeclareInput, ctx: CommandContext, observations: readonly Observation[] = []): Promise<string> {
    if (observations.length) checkObservations({ observations: [...observations] }, ctx.now(), ctx.now());
    const id = ctx.newId();
    const handle = this.acquire(id);
    try {
      const session = await handle.ready;
      declareIncident(session.doc, input, ctx);
      // The pad's notes are what this machine's person saw: theirs, even when declaring for the IC.
      if (observations.length) logObservations(session.doc, { observations: [...observations] }, { ...ctx, onBehalfOf: null });
      await session.persistence.flushed();
      if (session.persistence.saveState.status === 'failed') throw new Error(session.persistence.saveState.message);
      return id;
    } finally {
      handle.release();
    }
  }

  private async load(id: string, gate?: Promise<unknown>): Promise<IncidentSession> {
    performance.mark('incident-open-start');
    const doc = createIncidentDoc(id);
    const persistence = new IncidentPersistence(this.db, doc);
    const problems = await persistence.load(gate);
    // After the stored state: the other windows are asked only for what this one lacks.
    mirrorLocally(doc, this.db.name);
    const projection = projectionOf(doc);
    performance.mark('incident-loaded');
    return { id, doc, persistence, projection, problems };
  }

  private close(id: string, entry: Entry): void {
    if (entry.refs > 0 || this.entries.get(id) !== entry) return;
    this.entries.delete(id);
    void entry.ready.then(async (session) => {
      // Never drop a doc with changes still on their way to disk.
      await session.persistence.flushed();
      session.persistence.destroy();
      session.doc.destroy();
    });
  }
}
