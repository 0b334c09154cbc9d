import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { E2E_ARGS } from './chromium';
import { BASE, declareByKeyboard, join, logByKeyboard, machines, openShare, separateBrowsers, shareDialog, timeline, waitSaved } from './helpers';

/**
 * Sharing through a relay (`npm run relay`, started by playwright.config.ts
 * on 127.0.0.1:4455): separate Chromium browsers that cannot reach each
 * other over WebRTC (the only signaling address in the invite has nothing
 * behind it, and WebRTC may not use UDP at all) still share an incident.
 */
const RELAY = 'ws://127.0.0.1:4455';
/** Nothing listens there, so no peer is ever introduced. */
const NO_SIGNALING = 'ws://127.0.0.1:9';
const NO_WEBRTC_ARGS = [...E2E_ARGS, '--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];

const machine = separateBrowsers(NO_WEBRTC_ARGS);

/** Shares the open incident through the relay alone (a signaling address with nothing behind it), and waits until the dialog shows the relay up to date. */
async function shareThroughRelayOnly(page: Page) {
  await openShare(page);
  const dialog = shareDialog(page);
  await dialog.getByLabel('Signaling addresses (one per line)').fill(NO_SIGNALING);
  await dialog.getByRole('button', { name: 'Use these addresses' }).click();
  await dialog.getByLabel('Relays (optional, one per line)').fill(RELAY);
  await dialog.getByRole('button', { name: 'Use these relays' }).click();
  await expect(dialog.getByRole('list', { name: 'Relays now' }).getByRole('listitem')).toHaveText(`${RELAY} connected, up to date`, { timeout: 20_000 });
  return dialog;
}

test('two browsers with no signaling server in common and no WebRTC share an incident through the relay', async () => {
  test.setTimeout(90_000);
  const [a, b] = await machines(machine, 2);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Conference bridge down; 60 responders', who: 'Ada (IC)' });
  await logByKeyboard(a, 'd: Everyone joins through the relay');
  await waitSaved(a);

  const dialog = await shareThroughRelayOnly(a);
  await expect(a.getByText('Syncing through the relay too; invites made now list it.')).toBeVisible();
  await expect(dialog.getByText('A relay sees ciphertext only: who is connected, not what is written. It admits only holders of this invite.', { exact: false })).toBeVisible();
  const invite = await dialog.getByLabel('Invite code').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(a.locator('.sync')).toHaveAttribute('data-relay', 'connected', { timeout: 20_000 });
  await expect(a.locator('.sync')).toContainText('relay connected');

  await join(b, invite, 'Bo (Scribe)');
  await expect(b.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(b)).toContainText('Everyone joins through the relay');

  await logByKeyboard(b, 'a: Paging the network on-call');
  await expect(timeline(a)).toContainText('Paging the network on-call', { timeout: 20_000 });
  await logByKeyboard(a, 's: Bridge restored for 12 of 60');
  await expect(timeline(b)).toContainText('Bridge restored for 12 of 60', { timeout: 20_000 });

  // Presence travels through the relay too; no WebRTC peer was ever connected.
  await expect(a.locator('.sync')).toHaveAttribute('aria-label', /relay connected · 1 other here · in sync.*Connected: Bo \(Scribe\)/, { timeout: 20_000 });
  for (const page of [a, b]) {
    await expect(page.locator('.sync')).toHaveAttribute('data-relay', 'connected');
    await expect(page.locator('.sync')).toHaveAttribute('data-peers', '0');
    // The declaration and the three entries, each once.
    await expect(timeline(page).locator('li.event')).toHaveCount(4);
  }
});

test('with every command post offline, a newcomer holding the invite gets the incident from the relay', async () => {
  test.setTimeout(90_000);
  const [a] = await machines(machine, 1);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Night shift: storage array degraded', who: 'Ada (IC)' });
  await logByKeyboard(a, 'd: Fail writes over to the standby array');
  await waitSaved(a);
  const dialog = await shareThroughRelayOnly(a);
  const invite = await dialog.getByLabel('Invite code').inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await logByKeyboard(a, 'a: Standby array taking writes');
  await expect(a.locator('.sync')).toHaveAttribute('data-proof', /alone|in-sync/, { timeout: 20_000 });
  // Give the relay a moment to have everything, then Ada's command post goes offline for good.
  await a.waitForTimeout(2_000);
  await a.context().browser()!.close();

  const [b] = await machines(machine, 1);
  await join(b, invite, 'Bo (Scribe)');
  await expect(b.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(b)).toContainText('Fail writes over to the standby array');
  await expect(timeline(b)).toContainText('Standby array taking writes');
  await expect(b.locator('.sync')).toHaveAttribute('data-relay', 'connected');
});

test('a bad relay address is explained, and the relays are kept with the share', async () => {
  const page = await machine();
  await page.goto(BASE);
  await declareByKeyboard(page, { synopsis: 'Status page stale', who: 'Ada (IC)' });
  await openShare(page);
  const dialog = shareDialog(page);
  const relays = dialog.getByLabel('Relays (optional, one per line)');
  await expect(relays).toHaveValue('');
  const before = await dialog.getByLabel('Invite code').inputValue();

  await relays.fill('http://192.168.1.20:4455');
  await dialog.getByRole('button', { name: 'Use these relays' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('"http://192.168.1.20:4455" is not a relay address: use ws://host:port, for example ws://192.168.1.20:4455.');
  await expect(dialog.getByLabel('Invite code')).toHaveValue(before);

  await relays.fill(RELAY);
  await dialog.getByRole('button', { name: 'Use these relays' }).click();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel('Invite code')).not.toHaveValue(before);
  const invite = await dialog.getByLabel('Invite code').inputValue();
  expect(JSON.parse(Buffer.from(invite.slice(4), 'base64url').toString('utf8'))).toMatchObject({ r: [RELAY] });
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.reload();
  await expect(page.locator('.sync')).toHaveAttribute('data-relay', 'connected', { timeout: 20_000 });
  await page.locator('.sync').click();
  await expect(shareDialog(page).getByLabel('Relays (optional, one per line)')).toHaveValue(RELAY);
});
