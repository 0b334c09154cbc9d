/**
 * Which incident is open, and its session: opening one (its stored first
 * view at once, then the whole doc) and closing it. The session pushes its
 * snapshot and save state into the incident store
 * (src/renderer/stores/incident.ts); sharing resumes beside it
 * (./sync/share.ts); the domain's commands act on it (./commands.ts).
 *
 * This module brings the incident machinery (Yjs, sync, trust), so the app
 * loads it only when an incident is opened (./startup.ts follows the route).
 */
import { EMPTY_COMMS_PLAN, EMPTY_POSTMORTEM_DOC, EMPTY_STATUS_DOC, type IncidentSnapshot } from '../../shared/incident';
import { Sequence } from '../../shared/sequence';
import { db } from '.';
import { sessions } from './registry';
import type { EarlyRead } from './early-read';
import type { IncidentSession, SessionHandle } from './sessions';
import { followTrust } from './trust';
import { resumeSync, stopSync } from './sync/share';
import { stopLanShare } from './sync/lan-share';
import { followLinkedIncidents } from './sync/linked-sync';
import { followDrill } from './drill-player';
import { commandContext, provideCommands } from './commands';
import { bindToOpenIncident } from './bound-commands';
import { useIncidents } from '../stores/incident';
import { addNotice } from '../stores/notices';
import { useUi } from '../stores/ui';

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
 * `early` is the start-up's read of this incident (./early-read.ts): when
 * it applied the doc already, the whole incident is the first view.
 */
export async function openIncident(id: string, onFirstView: () => void = () => {}, early?: EarlyRead): Promise<void> {
  if (active?.id === id) return onFirstView();
  closeIncident();
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const handle = sessions.acquire(id, gate, early);
  const current = { id, handle, session: null as IncidentSession | null, unsubscribe: () => {} };
  active = current;
  useIncidents.setState({ openId: id, status: 'loading', previewTotal: null, snapshot: null, save: { status: 'idle' } });
  try {
    const view = early ? early.view : await db.views.get(id).catch(() => undefined);
    if (view && active === current) {
      const preview: IncidentSnapshot = { incidentId: id, compatibility: 'ok', header: view.header, timeline: Sequence.from(view.latest), amendmentCount: 0, amendments: view.amendments ?? new Map(), malformedEntries: 0, withheld: [], org: null, plan: null, checklist: new Map(), status: EMPTY_STATUS_DOC, postmortem: EMPTY_POSTMORTEM_DOC, comms: EMPTY_COMMS_PLAN, refusedRenames: new Map() };
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
  // An umbrella keeps the incidents under it in sync while it is open (the status document reads them).
  const offLinked = followLinkedIncidents(session, sessions);
  const offDrill = followDrill(session, commandContext);
  current.unsubscribe = () => {
    offDrill();
    offSnapshot();
    offSave();
    offTrust();
    offLinked();
    stopSync();
    // An incident is announced on this network only while it is open here.
    stopLanShare();
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

/** Closes the open incident, if any: its session is released and the store shows none. */
export function closeIncident(): void {
  if (!active) return;
  active.unsubscribe();
  active.handle.release();
  active = null;
  useIncidents.setState({ openId: null, status: 'idle', previewTotal: null, snapshot: null, save: { status: 'idle' } });
}

/** The open incident's doc, for the actions; throws when none is open. */
export function openDoc() {
  const doc = active?.session?.doc;
  if (!doc) throw new Error('No incident is open.');
  return doc;
}

provideCommands(bindToOpenIncident(openDoc));
