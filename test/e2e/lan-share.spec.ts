/**
 * 'Share on this network' (issue 23), the sharing side, in the desktop app
 * with main scripted (fake-desktop.ts): the IC turns it on in the Share
 * dialog, main is asked to announce (the incident's name only when the IC
 * says so), the header says it, and a command post that knocks, played
 * here from Node with the same knock code the app's join side uses, is
 * admitted or refused in the prompt with one key. The knock travels through
 * the real signaling server the tests start (playwright.config.ts), which
 * main's fake status names as this machine's own. Main's announcing is
 * unit-tested and tested between network namespaces.
 */
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './fixtures';
import { expectAccessible } from './axe';
import { installFakeDesktop, loopbackStatus } from './fake-desktop';
import { declareByKeyboard, openShare, shareDialog, timeline } from './helpers';
import { knockTopic, startKnock, type KnockResult } from '../../src/shared/sync/knock';
import { decodeInvite } from '../../src/shared/sync/invite';
import { invitationRole } from '../../src/shared/trust/invites';
import type { Invitation } from '../../src/shared/trust/invites';

const SHOTS = process.env.LAN_SHARE_SHOTS;

/** A command post on this network knocking at an announced id, through the signaling server the page listens on. */
async function knock(announcedId: string, name: string, machine: string, timeoutMs = 45_000): Promise<{ code: Promise<string>; result: Promise<KnockResult>; close: () => void }> {
  const socket = new WebSocket('ws://127.0.0.1:4444');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'subscribe', topics: [knockTopic(announcedId)] }));
  let shown!: (code: string) => void;
  const code = new Promise<string>((resolve) => (shown = resolve));
  const attempt = await startKnock({
    announcedId,
    name,
    machine,
    send: (message) => socket.send(JSON.stringify(message)),
    timers: { setTimer: (callback, ms) => setTimeout(callback, ms), clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    onPending: shown,
    timeoutMs,
  });
  socket.on('message', (data) => attempt.handle(JSON.parse(String(data))));
  return { code, result: attempt.result, close: () => socket.close() };
}

async function announcedIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const bridge = (window as unknown as { commandPost: { getDiscoveryStatus(): Promise<{ shares: { ids: string[] }[] }> } }).commandPost;
    return (await bridge.getDiscoveryStatus()).shares[0]!.ids;
  });
}

async function announcedId(page: Page): Promise<string> {
  return (await announcedIds(page))[0]!;
}

const lanShares = (page: Page) => page.evaluate(() => window.__fakeMain?.lanShares ?? []);
const incidentId = (page: Page) => new URL(page.url()).hash.replace('#/incident/', '');
const prompt = (page: Page) => page.locator('dialog.knock-prompt');

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test.describe('in the desktop app (a scripted main behind the bridge)', () => {
  test('the IC shares on this network, with the name only when asked; knocks are admitted as responder or observer, or refused, each with one key', async ({ page }) => {
    test.setTimeout(120_000);
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    const name = await declareByKeyboard(page, { synopsis: 'Payments API returning 502s' });
    const id = incidentId(page);
    await openShare(page);
    const dialog = shareDialog(page);
    const lan = dialog.getByRole('checkbox', { name: 'Share on this network' });
    const showName = dialog.getByRole('checkbox', { name: 'Show this incident’s name to the network' }).or(dialog.getByRole('checkbox', { name: "Show this incident's name to the network" }));
    await expect(lan).not.toBeChecked();
    await expect(showName).not.toBeChecked();
    await expect(page.getByRole('button', { name: /^On this network/ })).toHaveCount(0);

    // On: main is asked to announce a share that names no incident.
    await lan.check();
    await expect(dialog.getByText('Shared on this network, without its name.')).toBeVisible();
    expect(await lanShares(page)).toEqual([{ shareKey: id, incident: null }]);
    const pill = page.getByRole('button', { name: /^On this network: command posts here can ask to join \(its name not shown\)/ });
    await expect(pill).toBeAttached();
    await expectAccessible(page, 'The Share dialog, shared on this network');
    await shot(page, 'share-dialog-on');

    // The name too, when the IC says so: announced again with codename and severity.
    await showName.check();
    await expect(dialog.getByText('Shared on this network, with its name.')).toBeVisible();
    expect((await lanShares(page)).at(-1)).toEqual({ shareKey: id, incident: { codename: name, severity: 'SEV-2' } });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: /^On this network: .*\(its name shown\)/ })).toBeVisible();
    await expect(page.getByRole('banner').or(page.locator('header.incident-header')).getByText('On this network', { exact: true })).toBeVisible();
    // A new severity is announced as it happens, since the name is shown.
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('SEV-1');
    await expect.poll(async () => (await lanShares(page)).at(-1)).toEqual({ shareKey: id, incident: { codename: name, severity: 'SEV-1' } });
    await expectAccessible(page, 'The incident header, shared on this network');
    await shot(page, 'header-pill');

    // A knock, from a joiner whose name tries to turn the text around: the prompt takes focus on Refuse.
    const at = await announcedId(page);
    const entry = page.getByRole('textbox', { name: 'Log a timeline event' });
    await entry.focus();
    const dana = await knock(at, 'Dana\u202Eevil\u200F', 'DANA-LAPTOP');
    await expect(prompt(page)).toBeVisible();
    await expect(prompt(page).getByRole('heading')).toHaveText(`Danaevil on DANA-LAPTOP asks to join ${name}`);
    const danaCode = await dana.code;
    await expect(prompt(page)).toContainText(`Check that their screen shows ${danaCode}`);
    await expect(prompt(page).getByRole('button', { name: /^Refuse/ })).toBeFocused();
    await expect(prompt(page)).toHaveAttribute('data-keys-armed', 'true');
    await expectAccessible(page, 'The request to join from this network');
    await shot(page, 'knock-prompt');

    await page.keyboard.press('r');
    const admitted = await dana.result;
    dana.close();
    expect(admitted.ok && admitted.role).toBe('responder');
    expect(admitted.code).toBe(danaCode);
    const invite = decodeInvite(admitted.ok ? admitted.invite : '');
    expect(invite.ok && invite.invite.incidentId).toBe(id);
    expect(invite.ok && invite.invite.admission && invitationRole(invite.invite.admission as unknown as Invitation)).toBe('responder');
    await expect(prompt(page)).toBeHidden();
    // Back where the IC was typing.
    await expect(entry).toBeFocused();
    await expect(timeline(page).getByText(`Danaevil on DANA-LAPTOP was admitted from this network as a responder (code ${danaCode}).`)).toBeVisible();

    // Two at once: they queue. N refuses the first, O admits the second as an observer.
    const lee = await knock(at, 'Lee', 'FIELD-TABLET');
    await expect(prompt(page).getByRole('heading')).toHaveText(`Lee on FIELD-TABLET asks to join ${name}`);
    const pat = await knock(at, 'Pat (Exec)', 'EXEC-PC');
    await expect(prompt(page)).toContainText('One more is waiting after Lee on FIELD-TABLET.');
    await expect(page).toHaveTitle(`(2 asking to join) ${name} · SEV-1 · Command Post`);
    await expect(prompt(page)).toHaveAttribute('data-keys-armed', 'true');
    await page.keyboard.press('n');
    expect(await lee.result).toMatchObject({ ok: false, reason: 'refused', code: await lee.code });
    lee.close();
    await expect(prompt(page).getByRole('heading')).toHaveText(`Pat (Exec) on EXEC-PC asks to join ${name}`);
    await expect(prompt(page)).toContainText(`Check that their screen shows ${await pat.code}`);
    await expect(prompt(page)).toHaveAttribute('data-keys-armed', 'true');
    await page.keyboard.press('o');
    const observer = await pat.result;
    pat.close();
    expect(observer.ok && observer.role).toBe('observer');
    const observerInvite = decodeInvite(observer.ok ? observer.invite : '');
    expect(observerInvite.ok && observerInvite.invite.admission && invitationRole(observerInvite.invite.admission as unknown as Invitation)).toBe('observer');
    await expect(prompt(page)).toBeHidden();
    await expect(timeline(page).getByText(/^Lee on FIELD-TABLET asked to join from this network and was refused/)).toBeVisible();
    await expect(timeline(page).getByText(/^Pat \(Exec\) on EXEC-PC was admitted from this network as an observer/)).toBeVisible();

    // Off again from the header's pill: main withdraws it, and the pill goes.
    await page.getByRole('button', { name: /^On this network/ }).click();
    await expect(lan).toBeChecked();
    await lan.uncheck();
    await expect(lan).not.toBeChecked();
    expect((await lanShares(page)).at(-1)).toEqual({ unshare: id });
    await expect(page.getByRole('button', { name: /^On this network/ })).toHaveCount(0);
  });

  test('when main rotates the id, knocks are answered at the new one and, for a while, the old; then no longer at the old', async ({ page }) => {
    test.setTimeout(90_000);
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    const name = await declareByKeyboard(page, { synopsis: 'VPN concentrator flapping' });
    const id = incidentId(page);
    await openShare(page);
    await shareDialog(page).getByRole('checkbox', { name: 'Share on this network' }).check();
    await shareDialog(page).getByRole('button', { name: 'Done' }).click();
    const old = await announcedId(page);
    await page.evaluate((key) => window.__fakeMain?.rotateShare(key), id);
    await expect.poll(() => announcedIds(page)).toHaveLength(2);
    const [fresh] = await announcedIds(page);
    expect(fresh).not.toBe(old);

    for (const [at, who] of [[old, 'Ari'], [fresh!, 'Bo']] as const) {
      const asking = await knock(at, who, 'LAB-PC');
      await expect(prompt(page).getByRole('heading')).toHaveText(`${who} on LAB-PC asks to join ${name}`);
      await expect(prompt(page)).toHaveAttribute('data-keys-armed', 'true');
      await page.keyboard.press('n');
      expect(await asking.result).toMatchObject({ ok: false, reason: 'refused' });
      asking.close();
    }

    // The old id's two minutes are over: a knock there goes unanswered, and nothing is asked of the IC.
    await page.evaluate((key) => window.__fakeMain?.retirePreviousId(key), id);
    await expect.poll(() => announcedIds(page)).toEqual([fresh]);
    const late = await knock(old, 'Cy', 'LAB-PC', 4_000);
    expect(await late.result).toMatchObject({ ok: false, reason: 'timeout', code: null });
    late.close();
    await expect(prompt(page)).toBeHidden();
  });

  test('closing the incident withdraws the announcement; discovery turned off withdraws it too; main refusing says why and shows no pill', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    const name = await declareByKeyboard(page, { synopsis: 'Badge readers offline' });
    const id = incidentId(page);
    await openShare(page);
    await shareDialog(page).getByRole('checkbox', { name: 'Share on this network' }).check();
    await expect(shareDialog(page).getByText('Shared on this network, without its name.')).toBeVisible();
    await shareDialog(page).getByRole('button', { name: 'Done' }).click();
    await page.keyboard.press('Control+Shift+H');
    await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    await expect.poll(async () => (await lanShares(page)).at(-1)).toEqual({ unshare: id });

    // Shared again; then discovery is turned off (Settings, on this machine): main withdraws it, and the page follows.
    await page.getByRole('link', { name: new RegExp(`^${name}, SEV-2, active`) }).click();
    // Still shared with invites (only not on this network): the indicator opens the dialog once the share is read.
    await expect(page.locator('.sync')).toHaveAttribute('data-status', /./);
    await openShare(page);
    const lan = shareDialog(page).getByRole('checkbox', { name: 'Share on this network' });
    await lan.check();
    await expect(page.getByRole('button', { name: /^On this network/ })).toBeAttached();
    await page.evaluate(() => (window as unknown as { commandPost: { setDiscoverySettings(p: unknown): Promise<unknown> } }).commandPost.setDiscoverySettings({ enabled: false, displayName: '' }));
    await expect(lan).not.toBeChecked();
    await expect(shareDialog(page).getByRole('alert')).toHaveText('Discovery was turned off.');
    await expect(page.getByRole('button', { name: /^On this network/ })).toHaveCount(0);

    // Asked again while it is off: main refuses, and the dialog says why.
    await lan.click();
    await expect(shareDialog(page).getByRole('alert')).toContainText('Discovery is off.');
    await expect(lan).not.toBeChecked();
    await expect(page.getByRole('button', { name: /^On this network/ })).toHaveCount(0);
  });

  test('declaring the end withdraws the announcement, and an ended incident is not announced again', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    const name = await declareByKeyboard(page, { synopsis: 'Printers offline on floor 3' });
    const id = incidentId(page);
    await openShare(page);
    await shareDialog(page).getByRole('checkbox', { name: 'Share on this network' }).check();
    await shareDialog(page).getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('button', { name: /^On this network/ })).toBeAttached();

    await page.getByRole('button', { name: 'Declare end…' }).click();
    await page.keyboard.type('Toner restocked');
    await page.getByRole('dialog', { name: `Declare the end of ${name}` }).getByRole('button', { name: 'Declare end of incident' }).click();
    await page.getByRole('dialog', { name: `Closing notice: ${name}` }).getByRole('button', { name: 'Later' }).click();
    await expect.poll(async () => (await lanShares(page)).at(-1)).toEqual({ unshare: id });
    await expect(page.getByRole('button', { name: /^On this network/ })).toHaveCount(0);

    await page.locator('.sync').click();
    const lan = shareDialog(page).getByRole('checkbox', { name: 'Share on this network' });
    await expect(shareDialog(page).getByRole('alert')).toHaveText('The incident ended, so it is no longer shared on this network.');
    await lan.click();
    await expect(shareDialog(page).getByRole('alert')).toHaveText('The incident has ended: there is nothing to join.');
    await expect(lan).not.toBeChecked();
    expect((await lanShares(page)).filter((call) => 'shareKey' in call)).toHaveLength(1);
  });

  test('Settings → Discovery: the switch and the name on this network, saved through main; a name too long is refused with its length', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    await page.keyboard.press('Control+,');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const section = dialog.getByRole('form', { name: 'Discovery' });
    await expect(section.getByRole('status').first()).toHaveText('On: announcing nothing until an IC shares an incident on this network.');
    const on = section.getByRole('checkbox', { name: 'Find and be found on this network' });
    await expect(on).toBeChecked();
    const nameField = section.getByRole('textbox', { name: /^This machine's name on the network/ });
    await nameField.fill('x'.repeat(41));
    await section.getByRole('button', { name: 'Save discovery' }).click();
    await expect(section.getByRole('alert')).toHaveText('The name on this network is at most 40 characters; this one has 41.');
    await expect(nameField).toHaveAttribute('aria-invalid', 'true');
    expect(await page.evaluate(() => window.__fakeMain?.discoveryChanges)).toEqual([]);

    await nameField.fill('  Dana\u202E’s   laptop ');
    await on.uncheck();
    await section.getByRole('button', { name: 'Save discovery' }).click();
    await expect(section.getByText('Saved.')).toBeVisible();
    expect(await page.evaluate(() => window.__fakeMain?.discoveryChanges)).toEqual([{ enabled: false, displayName: 'Dana’s laptop' }]);
    await expect(nameField).toHaveValue('Dana’s laptop');
    await expectAccessible(page, 'Settings, Discovery');
    await shot(page, 'settings-discovery');
  });

  test('COMMAND_POST_DISCOVERY decides the switch: Settings says which variable, and the switch cannot be changed', async ({ page }) => {
    await installFakeDesktop(page, {
      status: loopbackStatus(),
      discovery: {
        enabled: false,
        disabledReason: 'Off: COMMAND_POST_DISCOVERY=0 was set when Command Post started.',
        envOverride: { variable: 'COMMAND_POST_DISCOVERY', value: '0' },
        settings: { enabled: true, displayName: 'Ops desk' },
        error: null,
        settingsProblem: null,
      },
    });
    await page.goto('/');
    await page.keyboard.press('Control+,');
    const section = page.getByRole('dialog', { name: 'Settings' }).getByRole('form', { name: 'Discovery' });
    const on = section.getByRole('checkbox', { name: 'Find and be found on this network' });
    await expect(on).toBeDisabled();
    await expect(on).not.toBeChecked();
    await expect(section).toContainText('Set by COMMAND_POST_DISCOVERY=0 when Command Post started');
    await expect(section.getByRole('status').first()).toHaveText('Off: COMMAND_POST_DISCOVERY=0 was set when Command Post started.');
    await expect(section.getByRole('textbox', { name: /^This machine's name on the network/ })).toHaveValue('Ops desk');
  });
});

test.describe('in a browser', () => {
  test('the Share dialog says only the desktop app shares on this network, and offers no switch', async ({ page }) => {
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Browser share' });
    await openShare(page);
    await expect(shareDialog(page)).toContainText('Only the desktop app can announce an incident on this network');
    await expect(shareDialog(page).getByRole('checkbox', { name: 'Share on this network' })).toHaveCount(0);
  });
});
