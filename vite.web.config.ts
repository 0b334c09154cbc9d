import { defineConfig } from 'vite';
import { WEB_HOST } from './src/main/net/allowed-origins.ts';
import { rendererConfig } from './vite.renderer.config.ts';

// The web host: the same renderer, served on localhost only. The signaling
// server and the relay let pages from exactly these origins connect.
export default defineConfig({
  ...rendererConfig('out/web'),
  server: { host: WEB_HOST.host, port: WEB_HOST.devPort, strictPort: true },
  preview: { host: WEB_HOST.host, port: WEB_HOST.previewPort, strictPort: true },
});
