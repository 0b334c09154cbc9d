import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard } from './helpers';
import { SIGNALING_RETRY } from '../../src/shared/sync/backoff';

/**
 * The web host on its own (issue 15, points 6 and 7): `npm run web` serves
 * a page whose Share works with no settings; a signaling server that cannot
 * be reached is said once in the header and redialled on a backoff, without
 * flooding the console; a new address takes effect at once; and the page
 * asks the browser to keep its incidents, saying once if it would not.
 */

const UNREACHABLE = 'ws://127.0.0.1:9';

function shareDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Share / });
}

async function useSignaling(page: Page, address: string): Promise<void> {
  const dialog = shareDialog(page);
  await dialog.getByLabel('Signaling addresses (one per line)').fill(address);
  await dialog.getByRole('button', { name: 'Use these addresses' }).click();
}

test('a signaling server that cannot be reached is said once in the header, redialled on a backoff, and a new address takes effect at once', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: { at: number; text: string }[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push({ at: Date.now(), text: message.text() });
  });
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout returns 502' });
  await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
  await expect(shareDialog(page).getByLabel('Invite code')).toHaveValue(/^cp1\./);

  await useSignaling(page, UNREACHABLE);
  const since = Date.now();
  const header = page.locator('.sync');
  await expect(header).toHaveText("Can't reach signaling at 127.0.0.1:9 · retrying");
  await expect(header).toHaveAttribute('data-status', 'offline');
  await page.getByRole('dialog', { name: /^Share / }).getByRole('button', { name: 'Done' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'test-results/web-host/unreachable-signaling-1440.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/web-host/unreachable-signaling-390.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.waitForTimeout(10_000 - (Date.now() - since));
  // Said once: one place in the page names the address, and no notice repeats it.
  await expect(page.getByText("Can't reach signaling at 127.0.0.1:9", { exact: false })).toHaveCount(1);
  await expect(header).toHaveText("Can't reach signaling at 127.0.0.1:9 · retrying");
  // Two clients dial it (the incident's signaling and the short code's responder): 3 dials each in 10 s, each one
  // error the browser prints; y-webrtc's own pace (every 2.5 s at most) made 16 or more.
  const failed = errors.filter((e) => e.at >= since && e.text.includes('127.0.0.1:9'));
  expect(failed.length, failed.map((e) => e.text).join('\n')).toBeGreaterThan(0);
  expect(failed.length).toBeLessThanOrEqual(6);

  // A working address, entered in the share dialog, is used at once (not after the old one's backoff) ...
  await header.click();
  await useSignaling(page, 'ws://127.0.0.1:4444');
  await expect(header).toHaveAttribute('data-status', 'connecting', { timeout: 3_000 });
  await expect(header).toHaveText('Waiting for peers');
  // ... and the old address is not dialled again: watched past the redial its clients were due when it was
  // replaced (the fourth dial, after waits of 2, 4 and 8 s at the most jitter), and never less than 5 s.
  const switched = Date.now();
  const { firstMs, jitter } = SIGNALING_RETRY;
  const fourthDialDue = since + firstMs * (1 + 2 + 4) * (1 + jitter);
  await page.waitForTimeout(Math.max(5_000, fourthDialDue + 1_500 - switched));
  expect(errors.filter((e) => e.at >= switched + 500 && e.text.includes('127.0.0.1:9'))).toEqual([]);
});

test.describe('persistent storage', () => {
  async function stubPersist(page: Page, grant: boolean): Promise<void> {
    await page.addInitScript((granted) => {
      const asked = { count: 0 };
      Object.assign(window, { persistAsked: asked });
      Object.defineProperty(StorageManager.prototype, 'persisted', { value: async () => false });
      Object.defineProperty(StorageManager.prototype, 'persist', {
        value: async () => {
          asked.count += 1;
          return granted;
        },
      });
    }, grant);
  }
  const REFUSED = /This browser did not agree to keep incidents for good/;

  test('when the browser refuses, declaring says so once, with what it means and what to do', async ({ page }) => {
    await stubPersist(page, false);
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: REFUSED })).toHaveCount(0);
    await declareByKeyboard(page, { synopsis: 'Login fails for EU customers' });
    const notice = page.getByRole('alert').filter({ hasText: REFUSED });
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('short of space, it may delete them. Export each incident now and then (Export, in its header), or use the desktop app.');
    await notice.getByRole('button', { name: 'Dismiss notice' }).click();

    // A second incident asks again (the browser may have changed its mind) but does not say it again.
    await page.goto('/#/');
    await declareByKeyboard(page, { synopsis: 'Search is slow' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { persistAsked: { count: number } }).persistAsked.count)).toBe(2);
    await expect(page.getByRole('alert').filter({ hasText: REFUSED })).toHaveCount(0);
  });

  test('when the browser grants it, nothing is said', async ({ page }) => {
    await stubPersist(page, true);
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Login fails for EU customers' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { persistAsked: { count: number } }).persistAsked.count)).toBe(1);
    await page.waitForTimeout(500);
    await expect(page.getByRole('alert').filter({ hasText: REFUSED })).toHaveCount(0);
  });
});

test('npm run web serves the page with its own signaling server: Share offers it and reaches it with no settings; Ctrl+C stops both', async ({ page }) => {
  const web = spawn(process.execPath, ['out/signal/web-host.js', '--port', '0', '--signal-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  web.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  web.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  try {
    await expect.poll(() => out, { timeout: 30_000 }).toContain('Press Ctrl+C to stop.');
    const appUrl = /Command Post in a browser: (\S+)/.exec(out)![1]!;
    const signalingUrl = /Signaling server listening on (ws:\/\/\S+) /.exec(out)![1]!;
    expect(signalingUrl).not.toBe('ws://127.0.0.1:4444');

    await page.goto(appUrl);
    await declareByKeyboard(page, { synopsis: 'Payments API times out' });
    await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
    await expect(shareDialog(page).getByLabel('Signaling addresses (one per line)')).toHaveValue(signalingUrl);
    await shareDialog(page).getByRole('button', { name: 'Done' }).click();
    await expect(page.locator('.sync')).toHaveText('Waiting for peers');
  } finally {
    web.kill('SIGINT');
  }
  const [code] = (await once(web, 'exit')) as [number | null];
  expect(code).toBe(0);
  expect(out).toContain('Web app and signaling server stopped.');
  expect(out).not.toMatch(/\n\s+at /);
});
