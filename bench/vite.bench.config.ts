/**
 * Builds the bench pages (bench/pages/*.html) into out/bench/bench/, next to
 * the app that bench/run.mjs builds into out/bench/ with the web host's own
 * config. One origin serves both, so they share one IndexedDB, and the app
 * under test is bundled exactly as the web host ships it (its start-up chunk
 * and the rest: vite.renderer.config.ts), not split into chunks it would
 * share with the bench pages.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from '../vite.renderer.config.ts';

const base = rendererConfig('out/bench/bench');

export default defineConfig({
  ...base,
  root: resolve('bench/pages'),
  publicDir: false,
  build: {
    ...base.build,
    // The app is already in out/bench; keep it.
    emptyOutDir: false,
    rollupOptions: {
      input: {
        seed: resolve('bench/pages/seed.html'),
        'seed-catalog': resolve('bench/pages/seed-catalog.html'),
        floor: resolve('bench/pages/floor.html'),
        sync: resolve('bench/pages/sync.html'),
        'capture-floor': resolve('bench/pages/capture-floor.html'),
        'empty-react': resolve('bench/pages/empty-react.html'),
      },
    },
  },
});
