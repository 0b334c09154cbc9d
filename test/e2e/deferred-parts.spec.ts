import { expect, test } from './fixtures';

// The incident list starts without the rest of the app (src/renderer/app/parts.ts), which
// comes in one chunk, `later`, once the list is on screen. Here that chunk cannot be loaded.
test('a part of the app that cannot be loaded says so, and the list keeps working', async ({ page }) => {
  await page.route(/\/assets\/later-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');
  const declare = page.getByRole('button', { name: 'Declare incident' });
  await expect(declare).toBeEnabled();

  await page.keyboard.press('Control+Shift+D');
  await expect(page.getByRole('alert').filter({ hasText: 'The Declare dialog could not be loaded' })).toContainText('reload it: what is saved stays');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(declare).toBeEnabled();

  await page.goto('/#/incident/26-alfa');
  const view = page.getByRole('main').getByRole('alert');
  await expect(view).toContainText('The incident view could not be loaded');
  await expect(view.getByRole('button', { name: 'Reload' })).toBeVisible();
  await view.getByRole('link', { name: 'Back to incidents' }).click();
  await expect(declare).toBeEnabled();
});
