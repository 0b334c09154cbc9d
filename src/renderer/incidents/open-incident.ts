/**
 * Which incident is open, and its session: opening one (its stored first
 * view at once, then the whole doc), closing it, following the route, and
 * the app's start-up. The session pushes its snapshot and save state into
 * the incident store (src/renderer/stores/incident.ts); sharing resumes
 * beside it (./sync/share.ts).
 */
import { liveQuery } from 'dexie';
import { EMPTY_POSTMORTEM_DOC, EMPTY_STATUS_DOC, type IncidentSnapshot } from '../../shared/incident';
import { Sequence } from '../../shared/sequence';
import { db, sessions } from '.';
import { findDamagedIncidents } from './scan';
import type { IncidentSession, SessionHandle } from './sessions';
import { followTrust } from './trust';
import { resumeSync, stopSync } from './sync/share';
import { useIncidents } from '../stores/incident';
import { addNotice } from '../stores/notices';
import { useUi, type Route } from '../stores/ui';

let active: { id: string; handle: SessionHandle; session: IncidentSession | null; unsubscribe: () => void } | null = null;

let paintWaiters: Array<() => void> = [];
/** The incident view calls this once its first view has been painted. */
export function firstViewPainted(): void {
  const waiters = paintWaiters;
  paintWaiters = [];
  for (const resolve of waiters) resolve();
}
/** Resolves when the incident view reports its first paint, or after a second at most. */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    paintWaiters.push(resolve);
    setTimeout(resolve, 1_000);
  });
}

/**
 * Opens an incident: first its stored view (header and latest events), painted
 * at once, then the whole doc, read meanwhile and applied once that view is
 * on screen. `onFirstView` runs as soon as there is something to show.
 */
async function show(id: string, onFirstView: () => void = () => {}): Promise<void> {
  if (active?.id === id) return onFirstView();
  hide();
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const handle = sessions.acquire(id, gate);
  const current = { id, handle, session: null as IncidentSession | null, unsubscribe: () => {} };
  active = current;
  useIncidents.setState({ openId: id, status: 'loading', previewTotal: null, snapshot: null, save: { status: 'idle' } });
  try {
    const view = await db.views.get(id).catch(() => undefined);
    if (view && active === current) {
      const preview: IncidentSnapshot = { incidentId: id, compatibility: 'ok', header: view.header, timeline: Sequence.from(view.latest), amendmentCount: 0, amendments: view.amendments ?? new Map(), malformedEntries: 0, withheld: [], org: null, plan: null, checklist: new Map(), status: EMPTY_STATUS_DOC, postmortem: EMPTY_POSTMORTEM_DOC };
      useIncidents.setState({ status: 'preview', previewTotal: view.total, snapshot: preview });
      onFirstView();
      await afterFirstPaint();
    }
  } finally {
    openGate();
  }
  let session: IncidentSession;
  try {
    session = await handle.ready;
  } catch (error) {
    if (active === current) useIncidents.setState({ status: 'missing' });
    addNotice('error', `The incident could not be opened: ${String(error)}`);
    onFirstView();
    return;
  }
  if (active !== current) return;
  current.session = session;
  // Opening it set its damaged records aside; the start-up scan's mark is stale now.
  useIncidents.setState((s) => {
    if (!s.damagedIncidents.has(id)) return {};
    const damagedIncidents = new Set(s.damagedIncidents);
    damagedIncidents.delete(id);
    return { damagedIncidents };
  });
  for (const problem of session.problems) addNotice(problem.recovered ? 'warning' : 'error', problem.message);
  const offSnapshot = session.projection.subscribe((snapshot) =>
    useIncidents.setState((s) => ({ snapshot, status: snapshot.header ? 'ready' : s.status })),
  );
  const offSave = session.persistence.subscribe((save) => useIncidents.setState({ save }));
  const offTrust = followTrust(session);
  current.unsubscribe = () => {
    offSnapshot();
    offSave();
    offTrust();
    stopSync();
  };
  // Nothing of it here yet: if this machine joined it, its peers will send it.
  const waiting = !session.projection.snapshot.header && (await db.shares.get(id)) !== undefined;
  if (active !== current) return;
  const snapshot = session.projection.snapshot;
  useIncidents.setState({
    status: snapshot.header ? 'ready' : waiting ? 'waiting' : 'missing',
    previewTotal: null,
    snapshot,
    save: session.persistence.saveState,
  });
  onFirstView();
  // Sharing resumes beside the first view, never before it.
  void resumeSync(session, { watching: useUi.getState().route.view === 'status' });
}

/** The open incident's session, for features that work on it (sharing). */
export function openSession(): IncidentSession | null {
  return active?.session ?? null;
}

function hide(): void {
  if (!active) return;
  active.unsubscribe();
  active.handle.release();
  active = null;
  useIncidents.setState({ openId: null, status: 'idle', previewTotal: null, snapshot: null, save: { status: 'idle' } });
}

function follow(route: Route, onFirstView?: () => void): Promise<void> {
  // The observer's status view opens the incident as the full view does, and only reads it.
  if (route.view === 'incident' || route.view === 'status') return show(route.id, onFirstView);
  hide();
  onFirstView?.();
  return Promise.resolve();
}

/** The open incident's doc, for the actions; throws when none is open. */
export function openDoc() {
  const doc = active?.session?.doc;
  if (!doc) throw new Error('No incident is open.');
  return doc;
}

let started: Promise<void> | null = null;
/**
 * Connects the store to the database and the router. Idempotent. Resolves
 * once the incident the app starts on (if any) is loaded.
 */
export function startIncidents(): Promise<void> {
  if (started) return started;
  let firstView = () => {};
  const firstViewShown = new Promise<void>((resolve) => (firstView = resolve));
  const opening = follow(useUi.getState().route, firstView);
  // The catalog waits until an incident being opened at start-up is on
  // screen: at 3 a.m. the incident comes first, the list second.
  void opening.finally(() =>
    liveQuery(() => db.incidents.toArray()).subscribe({
      next: (catalog) => useIncidents.setState({ catalog }),
      error: (error) => addNotice('error', `The incident list could not be read: ${String(error)}`),
    }),
  );
  useUi.subscribe((state, previous) => {
    if (state.route !== previous.route) void follow(state.route);
  });
  // Report damaged records of every incident, not only the open one.
  const scan = () =>
    findDamagedIncidents(db)
      .then((damagedIncidents) => {
        useIncidents.setState({ damagedIncidents });
        if (damagedIncidents.size) {
          addNotice(
            'error',
            `Stored data of ${damagedIncidents.size === 1 ? 'one incident is' : `${damagedIncidents.size} incidents are`} damaged (marked in the list). Open it to recover what can be read; the damaged part is kept aside, not deleted.`,
          );
        }
      })
      .catch((error) => addNotice('error', `The stored incidents could not be checked: ${String(error)}`));
  // Only once the incident being opened is on screen, so the scan never slows that down.
  void opening.finally(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => void scan(), { timeout: 2000 });
    else setTimeout(() => void scan(), 200);
  });
  // React mounts as soon as there is a first view, not when the doc is loaded.
  started = Promise.race([firstViewShown, opening.catch(() => {})]);
  return started;
}
