import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY as HEADER_POLICY } from './src/main/security/csp';

/**
 * The Content-Security-Policy of the built renderer, as a <meta> tag: the
 * policy the desktop app also sends as a header (src/main/security/csp.ts),
 * minus frame-ancestors, which browsers ignore in a <meta> policy. It is
 * injected only into production builds because Vite's dev server needs
 * inline scripts for hot reload.
 */
export const CONTENT_SECURITY_POLICY = HEADER_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'command-post-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
      return html.replace('<head>', `<head>\n    ${meta}`);
    },
  };
}

function appVersion(): string {
  return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The pages (their HTML modules and scripts), which stay in their entry
 * chunks: a module in a shared chunk runs in every page that loads it.
 */
const PAGE_MODULES = /src[\\/]renderer[\\/]((index|capture)\.html|main\.tsx|capture\.tsx)$/;

/**
 * Dexie and the app's database: loaded beside `start` (preloaded by the
 * page, imported by src/renderer/incidents/database.ts), not in it, so the
 * first screen is on screen while the database opens.
 */
const DATABASE_MODULES = /node_modules[\\/]dexie[\\/]|src[\\/]renderer[\\/]incidents[\\/](index|db)\.ts$/;

/**
 * What reading and applying the incident the app starts on needs
 * (src/renderer/incidents/early-read.ts): Yjs, the checksum and the
 * records' code, loaded first when the app starts on an incident, beside
 * the rest of the incident machinery rather than after it.
 */
const OPENING_MODULES =
  /node_modules[\\/](yjs|lib0|crc-32)[\\/]|src[\\/]renderer[\\/]incidents[\\/](early-read|stored-records|checksum)\.ts$|src[\\/]shared[\\/]incident[\\/]doc\.ts$/;

/** A modulepreload link in the app's page for the database's chunk, which only a dynamic import reaches. */
function preloadDatabase(): Plugin {
  return {
    name: 'command-post-preload-database',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { filename, bundle }) {
        const chunk = bundle && Object.values(bundle).find((output) => output.type === 'chunk' && output.name === 'database');
        if (!chunk || !filename.endsWith('index.html')) return [];
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

export function rendererConfig(outDir: string): UserConfig {
  return {
    root: resolve('src/renderer'),
    base: './',
    // resources/ holds the icon and other files the app ships; they are served as-is.
    publicDir: resolve('resources'),
    define: { __APP_VERSION__: JSON.stringify(appVersion()) },
    plugins: [react(), contentSecurityPolicy(), preloadDatabase()],
    // Exactly one copy of Yjs in the bundle: two copies break instanceof
    // checks and corrupt documents silently.
    resolve: {
      dedupe: ['yjs'],
      // WebRTC data channels cap a message at 256 KiB, and y-webrtc sends a
      // whole incident as one message: it gets simple-peer through this
      // wrapper, which splits and reassembles messages (and paces sending).
      alias: [{ find: /^simple-peer\/simplepeer\.min\.js$/, replacement: resolve('src/renderer/incidents/sync/chunked-peer.ts') }],
    },
    build: {
      outDir: resolve(outDir),
      emptyOutDir: true,
      target: 'es2022',
      // electron-vite leaves the desktop renderer unminified by default; both
      // ship minified, since parsing is a large part of starting up.
      minify: true,
      // Four chunks besides the pages' own: `start`, what the first screen
      // needs (React, the app shell and the incident list: the first screen
      // of a new or empty profile); `database`, Dexie and the database,
      // preloaded beside it and opened as soon as the page runs; `opening`,
      // what reading the incident the app starts on needs, loaded at once
      // when it starts on one; and `later`, everything loaded once that
      // screen is shown or an incident is opened (the incident's views and
      // dialogs, sync, trust, zod, the reports; see src/renderer/app/parts.ts). A few files rather
      // than one per shared module: each request costs more than the bytes
      // it saves, on disk and on the web host alike. The quick-capture
      // window loads `start` too; it runs only its own page. Every
      // stylesheet is in `start` (src/renderer/app/stylesheets.ts keeps
      // their order).
      chunkSizeWarningLimit: 1000,
      // The app, and the quick-capture window's page (the desktop app's; the web host opens capture in the app page).
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html'), capture: resolve('src/renderer/capture.html') },
        output: {
          codeSplitting: {
            groups: [
              // A group takes what its modules import, too: `start` before `opening`, so that start's own modules stay in it.
              { name: 'database', test: DATABASE_MODULES, priority: 4 },
              { name: 'start', tags: ['$initial'], test: (id) => !PAGE_MODULES.test(id), priority: 3 },
              { name: 'opening', test: OPENING_MODULES, priority: 2 },
              { name: 'later', test: (id) => !PAGE_MODULES.test(id), priority: 1 },
            ],
          },
        },
      },
    },
  };
}
