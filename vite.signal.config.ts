import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The Node programs of the web mode, where there is no Electron main process:
// `npm run signal` (the signaling server from src/main/signaling, out/signal/cli.js),
// `npm run web` (the web app served with that server alongside,
// out/signal/web-host.js), and `npm run verify` (the record verifier,
// out/signal/verify.js). ws and Vite stay runtime dependencies, loaded from
// node_modules rather than bundled.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'out/signal',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { cli: resolve('src/main/signaling/cli.ts'), 'web-host': resolve('src/main/web-host/cli.ts'), verify: resolve('src/main/verify/cli.ts') },
      external: ['ws', 'vite', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
