import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { decodeInvite } from '../../src/shared/sync/invite';
import { fakeMainChanges, installFakeDesktop, loopbackStatus } from './fake-desktop';
import { declareByKeyboard } from './helpers';

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Settings' });
}

test.describe('in a browser', () => {
  test('Ctrl+, opens Settings, which says how to run npm run signal and offers no switch it cannot honour; Escape closes it', { tag: '@quick' }, async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    await page.keyboard.press('Control+,');
    const dialog = settingsDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Signaling server' })).toBeVisible();
    await expect(dialog).toContainText('npm run signal');
    await expect(dialog).toContainText('npm run signal -- --lan lets other computers on this network reach it.');
    await expect(dialog).toContainText('npm run signal -- --port 5000 listens on another port');
    await expect(dialog).toContainText('Invites made in this browser list ws://127.0.0.1:4444.');
    // No signaling switch (the keys for quick capture above it are the browser's own to set).
    const signaling = dialog.getByRole('region', { name: 'Signaling server' });
    await expect(signaling.getByRole('checkbox')).toHaveCount(0);
    await expect(signaling.getByRole('textbox')).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('the Settings button in the header opens it too, from inside an incident', async ({ page }) => {
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Settings from an incident' });
    await page.getByRole('navigation', { name: 'Command Post' }).getByRole('button', { name: 'Settings' }).click();
    await expect(settingsDialog(page)).toBeVisible();
    await settingsDialog(page).getByRole('button', { name: 'Close' }).click();
    await expect(settingsDialog(page)).toBeHidden();
  });
});

test.describe('in the desktop app (a scripted main behind the bridge)', () => {
  test('letting other computers reach the server: saved through main, and the addresses to read out are shown', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    await expect(page.getByText('Desktop', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = settingsDialog(page);
    const status = dialog.getByRole('status', { name: 'Signaling server status' });
    await expect(status).toHaveText('Listening on ws://127.0.0.1:4444, for this computer only.');
    const lan = dialog.getByRole('checkbox', { name: 'Let other computers on this network reach my signaling server' });
    await expect(lan).not.toBeChecked();
    await expect(dialog.getByText(/Anyone on the network can then connect to it/)).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Port' })).toHaveValue('4444');

    await lan.check();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText('Saved.')).toBeVisible();
    expect(await fakeMainChanges(page)).toEqual([{ exposeOnLan: true, port: 4444 }]);
    await expect(status).toContainText('Listening on the network, port 4444. Other computers reach it at:');
    await expect(status.getByRole('listitem')).toHaveText(['ws://192.168.1.20:4444', 'ws://10.0.0.7:4444']);
  });

  test('a port that is taken: main’s reason is shown, the old server is still named, and the typed port stays', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus(), takenPorts: [5000] });
    await page.goto('/');
    await page.keyboard.press('Control+,'); // the Settings menu item's accelerator
    const dialog = settingsDialog(page);
    const port = dialog.getByRole('textbox', { name: 'Port' });
    await expect(port).toHaveValue('4444');
    await port.fill('5000');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('port 5000 is already in use on 127.0.0.1');
    await expect(dialog.getByRole('alert')).toContainText('The signaling server is still listening on ws://127.0.0.1:4444 (this computer only).');
    await expect(port).toHaveValue('5000');
    await expect(dialog.getByRole('status', { name: 'Signaling server status' })).toHaveText('Listening on ws://127.0.0.1:4444, for this computer only.');
  });

  test('a port outside 1024–65535 is refused before main is asked', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = settingsDialog(page);
    const port = dialog.getByRole('textbox', { name: 'Port' });
    await expect(port).toHaveValue('4444');
    for (const [typed, message] of [
      ['80', 'Use a port from 1024 to 65535: lower ports need administrator rights.'],
      ['70000', 'Use a port from 1024 to 65535.'],
      ['http', 'The port must be a number.'],
    ] as const) {
      await port.fill(typed);
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog.getByRole('alert')).toHaveText(message);
    }
    expect(await fakeMainChanges(page)).toEqual([]);
  });

  test('a setting an environment variable decides is shown as it has it, and cannot be changed', async ({ page }) => {
    await installFakeDesktop(page, {
      status: loopbackStatus({
        exposedOnLan: true,
        envOverrides: { exposeOnLan: { variable: 'COMMAND_POST_SIGNALING_LAN', value: '1' }, port: null },
        settingsProblem: 'The settings file /home/dana/.config/Command Post/settings.json is not valid JSON (Unexpected end of JSON input). It was kept as settings.json.corrupt-2026-03-14T09-26-53-589Z, next to it, and the default settings are in use.',
      }),
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = settingsDialog(page);
    const lan = dialog.getByRole('checkbox', { name: 'Let other computers on this network reach my signaling server' });
    await expect(lan).toBeChecked();
    await expect(lan).toBeDisabled();
    await expect(dialog).toContainText('Set by COMMAND_POST_SIGNALING_LAN=1 when Command Post started: the variable wins over this setting');
    await expect(dialog).toContainText('It was kept as settings.json.corrupt-2026-03-14T09-26-53-589Z');
    await dialog.getByRole('textbox', { name: 'Port' }).fill('4500');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText('Saved.')).toBeVisible();
    // The saved switch keeps its value; only the port changes.
    expect(await fakeMainChanges(page)).toEqual([{ exposeOnLan: false, port: 4500 }]);
  });

  test('an invite made while the server is open to the network lists its LAN addresses and no loopback', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus({ exposedOnLan: true, port: 4500, settings: { exposeOnLan: true, port: 4500 } }) });
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Primary database down' });
    await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
    const dialog = page.getByRole('dialog', { name: /^Share / });
    const code = dialog.getByLabel('Invite code');
    await expect(code).toHaveValue(/^cp1\./);
    const decoded = decodeInvite(await code.inputValue());
    expect(decoded.ok && decoded.invite.signaling).toEqual(['ws://192.168.1.20:4500', 'ws://10.0.0.7:4500']);
    await expect(dialog.getByText('Only this computer can use its signaling server')).toHaveCount(0);
  });

  test('the share dialog says when only this computer can use its server, leads to the setting, and then adds the LAN addresses', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Primary database down' });
    await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
    const share = page.getByRole('dialog', { name: /^Share / });
    await expect(share.getByLabel('Invite code')).toHaveValue(/^cp1\./);
    const before = decodeInvite(await share.getByLabel('Invite code').inputValue());
    expect(before.ok && before.invite.signaling).toEqual(['ws://127.0.0.1:4444']);
    await expect(share).toContainText('Only this computer can use its signaling server');

    await share.getByRole('button', { name: 'Let other computers reach it (Settings)' }).click();
    const settings = settingsDialog(page);
    await settings.getByRole('checkbox', { name: 'Let other computers on this network reach my signaling server' }).check();
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(settings.getByText('Saved.')).toBeVisible();
    await page.keyboard.press('Escape');

    // The invite was made before: the share dialog offers to list the addresses now.
    await page.locator('.sync').click();
    await share.getByRole('button', { name: 'Add ws://192.168.1.20:4444, ws://10.0.0.7:4444 to the invite' }).click();
    await expect(share.getByLabel('Signaling addresses (one per line)')).toHaveValue('ws://192.168.1.20:4444\nws://10.0.0.7:4444');
    const after = decodeInvite(await share.getByLabel('Invite code').inputValue());
    expect(after.ok && after.invite.signaling).toEqual(['ws://192.168.1.20:4444', 'ws://10.0.0.7:4444']);
    await expect(share.getByRole('button', { name: /to the invite$/ })).toHaveCount(0);
  });
});
