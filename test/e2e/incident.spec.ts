import { expect, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

test('declare an incident and log three events with the keyboard only; a reload keeps all of it', { tag: '@quick' }, async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  // Typed key by key, as a person would: no letter may act as a shortcut in the fields.
  const name = await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', typing: 'keys' });
  expect(name).toMatch(/^\d\d-[A-Z][a-z]+/);
  await expect(page.locator('.incident-header .pill.state-active')).toHaveText('Wartime');

  await logByKeyboard(page, 'Paged the database on-call', 'keys');
  await logByKeyboard(page, 'd: Fail over to the replica', 'keys');
  await logByKeyboard(page, 'a: Restart the connection pooler on db-proxy-3', 'keys');
  const log = timeline(page);
  await expect(log.locator('li.event')).toHaveCount(4);
  await expect(log.locator('li.kind-decision')).toContainText('Fail over to the replica');
  await expect(log.locator('li.kind-action')).toContainText('Restart the connection pooler');
  await waitSaved(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(timeline(page).locator('li.event')).toHaveCount(4);
  await expect(timeline(page)).toContainText('Paged the database on-call');
  await expect(timeline(page).locator('li.kind-decision')).toContainText('Fail over to the replica');
  await expect(timeline(page).locator('li.kind-action')).toContainText('Restart the connection pooler');
  await expect(page.locator('.incident-header .synopsis')).toHaveText('Checkout failing: primary database unreachable');

  // The list shows it as active, and it survives a fresh start at the list too.
  await page.goto('/#/');
  await page.reload();
  const active = page.getByRole('region', { name: 'Active incidents' });
  await expect(active.getByRole('link', { name: new RegExp(`^${name}, SEV-2, active`) })).toBeVisible();
});

test('a severity change is logged with old and new value; declaring the end closes the timeline', async ({ page }) => {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Login errors for some customers' });
  await page.getByRole('combobox', { name: 'Severity' }).selectOption('SEV-1');
  await expect(timeline(page).locator('li.kind-severity')).toContainText('Severity changed from SEV-2 to SEV-1');

  await page.getByRole('button', { name: 'Declare end…' }).click();
  const dialog = page.getByRole('dialog', { name: `Declare the end of ${name}` });
  await page.keyboard.type('Mitigated by rolling back release 4.2');
  await dialog.getByRole('button', { name: 'Declare end of incident' }).click();
  // The closing notice comes next; it can wait.
  await page.getByRole('dialog', { name: `Closing notice: ${name}` }).getByRole('button', { name: 'Later' }).click();
  await expect(page.locator('.incident-header .pill.state-ended')).toHaveText('Ended');
  await expect(timeline(page).locator('li.kind-ended')).toContainText('Mitigated by rolling back release 4.2');
  await expect(page.getByRole('textbox', { name: 'Log a timeline event' })).toHaveCount(0);
  await expect(page.getByText('The timeline is closed.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Severity' })).toBeDisabled();
  await waitSaved(page);

  await page.goto('/#/');
  await expect(page.getByRole('region', { name: 'Ended incidents' }).getByRole('link', { name: new RegExp(`^${name}, SEV-1, ended`) })).toBeVisible();
});

test('a drill is marked as a drill in the list and the incident', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('Synopsis').fill('Failure Friday: kill one cache node');
  await dialog.getByLabel('Your name').fill('Sam');
  await dialog.getByLabel('This is a drill').check();
  await dialog.getByLabel(/SEV-4/).check();
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.locator('.incident-header .pill.drill')).toHaveText('Drill');
  await expect(timeline(page).locator('li.kind-declared')).toContainText('(drill)');
  await page.goto('/#/');
  await expect(page.getByRole('link', { name: /SEV-4, active, drill/ })).toBeVisible();
});

test('bad input gets a clear message and nothing is logged', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('Your name').fill('Dana');
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The synopsis is required.');

  await dialog.getByLabel('Synopsis').fill('Queue backlog growing');
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog).toBeHidden();

  const huge = 'x'.repeat(12_345);
  await page.keyboard.press('/');
  await page.getByRole('textbox', { name: 'Log a timeline event' }).fill(huge);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'at most 5,000 characters; this one has 12,345' })).toBeVisible();
  await expect(timeline(page).locator('li.event')).toHaveCount(1);
});

test('hostile strings render as text, never as markup', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: hostile, who: '<b>Mallory</b>' });
  await logByKeyboard(page, `d: ${hostile}`);
  await expect(page.getByText(hostile).first()).toBeVisible();
  await expect(timeline(page).locator('li.kind-decision .text')).toHaveText(hostile);
  await expect(timeline(page).locator('li.kind-decision .author')).toHaveText('<b>Mallory</b>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('.timeline img, .incident-header img').count()).toBe(0);
});
