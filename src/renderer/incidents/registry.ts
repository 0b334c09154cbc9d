import { db } from '.';
import { IncidentSessions } from './sessions';
import { workerEncoder } from './snapshots';
import { addNotice } from '../stores/notices';

/** The app's one session registry: the incidents open in this window, over the app's database. */
export const sessions = new IncidentSessions(db, {
  report: (message) => addNotice('error', message),
  // Loaded when first needed: the host reads window, which tests of the database have none of.
  machine: async () => (await import('./machine')).machineName(),
  // Compaction encodes the whole document: in a worker, so a capture never waits on it.
  snapshotEncoder: () => workerEncoder(() => new Worker(new URL('./snapshot-worker.ts', import.meta.url), { type: 'module', name: 'snapshots' })),
});
