/**
 * Brings catalog rows and search documents written by an older Command Post
 * up to date: the list sorts and filters by what a row holds (phase,
 * postmortem owner and due date…), and search finds only what an incident
 * has written for it; either would otherwise lack an incident until it
 * happened to be opened. Each such incident is opened
 * in turn, as the incident view opens it (so a signed incident's summary
 * folds only the entries its members signed), and its row rewritten.
 *
 * One at a time and in idle time: it runs once per upgrade, in the
 * background, and never competes with the incident a responder opens.
 */
import { LIST_SUMMARY_VERSION } from '../../shared/views/list-summary';
import { SEARCH_DOCS_VERSION } from '../../shared/report/search-docs';
import type { CommandPostDb } from './db';
import type { IncidentSessions } from './sessions';

/** Incidents whose catalog row or search documents an older Command Post wrote (or none has written yet). */
export async function staleIncidents(db: CommandPostDb): Promise<string[]> {
  const [rows, states] = await Promise.all([db.incidents.toArray(), db.searchState.toArray()]);
  const searchable = new Set(states.filter((s) => s.version === SEARCH_DOCS_VERSION).map((s) => s.incidentId));
  return rows.filter((row) => row.summaryVersion !== LIST_SUMMARY_VERSION || !searchable.has(row.id)).map((row) => row.id);
}

export async function refreshStaleSummaries(db: CommandPostDb, sessions: IncidentSessions, idle: () => Promise<void>): Promise<number> {
  const stale = await staleIncidents(db);
  let refreshed = 0;
  for (const id of stale) {
    await idle();
    const handle = sessions.acquire(id);
    try {
      const session = await handle.ready;
      // Opening it wrote its search documents if they were out of date.
      await Promise.all([session.persistence.refreshCatalog(), session.search.ready]);
      refreshed++;
    } catch {
      // A damaged incident says so when it is opened; its row keeps what it had.
    } finally {
      handle.release();
    }
  }
  return refreshed;
}
