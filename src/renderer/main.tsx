import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startIncidentStore } from './stores/incident';
import './app/styles.css';

/**
 * When the app starts on an incident (a reload, a restart), React mounts
 * once that incident is loaded rather than rendering a loading state first:
 * one render instead of two, and no rendering competing with the read.
 * A slow disk still gets the loading state after a moment.
 */
const STARTUP_WAIT_MS = 1_000;
await Promise.race([startIncidentStore(), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS))]);

performance.mark('react-mount-start');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
