import { expect, type Page } from '@playwright/test';

/** Declares an incident from the keyboard alone and waits for its view. */
export async function declareByKeyboard(page: Page, opts: { synopsis: string; who?: string; name?: string }): Promise<string> {
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(dialog).toBeVisible();
  if (opts.name) {
    await dialog.getByLabel('Name', { exact: true }).fill(opts.name);
    await dialog.getByLabel('Synopsis').focus();
  }
  // The synopsis has focus when the dialog opens.
  await page.keyboard.type(opts.synopsis);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(opts.who ?? 'Dana Scully');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const name = await page.getByRole('heading', { level: 1 }).innerText();
  return name;
}

/** Logs an event through the quick-entry line with the keyboard. */
export async function logByKeyboard(page: Page, line: string): Promise<void> {
  // "/" focuses the line from anywhere else; once in it, "/" is just a character.
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Log a timeline event');
  if (!focused) await page.keyboard.press('/');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export function timeline(page: Page) {
  return page.getByRole('log', { name: /Timeline/ });
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /Save state/ })).toHaveAttribute('data-status', 'saved');
}
