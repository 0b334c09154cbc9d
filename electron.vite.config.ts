import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config.ts';

// One renderer configuration serves the desktop app (here) and the web host
// (vite.web.config.ts), so the two cannot drift apart.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything
      // and emit CommonJS, since sandboxed preloads cannot be ES modules.
      externalizeDeps: false,
      // The two preloads share code (the contract, the bridge); without this
      // it would go to a shared chunk each one require()s, which a sandboxed
      // preload cannot load. Each entry is bundled whole instead.
      isolatedEntries: true,
      rollupOptions: {
        // The main window's preload, and the quick-capture window's narrower one.
        input: { index: resolve('src/preload/index.ts'), capture: resolve('src/preload/capture.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig('out/renderer'),
});
