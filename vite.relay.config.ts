import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `npm run relay`: the relay from src/main/relay, built as a plain Node
// program (out/relay/cli.js). Its libraries stay runtime dependencies, loaded
// from node_modules rather than bundled, so Hocuspocus, y-protocols and the
// relay share the one copy of yjs installed, and the native SQLite module is
// loaded as built for this Node.
const external = [
  'ws',
  'yjs',
  'ioredis',
  'pg',
  'better-sqlite3',
  /^@hocuspocus\//,
  /^y-protocols(\/|$)/,
  /^lib0(\/|$)/,
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

export default defineConfig({
  publicDir: false,
  build: {
    ssr: resolve('src/main/relay/cli.ts'),
    outDir: 'out/relay',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'cli.js' },
    },
  },
});
