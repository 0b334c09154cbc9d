import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { typeInto, type Typing } from './helpers';

/** Shows the org chart tab (Alt+O) and takes focus out of any text field, so single keys act. */
export async function openOrgChart(page: Page): Promise<void> {
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('tab', { name: /Org chart/ })).toHaveAttribute('aria-selected', 'true');
  const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
  if (typing) await page.keyboard.press('Escape');
}

export function orgDialog(page: Page) {
  return page.locator('dialog[open]');
}

/** c, then the three fields, then Enter: the new responder waits in staging, selected. */
export async function checkInByKeyboard(page: Page, name: string, contact = '', skills = '', typing: Typing = 'text'): Promise<void> {
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Check in a responder' });
  await expect(dialog).toBeVisible();
  await typeInto(page, name, typing);
  await page.keyboard.press('Tab');
  await typeInto(page, contact, typing);
  await page.keyboard.press('Tab');
  await typeInto(page, skills, typing);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.responder.selected .responder-name')).toHaveText(name);
}

/**
 * a on the selected person, then the role picked by typing its first letters
 * in the closed list (as a keyboard user does), the area or team, and whom it
 * reports to; Enter assigns. `typing` is for the area or team's text field
 * only: the closed lists are always picked key by key.
 */
export async function assignByKeyboard(page: Page, role: { pick: string; name?: string; reportsTo: string }, typing: Typing = 'text'): Promise<void> {
  await page.keyboard.press('a');
  const dialog = orgDialog(page);
  await expect(dialog.getByRole('heading', { name: /^Assign / })).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Role' })).toBeFocused();
  await page.keyboard.type(role.pick);
  if (role.name !== undefined) {
    await page.keyboard.press('Tab');
    await typeInto(page, role.name, typing);
  }
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('combobox', { name: 'Reports to' })).toBeFocused();
  await page.keyboard.type(role.reportsTo);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
}

export function roleCard(page: Page, title: string) {
  return page.locator('.role-card').filter({ has: page.locator('.role-title', { hasText: new RegExp(`^${title}$`) }) });
}

export function warnings(page: Page) {
  return page.locator('.org-warnings');
}
