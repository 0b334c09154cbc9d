import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/tokens.css';
import './app/styles.css';
import { loadIdentity } from './incidents/identity-store';
import { startIncidents } from './incidents/startup';
import { startTheme } from './stores/theme';
// Last, so the small-screen layout overrides every feature's stylesheet.
import './app/small-screens.css';

/**
 * When the app starts on an incident (a reload, a restart), React mounts
 * once that incident is loaded rather than rendering a loading state first:
 * one render instead of two, and no rendering competing with the read.
 * A slow disk still gets the loading state after a moment.
 *
 * Who is at the keyboard (one row of the same database) is asked for first,
 * so an incident opened at start-up usually finds the name there and its
 * entry line does not ask for one that localStorage lost in a crash. Not
 * awaited: the incident list mounts at once, and keys pressed on it count.
 */
const STARTUP_WAIT_MS = 1_000;
startTheme();
void loadIdentity();
await Promise.race([startIncidents(), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS))]);

performance.mark('react-mount-start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
