/**
 * The app's start-up on the incidents: the catalog into the store, the
 * route followed (opening and closing incidents), and the check of every
 * stored incident for damage.
 *
 * Opening an incident needs the incident machinery (Yjs, sync, trust:
 * ./open-incident.ts), which the incident list does not: it is loaded when
 * the first incident is opened, or once the first view is on screen
 * (app/prefetch.ts), so a new or empty profile starts without it.
 */
import { database, watchCatalog, watchInvitedNames } from './database';
import { useIncidents } from '../stores/incident';
import { addNotice } from '../stores/notices';
import { useUi, type Route } from '../stores/ui';
import type { EarlyRead } from './early-read';

type OpenIncidentModule = typeof import('./open-incident');

let loading: Promise<OpenIncidentModule> | null = null;
let loaded: OpenIncidentModule | null = null;

/** The open incident's module, loaded once (a module that failed to load stays failed until the page is reloaded). */
export function loadOpenIncident(): Promise<OpenIncidentModule> {
  loading ??= import('./open-incident').then((module) => (loaded = module));
  return loading;
}

/** The routes that show an incident: its own view, the observer's status, its printed forms. */
function opensIncident(route: Route): route is Extract<Route, { id: string }> {
  return route.view === 'incident' || route.view === 'status' || route.view === 'forms';
}

/** Bumped by every route followed, so an incident whose module arrives after the route moved on is not opened. */
let turn = 0;

/**
 * The start-up's own read of the incident it starts on (./early-read.ts),
 * begun before the incident machinery's code is loaded. Only the first
 * route followed has one: later opens read afresh.
 */
function readAtStartup(route: Route): Promise<EarlyRead | undefined> | undefined {
  if (!opensIncident(route)) return undefined;
  // A read that failed is done again by opening, which says why if it fails again.
  return Promise.all([database(), import('./early-read')])
    .then(([db, { readEarly }]) => readEarly(db, route.id))
    .catch(() => undefined);
}

async function follow(route: Route, onFirstView: () => void = () => {}, early?: Promise<EarlyRead | undefined>): Promise<void> {
  const mine = ++turn;
  // The observer's status view and the printed forms open the incident as the full view does, and only read it.
  if (!opensIncident(route)) {
    if (loaded) loaded.closeIncident();
    // Left while the module was still on its way: nothing was opened, only marked as opening.
    else useIncidents.setState({ openId: null, status: 'idle' });
    onFirstView();
    return;
  }
  if (loaded) return loaded.openIncident(route.id, onFirstView);
  useIncidents.setState({ openId: route.id, status: 'loading', previewTotal: null, snapshot: null });
  let incidents: OpenIncidentModule;
  let read: EarlyRead | undefined;
  try {
    [incidents, read] = await Promise.all([loadOpenIncident(), early]);
  } catch (error) {
    // Its view says so too, and offers to reload (app/DeferredParts.tsx).
    if (mine === turn) addNotice('error', `The incident could not be opened: part of Command Post did not load (${String(error)}).`);
    onFirstView();
    return;
  }
  if (mine !== turn) {
    read?.applied?.doc.destroy();
    return onFirstView();
  }
  return incidents.openIncident(route.id, onFirstView, read);
}

const idle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });

/** Rows and search documents an older Command Post wrote are rewritten in the background (catalog-refresh.ts); the machinery loads only if there are any. */
async function refreshCatalog(): Promise<void> {
  try {
    const [db, refresh] = await Promise.all([database(), import('./catalog-refresh')]);
    if (!(await refresh.staleIncidents(db)).length) return;
    const { sessions } = await import('./registry');
    await refresh.refreshStaleSummaries(db, sessions, idle);
  } catch (error) {
    addNotice('error', `The incident list could not be brought up to date: ${String(error)}. Opening an incident updates its row.`);
  }
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
  const route = useUi.getState().route;
  const opening = follow(route, firstView, readAtStartup(route));
  // The catalog waits until an incident being opened at start-up is on
  // screen: at 3 a.m. the incident comes first, the list second.
  const catalogFailed = (error: unknown) => addNotice('error', `The incident list could not be read: ${String(error)}`);
  void opening.finally(() => watchCatalog(({ catalog, shared }) => useIncidents.setState({ catalog, shared }), catalogFailed).catch(catalogFailed));
  // The names invites gave incidents joined here: a codename proposed here avoids them too.
  void opening.finally(() => watchInvitedNames((invitedNames) => useIncidents.setState({ invitedNames }), catalogFailed).catch(catalogFailed));
  useUi.subscribe((state, previous) => {
    if (state.route !== previous.route) void follow(state.route);
  });
  // Report damaged records of every incident, not only the open one.
  const scan = () =>
    Promise.all([import('./scan'), database()])
      .then(([{ findDamagedIncidents }, db]) => findDamagedIncidents(db))
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
  void opening.finally(() => idle().then(scan).then(refreshCatalog));
  // React mounts as soon as there is a first view, not when the doc is loaded.
  started = Promise.race([firstViewShown, opening.catch(() => {})]);
  return started;
}
