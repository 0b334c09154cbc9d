import { expect, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

test('search finds entries across incidents as it is typed, and opens the incident at the entry found', async ({ page }) => {
  await page.goto('/');
  const first = await declareByKeyboard(page, { synopsis: 'Checkout failing for EU customers', who: 'Dana Scully' });
  await logByKeyboard(page, 'Replica lag at 45 s on db-2');
  await logByKeyboard(page, 'd: fail over to the standby in eu-central');
  for (let i = 0; i < 30; i++) await logByKeyboard(page, `Error rate at ${i}% on checkout-api`);
  await waitSaved(page);
  await page.goto('/#/');
  const second = await declareByKeyboard(page, { synopsis: 'Search results stale', who: 'Ravi Patel' });
  await logByKeyboard(page, 'The reindex job is stuck behind the replica');
  await waitSaved(page);

  // From inside an incident, the key searches all of them.
  await page.keyboard.press('Control+Shift+F');
  const dialog = page.getByRole('dialog', { name: 'Search all incidents' });
  const input = dialog.getByRole('combobox');
  await expect(input).toBeFocused();
  await page.keyboard.type('repl');
  const results = dialog.getByRole('listbox', { name: 'Results' });
  // Both incidents, each under its name; the word's start is enough.
  await expect(results.getByRole('option')).toHaveCount(2);
  await expect(results).toContainText(first);
  await expect(results).toContainText(second);
  await expect(results.locator('mark').first()).toHaveText(/^repl$/i);

  // Every word must be there.
  await page.keyboard.type('ica lag');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option')).toContainText('Replica lag at 45 s on db-2');
  await expect(dialog.getByRole('status')).toContainText('1 result');

  // Enter opens the other incident at that entry, selected and focused in its timeline.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
  const found = timeline(page).locator('li.event', { hasText: 'Replica lag at 45 s on db-2' });
  await expect(found).toHaveClass(/selected/);
  await expect(found).toBeFocused();

  // A hostile query is plain words, and nothing found says so.
  await page.keyboard.press('Control+Shift+F');
  await input.fill('<img src=x onerror=alert(1)> (a|b)*');
  await expect(dialog.getByRole('status')).toContainText('Nothing found');
  await expect(dialog.locator('img')).toHaveCount(0);
});

test('an entry logged after the index was built is found at once', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Payments timing out', who: 'Dana Scully' });
  await page.keyboard.press('Control+Shift+F');
  const dialog = page.getByRole('dialog', { name: 'Search all incidents' });
  await page.keyboard.type('payments');
  // The incident itself and its declaration.
  await expect(dialog.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Escape');
  await logByKeyboard(page, 'Vendor confirms a gateway certificate expired');
  await page.keyboard.press('Control+Shift+F');
  await dialog.getByRole('combobox').fill('certif');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await expect(dialog.getByRole('option')).toContainText('gateway certificate expired');
});
