import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, join, logByKeyboard, machines, separateBrowsers, setPaused, shareOpenIncident, timeline, waitSaved } from './helpers';

/**
 * Live sync between separate Chromium browsers (not tabs of one browser,
 * which would sync through BroadcastChannel and prove nothing about WebRTC),
 * meeting through the real signaling server on loopback.
 */
const machine = separateBrowsers();

const servers: ChildProcess[] = [];

/**
 * Another command post's signaling server (the one `npm run signal` runs) on
 * a free loopback port; resolves with its address.
 */
async function signalingServer(): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn('node', ['out/signal/cli.js', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the signaling server did not start')), 10_000);
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /ws:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
  });
  return { server, url };
}

test.afterEach(() => {
  for (const server of servers.splice(0)) server.kill();
});

async function useSignaling(page: Page, addresses: string[]): Promise<void> {
  await page.locator('.sync').click();
  const dialog = page.getByRole('dialog', { name: /^Share / });
  await dialog.getByLabel('Signaling addresses (one per line)').fill(addresses.join('\n'));
  await dialog.getByRole('button', { name: 'Use these addresses' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
}

test('edits propagate both ways between three browsers, and a fourth joins after the first quits', async () => {
  test.setTimeout(120_000);
  // The four machines start together (a browser takes seconds to start on a
  // busy machine); the fourth stays on a blank page until the first has quit.
  const [a, b, c, d] = await machines(machine, 4);
  await a.goto(BASE);
  // The entries' words go in at once (see Typing): what is checked here is where they arrive.
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
  await a.context().browser()!.close();
  await join(d, invite, 'Di (Comms)');
  await expect(timeline(d)).toContainText('Fail over to the replica', { timeout: 30_000 });
  await expect(timeline(d)).toContainText('Error rate falling');
  await expect(timeline(d).locator('li.event')).toHaveCount(4);

  // Those still here see who dropped off, and when.
  await b.locator('.sync').click();
  const people = b.getByRole('dialog', { name: /^Share / }).getByRole('list', { name: 'People on this incident' });
  await expect(people.getByRole('listitem').filter({ hasText: 'Ada (IC)' })).toContainText('last seen', { timeout: 40_000 });
  // By incident role, from the org chart: the declarer is the IC; Cy never checked in.
  await expect(people.getByRole('listitem').filter({ hasText: 'Ada (IC)' })).toContainText('Incident Commander');
  await expect(people.getByRole('listitem').filter({ hasText: 'Cy (SME)' })).toContainText('online');
  await expect(people.getByRole('listitem').filter({ hasText: 'Cy (SME)' })).toContainText('Not checked in');
});

test('a newcomer joins with the short code the IC reads out, typed by hand', { tag: '@quick' }, async () => {
  test.setTimeout(90_000);
  const [a, b] = await machines(machine, 2);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Checkout failing for EU customers', who: 'Ada (IC)' });
  await logByKeyboard(a, 'd: Roll back the payment gateway deploy');
  await waitSaved(a);
  await shareOpenIncident(a);
  await a.locator('.sync').click();
  const shortCode = await a.getByRole('dialog', { name: /^Share / }).getByRole('status', { name: 'Short code to read out' }).getAttribute('data-code');
  expect(shortCode).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
  await a.getByRole('dialog', { name: /^Share / }).getByRole('button', { name: 'Done' }).click();

  await b.goto(BASE);
  await b.getByRole('button', { name: 'Join shared incident…' }).click();
  const form = b.getByRole('dialog', { name: 'Join a shared incident' });
  const field = form.getByLabel('Invite or short code');
  // One typo first: caught before anything goes on the network.
  const typo = shortCode!.slice(0, 5) + (shortCode![5] === '7' ? '8' : '7') + shortCode!.slice(6);
  await field.fill(typo);
  await form.getByRole('button', { name: 'Join incident' }).click();
  await expect(form.getByRole('alert')).toContainText('typo');
  // Then as a listener writes it down: lowercase, spaces for dashes.
  await field.fill(shortCode!.toLowerCase().replace(/-/g, ' '));
  await form.getByRole('button', { name: 'Join incident' }).click();
  await b.getByLabel('Your name, so the timeline records who logged what').fill('Bo (Scribe)');
  await b.getByRole('button', { name: 'Save name' }).click({ timeout: 30_000 });
  await expect(b.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(b)).toContainText('Roll back the payment gateway deploy', { timeout: 30_000 });
  await logByKeyboard(b, 'a: Rollback started');
  await expect(timeline(a)).toContainText('Rollback started', { timeout: 20_000 });
});

test('edits on both sides of a split merge when it heals, and nothing is lost', async () => {
  test.setTimeout(120_000);
  const [a, b, c] = await machines(machine, 3);
  await a.goto(BASE);
  await declareByKeyboard(a, { synopsis: 'Storage array degraded', who: 'Ada (IC)' });
  const invite = await shareOpenIncident(a);
  await join(b, invite, 'Bo (Scribe)');
  await join(c, invite, 'Cy (SME)');
  await expect(a.locator('.sync')).toHaveAttribute('data-peers', '2', { timeout: 30_000 });

  // C splits off; both sides keep working.
  await setPaused(c, true);
  await expect(c.locator('.sync')).toHaveAttribute('data-status', 'paused');
  await expect(a.locator('.sync')).toHaveAttribute('data-peers', '1', { timeout: 20_000 });
  await logByKeyboard(a, 'd: Move writes to the standby array');
  await logByKeyboard(b, 'Standby array at 40% capacity');
  await logByKeyboard(c, 'a: Pulled the failed disk from shelf 3');
  await logByKeyboard(c, 'Rebuild started on shelf 3');
  await expect(timeline(b)).toContainText('Move writes to the standby array', { timeout: 20_000 });
  await c.waitForTimeout(2_000);
  await expect(timeline(c)).not.toContainText('Move writes to the standby array');
  await expect(timeline(a)).not.toContainText('Pulled the failed disk');

  // The split heals: every side has every event, once.
  await setPaused(c, false);
  for (const page of [a, b, c]) {
    await expect(timeline(page).locator('li.event')).toHaveCount(5, { timeout: 30_000 });
    for (const text of ['Move writes to the standby array', 'Standby array at 40% capacity', 'Pulled the failed disk from shelf 3', 'Rebuild started on shelf 3']) {
      await expect(timeline(page)).toContainText(text);
    }
  }
  // And what each side has is saved: a reload keeps the merged timeline.
  await waitSaved(c);
  await c.reload();
  await expect(timeline(c).locator('li.event')).toHaveCount(5);
});

test('a peer with the wrong secret reads nothing', async () => {
  test.setTimeout(90_000);
  const [a, eve] = await machines(machine, 2);
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

/**
 * Past the data channel's message limit (a full sync of this incident is one
 * update many times the 256 KB a channel carries, sent in chunks). The
 * 20,000-event incident of a long night is timed in bench/sync.mjs.
 */
const LARGE_EVENTS = 3_000;

test('a new peer receives a 3,000-event incident completely, past the data channel message limit', async () => {
  test.setTimeout(120_000);
  // The incident is made with the domain's own commands and brought in as a
  // file: typing thousands of events would take longer than it proves.
  const { createIncidentDoc, declareIncident, encodeIncidentFile, logEvent } = await import('../../src/shared/incident');
  const doc = createIncidentDoc('4b1d6c1e-2a3b-4c5d-8e9f-0a1b2c3d4e5f');
  let clock = Date.now() - 10 * 3_600_000;
  let n = 0;
  const ctx = { actor: 'Ada (IC)', now: () => clock, newId: () => `e2e-${n++}` };
  declareIncident(doc, { name: '26-Large', severity: 'SEV-1', synopsis: 'A long night' }, ctx);
  doc.transact(() => {
    for (let i = 0; i < LARGE_EVENTS; i++) {
      clock += 1_500;
      logEvent(doc, { kind: i % 7 === 0 ? 'decision' : 'note', text: `Event ${i}: ${'checked the replica lag and the pooler queue depth again; '.repeat(2)}` }, ctx);
    }
  });
  const text = encodeIncidentFile(doc, { exportedAt: clock, exportedBy: 'Ada (IC)' });
  expect(text.length).toBeGreaterThan(300_000);

  const [a, b] = await machines(machine, 2);
  await a.goto(BASE);
  await a.getByLabel('Incident file to import').setInputFiles({ name: '26-Large.cpinc', mimeType: 'application/json', buffer: Buffer.from(text) });
  await a.getByRole('link', { name: /^26-Large/ }).click();
  await expect(timeline(a)).toHaveAttribute('aria-label', /Timeline, 3,?001 events/);
  await a.getByLabel('Your name, so the timeline records who logged what').fill('Ada (IC)');
  await a.getByRole('button', { name: 'Save name' }).click();
  const invite = await shareOpenIncident(a);

  await join(b, invite, 'Bo (Scribe)');
  await expect(timeline(b)).toHaveAttribute('aria-label', /Timeline, 3,?001 events/, { timeout: 60_000 });
  await expect(timeline(b)).toContainText(`Event ${LARGE_EVENTS - 1}`);
  // And it keeps syncing both ways after the big transfer.
  await logByKeyboard(b, 'Still here after the big sync');
  await expect(timeline(a)).toContainText('Still here after the big sync', { timeout: 20_000 });
});

test('peers learn each other\'s signaling addresses, so a newcomer gets in after the first command post is gone', async () => {
  test.setTimeout(120_000);
  const first = await signalingServer();
  const second = await signalingServer();
  // C, the newcomer, starts with the others and waits on a blank page until A has gone.
  const [a, b, c] = await machines(machine, 3);
  await a.goto(BASE);
  await declareByKeyboard(a, { synopsis: 'Core switch rebooting in a loop', who: 'Ada (IC)' });
  await logByKeyboard(a, 'd: Move traffic to the backup switch');
  await waitSaved(a);
  // A is introduced only by its own command post (the first server).
  await shareOpenIncident(a);
  await useSignaling(a, [first.url]);
  const inviteFromA = await shareOpenIncident(a);
  await join(b, inviteFromA, 'Bo (Scribe)');
  // B's own command post runs the second server; B advertises it, and A learns it.
  await useSignaling(b, [first.url, second.url]);
  await expect(a.locator('.sync')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
  // Presence: A sees B by name, and that they are in sync.
  await expect(a.locator('.sync')).toHaveAttribute('aria-label', /in sync.*Connected: Bo \(Scribe\)/, { timeout: 20_000 });
  await a.locator('.sync').click();
  await expect(a.getByLabel('Invite code')).not.toHaveValue(inviteFromA, { timeout: 20_000 });
  const laterInviteFromA = await a.getByLabel('Invite code').inputValue();
  await a.getByRole('dialog', { name: /^Share / }).getByRole('button', { name: 'Done' }).click();

  // A's laptop and its signaling server go away; B is still up.
  await a.context().browser()!.close();
  first.server.kill();
  await join(c, laterInviteFromA, 'Cy (SME)');
  await expect(timeline(c)).toContainText('Move traffic to the backup switch', { timeout: 30_000 });
});


test('STUN and TURN servers can be set for networks that have them, and a bad line is explained', async ({ page }) => {
  await page.goto(BASE);
  await declareByKeyboard(page, { synopsis: 'Edge proxies dropping connections', who: 'Ada (IC)' });
  await shareOpenIncident(page);
  await page.locator('.sync').click();
  const dialog = page.getByRole('dialog', { name: /^Share / });
  const servers = dialog.getByLabel('STUN/TURN servers (optional, one per line)');
  await expect(servers).toHaveValue('');
  await servers.fill('turn:turn.example.org:3478');
  await dialog.getByRole('button', { name: 'Use these servers' }).click();
  await expect(dialog.getByRole('alert')).toContainText('needs a user and password');
  await servers.fill('stun:stun.example.org:3478\nturn:alice:s3cret@turn.example.org:3478');
  await dialog.getByRole('button', { name: 'Use these servers' }).click();
  await expect(page.getByText('Using 2 STUN/TURN server(s) for this incident.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  // Kept with the share on this machine.
  await page.reload();
  await page.locator('.sync').click();
  await expect(page.getByLabel('STUN/TURN servers (optional, one per line)')).toHaveValue('stun:stun.example.org:3478\nturn:alice:s3cret@turn.example.org:3478');
});

/** Seconds on an incident clock reading "HH:MM:SS". */
async function clockSeconds(page: Page): Promise<number> {
  const text = await page.getByRole('timer', { name: 'Time since declaration' }).innerText();
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

test('a machine whose clock runs 5 minutes fast is warned, and every machine still agrees on the time', async () => {
  test.setTimeout(120_000);
  const [a, b, c] = await machines(machine, 3);
  // C's clock runs 5 minutes fast (time keeps flowing; only the reading is off).
  await c.clock.install({ time: Date.now() + 5 * 60_000 });
  await a.goto(BASE);
  await declareByKeyboard(a, { synopsis: 'Primary database down', who: 'Ada (IC)' });
  const invite = await shareOpenIncident(a);
  await join(b, invite, 'Bo (Scribe)');
  await join(c, invite, 'Cy (SME)');
  await expect(a.locator('.sync')).toHaveAttribute('data-peers', '2', { timeout: 30_000 });

  // Only the odd one out is told, and by how much.
  await expect(c.getByRole('alert').filter({ hasText: "This computer's clock is" })).toContainText(/(4 min 5\d s|5 min( \d s)?) ahead of the other responders/, {
    timeout: 30_000,
  });
  await expect(a.getByText("This computer's clock is")).toHaveCount(0);
  await expect(b.getByText("This computer's clock is")).toHaveCount(0);

  // The incident clock reads the same on every machine (readings refresh every 10 s, so allow a beat).
  await expect.poll(async () => Math.abs((await clockSeconds(c)) - (await clockSeconds(a))), { timeout: 30_000 }).toBeLessThanOrEqual(3);

  // C's entry is stamped in the incident's time: A's entry logged after it comes after it, not 5 minutes before.
  await logByKeyboard(c, 'Replica lag at 40 s');
  await expect(timeline(a)).toContainText('Replica lag at 40 s', { timeout: 20_000 });
  await logByKeyboard(a, 'd: Fail over to the replica');
  for (const page of [a, c]) {
    await expect(timeline(page).locator('li.event').last()).toContainText('Fail over to the replica', { timeout: 20_000 });
  }

  // The IC can see whose clock is off (measured over the network: a second either way on a busy machine).
  await a.locator('.sync').click();
  const people = a.getByRole('dialog', { name: /^Share / }).getByRole('list', { name: 'People on this incident' });
  await expect(people.getByRole('listitem').filter({ hasText: 'Cy (SME)' })).toContainText(/clock (4 min 5\d s|5 min( \d s)?) ahead/);
  await expect(people.getByRole('listitem').filter({ hasText: 'Bo (Scribe)' })).not.toContainText('clock');
});
