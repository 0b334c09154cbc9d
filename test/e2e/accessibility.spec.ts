/**
 * Accessibility, checked by axe-core (WCAG 2.x A and AA) on every screen a
 * responder meets: the incident list, each tab of an incident with content
 * in it, the main dialogs and the observer's view, in both themes. A
 * critical or serious violation fails; each is reported with its rule, its
 * impact and the elements it was found on, so the failure says what to fix.
 * The theme is the OS's here (emulated); the Settings switch has its own test.
 *
 * Each screen is checked in both themes where it stands: every rule in the
 * dark theme, then, with the OS switched to light, the rules a theme can
 * change (the themes differ only in colour, never in the page's structure).
 * One walk through the screens instead of one per theme halves the time;
 * the screens are split into three walks that run side by side.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible } from './axe';
import { declareByKeyboard, logByKeyboard, waitSaved } from './helpers';
import { checkInByKeyboard, openOrgChart } from './org-helpers';

/** Leaves any text field, so that a tab's single keys act. */
async function leaveTextField(page: Page): Promise<void> {
  const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
  if (typing) await page.keyboard.press('Escape');
}

/** Shows a tab by its Alt key and waits for it. */
async function showTab(page: Page, key: string, name: RegExp): Promise<void> {
  await page.keyboard.press(`Alt+${key}`);
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  await leaveTextField(page);
}

/** Opens a dialog (by a key, or as given), checks it, and closes it with Escape. */
async function checkDialog(page: Page, open: string | (() => Promise<void>), name: string): Promise<void> {
  if (typeof open === 'string') await page.keyboard.press(open);
  else await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, `dialog "${name}"`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** An incident with a few entries in it, declared from the keyboard; returns its name. */
async function declareWithEntries(page: Page): Promise<string> {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await logByKeyboard(page, 'Paged the database on-call');
  await logByKeyboard(page, 'd: fail over to the replica');
  await waitSaved(page);
  return name;
}

// The screens in three walks, which run side by side.
test.describe('no critical or serious accessibility violation, in either theme', () => {
  test.setTimeout(180_000);

  test('the incident list, the timeline and the incident’s dialogs', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
    await expectAccessible(page, 'empty incident list');

    await page.keyboard.press('Control+Shift+D');
    await expect(page.getByRole('dialog', { name: 'Declare an incident' })).toBeVisible();
    await expectAccessible(page, 'declare dialog');
    await page.keyboard.press('Escape');

    const name = await declareWithEntries(page);
    await leaveTextField(page);
    // One check of the timeline with all it can show at once: a selected row's actions over its end, the cue cards beside.
    await page.keyboard.press('j');
    await expect(page.locator('.event.selected')).toHaveCount(1);
    await checkDialog(page, '?', 'Keyboard shortcuts');
    await page.keyboard.press('Alt+C');
    await expect(page.getByRole('complementary', { name: /Cue cards/ })).toBeVisible();
    await expect(page.locator('.event.selected')).toHaveCount(1);
    await expectAccessible(page, 'Timeline tab, a row selected, the cue cards beside');
    await page.keyboard.press('Alt+C');
    await checkDialog(page, () => page.getByRole('button', { name: 'Declare end…' }).click(), `Declare the end of ${name}`);

    await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
    const share = page.getByRole('dialog', { name: /^Share / });
    await expect(share.getByLabel('Invite code')).toHaveValue(/^cp1\./);
    await expectAccessible(page, 'share dialog');
    await share.getByRole('button', { name: 'Done' }).click();

    await page.keyboard.press('Control+,');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expectAccessible(page, 'settings dialog');
    await page.keyboard.press('Escape');

    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Active incidents' }).getByRole('link')).toHaveCount(1);
    await expectAccessible(page, 'incident list with an active incident');
    await page.getByRole('button', { name: /^Filters/ }).click();
    await expectAccessible(page, 'incident list with its filters unfolded');

    await page.keyboard.press('Control+Shift+F');
    const search = page.getByRole('dialog', { name: 'Search all incidents' });
    await page.keyboard.type('replica');
    await expect(search.getByRole('option')).toHaveCount(1);
    await expectAccessible(page, 'search across incidents, with a result');
    await page.keyboard.press('Escape');
  });

  test('a shift change: handing over, the handovers waiting on the list, taking command', async ({ page }) => {
    await declareWithEntries(page);
    await page.keyboard.press('Control+Shift+H');
    await leaveTextField(page);
    await page.keyboard.press('h');
    const shift = page.getByRole('dialog', { name: 'Hand over my incidents' });
    await expect(shift.getByRole('textbox', { name: 'Incoming Incident Commander' })).toBeFocused();
    await expectAccessible(page, 'shift change: the incidents and the incoming IC');
    await page.keyboard.type('Rae Stone');
    await page.keyboard.press('Enter');
    const offer = page.getByRole('dialog', { name: 'Hand over to Rae Stone' });
    await expect(offer.getByRole('textbox', { name: /Briefing for/ })).toBeFocused();
    await expectAccessible(page, 'shift change: a briefing');
    await page.keyboard.press('Control+Enter');
    await expect(offer.getByRole('button', { name: 'Done' })).toBeFocused();
    await expectAccessible(page, 'shift change: the outcome');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+,');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'Your name' }).fill('Rae Stone');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Handovers offered to you' })).toBeVisible();
    await expectAccessible(page, 'incident list with a handover offered to me');
    await page.getByRole('button', { name: /take command/ }).click();
    const ack = page.getByRole('dialog', { name: 'Handover offered to Rae Stone' });
    await expect(ack.getByRole('button', { name: /Acknowledge and take command/ })).toBeFocused();
    await expectAccessible(page, 'taking command: a briefing');
    await page.keyboard.press('Enter');
    await expect(ack.getByRole('button', { name: 'Done' })).toBeFocused();
    await expectAccessible(page, 'taking command: the announcement');
  });

  test('the org chart, the plan and the timers', async ({ page }) => {
    await declareWithEntries(page);
    await openOrgChart(page);
    await checkInByKeyboard(page, 'Jo Kim', '@jo', 'Database');
    await expectAccessible(page, 'Org chart tab');
    await checkDialog(page, 'c', 'Check in a responder');

    await showTab(page, 'P', /Plan/);
    await page.keyboard.press('o');
    const objective = page.getByRole('dialog', { name: 'Add an objective' });
    await expect(objective.getByLabel('Objective')).toBeFocused();
    await page.keyboard.insertText('Restore checkout for EU customers');
    await page.keyboard.press('Enter');
    await expect(objective).toBeHidden();
    await page.keyboard.press('t');
    const task = page.getByRole('dialog', { name: 'Assign a task' });
    await expect(task.getByLabel('What')).toBeFocused();
    await expectAccessible(page, 'task dialog');
    await page.keyboard.insertText('Check replication lag');
    await task.getByLabel('Owner').selectOption({ label: 'Jo Kim — in staging' });
    await task.getByLabel('What').press('Enter');
    await expect(task).toBeHidden();
    await expectAccessible(page, 'Plan tab');

    await showTab(page, 'M', /Timers/);
    await expectAccessible(page, 'Timers tab');
  });

  test('the status, the postmortem and the observer’s view', async ({ page }) => {
    await declareWithEntries(page);
    await showTab(page, 'S', /Status/);
    await page.getByRole('textbox', { name: 'Impact', exact: true }).fill('Customers in Europe cannot pay');
    await waitSaved(page);
    await leaveTextField(page);
    await expectAccessible(page, 'Status tab');
    await checkDialog(page, () => page.getByRole('button', { name: 'Compose update…' }).click(), 'Compose a stakeholder update');

    await showTab(page, 'R', /Postmortem/);
    await expectAccessible(page, 'Postmortem tab');
    await checkDialog(page, 'e', 'Export the postmortem');

    const id = page.url().split('/').pop()!;
    const observer = await page.context().newPage();
    await observer.goto(`/#/status/${id}`);
    await expect(observer.getByText('Customers in Europe cannot pay')).toBeVisible();
    await expectAccessible(observer, 'observer view');
    await observer.close();
  });
});

test('the theme follows the OS until Settings picks one, which applies at once and is kept', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);

  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const theme = settings.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await theme.getByRole('radio', { name: 'Light' }).check();
  // The OS still says dark; the choice wins, without a reload.
  await expect.poll(background).toBe(light);

  await page.reload();
  await expect.poll(background).toBe(light);
  await page.keyboard.press('Control+,');
  await expect(settings.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Light' })).toBeChecked();
  await settings.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await expect.poll(background).toBe(dark);
});
