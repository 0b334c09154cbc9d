import { defineConfig } from '@playwright/test';
import { chromiumExecutable, E2E_ARGS } from './test/e2e/chromium';

const executablePath = chromiumExecutable();

// The e2e tests drive the built web host (the same renderer the desktop app
// loads), served on loopback by Vite's preview server.
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 2,
  // One retry on CI only: a WebRTC test on a loaded two-core machine can miss a beat;
  // Playwright still reports such a test as flaky, so the flake stays visible.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    launchOptions: { executablePath, args: E2E_ARGS },
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: 'npx vite preview --config vite.web.config.ts',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The signaling server peers meet through in the sync tests: the same
      // one `npm run signal` runs, on loopback (built by `npm run build`).
      command: 'node out/signal/cli.js --port 4444',
      port: 4444,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // The relay the relay tests share incidents through: the same one
      // `npm run relay` runs, on loopback (built by `npm run build`).
      command: 'node out/relay/cli.js --port 4455 --database :memory:',
      port: 4455,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
