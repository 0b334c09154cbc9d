import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from '@playwright/test';
import { expect, keepStorage, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';
import { expectAccessible } from './axe';

/**
 * Two laptops each declare the year's first codename offline; when one
 * imports the other's incident file, this machine holds two incidents of one
 * name. The list marks both, a notice says so, and the IC renames theirs from
 * the keyboard; the other machine gets the rename with the next file.
 * Browser contexts have separate storage: two machines, no network.
 */

interface IncidentFile {
  name: string;
  text: string;
}

async function machine(browser: Browser, who: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await keepStorage(context);
  await context.addInitScript((name) => {
    if (!localStorage.getItem('command-post:identity')) localStorage.setItem('command-post:identity', name);
  }, who);
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

async function exportOpenIncident(page: Page): Promise<IncidentFile> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export incident file' }).click();
  const file: Download = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function importFile(page: Page, file: IncidentFile): Promise<void> {
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Import incident file…' })).toBeEnabled();
  await page.getByLabel('Incident file to import').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
}

/** The list's row of the incident whose IC is `commander`. */
function rowOf(page: Page, commander: string) {
  return page.locator('li.incident-row').filter({ hasText: `IC ${commander}` });
}

test('an imported incident of the same name is marked in the list, and renamed from the keyboard', async ({ browser }) => {
  const a = await machine(browser, 'Dana Scully');
  const b = await machine(browser, 'Fox Mulder');

  // Offline, both laptops take the year's first codename.
  const name = await declareByKeyboard(a, { synopsis: 'Core switch down in DC1', who: 'Dana Scully' });
  await logByKeyboard(a, 'Paged the network on-call');
  await waitSaved(a);
  expect(await declareByKeyboard(b, { synopsis: 'VPN concentrator rebooting', who: 'Fox Mulder' })).toBe(name);
  await waitSaved(b);

  // B imports A's incident: two incidents of one name, both marked, and a notice says so.
  await importFile(b, await exportOpenIncident(a));
  const told = b.locator('.notice').filter({ hasText: `2 incidents on this machine are now called ${name}: declared` });
  await expect(told).toContainText('by Dana Scully');
  await expect(told).toContainText('by Fox Mulder');
  // It offers to rename the one this machine's person commands.
  await expect(told.getByRole('button', { name: 'Rename yours…' })).toBeVisible();
  await expect(b.getByRole('link', { name: new RegExp(`^${name}, SEV-2, active`) })).toHaveCount(2);
  for (const [commander, other] of [
    ['Dana Scully', 'Fox Mulder'],
    ['Fox Mulder', 'Dana Scully'],
  ] as const) {
    const row = rowOf(b, commander);
    await expect(row.getByText('Same name as another incident', { exact: true })).toBeVisible();
    await expect(row).toContainText(new RegExp(`Also ${name}: declared .+ by ${other}`));
  }
  await expectAccessible(b, 'the list with two incidents of one name');

  // Declaring a third under that name is refused, whatever its case and spacing, with a free name offered.
  await b.keyboard.press('Control+Shift+D');
  const declare = b.getByRole('dialog', { name: 'Declare an incident' });
  await declare.getByRole('textbox', { name: /^Name/ }).fill(` ${name.toLowerCase()} `);
  await declare.getByRole('textbox', { name: 'Synopsis' }).fill('Something else');
  await declare.getByRole('button', { name: 'Declare incident' }).click();
  await expect(declare.getByRole('alert')).toContainText(`${name.toLowerCase()} is already the name of another incident on this machine`);
  await expect(declare.getByRole('button', { name: /^Use \d\d-Bravo$/ })).toBeVisible();
  await b.keyboard.press('Escape');
  await expect(declare).toBeHidden();

  // The IC renames theirs: from the row's link, Tab reaches "Rename this one…"; Enter opens it, Enter takes the suggestion.
  await rowOf(b, 'Fox Mulder').getByRole('link').focus();
  await b.keyboard.press('Tab');
  await expect(rowOf(b, 'Fox Mulder').getByRole('button', { name: /^Rename this one…: .+ by Fox Mulder$/ })).toBeFocused();
  await b.keyboard.press('Enter');
  const rename = b.getByRole('dialog', { name: `Rename ${name}` });
  await expect(rename.getByLabel('New name')).toBeFocused();
  await expect(rename.getByLabel('New name')).toHaveValue(`${name}-2`);
  await expectAccessible(b, 'the Rename dialog');
  await rename.getByLabel('New name').focus();
  await b.keyboard.press('Enter');
  await expect(rename).toBeHidden();
  await expect(b.getByRole('heading', { level: 1, name: `${name}-2` })).toBeVisible();
  await expect(b.locator('.incident-header .former-names')).toHaveText(`Formerly ${name}`);
  await expect(timeline(b)).toContainText(`Renamed ${name} to ${name}-2: name taken by another incident on this machine`);
  await waitSaved(b);

  // The list shows the result: no mark left, the old name still findable.
  await b.goto('/#/');
  await expect(b.getByText('Same name as another incident', { exact: true })).toHaveCount(0);
  // The notice that told of it left with it.
  await expect(b.locator('.notices').getByText('are now called')).toHaveCount(0);
  await expect(rowOf(b, 'Fox Mulder').getByRole('link', { name: new RegExp(`^${name}-2,`) })).toBeVisible();
  await expect(rowOf(b, 'Fox Mulder')).toContainText(`formerly ${name}`);
  await expect(rowOf(b, 'Dana Scully').getByRole('link', { name: new RegExp(`^${name},`) })).toBeVisible();

  // A gets the renamed incident with B's next file: its timeline logs the rename, and nothing collides there either.
  await b.getByRole('link', { name: new RegExp(`^${name}-2,`) }).click();
  const renamed = await exportOpenIncident(b);
  await importFile(a, renamed);
  await expect(a.getByRole('link', { name: new RegExp(`^${name}-2, SEV-2, active`) })).toBeVisible();
  await expect(a.getByText('Same name as another incident', { exact: true })).toHaveCount(0);
  await a.getByRole('link', { name: new RegExp(`^${name}-2,`) }).click();
  await expect(timeline(a)).toContainText(`Renamed ${name} to ${name}-2: name taken by another incident on this machine`);
  await expect(a.locator('.incident-header .former-names')).toHaveText(`Formerly ${name}`);
});
