import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumExecutable, WEBRTC_ARGS } from './chromium';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

/**
 * Live sync between separate Chromium browsers (not tabs of one browser,
 * which would sync through BroadcastChannel and prove nothing about WebRTC),
 * meeting through the real signaling server on loopback.
 */
const BASE = 'http://127.0.0.1:4173';
const browsers: Browser[] = [];

async function machine(): Promise<Page> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: WEBRTC_ARGS });
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  return page;
}

test.afterEach(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

async function shareOpenIncident(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
  const dialog = page.getByRole('dialog', { name: /^Share / });
  const code = dialog.getByLabel('Invite code');
  await expect(code).toHaveValue(/^cp1\./);
  const invite = await code.inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  return invite;
}

async function join(page: Page, invite: string, name: string): Promise<void> {
  await page.goto(`${BASE}/#/join/${invite}`);
  await page.getByRole('button', { name: 'Join incident' }).click();
  // A newcomer says who they are before logging anything.
  await page.getByLabel('Your name, so the timeline records who logged what').fill(name);
  await page.getByRole('button', { name: 'Save name' }).click({ timeout: 30_000 });
}

test('edits propagate both ways between three browsers, and a fourth joins after the first quits', async () => {
  test.setTimeout(120_000);
  const [a, b, c] = [await machine(), await machine(), await machine()];
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Primary database down; VPN down too', who: 'Ada (IC)' });
  await logByKeyboard(a, 'd: Fail over to the replica');
  await waitSaved(a);
  const invite = await shareOpenIncident(a);

  await join(b, invite, 'Bo (Scribe)');
  await expect(b.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(b)).toContainText('Fail over to the replica');

  await logByKeyboard(b, 'a: Restarting the connection pooler');
  await expect(timeline(a)).toContainText('Restarting the connection pooler', { timeout: 20_000 });
  await expect(a.locator('.sync')).toHaveAttribute('data-status', 'online');

  await join(c, invite, 'Cy (SME)');
  await expect(timeline(c)).toContainText('Restarting the connection pooler', { timeout: 30_000 });
  await logByKeyboard(c, 's: Error rate falling');
  await expect(timeline(a)).toContainText('Error rate falling', { timeout: 20_000 });
  await expect(timeline(b)).toContainText('Error rate falling', { timeout: 20_000 });
  await expect(a.locator('.sync')).toHaveAttribute('data-peers', '2', { timeout: 20_000 });

  // The first peer quits; a newcomer still gets everything from the others.
  await browsers[0]!.close();
  const d = await machine();
  await join(d, invite, 'Di (Comms)');
  await expect(timeline(d)).toContainText('Fail over to the replica', { timeout: 30_000 });
  await expect(timeline(d)).toContainText('Error rate falling');
  await expect(timeline(d).locator('li.event')).toHaveCount(4);
});

test('a peer with the wrong secret reads nothing', async () => {
  test.setTimeout(90_000);
  const [a, eve] = [await machine(), await machine()];
  await a.goto(BASE);
  await declareByKeyboard(a, { synopsis: 'Payments failing', who: 'Ada (IC)' });
  await logByKeyboard(a, 'Secret detail: card processor credentials rotated');
  await waitSaved(a);
  const invite = await shareOpenIncident(a);

  // Same room, another secret.
  const decoded = JSON.parse(Buffer.from(invite.slice(4), 'base64url').toString('utf8')) as { k: string };
  const forged = `cp1.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(invite.slice(4), 'base64url').toString('utf8')), k: 'A'.repeat(decoded.k.length) })).toString('base64url')}`;
  await eve.goto(`${BASE}/#/join/${forged}`);
  await eve.getByRole('button', { name: 'Join incident' }).click();
  await expect(eve.getByText('Waiting for a peer to send this incident')).toBeVisible();
  await eve.waitForTimeout(8_000);
  await expect(eve.getByText('Waiting for a peer to send this incident')).toBeVisible();
  await expect(eve.getByText('card processor')).toHaveCount(0);
  await expect(a.locator('.sync')).not.toHaveAttribute('data-status', 'online');
});
