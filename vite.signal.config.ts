import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `npm run signal`: the signaling server from src/main/signaling, built as a
// plain Node program (out/signal/cli.js) for the web mode, where there is no
// Electron main process to run it. ws stays a runtime dependency, loaded from
// node_modules rather than bundled.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: resolve('src/main/signaling/cli.ts'),
    outDir: 'out/signal',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: ['ws', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: 'es', entryFileNames: 'cli.js' },
    },
  },
});
