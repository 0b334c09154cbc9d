#!/usr/bin/env node
/**
 * The manual's screenshots (npm run docs:screenshots): one PNG per page of
 * docs/ and the README's, under docs/images/, at 1440x900.
 *
 * It builds nothing: run `npm run build` first (it serves out/web). It starts
 * the web host on a free port on 127.0.0.1, drives Chromium through Playwright
 * to declare a realistic incident from the keyboard (a database outage, with
 * responders in roles, an objective and tasks, the status document filled
 * in, a few entries logged), takes each view, then ends the incident and
 * drafts its postmortem for the last one. Every wait is bounded; the server
 * and the browser are stopped however it ends.
 *
 * Controls are found by role and label, as a screen reader finds them, so a
 * restyled app still gets its pictures; a view that cannot be reached is
 * reported and the others are still taken (the exit code is then 1).
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium, as the tests),
 * DOCS_COLOR_SCHEME (dark or light; default dark).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright';
import { preview } from 'vite';
import { declareIncident, showTab } from './docs-screenshots/drive.mjs';
import { DECLARED_AT, SYNOPSIS, buildResponse } from './docs-screenshots/incident.mjs';

const OUT = resolve('docs/images');
const VIEWPORT = { width: 1440, height: 900 };
const STEP_MS = 15_000;
const TOTAL_MS = 5 * 60_000;
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'];

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** A port nothing listens on right now, on loopback. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  return path;
}

async function main() {
  if (!existsSync(resolve('out/web/index.html'))) throw new Error('out/web is not built: run npm run build first.');
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const server = await preview({ configFile: resolve('vite.web.config.ts'), logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS, timeout: STEP_MS * 2 });
  const failed = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    log(`Web host on ${base}; Chromium ${browser.version()}`);
    const colorScheme = process.env.DOCS_COLOR_SCHEME === 'light' ? 'light' : 'dark';
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, deviceScaleFactor: 1 });
    context.setDefaultTimeout(STEP_MS);
    // As in the e2e tests (test/e2e/fixtures.ts): headless Chromium refuses persistent storage, which a
    // browser the user keeps using grants, and the pictures are of that browser, without the refusal's alert.
    await context.addInitScript(() => {
      for (const name of ['persist', 'persisted']) {
        Object.defineProperty(StorageManager.prototype, name, { value: async () => true, configurable: true, writable: true });
      }
    });
    const page = await context.newPage();

    /** One picture, then `after` (what the view leaves behind); a failure is reported and the next view is still taken. */
    const shot = async (name, arrange, after = async () => {}) => {
      try {
        await arrange();
        // Let the last render and any transition settle before the picture.
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${OUT}/${name}.png`, timeout: STEP_MS });
        log(`docs/images/${name}.png`);
        await after();
      } catch (error) {
        failed.push(name);
        log(`docs/images/${name}.png NOT taken: ${String(error?.message ?? error).split('\n')[0]}`);
      }
      // Whatever the step left open (a dialog, a focused field) is closed before the next.
      await page.keyboard.press('Escape').catch(() => {});
    };

    await page.clock.install({ time: DECLARED_AT });
    await page.goto(base, { timeout: STEP_MS });
    await declareIncident(page, SYNOPSIS);
    await buildResponse(page);

    await shot('overview', () => showTab(page, 'Timeline', 'Alt+T'));
    await shot('timeline', async () => {
      await showTab(page, 'Timeline', 'Alt+T');
      // The decision starred as a key event, then a search: the filters at work.
      await page.keyboard.press('End');
      await page.getByRole('log', { name: /Timeline/ }).getByText('Fail over to the standby', { exact: false }).click();
      await page.keyboard.press('s');
      await page.keyboard.press('f');
      await page.keyboard.insertText('orders-db');
    });
    await shot('org-chart', () => showTab(page, 'Org chart', 'Alt+O'));
    await shot('plan-and-timers', () => showTab(page, 'Plan', 'Alt+P'));
    await shot('status-and-comms', () => showTab(page, 'Status', 'Alt+S'));
    await shot(
      'sharing-and-sync',
      async () => {
        await page.getByRole('button', { name: /Share this incident/ }).click();
        await page.getByRole('dialog', { name: /^Share / }).getByLabel('Invite code').waitFor();
      },
      // No signaling server runs beside this web host: paused, the header says so rather than "Offline" in the views after.
      () => page.getByRole('dialog', { name: /^Share / }).getByRole('button', { name: 'Pause sync' }).click(),
    );
    await shot('signed-record', async () => {
      await page.getByRole('button', { name: /members?: show who$/ }).click();
      await page.getByRole('dialog', { name: /^Members of / }).waitFor();
    });
    await shot('keyboard', async () => {
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: /Keyboard shortcuts|Keys/ }).waitFor();
    });
    await shot('postmortem', async () => {
      // The failover held: the end comes a little later.
      await page.clock.fastForward(9 * 60_000);
      await page.getByRole('button', { name: 'Declare end…' }).click();
      await page.keyboard.type('Failed over to the standby; checkout recovered');
      await page.getByRole('button', { name: 'Declare end of incident' }).click();
      await page.getByRole('dialog', { name: /^Closing notice/ }).waitFor();
      await page.keyboard.press('Escape');
      await showTab(page, 'Postmortem', 'Alt+R');
      await page.getByRole('region', { name: 'Postmortem', exact: true }).getByRole('button', { name: 'Start the draft from the incident' }).click();
      await page.getByRole('textbox', { name: 'Overview' }).or(page.getByRole('textbox', { name: 'Summary', exact: true })).first().waitFor();
      // The draft, not the caret in its first field, is the subject.
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
    });
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  if (failed.length) throw new Error(`${failed.length} screenshot(s) not taken: ${failed.join(', ')}`);
}

const watchdog = setTimeout(() => {
  log(`docs:screenshots did not finish within ${TOTAL_MS / 60_000} minutes.`);
  process.exit(2);
}, TOTAL_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error) => {
    log(`docs:screenshots: ${error?.message ?? error}`);
    process.exit(1);
  },
);
