import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, timeline } from './helpers';

const entryLine = (page: Page) => page.getByRole('textbox', { name: 'Log a timeline event' });
const panel = (page: Page, tab: string) => page.locator(`#incident-panel-${tab}`);
const focusedIn = (page: Page, selector: string) => page.evaluate((s) => !!document.activeElement?.closest(s), selector);
const palette = (page: Page) => page.getByRole('dialog', { name: 'Find an action' });

/** Opens the palette, types part of an action's name and runs the first row that matches. */
async function runFromPalette(page: Page, words: string, option: RegExp): Promise<void> {
  await page.keyboard.press('Control+K');
  const search = palette(page).getByRole('combobox');
  await expect(search).toBeFocused();
  await page.keyboard.type(words);
  await expect(palette(page).getByRole('option').first()).toHaveAccessibleName(option);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toHaveCount(0);
}

test('a note typed the moment the incident is declared is logged, its first letter no shortcut', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(dialog.getByRole('textbox', { name: 'Synopsis' })).toBeFocused();
  await page.keyboard.type('Checkout failing');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Dana Scully');
  // No wait of any kind between declaring and typing: "f" would open the timeline's search.
  await page.keyboard.press('Enter');
  await page.keyboard.type('found the bad deploy in checkout');
  await page.keyboard.press('Enter');
  await page.keyboard.type('following up');

  await expect(timeline(page).locator('li.event').filter({ hasText: 'found the bad deploy in checkout' })).toHaveCount(1);
  await expect(entryLine(page)).toBeFocused();
  await expect(entryLine(page)).toHaveValue('following up');
  await expect(page.getByRole('searchbox', { name: 'Search the timeline' })).toHaveValue('');
  await expect(dialog).toHaveCount(0);
});

test('opening an incident from the list puts focus in its entry line', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Payments slow' });
  await page.keyboard.press('Control+Shift+H');
  await page.getByRole('link', { name: /Payments slow|SEV-2, active/ }).first().click();
  await expect(entryLine(page)).toBeFocused();
});

test('a dialog gives focus back to what opened it, and Settings opens at its top', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto('/');
  const keys = page.getByRole('button', { name: 'Keys' });
  await keys.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(keys).toBeFocused();

  const settingsButton = page.getByRole('button', { name: 'Settings' });
  await settingsButton.click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('heading', { name: 'Settings' })).toBeInViewport();
  expect(await settings.evaluate((d) => d.scrollTop)).toBe(0);
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settingsButton).toBeFocused();

  // In an incident: a tab's dialog, cancelled, gives focus back to the selection the key acted on.
  await declareByKeyboard(page, { synopsis: 'Queue backlog' });
  await page.keyboard.press('Alt+O');
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);
  const card = page.locator(':focus');
  await page.keyboard.press('c');
  const checkIn = page.getByRole('dialog', { name: 'Check in a responder' });
  await expect(checkIn).toBeVisible();
  await checkIn.getByRole('button', { name: 'Cancel' }).click();
  await expect(checkIn).toHaveCount(0);
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);
  await expect(card).toBeFocused();
});

test('a tab key puts focus in the tab, where its single keys act at once', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Login errors' });
  await expect(entryLine(page)).toBeFocused();

  await page.keyboard.press('Alt+O');
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);
  await page.keyboard.press('c');
  await expect(page.getByRole('dialog', { name: 'Check in a responder' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+P');
  await expect.poll(() => focusedIn(page, '#incident-panel-plan')).toBe(true);
  await page.keyboard.press('o');
  await expect(page.locator('dialog[open]')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog[open]')).toHaveCount(0);

  await page.keyboard.press('Alt+T');
  await expect.poll(() => focusedIn(page, '#incident-panel-timeline')).toBe(true);
  await page.keyboard.press('f');
  await expect(page.getByRole('searchbox', { name: 'Search the timeline' })).toBeFocused();
});

test('a click on an org card selects it for the chart’s keys; Enter opens its details', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'DNS flapping' });
  await page.keyboard.press('Alt+O');
  const ic = panel(page, 'org').locator('.role-main').first();
  await ic.click();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await page.keyboard.press('h');
  await expect(page.getByRole('dialog', { name: /Hand over/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ic).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Incident Commander' })).toBeVisible();
});

test('the palette finds an action of the shown tab and runs it as its key would; Escape gives focus back', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Cache stampede' });
  await page.keyboard.press('Control+K');
  const search = palette(page).getByRole('combobox');
  await expect(search).toBeFocused();
  await expect(palette(page).getByRole('listbox')).toBeVisible();
  // Each row shows its key: the timeline's search is f, the org chart Alt+O.
  await expect(palette(page).getByRole('option', { name: /Search\s*f$/ })).toBeVisible();
  await expect(palette(page).getByRole('option', { name: /Show the org chart\s*Alt\+O/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(entryLine(page)).toBeFocused();

  await runFromPalette(page, 'org chart', /Show the org chart/);
  await expect(page.getByRole('tab', { name: /Org chart/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);
  await runFromPalette(page, 'check in', /Check in/);
  await expect(page.getByRole('dialog', { name: 'Check in a responder' })).toBeVisible();
  await page.keyboard.type('Jo Kim');
  await page.keyboard.press('Enter');
  await expect(page.locator('.responders')).toContainText('Jo Kim');
});

test('with single keys turned off, a letter does nothing outside a field; modifier keys and the palette still work', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('checkbox', { name: 'Single-key shortcuts' }).uncheck();
  await settings.getByRole('button', { name: 'Close' }).click();
  // The choice outlives a reload.
  await page.reload();
  await declareByKeyboard(page, { synopsis: 'Disk full on db-3' });

  await page.keyboard.press('Alt+T');
  await expect.poll(() => focusedIn(page, '#incident-panel-timeline')).toBe(true);
  await page.keyboard.press('f');
  await page.keyboard.press('?');
  await expect(page.getByRole('searchbox', { name: 'Search the timeline' })).not.toBeFocused();
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  await expect(panel(page, 'timeline').locator('.key-hints').first()).toContainText('Single-key shortcuts are off');

  await page.keyboard.press('Alt+O');
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);
  await page.keyboard.press('c');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  // Arrows still move the selection: they are not character keys.
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedIn(page, '#incident-panel-org')).toBe(true);

  await runFromPalette(page, 'check in', /Check in/);
  await expect(page.getByRole('dialog', { name: 'Check in a responder' })).toBeVisible();
  await page.keyboard.press('Escape');

  // The cue cards' keys are single keys too: off, while the palette still logs a card.
  await page.keyboard.press('Alt+T');
  await page.keyboard.press('Alt+C');
  await expect(page.getByRole('button', { name: 'Taking command', exact: true })).toBeFocused();
  await page.keyboard.press('1');
  await expect(timeline(page)).not.toContainText('took command');
  await runFromPalette(page, 'taking command', /Taking command\s*1$/);
  await expect(timeline(page)).toContainText('took command as Incident Commander');

  await page.getByRole('button', { name: 'Keys' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Single-key shortcuts are turned off');
});
