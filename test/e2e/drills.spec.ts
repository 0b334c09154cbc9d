import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible } from './axe';
import { BASE, join, machines, separateBrowsers, shareOpenIncident, timeline, waitSaved } from './helpers';

/**
 * A drill played from a scenario file across two command posts: the IC's
 * machine starts it, a facilitator joins from a second browser, opens the
 * exercise control, speeds the clock to ×5 and holds an inject: it does not
 * arrive while later ones do, on either machine; released, it arrives on
 * both, once. At the end, the after-action score is shown.
 */
const machine = separateBrowsers();

const SCENARIO = {
  format: 'command-post-drill',
  version: 1,
  title: 'Short practice',
  summary: 'Three injects a minute apart.',
  incident: { name: 'Drill Maple', severity: 'SEV-2', synopsis: 'Practice: search is slow' },
  expectations: { updateEveryMinutes: 30, timeboxes: 0, decisions: 0, handover: false, endByMinute: 120 },
  injects: [
    { id: 'opening', at: 0, type: 'message', from: 'Monitoring', text: 'Search latency doubled.' },
    { id: 'vp-asks', at: 3, type: 'stakeholder', from: 'VP of Sales', text: 'Is search down for customers?' },
    { id: 'index-down', at: 4, type: 'system', system: 'Search index', status: 'down', text: 'The index stopped answering.' },
  ],
};

const control = (page: Page) => page.getByRole('region', { name: /Exercise control/ });
/** Keyboard-first, and clear of the entry line that sits over the foot of the page. */
async function press(page: Page, button: ReturnType<Page['getByRole']>) {
  await button.focus();
  await page.keyboard.press('Enter');
}

test('a drill at ×5: a facilitator on another machine holds an inject, then releases it to both, and the score is shown at the end', async () => {
  test.setTimeout(180_000);
  const [ic, facilitator] = await machines(machine, 2);
  await ic.goto(BASE);
  await ic.getByRole('button', { name: 'Start a practice incident' }).click();
  const dialog = ic.getByRole('dialog', { name: 'Start a practice incident' });
  await dialog.getByLabel('Your name').fill('Dana Scully');
  await dialog.getByLabel('What the drill plays').selectOption({ label: 'From a scenario file…' });

  // A malformed file is refused with why, and nothing is declared.
  const file = dialog.getByLabel('Scenario file (JSON)');
  const broken = { ...SCENARIO, injects: [{ ...SCENARIO.injects[0], at: -5 }] };
  await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(dialog.getByRole('alert')).toHaveText('broken.json: This scenario cannot be used. Inject 1 (opening): Its time cannot be negative.');
  await dialog.getByRole('button', { name: 'Start the drill' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(1);
  await expectAccessible(ic, 'declaring a drill with a refused scenario file');

  await file.setInputFiles({ name: 'maple.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SCENARIO)) });
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: /^Name\b/ })).toHaveValue('Drill Maple');
  await dialog.getByRole('button', { name: 'Start the drill' }).click();
  await expect(ic.getByRole('heading', { level: 1, name: 'Drill Maple' })).toBeVisible();
  await expect(timeline(ic).getByText('Message to the IC from Monitoring: Search latency doubled.')).toBeVisible();
  await waitSaved(ic);
  const invite = await shareOpenIncident(ic);

  // The facilitator joins, opens the exercise control, holds the stakeholder's inject and speeds the drill up.
  await join(facilitator, invite, 'Fay Facilitator');
  await expect(facilitator.getByRole('heading', { level: 1, name: 'Drill Maple' })).toBeVisible({ timeout: 30_000 });
  await facilitator.keyboard.press('Alt+X');
  await expect(control(facilitator).getByRole('heading', { name: 'Drill Exercise control: Short practice' })).toBeVisible();
  await press(facilitator, control(facilitator).getByRole('button', { name: 'Hold vp-asks' }));
  await expect(control(facilitator).getByRole('listitem', { name: /vp-asks: Held by Fay Facilitator/ })).toBeVisible();
  await control(facilitator).getByRole('radio', { name: '×5' }).focus();
  await facilitator.keyboard.press('Space');
  await expect(control(facilitator)).toContainText('at ×5');
  await expectAccessible(facilitator, 'exercise control while the drill runs');

  // On the IC's machine the clock runs at ×5 too, and the hold shows.
  await ic.keyboard.press('Alt+X');
  await expect(control(ic)).toContainText('at ×5');
  // Players see the drill's time and speed in the header, without the script.
  await expect(ic.getByLabel(/^Drill time T\+\d+ ×5$/)).toBeVisible();
  await expect(control(ic).getByRole('listitem', { name: /vp-asks: Held by Fay Facilitator/ })).toBeVisible();
  await ic.keyboard.press('Alt+T');
  await facilitator.keyboard.press('Alt+T');

  // T+4 comes and goes: the later inject arrives on both machines, the held one on neither.
  for (const page of [ic, facilitator]) await expect(timeline(page).getByText('Search index is down: The index stopped answering.')).toBeVisible({ timeout: 90_000 });
  for (const page of [ic, facilitator]) await expect(timeline(page).getByText(/VP of Sales asks the IC/)).toHaveCount(0);

  // Released, it arrives at once, on both, once; each inject is one entry marked DRILL INJECT.
  await facilitator.keyboard.press('Alt+X');
  await press(facilitator, control(facilitator).getByRole('button', { name: 'Release vp-asks' }));
  await facilitator.keyboard.press('Alt+T');
  for (const page of [ic, facilitator]) {
    await expect(timeline(page).getByText('VP of Sales asks the IC for an update: Is search down for customers?')).toBeVisible({ timeout: 30_000 });
    await expect(timeline(page).getByText('DRILL INJECT', { exact: true })).toHaveCount(3);
  }

  // The IC declares the end: the after-action score is shown, on both machines.
  await ic.getByRole('button', { name: 'Declare end…' }).click();
  await ic.getByRole('dialog', { name: /Declare the end/ }).getByRole('button', { name: 'Declare end of incident' }).click();
  await ic.getByRole('dialog', { name: 'Closing notice: Drill Maple' }).getByRole('button', { name: 'Later' }).click();
  await ic.keyboard.press('Alt+X');
  await expect(control(ic).getByRole('heading', { name: /^After-action score: \d of 6 met$/ })).toBeVisible();
  await expect(control(ic).getByRole('row', { name: /End declared, postmortem owned/ })).toContainText('no postmortem owner yet');
  await expect(control(ic)).toContainText('3 of 3 injects delivered');
  // The debrief starts from it: it heads the drill's postmortem too.
  await ic.keyboard.press('Alt+R');
  await expect(ic.getByRole('heading', { level: 2, name: /^After-action score: \d of 6 met$/ })).toBeVisible();
  await ic.keyboard.press('Alt+X');
  await facilitator.keyboard.press('Alt+X');
  await expect(control(facilitator).getByRole('heading', { name: /^After-action score/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(ic, 'exercise control with the after-action score');
});
