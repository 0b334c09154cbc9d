/**
 * The startup benchmark's floor (bench/startup.mjs): an empty React page,
 * built by Vite with the app's own renderer config, showing one button as
 * the app's incident list shows its Declare button. Whatever the app loads,
 * runs and reads from disk before that button is there is what it adds.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Command Post</h1>
      <button type="button" className="primary">
        Declare incident
      </button>
    </main>
  </StrictMode>,
);
