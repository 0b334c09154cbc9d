import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, join, machines, separateBrowsers, shareOpenIncident, waitSaved } from './helpers';

/**
 * An umbrella over an incident another command post commands, across two
 * separate browsers: each IC links their own side, and the umbrella's
 * status document follows the incident under it live, synced in the
 * background while the umbrella is open.
 */
const machine = separateBrowsers();

const statusTab = (page: Page) => page.getByRole('region', { name: 'Status document' });
const umbrellaBox = (page: Page) => statusTab(page).getByRole('region', { name: 'Umbrella response' });

async function linkFromStatus(page: Page, optionText: RegExp) {
  await page.keyboard.press('Alt+S');
  const value = await umbrellaBox(page).locator('option', { hasText: optionText }).getAttribute('value');
  await umbrellaBox(page).getByLabel('Link').selectOption(value!);
  await umbrellaBox(page).getByRole('button', { name: 'Link' }).click();
}

test('each IC links their own side, and the umbrella follows the incident under it live from another command post', async () => {
  test.setTimeout(150_000);
  const [ravi, dana] = await machines(machine, 2);
  await ravi.goto(BASE);
  const alfa = await declareByKeyboard(ravi, { synopsis: 'Checkout failing for EU customers', who: 'Ravi Patel' });
  await waitSaved(ravi);
  const alfaUrl = ravi.url();
  const alfaInvite = await shareOpenIncident(ravi);

  // Dana joins Alfa, declares the umbrella and links Alfa under it: her side only, since Ravi commands Alfa.
  await join(dana, alfaInvite, 'Dana Scully');
  await expect(dana.getByRole('heading', { level: 1, name: alfa })).toBeVisible({ timeout: 30_000 });
  await dana.goto(`${BASE}/#/`);
  const echo = await declareByKeyboard(dana, { synopsis: 'Umbrella: the EU data centre power event', who: 'Dana Scully' });
  await waitSaved(dana);
  await linkFromStatus(dana, new RegExp(`^${alfa} \\(.*under this one$`));
  await expect(dana.getByText(`${alfa}'s IC confirms it from there`)).toBeVisible();
  const row = umbrellaBox(dana).getByRole('row', { name: new RegExp(alfa) });
  await expect(row).toContainText('its IC has not confirmed yet');
  const echoInvite = await shareOpenIncident(dana);

  // Ravi joins the umbrella (as its Liaison will), then confirms from Alfa: linked under it.
  await ravi.goto(`${BASE}/#/join/${echoInvite}`);
  await ravi.getByRole('button', { name: 'Join incident' }).click();
  await expect(ravi.getByRole('heading', { level: 1, name: echo })).toBeVisible({ timeout: 30_000 });
  await ravi.goto(alfaUrl);
  await expect(ravi.getByRole('heading', { level: 1, name: alfa })).toBeVisible();
  await linkFromStatus(ravi, new RegExp(`^this one under ${echo} \\(`));
  await expect(ravi.locator('.incident-header')).toContainText(`Part of the umbrella response ${echo}`);

  // On Dana's machine, with only the umbrella open, Alfa follows live: confirmed, then its new phase.
  await expect(row).not.toContainText('its IC has not confirmed yet', { timeout: 30_000 });
  await expect(row).toContainText('Investigating');
  await ravi.keyboard.press('Alt+S');
  await statusTab(ravi).getByRole('group', { name: 'Phase' }).getByRole('button', { name: 'Mitigating', exact: true }).click();
  await expect(row).toContainText('Mitigating', { timeout: 30_000 });
});
