import { expect, test, type Page } from '@playwright/test';
import { BASE, declareByKeyboard, join, logByKeyboard, separateBrowsers, setPaused, shareOpenIncident, timeline } from './helpers';

/**
 * Sync you can trust (issue 13): opening, closing, reopening, pausing and
 * resuming leave nothing behind and never split the response, and "in sync"
 * is shown only while both machines' digests are equal.
 */
const machine = separateBrowsers();

/** Counts the page's WebSockets and peer connections that are not closed (connecting ones count: a redial is a leak). */
function countConnections(): void {
  const sockets = new Set<WebSocket>();
  const peers = new Set<RTCPeerConnection>();
  const NativeSocket = window.WebSocket;
  const NativePeer = window.RTCPeerConnection;
  window.WebSocket = class extends NativeSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.add(this);
    }
  };
  window.RTCPeerConnection = class extends NativePeer {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      peers.add(this);
    }
  };
  (window as unknown as { openConnections: () => { sockets: number; peers: number } }).openConnections = () => ({
    sockets: [...sockets].filter((s) => s.readyState === NativeSocket.CONNECTING || s.readyState === NativeSocket.OPEN).length,
    peers: [...peers].filter((p) => p.signalingState !== 'closed' && p.connectionState !== 'closed').length,
  });
}

async function openConnections(page: Page): Promise<{ sockets: number; peers: number }> {
  return page.evaluate(() => (window as unknown as { openConnections: () => { sockets: number; peers: number } }).openConnections());
}

async function machineCounting(): Promise<Page> {
  const page = await machine();
  await page.addInitScript(countConnections);
  return page;
}

/** Back to the list and into the incident again, without a reload. */
async function reopen(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Back to incidents' }).click();
  await page.getByRole('link', { name: new RegExp(`^${name},`) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

async function expectInSync(pages: Page[]): Promise<void> {
  for (const page of pages) await expect(page.locator('.sync')).toHaveAttribute('data-proof', 'in-sync', { timeout: 20_000 });
  const digests = await Promise.all(pages.map((p) => p.locator('.sync').getAttribute('data-digest')));
  expect(new Set(digests).size).toBe(1);
}

test('reopening, pausing and resuming in any order leaves no connection behind and never splits the response', async () => {
  test.setTimeout(180_000);
  const [a, b] = [await machineCounting(), await machineCounting()];
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Primary database down', who: 'Quin (IC)' });
  const invite = await shareOpenIncident(a);
  await join(b, invite, 'Ray (Scribe)');
  await expectInSync([a, b]);
  const baseline = await openConnections(b);
  expect(baseline.peers).toBe(1);

  // The split of issue 13: open the incident a second time in the same page session, then pause and resume.
  for (let cycle = 1; cycle <= 3; cycle++) {
    await reopen(b, name);
    await expectInSync([a, b]);
    await setPaused(b, true);
    // Paused means alone: no peer connection, and nothing arrives.
    await expect.poll(() => openConnections(b).then((c) => c.peers), { timeout: 15_000 }).toBe(0);
    await logByKeyboard(a, `a${cycle}: Failover to the replica, attempt ${cycle}`);
    await logByKeyboard(b, `Replica lag ${cycle * 10} s`);
    await b.waitForTimeout(2_000);
    await expect(timeline(b)).not.toContainText(`attempt ${cycle}`);
    await expect(timeline(a)).not.toContainText(`Replica lag ${cycle * 10} s`);
    if (cycle === 2) await reopen(b, name); // close and reopen while paused, too
    await setPaused(b, false);
    for (const page of [a, b]) {
      await expect(timeline(page)).toContainText(`attempt ${cycle}`, { timeout: 20_000 });
      await expect(timeline(page)).toContainText(`Replica lag ${cycle * 10} s`, { timeout: 20_000 });
    }
    await expectInSync([a, b]);
  }
  // Every later note still reaches the other side.
  await logByKeyboard(a, 'Quin: writes are back on the primary');
  await expect(timeline(b)).toContainText('writes are back on the primary', { timeout: 20_000 });
  await logByKeyboard(b, 'Ray: error rate back to baseline');
  await expect(timeline(a)).toContainText('error rate back to baseline', { timeout: 20_000 });
  await expectInSync([a, b]);

  // As many connections as after the first open: nothing left behind by the cycles.
  await expect.poll(() => openConnections(b), { timeout: 20_000 }).toEqual(baseline);
  // Closing the incident closes them all, and nothing redials.
  await b.getByRole('link', { name: 'Back to incidents' }).click();
  await expect.poll(() => openConnections(b), { timeout: 15_000 }).toEqual({ sockets: 0, peers: 0 });
  await b.waitForTimeout(3_000);
  expect(await openConnections(b)).toEqual({ sockets: 0, peers: 0 });
});
