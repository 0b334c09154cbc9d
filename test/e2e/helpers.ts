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
  // The line appears once the incident has loaded; keys pressed before that reach nothing.
  const entry = page.getByLabel('Log a timeline event');
  await expect(entry).toBeEditable();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Log a timeline event');
  if (!focused) {
    await page.keyboard.press('/');
    await expect(entry).toBeFocused();
  }
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  // Logged (the line clears) or refused (it says why): only then is the save state about this entry.
  await expect(async () => {
    const cleared = (await entry.inputValue()) === '';
    const refused = await page.locator('#quick-entry-hint [role="alert"]').count();
    expect(cleared || refused > 0).toBe(true);
  }).toPass({ timeout: 10_000 });
}

export function timeline(page: Page) {
  return page.getByRole('log', { name: /Timeline/ });
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /Save state/ })).toHaveAttribute('data-status', 'saved');
}
