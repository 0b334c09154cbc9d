import { expect, test } from './fixtures';
import { E2E_ARGS } from './chromium';
import { BASE, declareByKeyboard, join, logByKeyboard, machines, openShare, separateBrowsers, shareDialog, timeline, waitSaved } from './helpers';
import { lossyRelay } from './lossy-relay';
import { decodeInvite } from '../../src/shared/sync/invite';

/**
 * Relays learned from peers (shared/sync/advertised.ts), and failing over
 * between them: separate Chromium browsers that cannot reach each other
 * over WebRTC, as in relay.spec.ts, with the relay playwright.config.ts
 * starts on 127.0.0.1:4455 and a second way into it (a proxy in front of
 * it) that goes down.
 */
const RELAY = 'ws://127.0.0.1:4455';
/** Nothing listens there, so no peer is ever introduced. */
const NO_SIGNALING = 'ws://127.0.0.1:9';
const machine = separateBrowsers([...E2E_ARGS, '--force-webrtc-ip-handling-policy=disable_non_proxied_udp']);

function decodedRelays(code: string): readonly string[] | undefined | null {
  const decoded = decodeInvite(code);
  return decoded.ok ? decoded.invite.relays : null;
}

test('a relay a peer uses is learned, and when the first relay goes down the incident goes on through it', async () => {
  test.setTimeout(120_000);
  // Two ways into the relay tier: a node in front of it (which goes down) and the relay itself.
  const first = await lossyRelay(RELAY);
  try {
    const [a, b] = await machines(machine, 2);
    await a.goto(BASE);
    await declareByKeyboard(a, { synopsis: 'Relay node maintenance overnight', who: 'Ada (IC)' });
    await waitSaved(a);
    await openShare(a);
    const dialog = shareDialog(a);
    await dialog.getByLabel('Signaling addresses (one per line)').fill(NO_SIGNALING);
    await dialog.getByRole('button', { name: 'Use these addresses' }).click();
    await dialog.getByLabel('Relays (optional, one per line)').fill(first.url);
    await dialog.getByRole('button', { name: 'Use these relays' }).click();
    // The invite handed on is the one that lists it (the code is made again a moment after).
    const inviteField = dialog.getByLabel('Invite code');
    const relaysIn = async () => decodedRelays(await inviteField.inputValue());
    await expect.poll(relaysIn).toEqual([first.url]);
    const invite = await inviteField.inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await join(b, invite, 'Bo (Scribe)');
    await expect(timeline(b)).toContainText('Relay node maintenance overnight', { timeout: 30_000 });
    // Bo's command post also uses the second address; Ada's learns it from Bo's presence.
    await openShare(b);
    await shareDialog(b).getByLabel('Relays (optional, one per line)').fill(`${first.url}\n${RELAY}`);
    await shareDialog(b).getByRole('button', { name: 'Use these relays' }).click();
    await shareDialog(b).getByRole('button', { name: 'Done' }).click();
    await openShare(a);
    await expect(shareDialog(a).getByLabel('Relays (optional, one per line)')).toHaveValue(`${first.url}\n${RELAY}`, { timeout: 20_000 });
    await expect.poll(async () => decodedRelays(await shareDialog(a).getByLabel('Invite code').inputValue())).toEqual([first.url, RELAY]);
    await shareDialog(a).getByRole('button', { name: 'Done' }).click();

    // The first node goes down: both are already on the other.
    await first.close();
    await logByKeyboard(b, 'a: Node 1 is down, still here');
    await expect(timeline(a)).toContainText('Node 1 is down, still here', { timeout: 20_000 });
    await logByKeyboard(a, 'd: Carry on through node 2');
    await expect(timeline(b)).toContainText('Carry on through node 2', { timeout: 20_000 });
    for (const page of [a, b]) {
      await expect(page.locator('.sync')).toHaveAttribute('data-relay', 'connected');
      // The header says how it stands with each node.
      await expect(page.locator('.sync')).toContainText('1 of 2 relays connected', { timeout: 20_000 });
      await expect(page.locator('.sync')).toHaveAttribute('aria-label', new RegExp(`Relays: ${first.url} unreachable, retrying; ${RELAY} connected, up to date`));
    }
  } finally {
    await first.close();
  }
});
