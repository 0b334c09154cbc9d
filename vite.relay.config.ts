import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `npm run relay`: the relay from src/main/relay, built as a plain Node
// program (out/relay/cli.js). Its libraries stay runtime dependencies, loaded
// from node_modules rather than bundled, so the relay and y-protocols share
// the one copy of yjs installed.
const external = ['ws', 'yjs', /^y-protocols(\/|$)/, /^lib0(\/|$)/, ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

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
