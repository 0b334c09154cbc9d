// First, so every stylesheet is in the start-up bundle, in cascade order.
import './app/stylesheets';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { IncidentView, StatusObserver, prefetchParts } from './app/parts';
import { loadIdentity } from './incidents/identity-store';
import { startIncidents } from './incidents/startup';
import { useIncidents } from './stores/incident';
import { useUi } from './stores/ui';
import { startTheme } from './stores/theme';

/**
 * When the app starts on an incident (a reload, a restart), React mounts
 * once that incident is loaded rather than rendering a loading state first:
 * one render instead of two, and no rendering competing with the read. Its
 * view's code is fetched meanwhile, beside the incident machinery's. A slow
 * disk still gets the loading state after a moment.
 *
 * On the incident list (every start of a new or empty profile) React mounts
 * at once, with only what the list needs; the rest is loaded once the list
 * is on screen (app/parts.ts).
 *
 * Who is at the keyboard (one row of the same database) is asked for first,
 * so an incident opened at start-up usually finds the name there and its
 * entry line does not ask for one that localStorage lost in a crash. Not
 * awaited: the incident list mounts at once, and keys pressed on it count.
 */
const STARTUP_WAIT_MS = 1_000;
startTheme();
void loadIdentity();
const route = useUi.getState().route;
const startView = route.view === 'incident' ? IncidentView : route.view === 'status' ? StatusObserver : null;
const starting = startIncidents();
if (startView) {
  const viewLoaded = startView.preload().catch(() => {});
  await Promise.race([Promise.all([starting, viewLoaded]), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS))]);
}

performance.mark('react-mount-start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The rest of the app once the first view is on screen: the list's rows, or the incident opened at start-up.
if (startView || useIncidents.getState().catalog) prefetchParts();
else {
  const off = useIncidents.subscribe((state) => {
    if (!state.catalog) return;
    off();
    requestAnimationFrame(() => setTimeout(prefetchParts, 0));
  });
}
