/**
 * Which Chromium the end-to-end tests and benchmarks drive, in this order:
 * $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own download.
 * Machines that cannot reach Playwright's CDN use Debian's package.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  // Running as root (CI containers) needs this.
  '--no-sandbox',
  // On a closed network these background fetches stall start-up.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

/**
 * For the sync tests: separate browsers that talk WebRTC. Local addresses are
 * not hidden behind mDNS names (nothing resolves them in a test namespace).
 */
export const WEBRTC_ARGS = [...CHROMIUM_ARGS, '--disable-features=WebRtcHideLocalIpsWithMdns'];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return undefined; // Playwright finds its own.
  } catch {
    // Not installed: fall through to the message below.
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Either install Debian\'s package (sudo apt-get install chromium), ' +
      'set CHROMIUM_PATH to a Chromium or Chrome binary, or run "npx playwright install chromium".',
  );
}
