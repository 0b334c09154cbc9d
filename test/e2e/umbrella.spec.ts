import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, timeline, waitSaved } from './helpers';

const statusTab = (page: Page) => page.getByRole('region', { name: 'Status document' });
const umbrellaBox = (page: Page) => statusTab(page).getByRole('region', { name: 'Umbrella response' });

test('two incidents at once: one linked under the other, logged in both, the umbrella showing it live, and the IC of both warned', async ({ page }) => {
  await page.goto('/');
  const alfa = await declareByKeyboard(page, { synopsis: 'Checkout failing for EU customers', who: 'Dana Scully' });
  const alfaUrl = page.url();
  await waitSaved(page);
  await page.goto('/#/');
  const bravo = await declareByKeyboard(page, { synopsis: 'Payments gateway timing out', who: 'Dana Scully' });
  await waitSaved(page);

  // Bravo becomes the umbrella: Alfa is linked under it from its status document.
  await page.keyboard.press('Alt+S');
  await expect(umbrellaBox(page)).toContainText('Not linked to other incidents.');
  const under = await umbrellaBox(page).locator('option', { hasText: `${alfa} (` }).filter({ hasText: 'under this one' }).getAttribute('value');
  await umbrellaBox(page).getByLabel('Link').selectOption(under!);
  await umbrellaBox(page).getByRole('button', { name: 'Link' }).click();
  const children = umbrellaBox(page).getByRole('table');
  const row = children.getByRole('row', { name: new RegExp(alfa) });
  await expect(row).toContainText('Investigating');
  await expect(row).toContainText('Dana Scully');
  await expect(row).toContainText(/in \d\d:\d\d:\d\d/);
  await expect(page.locator('.incident-header')).toContainText(`Umbrella response over ${alfa}`);
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText(`${alfa} linked under this response`);

  // In Alfa: the umbrella named, the link logged, a Liaison to the umbrella in the chart, and its IC warned of holding two commands.
  await page.goto(alfaUrl);
  await expect(page.locator('.incident-header')).toContainText(`Part of the umbrella response ${bravo}`);
  await expect(timeline(page)).toContainText(`Linked under the umbrella response ${bravo}`);
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('button', { name: new RegExp(`^Liaison to ${bravo}`) })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Organization warnings' })).toContainText(`Two incidents at once Dana Scully holds Incident Commander here and Incident Commander in ${bravo}`);

  // A phase changed in Alfa shows in the umbrella's status document.
  await page.keyboard.press('Alt+S');
  await statusTab(page).getByRole('group', { name: 'Phase' }).getByRole('button', { name: 'Identified', exact: true }).click();
  await waitSaved(page);
  await page.getByRole('link', { name: bravo }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(bravo);
  await page.keyboard.press('Alt+S');
  await expect(umbrellaBox(page).getByRole('row', { name: new RegExp(alfa) })).toContainText('Identified');

  // Unlinked from the umbrella: both timelines say so, and both headers forget it.
  await umbrellaBox(page).getByRole('button', { name: `Unlink ${alfa}` }).click();
  await expect(umbrellaBox(page)).toContainText('Not linked to other incidents.');
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText(`${alfa} unlinked from this response`);
  await page.goto(alfaUrl);
  await expect(timeline(page)).toContainText(`Unlinked from the umbrella response ${bravo}`);
  await expect(page.locator('.incident-header')).not.toContainText('Part of the umbrella response');
});
