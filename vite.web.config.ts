import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.config.ts';

// The web host: the same renderer, served on localhost only.
export default defineConfig({
  ...rendererConfig('out/web'),
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
