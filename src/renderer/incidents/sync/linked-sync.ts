/**
 * While an umbrella response is open here, the incidents linked under it
 * that this machine shares stay in sync in the background: their own ICs
 * run them on other command posts, and the umbrella's status document shows
 * their severity, phase and next update from their catalog rows, which
 * their sessions rewrite as changes arrive. Each is synced as the open
 * incident is (its share, its trust guard), but without presence shown or
 * the clock taken from it: this window only watches them.
 */
import type { ShareEntry } from '../db';
import { db } from '..';
import type { IncidentSession, IncidentSessions, SessionHandle } from '../sessions';
import { useIdentity } from '../identity-store';
import { IncidentSync } from './connection';
import { SyncGuard } from '../../../shared/trust/guard';

interface Followed {
  readonly handle: SessionHandle;
  sync: IncidentSync | null;
}

function watch(session: IncidentSession, share: ShareEntry): IncidentSync {
  const guard = session.trust ? new SyncGuard({ doc: session.doc, sealer: session.sealer, gate: session.trust, ownStatements: () => share.observerAdmission ?? [], onRefused: () => undefined }) : null;
  return new IncidentSync(session.doc, share, { me: useIdentity.getState().name || 'Someone', watching: true, guard });
}

/** Follows `umbrella`'s linked incidents until the returned function is called. */
export function followLinkedIncidents(umbrella: IncidentSession, sessions: IncidentSessions): () => void {
  const followed = new Map<string, Followed>();
  let stopped = false;
  const drop = (id: string) => {
    const f = followed.get(id);
    followed.delete(id);
    f?.sync?.destroy();
    f?.handle.release();
  };
  const update = async () => {
    const ids = new Set((umbrella.projection.snapshot.header?.children ?? []).map((c) => c.id));
    for (const id of [...followed.keys()]) if (!ids.has(id)) drop(id);
    for (const id of ids) {
      if (followed.has(id)) continue;
      const share = await db.shares.get(id);
      if (!share || stopped || followed.has(id)) continue;
      const entry: Followed = { handle: sessions.acquire(id), sync: null };
      followed.set(id, entry);
      const session = await entry.handle.ready;
      if (followed.get(id) === entry) entry.sync = watch(session, share);
    }
  };
  void update().catch(() => undefined);
  const off = umbrella.projection.subscribe(() => void update().catch(() => undefined));
  return () => {
    stopped = true;
    off();
    for (const id of [...followed.keys()]) drop(id);
  };
}
