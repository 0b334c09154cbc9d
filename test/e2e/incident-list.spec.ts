import { expect, test } from './fixtures';
import { declareByKeyboard, timeline, waitSaved } from './helpers';

test('the empty list says what to do and starts a practice incident, marked as a drill', async ({ page }) => {
  await page.goto('/');
  const list = page.getByRole('region', { name: 'Incidents', exact: true });
  await expect(list).toContainText('No incidents on this machine yet.');
  await expect(list).toContainText('Join it with their invite');
  await list.getByRole('button', { name: 'Start a practice incident' }).click();

  // Everything is filled in but who is practising: their name signs the entries.
  const dialog = page.getByRole('dialog', { name: 'Start a practice incident' });
  await expect(dialog.getByLabel('Your name')).toBeFocused();
  await expect(dialog.getByLabel('This is a drill')).toBeChecked();
  await page.keyboard.type('Sam Vimes');
  await page.keyboard.press('Enter');

  await expect(page.locator('.incident-header .pill.drill')).toHaveText('Drill');
  await expect(timeline(page).locator('li.kind-declared')).toContainText('(drill)');
  await waitSaved(page);
  await page.goto('/#/');
  await expect(page.getByRole('link', { name: /, SEV-3, active, drill$/ })).toBeVisible();
  await expect(list).not.toContainText('No incidents on this machine yet.');
});

test('active incidents lead, each with its clock, severity, IC and when the next update is due; ended ones follow', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  const ended = await declareByKeyboard(page, { synopsis: 'Search results are stale', who: 'Ada Lovelace' });
  await page.getByRole('button', { name: 'Declare end…' }).click();
  await page.getByRole('dialog', { name: `Declare the end of ${ended}` }).getByRole('button', { name: 'Declare end of incident' }).click();
  await page.getByRole('dialog', { name: `Closing notice: ${ended}` }).getByRole('button', { name: 'Later' }).click();
  await waitSaved(page);

  await page.goto('/#/');
  // Seen before anyone declared: noted in the pad (kept through a reload), it becomes the incident's first entry.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Note an observation')).toBeFocused();
  await page.keyboard.insertText('@-5m i: EU checkouts failing since the deploy');
  await page.keyboard.press('Enter');
  const pad = page.getByRole('list', { name: 'Observations noted' });
  await expect(pad).toContainText('EU checkouts failing since the deploy');
  await page.reload();
  await expect(pad.getByRole('listitem')).toHaveCount(1);
  const active = await declareByKeyboard(page, { synopsis: 'Checkout failing for EU customers', who: 'Dana Scully' });
  const first = timeline(page).locator('li.event');
  await expect(first.nth(0)).toContainText('EU checkouts failing since the deploy');
  await expect(first.nth(1)).toHaveClass(/kind-declared/);
  await page.getByRole('combobox', { name: 'Severity' }).selectOption('SEV-1');
  await waitSaved(page);
  await page.goto('/#/');
  // Declaring took the notes out of the pad.
  await expect(pad).toHaveCount(0);

  await expect(page.locator('section[aria-label$=" incidents"] > h2')).toHaveText([/^Active\s*1$/, /^Ended\s*1$/]);
  const row = page.getByRole('region', { name: 'Active incidents' }).getByRole('listitem');
  await expect(row.getByRole('link', { name: `${active}, SEV-1, active` })).toBeVisible();
  await expect(row.locator('.sev')).toHaveText('SEV-1');
  await expect(row).toContainText('IC Dana Scully');
  // SEV-1: an update every 20 minutes from the declaration.
  await expect(row.locator('.next-update')).toContainText(/Next update in 00:(19|20):\d\d/);

  // The clock runs, and a late update stands out.
  await page.clock.fastForward('25:00');
  await expect(row.getByRole('timer')).toHaveText(/^00:25:\d\d$/);
  await expect(row.locator('.next-update')).toContainText(/Update overdue by 00:0[45]:\d\d/);
  await expect(row.locator('.next-update')).toHaveAttribute('data-state', 'overdue');

  const endedRow = page.getByRole('region', { name: 'Ended incidents' }).getByRole('listitem');
  await expect(endedRow.getByRole('link', { name: `${ended}, SEV-2, ended` })).toBeVisible();
  await expect(endedRow).toContainText('Ended');
  await expect(endedRow.getByRole('timer')).toHaveCount(0);
  await expect(endedRow.locator('.next-update')).toHaveCount(0);
  await expect(endedRow).toContainText('Postmortem not started · no owner');

  // From the keyboard: J moves between incidents, F unfolds the filters and lands on the first.
  await page.locator('h1').click();
  await page.keyboard.press('j');
  await expect(page.getByRole('link', { name: `${active}, SEV-1, active` })).toBeFocused();
  await page.keyboard.press('j');
  await expect(page.getByRole('link', { name: `${ended}, SEV-2, ended` })).toBeFocused();
  await page.keyboard.press('f');
  const sev1 = page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: 'SEV-1' });
  await expect(sev1).toBeFocused();
  await page.keyboard.press('Space');
  await expect(sev1).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Ended incidents' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'hidden by the filters' })).toHaveText(/1 incident is hidden by the filters/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('region', { name: 'Ended incidents' })).toBeVisible();
  await page.getByLabel('Postmortem', { exact: true }).selectOption('not-started');
  await expect(page.getByRole('region', { name: 'Active incidents' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toHaveAttribute('aria-expanded', 'true');
});
