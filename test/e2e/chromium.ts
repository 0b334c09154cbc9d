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

/**
 * Browser UI a headless test never shows, which still costs every window a
 * renderer: the omnibox popup's WebUI pages, started for each new page's
 * window. Without them the end-to-end tests take about a fifth less CPU.
 */
const UNSHOWN_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * The features Playwright (1.65) turns off in every Chromium it starts (its
 * chromiumSwitches.ts): keep in step when Playwright is upgraded. Chromium
 * honours only the last --disable-features on its command line, so a list
 * of ours would otherwise drop this one.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * `args` with the unshown UI turned off too: added to the --disable-features
 * already in `args` (which, being last, is the one Chromium uses), or else
 * to Playwright's own list, so that nothing else changes.
 */
function withoutUnshownUi(args: readonly string[]): string[] {
  const flag = '--disable-features=';
  const given = args.find((a) => a.startsWith(flag));
  const features = given ? given.slice(flag.length).split(',') : PLAYWRIGHT_DISABLED_FEATURES;
  return [...args.filter((a) => !a.startsWith(flag)), flag + [...features, ...UNSHOWN_UI_FEATURES].join(',')];
}

/**
 * What the end-to-end tests start Chromium with: CHROMIUM_ARGS and
 * WEBRTC_ARGS without the unshown UI. The benchmarks keep CHROMIUM_ARGS and
 * WEBRTC_ARGS as they are, so that their figures stay comparable over time.
 */
export const E2E_ARGS = withoutUnshownUi(CHROMIUM_ARGS);
export const E2E_WEBRTC_ARGS = withoutUnshownUi(WEBRTC_ARGS);

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
