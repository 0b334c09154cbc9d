/**
 * Settings → Updates, against the built renderer with a scripted main
 * behind the bridge (fake-desktop.ts): the address is saved through main,
 * main's refusals are shown against the field, the environment's address
 * locks it, and Check for updates now asks main. What main accepts and how
 * the check runs are unit-tested (test/unit/main/update-settings.test.ts).
 */
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { installFakeDesktop, loopbackStatus, type FakeMainOptions } from './fake-desktop';
import { expect, test } from './fixtures';

/** With UPDATE_SETTINGS_SHOTS set to a folder, the page and the section as they stand, for review, at each layout. */
async function shots(page: Page, section: Locator, layouts: [string, { width: number; height: number }, 'light' | 'dark'][]): Promise<void> {
  const folder = process.env.UPDATE_SETTINGS_SHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  for (const [name, viewport, colorScheme] of layouts) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${folder}/${name}.png` });
    await section.screenshot({ path: `${folder}/${name}-section.png` });
  }
}

/** What main says of smb://, scripted here: the real text is feed.ts's. */
const SHARE_REFUSAL =
  'updates.feedUrl="smb://server/share" is a network share address, which Command Post does not open itself: mount or map the share, then give the folder\'s path.';

async function openUpdates(page: Page, updates?: FakeMainOptions['updates']) {
  await installFakeDesktop(page, { status: loopbackStatus(), ...(updates ? { updates } : {}) });
  await page.goto('/');
  // The Updates form showing is what says the page took the desktop host (the header's "Desktop" hides on a phone).
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await page.keyboard.press('Control+,');
  const section = page.getByRole('dialog', { name: 'Settings' }).getByRole('form', { name: 'Updates' });
  await expect(section).toBeVisible();
  return section;
}

const fakeMain = (page: Page) => page.evaluate(() => ({ feeds: window.__fakeMain?.updateFeeds ?? [], checks: window.__fakeMain?.updateChecks ?? 0 }));

test.describe('Settings → Updates in the desktop app', () => {
  test('an address is saved through main and then in use; smb:// is refused with main’s reason, against the field', async ({ page }) => {
    const section = await openUpdates(page, { refusals: { 'smb://server/share': SHARE_REFUSAL } });
    const status = section.getByRole('status', { name: 'Update source' });
    await expect(status).toHaveText('Nothing is checked: no address is set.');
    const field = section.getByRole('textbox', { name: 'Update address' });
    await expect(field).toHaveValue('');
    await expect(field).toHaveAttribute('placeholder', 'http://updates.example.lan/command-post/');

    // Keyboard only: type, Enter saves.
    await field.focus();
    await page.keyboard.type('http://updates.example.lan/command-post/');
    await page.keyboard.press('Enter');
    await expect(section.getByText('Saved.')).toBeVisible();
    await expect(status).toHaveText('Checking only when asked, at http://updates.example.lan/command-post/.');
    await expect(field).toHaveAttribute('aria-invalid', 'false');

    await field.fill('smb://server/share');
    await section.getByRole('button', { name: 'Save update address' }).click();
    const alert = section.getByRole('alert');
    await expect(alert).toHaveText(SHARE_REFUSAL);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(SHARE_REFUSAL.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // Nothing was saved: the address before is still the one in use, and the typed one stays to be corrected.
    await expect(status).toHaveText('Checking only when asked, at http://updates.example.lan/command-post/.');
    await expect(field).toHaveValue('smb://server/share');
    await expect(section.getByText('Saved.')).toHaveCount(0);

    // Cleared: nothing is checked again.
    await field.fill('');
    await field.press('Enter');
    await expect(status).toHaveText('Nothing is checked: no address is set.');
    await expect(alert).toHaveCount(0);
    expect((await fakeMain(page)).feeds).toEqual(['http://updates.example.lan/command-post/', 'smb://server/share', null]);
  });

  test('Check for updates now asks main, which answers in its own window', async ({ page }) => {
    const section = await openUpdates(page, { status: { feedUrl: '/mnt/updates', inUse: 'the folder /mnt/updates' } });
    await expect(section.getByRole('status', { name: 'Update source' })).toHaveText('Checking only when asked, at the folder /mnt/updates.');
    await expect(section.getByRole('textbox', { name: 'Update address' })).toHaveValue('/mnt/updates');
    const check = section.getByRole('button', { name: 'Check for updates now' });
    await check.focus();
    await page.keyboard.press('Enter');
    await expect(section.getByText('Asked: Command Post says what it finds in a window of its own.')).toBeVisible();
    expect(await fakeMain(page)).toEqual({ feeds: [], checks: 1 });
  });

  test('when COMMAND_POST_UPDATE_URL decides, the field is locked and says which variable; a build without the key says updates are refused', async ({ page }) => {
    const section = await openUpdates(page, {
      status: {
        feedUrl: '/mnt/old-updates',
        envOverride: { variable: 'COMMAND_POST_UPDATE_URL', value: 'https://it.example.lan/cp/' },
        inUse: 'https://it.example.lan/cp/',
        hasSigningKey: false,
      },
    });
    await expect(section.getByRole('status', { name: 'Update source' })).toHaveText('Checking only when asked, at https://it.example.lan/cp/ (from COMMAND_POST_UPDATE_URL).');
    const field = section.getByRole('textbox', { name: 'Update address' });
    await expect(field).toBeDisabled();
    await expect(field).toHaveValue('/mnt/old-updates');
    await expect(field).not.toHaveAttribute('placeholder');
    await expect(field).toHaveAccessibleDescription(/Set by COMMAND_POST_UPDATE_URL=https:\/\/it\.example\.lan\/cp\/ on this machine: the variable wins/);
    await expect(section.getByRole('button', { name: 'Save update address' })).toBeDisabled();
    await expect(section).toContainText('This build carries no update signing key, so every update is refused; install new versions by hand.');
    // Checking still works: main says what the variable's address holds.
    await section.getByRole('button', { name: 'Check for updates now' }).click();
    expect(await fakeMain(page)).toEqual({ feeds: [], checks: 1 });
  });

  test('a 5,000-character paste is refused before main is asked; a hostile address main names is shown as text, wrapped', async ({ page }) => {
    const hostile = 'updates.feedUrl="/srv/\\u{202E}exe.txt" holds an invisible or direction-changing character, which can make one address read as another: type the address again.';
    // Main spells the override out in the saved address as in its message (unit-tested): the field shows what Save would save.
    const section = await openUpdates(page, { status: { feedUrl: '/srv/\\u{202E}exe.txt', problem: hostile } });
    await expect(section.getByRole('status', { name: 'Update source' })).toHaveText('Nothing is checked: the address set cannot be used (below says why).');
    await expect(section).toContainText(hostile);
    const field = section.getByRole('textbox', { name: 'Update address' });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue('/srv/\\u{202E}exe.txt');

    await field.fill(`http://updates.example.lan/${'x'.repeat(5000)}`);
    await field.press('Enter');
    await expect(section.getByRole('alert')).toHaveText('An update address is at most 2048 characters; this one has 5027.');
    expect((await fakeMain(page)).feeds).toEqual([]);
    // The dialog does not grow sideways with the address.
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const overflow = await dialog.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  test('the section passes axe in both themes, with a refusal shown', async ({ page }) => {
    const section = await openUpdates(page, { refusals: { 'smb://server/share': SHARE_REFUSAL } });
    await section.getByRole('textbox', { name: 'Update address' }).fill('smb://server/share');
    await section.getByRole('button', { name: 'Save update address' }).click();
    await expect(section.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'Settings → Updates with a refusal');
    await shots(page, section, [['desktop-light', { width: 1440, height: 900 }, 'light'], ['phone-dark', { width: 390, height: 844 }, 'dark']]);
  });

  test('the section passes axe in both themes, set by the environment in a build without the key', async ({ page }) => {
    const section = await openUpdates(page, {
      status: { envOverride: { variable: 'COMMAND_POST_UPDATE_URL', value: '/mnt/updates' }, inUse: 'the folder /mnt/updates', hasSigningKey: false },
    });
    await expect(section.getByRole('textbox', { name: 'Update address' })).toBeDisabled();
    await expectAccessible(page, 'Settings → Updates set by the environment');
    await shots(page, section, [['phone-dark-locked', { width: 390, height: 844 }, 'dark']]);
  });
});

test('in a browser, Settings has no Updates section: whoever serves the page updates it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('heading', { name: 'Signaling server' })).toBeVisible();
  await expect(dialog.getByRole('form', { name: 'Updates' })).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Update address' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Check for updates now' })).toHaveCount(0);
});
