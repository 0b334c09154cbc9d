/**
 * Brings catalog rows written by an older Command Post up to date: the list
 * sorts and filters by what a row holds (phase, postmortem owner and due
 * date…), and a row from before those existed would otherwise show blanks
 * until its incident happened to be changed. Each such incident is opened
 * in turn, as the incident view opens it (so a signed incident's summary
 * folds only the entries its members signed), and its row rewritten.
 *
 * One at a time and in idle time: it runs once per upgrade, in the
 * background, and never competes with the incident a responder opens.
 */
import { LIST_SUMMARY_VERSION } from '../../shared/views/list-summary';
import type { CommandPostDb } from './db';
import type { IncidentSessions } from './sessions';

export async function refreshStaleSummaries(db: CommandPostDb, sessions: IncidentSessions, idle: () => Promise<void>): Promise<number> {
  const stale = (await db.incidents.toArray()).filter((row) => row.summaryVersion !== LIST_SUMMARY_VERSION).map((row) => row.id);
  let refreshed = 0;
  for (const id of stale) {
    await idle();
    const handle = sessions.acquire(id);
    try {
      const session = await handle.ready;
      await session.persistence.refreshCatalog();
      refreshed++;
    } catch {
      // A damaged incident says so when it is opened; its row keeps what it had.
    } finally {
      handle.release();
    }
  }
  return refreshed;
}
