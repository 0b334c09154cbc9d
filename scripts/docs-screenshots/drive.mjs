/**
 * Keyboard steps for the manual's screenshots, as a responder makes them.
 * The same steps as the end-to-end tests' helpers (test/e2e/helpers.ts and
 * org-helpers.ts), written against Playwright's library: those import the
 * test runner, which cannot run outside `playwright test`.
 */

/** True when a text field has focus, so single-key shortcuts would type into it. */
const typing = (page) => page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));

/** Shows a tab by its Alt key and leaves no text field focused, so the tab's single keys act. */
export async function showTab(page, name, key) {
  await page.keyboard.press(key);
  await page.getByRole('tab', { name: new RegExp(name) }).and(page.locator('[aria-selected="true"]')).waitFor();
  if (await typing(page)) await page.keyboard.press('Escape');
}

/** Ctrl+Shift+D, SEV-1, the synopsis and the declarer; Enter declares. */
export async function declareIncident(page, synopsis) {
  // The keys act once the app is on screen: wait for the list's own way to declare.
  await page.getByRole('button', { name: /^Declare/ }).first().waitFor();
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: /^SEV-1/ }).check();
  await dialog.getByLabel('Synopsis').fill(synopsis);
  await dialog.getByLabel('Your name').fill('Dana Scully');
  await dialog.getByLabel('Synopsis').press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}

/** Logs one line through the entry line ("/" reaches it; a prefix such as "d:" picks the type). */
export async function logLine(page, line) {
  const entry = page.getByLabel('Log a timeline event');
  await entry.waitFor();
  if (!(await entry.evaluate((el) => el === document.activeElement))) await page.keyboard.press('/');
  await page.keyboard.insertText(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.value === '', undefined, { timeout: 10_000 });
}

/** c, then name, contact and skills; Enter checks the responder in (they wait in staging, selected). */
export async function checkIn(page, name, contact, skills) {
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Check in a responder' });
  await dialog.waitFor();
  for (const [index, text] of [name, contact, skills].entries()) {
    if (index) await page.keyboard.press('Tab');
    await page.keyboard.insertText(text);
  }
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
}

/** a on the selected person; the role and whom it reports to are picked by typing their first letters. */
export async function assign(page, { pick, reportsTo, area }) {
  await page.keyboard.press('a');
  const role = page.getByRole('combobox', { name: 'Role' });
  await role.waitFor();
  await page.keyboard.type(pick);
  if (area !== undefined) {
    await page.keyboard.press('Tab');
    await page.keyboard.insertText(area);
  }
  await page.keyboard.press('Tab');
  await page.keyboard.type(reportsTo);
  await page.keyboard.press('Enter');
  await role.waitFor({ state: 'detached' });
}
