/**
 * The open incident as React sees it: the projection's snapshot and the
 * save state, pushed here by the session (never pulled by components), plus
 * the catalog. Components call the actions below, which run the domain's
 * commands; they never write the doc.
 */
import { liveQuery } from 'dexie';
import { create } from 'zustand';
import {
  acceptHandover,
  acknowledgeTask,
  addObjective,
  announceChange,
  assignTask,
  closeObjective,
  decide,
  extendTask,
  observeChange,
  startTimer,
  cancelTimer,
  setCadence,
  proposeDecision,
  reassignTask,
  recordObjection,
  setTaskStatus,
  addRole,
  assignRole,
  cancelHandover,
  changeSeverity,
  checkIn,
  checkInAgain,
  declareEnd,
  editEntry,
  logEvent,
  markLastKey,
  setKeyEntry,
  strikeEntry,
  markBriefed,
  moveRole,
  offerHandover,
  releaseResponder,
  removeRole,
  setRotation,
  tickChecklist,
  vacateRole,
  EMPTY_STATUS_DOC,
  EMPTY_POSTMORTEM_DOC,
  editStatusText,
  sendUpdate,
  setImpactSince,
  setStatusPhase,
  startStatusTextOver,
  type SendUpdateInput,
  type StatusPhase,
  type StatusTextEditInput,
  type StatusTextField,
  type AddRoleInput,
  type CheckInInput,
  type HandoverInput,
  type ChangeSeverityInput,
  type CommandContext,
  type DeclareEndInput,
  type DeclareInput,
  type IncidentSnapshot,
  type LogEventInput,
  type TaskOwner,
  type TaskStatus,
} from '../../shared/incident';
import { host } from '../host';
import type { CatalogEntry } from '../incidents/db';
import { db, sessions } from '../incidents';
import { exportIncident, importIncidentText, readIncidentFile, tallyPhrase } from '../incidents/exchange';
import type { SaveState } from '../incidents/persistence';
import { newId } from '../incidents/ids';
import { findDamagedIncidents } from '../incidents/scan';
import type { IncidentSession, SessionHandle } from '../incidents/sessions';
import { incidentNow } from '../incidents/clock';
import { useIdentity } from './identity';
import { addNotice } from './notices';
// The notices moved to a store of their own; the features that report through the incident store still import them from here.
export { addNotice, dismissNotice } from './notices';
import { resumeSync, stopSync } from './sync';
import { useUi, type Route } from './ui';

interface IncidentStoreState {
  catalog: readonly CatalogEntry[] | null;
  damagedIncidents: ReadonlySet<string>;
  openId: string | null;
  /**
   * 'preview': the stored first view (header and latest events) is shown
   * while the incident's doc loads; nothing can be changed yet.
   * 'waiting': nothing of it is here yet, but it is shared: its peers will send it.
   */
  status: 'idle' | 'loading' | 'preview' | 'ready' | 'waiting' | 'missing';
  /** While previewing: how many events the whole timeline holds. */
  previewTotal: number | null;
  snapshot: IncidentSnapshot | null;
  save: SaveState;
}

export const useIncidents = create<IncidentStoreState>(() => ({
  catalog: null,
  damagedIncidents: new Set(),
  openId: null,
  status: 'idle',
  previewTotal: null,
  snapshot: null,
  save: { status: 'idle' },
}));

/** Who acts, on the incident's clock: every command's context (the postmortem's actions use it too). */
export function commandContext(): CommandContext {
  return { actor: useIdentity.getState().name, now: incidentNow, newId };
}

// ---- the open incident -------------------------------------------------

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
      const preview: IncidentSnapshot = { incidentId: id, compatibility: 'ok', header: view.header, timeline: view.latest, amendments: view.amendments ?? new Map(), malformedEntries: 0, org: null, plan: null, checklist: new Map(), status: EMPTY_STATUS_DOC, postmortem: EMPTY_POSTMORTEM_DOC };
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
  current.unsubscribe = () => {
    offSnapshot();
    offSave();
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

// ---- actions -------------------------------------------------------------

export const incidentActions = {
  async declare(input: DeclareInput): Promise<string> {
    const id = await sessions.declare(input, commandContext());
    useUi.getState().navigate({ view: 'incident', id });
    return id;
  },
  /** `at` is when it happened (quick capture: the moment its key was pressed); now when absent. */
  log(input: LogEventInput) {
    return logEvent(openDoc(), input, commandContext());
  },
  changeSeverity(input: ChangeSeverityInput) {
    return changeSeverity(openDoc(), input, commandContext());
  },
  declareEnd(input: DeclareEndInput) {
    return declareEnd(openDoc(), input, commandContext());
  },
  // Amending the timeline (issue 6). Each throws CommandError with a message for the user.
  editEntry(input: { eventId: string; text: string }) {
    return editEntry(openDoc(), input, commandContext());
  },
  strikeEntry(input: { eventId: string; reason: string }) {
    return strikeEntry(openDoc(), input, commandContext());
  },
  setKey(input: { eventId: string; key: boolean }) {
    return setKeyEntry(openDoc(), input, commandContext());
  },
  /** Marks the newest entry this person logged by hand as a key event (a global hotkey calls this). */
  markLastKey() {
    return markLastKey(openDoc(), commandContext());
  },
  // The org chart (issue 4). Each throws CommandError with a message for the user.
  checkIn(input: CheckInInput) {
    return checkIn(openDoc(), input, commandContext());
  },
  checkInAgain(responderId: string) {
    return checkInAgain(openDoc(), responderId, commandContext());
  },
  markBriefed(responderId: string) {
    return markBriefed(openDoc(), responderId, commandContext());
  },
  addRole(input: AddRoleInput) {
    return addRole(openDoc(), input, commandContext());
  },
  assignRole(input: { roleId: string; responderId: string }) {
    return assignRole(openDoc(), input, commandContext());
  },
  moveRole(input: { roleId: string; parentId: string }) {
    return moveRole(openDoc(), input, commandContext());
  },
  vacateRole(roleId: string) {
    return vacateRole(openDoc(), roleId, commandContext());
  },
  removeRole(roleId: string) {
    return removeRole(openDoc(), roleId, commandContext());
  },
  offerHandover(input: HandoverInput) {
    return offerHandover(openDoc(), input, commandContext());
  },
  acceptHandover(handoverId: string) {
    return acceptHandover(openDoc(), handoverId, commandContext());
  },
  cancelHandover(handoverId: string) {
    return cancelHandover(openDoc(), handoverId, commandContext());
  },
  releaseResponder(responderId: string) {
    return releaseResponder(openDoc(), responderId, commandContext());
  },
  setRotation(minutes: number) {
    return setRotation(openDoc(), minutes, commandContext());
  },
  tickChecklist(input: { roleId: string; itemId: string; done: boolean }) {
    return tickChecklist(openDoc(), input, commandContext());
  },
  // The action plan (issue 5). Each throws CommandError with a message for the user.
  addObjective(text: string) {
    return addObjective(openDoc(), text, commandContext());
  },
  closeObjective(input: { objectiveId: string; outcome: 'met' | 'dropped' }) {
    return closeObjective(openDoc(), input, commandContext());
  },
  /** No owner chosen (null) goes to the domain as it is, which refuses it in its own words. */
  assignTask(input: { objectiveId: string; text: string; owner: TaskOwner | null; timeboxMinutes: number }) {
    return assignTask(openDoc(), input as Parameters<typeof assignTask>[1], commandContext());
  },
  acknowledgeTask(taskId: string) {
    return acknowledgeTask(openDoc(), taskId, commandContext());
  },
  setTaskStatus(input: { taskId: string; status: TaskStatus; note?: string }) {
    return setTaskStatus(openDoc(), input, commandContext());
  },
  extendTask(input: { taskId: string; minutes: number }) {
    return extendTask(openDoc(), input, commandContext());
  },
  reassignTask(input: { taskId: string; owner: TaskOwner | null; timeboxMinutes: number }) {
    return reassignTask(openDoc(), input as Parameters<typeof reassignTask>[1], commandContext());
  },
  proposeDecision(text: string) {
    return proposeDecision(openDoc(), text, commandContext());
  },
  recordObjection(input: { decisionId: string; text: string }) {
    return recordObjection(openDoc(), input, commandContext());
  },
  decide(input: { decisionId: string; outcome: 'adopted' | 'withdrawn'; note?: string }) {
    return decide(openDoc(), input, commandContext());
  },
  announceChange(text: string) {
    return announceChange(openDoc(), text, commandContext());
  },
  observeChange(input: { changeId: string; result: string; worked: boolean }) {
    return observeChange(openDoc(), input, commandContext());
  },
  startTimer(input: { label: string; minutes: number }) {
    return startTimer(openDoc(), input, commandContext());
  },
  cancelTimer(timerId: string) {
    return cancelTimer(openDoc(), timerId, commandContext());
  },
  setCadence(input: { statusMinutes: Record<string, number>; reviewMinutes: number }) {
    return setCadence(openDoc(), input, commandContext());
  },
  // The status document and stakeholder updates (issue 7). Each throws CommandError with a message for the user.
  editStatusText(input: StatusTextEditInput) {
    return editStatusText(openDoc(), input, commandContext());
  },
  startStatusTextOver(field: StatusTextField) {
    return startStatusTextOver(openDoc(), field, commandContext());
  },
  setStatusPhase(phase: StatusPhase) {
    return setStatusPhase(openDoc(), phase, commandContext());
  },
  setImpactSince(at: number | null) {
    return setImpactSince(openDoc(), at, commandContext());
  },
  sendUpdate(input: SendUpdateInput) {
    return sendUpdate(openDoc(), input, commandContext());
  },
  /**
   * Imports incident files one after the other and says what each did; a
   * refused file is reported by name and changes nothing.
   */
  async importFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      const read = await readIncidentFile(file);
      const outcome = read.ok ? await importIncidentText(sessions, read.text) : read;
      if (outcome.ok) addNotice('info', outcome.message);
      else addNotice('error', `Could not import ${file.name}: ${outcome.message}`);
    }
  },
  /** Exports the open incident as an incident file, through the host (a save dialog or a download). */
  async exportOpen(): Promise<void> {
    try {
      const file = exportIncident(openDoc(), useIdentity.getState().name, Date.now());
      const result = await host.saveFile(file);
      if (result === 'cancelled') return;
      const events = tallyPhrase(file.tally);
      addNotice(
        'info',
        host.kind === 'web'
          ? `Exported ${file.name} (${events}) as ${file.suggestedName} to your downloads.`
          : `Exported ${file.name} (${events}).`,
      );
    } catch (error) {
      addNotice('error', `The incident could not be exported: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};

// ---- start-up ------------------------------------------------------------

let started: Promise<void> | null = null;
/**
 * Connects the store to the database and the router. Idempotent. Resolves
 * once the incident the app starts on (if any) is loaded.
 */
export function startIncidentStore(): Promise<void> {
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
