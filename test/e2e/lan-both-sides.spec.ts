/**
 * Issue 23 from both screens at once: an IC shares an incident on this
 * network in one desktop app, and a responder in another joins it from the
 * list, with nothing typed. Two browser processes, each behind a scripted
 * main (fake-desktop.ts): the joiner's main "finds" the sharing machine at
 * the id the sharer's main announced, and everything after that is the app
 * on both sides: the knock through the real signaling server, the prompt
 * and its one key, the sealed invite, the join and sync over WebRTC. Main's
 * announcing and browsing are tested between network namespaces
 * (test/unit/main/discovery-lan.test.ts); each side alone in
 * lan-share.spec.ts and lan-join.spec.ts.
 */
import type { Page } from '@playwright/test';
import type { DiscoveredPeer } from '../../src/shared/ipc';
import { installFakeDesktop, loopbackStatus } from './fake-desktop';
import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, logByKeyboard, machines, openShare, separateBrowsers, shareDialog, timeline, waitSaved } from './helpers';

const machine = separateBrowsers();

async function announcedId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const bridge = (window as unknown as { commandPost: { getDiscoveryStatus(): Promise<{ shares: { ids: string[] }[] }> } }).commandPost;
    return (await bridge.getDiscoveryStatus()).shares[0]!.ids[0]!;
  });
}

test('an IC shares on this network; a responder picks the command post from the list, both screens show one code, R lets them in and the incident syncs', async () => {
  test.setTimeout(150_000);
  const [sharer, joiner] = await machines(machine, 2);
  // Both machines' own signaling server is the one the tests run on 4444.
  await installFakeDesktop(sharer, { status: loopbackStatus() });
  await installFakeDesktop(joiner, { status: loopbackStatus(), discovery: { settings: { enabled: true, displayName: 'Bo laptop' } } });
  await joiner.addInitScript(() => localStorage.getItem('command-post:identity') || localStorage.setItem('command-post:identity', 'Bo (Scribe)'));

  await sharer.goto(BASE);
  const name = await declareByKeyboard(sharer, { synopsis: 'Payroll export failing', who: 'Ada (IC)' });
  await logByKeyboard(sharer, 'd: Pause the nightly export');
  await waitSaved(sharer);
  await openShare(sharer);
  await shareDialog(sharer).getByRole('checkbox', { name: 'Share on this network' }).check();
  await expect(shareDialog(sharer).getByText('Shared on this network, without its name.')).toBeVisible();
  await shareDialog(sharer).getByRole('button', { name: 'Done' }).click();
  const entry = sharer.getByRole('textbox', { name: 'Log a timeline event' });
  await entry.focus();

  // The joiner's main hears the announcement: no name of the incident in it, as the IC chose.
  const now = Date.now();
  const found: DiscoveredPeer = { id: await announcedId(sharer), displayName: null, codename: null, severity: null, port: 4444, addresses: ['127.0.0.1'], firstSeenAt: now, lastSeenAt: now };
  await joiner.goto(`${BASE}/#/`);
  await joiner.getByRole('button', { name: 'Join shared incident…' }).click();
  const join = joiner.getByRole('dialog', { name: 'Join a shared incident' });
  await expect(join).toBeVisible();
  await joiner.evaluate((p) => window.__fakeMain!.setPeers(p), [found]);
  const listed = join.getByRole('list', { name: 'Command posts on this network' }).getByRole('button', { name: /Unnamed command post/ });
  await expect(listed).toBeVisible();
  await joiner.keyboard.press('ArrowDown');
  await expect(listed).toBeFocused();
  await joiner.keyboard.press('Enter');

  // The IC's screen asks; both show the same code.
  const prompt = sharer.locator('dialog.knock-prompt');
  await expect(prompt.getByRole('heading')).toHaveText(`Bo (Scribe) on Bo laptop asks to join ${name}`, { timeout: 30_000 });
  const code = (await join.getByLabel(/^Verification code /).textContent())!.trim();
  expect(code).toMatch(/^\d{3} \d{3}$/);
  await expect(prompt).toContainText(`Check that their screen shows ${code}`);
  // Main is handed the request as a notice due now, so the IC hears of it with the window hidden too.
  const sharerId = new URL(sharer.url()).hash.replace('#/incident/', '');
  const knockNoticesOf = () => sharer.evaluate((id) => (window.__fakeMain?.deadlines[id] ?? []).filter((n) => n.key.startsWith('knock:')), sharerId);
  await expect.poll(async () => (await knockNoticesOf()).map((n) => [n.title, n.body])).toEqual([
    [`Bo (Scribe) on Bo laptop asks to join ${name}`, `Check that their screen shows ${code}, then admit or refuse in Command Post.`],
  ]);
  await expect(prompt).toHaveAttribute('data-keys-armed', 'true');
  await sharer.keyboard.press('r');
  await expect.poll(knockNoticesOf).toEqual([]);

  // In: the incident opens on the joiner with what was logged before, and writes go both ways.
  await expect(joiner.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(joiner)).toContainText('Pause the nightly export', { timeout: 30_000 });
  await expect(timeline(sharer).getByText(`Bo (Scribe) on Bo laptop was admitted from this network as a responder (code ${code}).`)).toBeVisible();
  await expect(entry).toBeFocused();
  await logByKeyboard(joiner, 'a: Rerun the export by hand');
  await expect(timeline(sharer)).toContainText('Rerun the export by hand', { timeout: 30_000 });
});
