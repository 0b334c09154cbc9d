import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, join, logByKeyboard, machines, separateBrowsers, shareOpenIncident, timeline, waitSaved } from './helpers';

/**
 * The live status document (issue 7): typed into from two separate
 * browsers at once, going stale, updates that restart the update timer,
 * the lint, copying, and the observer's read-only view.
 */
const machine = separateBrowsers();

const statusTab = (page: Page) => page.getByRole('region', { name: 'Status document' });
const field = (page: Page, label: string) => statusTab(page).getByRole('textbox', { name: label, exact: true });
const phase = (page: Page, label: string) => statusTab(page).getByRole('group', { name: 'Phase' }).getByRole('button', { name: label, exact: true });

test('two responders in separate browsers type into the same field at once, lose nothing, and see each other editing', async () => {
  test.setTimeout(120_000);
  const [a, b] = await machines(machine, 2);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Checkout fails for EU customers', who: 'Ada (IC)' });
  await waitSaved(a);
  const invite = await shareOpenIncident(a);
  await join(b, invite, 'Bo (Scribe)');
  await expect(b.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(a.locator('.sync')).toHaveAttribute('data-status', 'online', { timeout: 20_000 });

  for (const page of [a, b]) {
    await page.keyboard.press('Alt+S');
    await expect(statusTab(page)).toBeVisible();
  }
  const [summaryA, summaryB] = [field(a, 'Summary'), field(b, 'Summary')];
  await summaryA.click();
  await a.keyboard.type('Writes fail.');
  await expect(summaryB).toHaveValue('Writes fail.', { timeout: 20_000 });

  // Bo puts his caret at the start; each sees who else is in the field.
  await summaryB.click();
  await b.keyboard.press('Control+Home');
  await expect(statusTab(a).getByText('Bo (Scribe) is editing')).toBeVisible({ timeout: 20_000 });
  await expect(statusTab(b).getByText('Ada (IC) is editing')).toBeVisible({ timeout: 20_000 });
  // Ada sees Bo's caret drawn in the field, with his name.
  await expect(a.locator('.remote-caret-name', { hasText: 'Bo (Scribe)' })).toBeVisible();

  // Both type at the same moment: Ada at the end, Bo at the start, keystroke by keystroke.
  await a.keyboard.press('Control+End');
  await Promise.all([a.keyboard.type(' Failover under way.', { delay: 25 }), b.keyboard.type('EU only. ', { delay: 25 })]);
  const merged = 'EU only. Writes fail. Failover under way.';
  await expect(summaryA).toHaveValue(merged, { timeout: 20_000 });
  await expect(summaryB).toHaveValue(merged, { timeout: 20_000 });
  // Each kept typing where they were: their carets followed their own text, not the other's.
  expect(await summaryA.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(merged.length);
  expect(await summaryB.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('EU only. '.length);

  // The rest of the document is shared too, and says who changed it last.
  await phase(b, 'Identified').click();
  await expect(phase(a, 'Identified')).toHaveAttribute('aria-pressed', 'true', { timeout: 20_000 });
  await expect(statusTab(a).getByText(/by Bo \(Scribe\)/)).toBeVisible();

  // Leaving the field takes the name away on the other side.
  await statusTab(b).getByRole('heading', { name: 'Status document' }).click();
  await expect(statusTab(a).getByText('Bo (Scribe) is editing')).toBeHidden({ timeout: 20_000 });
});

test('the document warns once it is older than the update cadence, and editing it clears the warning', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada (IC)' });
  await page.keyboard.press('Alt+S');
  await field(page, 'Impact').fill('Customers in Europe cannot pay');
  await waitSaved(page);
  const stale = statusTab(page).getByRole('alert').filter({ hasText: 'This status document is' });
  await expect(stale).toHaveCount(0);

  // SEV-2: every 30 minutes.
  await page.clock.fastForward('29:00');
  await expect(stale).toHaveCount(0);
  await page.clock.fastForward('02:00');
  await expect(stale).toContainText('This status document is 31 minutes old.');
  await expect(stale).toContainText('At SEV-2 it should be reviewed at least every 30 minutes');

  // The observer's view says so too, to whoever is watching.
  const id = page.url().split('/').pop()!;
  const observer = await page.context().newPage();
  await observer.goto(`/#/status/${id}`);
  await expect(observer.getByRole('alert')).toContainText('it may no longer be accurate');
  await observer.close();

  await field(page, 'Impact').press('End');
  await page.keyboard.type('; about 30% of orders.');
  await expect(stale).toHaveCount(0);
  await expect(statusTab(page).getByText(/Just now by Ada \(IC\)/)).toBeVisible();
});

test('an update is composed from the document, linted, copied as Markdown, and sending it restarts the update timer', { tag: '@quick' }, async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada Lovelace' });
  await page.keyboard.press('Alt+S');
  await field(page, 'Impact').fill('Customers in Europe cannot pay');
  await waitSaved(page);
  await page.clock.fastForward('25:00');

  const next = statusTab(page).locator('.status-next');
  await expect(next).toContainText(/^in 00:0[45]:/);

  // u composes; the stage suggested first is the first message.
  await statusTab(page).getByRole('heading', { name: 'Status document' }).click();
  await page.keyboard.press('u');
  const dialog = page.getByRole('dialog', { name: 'Compose a stakeholder update' });
  await expect(dialog.getByLabel('Stage')).toHaveValue('first');
  await dialog.getByLabel('External (customers)').check();
  const message = dialog.getByRole('textbox', { name: 'Message' });
  await expect(message).toHaveValue(/^Investigating a service disruption\n/);
  await expect(message).toHaveValue(/What we see so far: Customers in Europe cannot pay\./);
  await expect(message).toHaveValue(/Next update: by \d\d:\d\d .* \(in 30 minutes\)\.$/);
  await expect(dialog.getByText('Plain language: nothing to flag.')).toBeVisible();

  // The lint says why, and sending is never blocked.
  await message.press('Control+End');
  await page.keyboard.type('\nThe outage will be fixed by 15:00; Ada Lovelace is on the DB.');
  const warnings = dialog.getByRole('list', { name: 'Plain-language suggestions' });
  await expect(warnings.getByRole('listitem')).toHaveCount(4);
  await expect(warnings).toContainText('"outage" sounds total and alarming to a customer; plainer: "service disruption".');
  await expect(warnings).toContainText('This promises when it will be fixed.');
  await expect(warnings).toContainText('"Ada Lovelace" names a person.');
  await expect(warnings).toContainText('"DB" is an acronym not everyone knows: write "database".');
  // A warning's words are one click away in the message.
  await warnings.getByRole('button', { name: '“outage”' }).click();
  expect(await message.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('outage');

  await dialog.getByRole('button', { name: 'Copy Markdown of the update' }).click();
  await expect(dialog.getByText('Copied the update as Markdown.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('**Investigating a service disruption**');
  expect(copied).toMatch(/\*\*Next update:\*\* by /);

  await message.press('Control+Enter');
  await expect(dialog).toBeHidden();
  // Sent: the next update is due 30 minutes from now, not in 5.
  await expect(next).toContainText(/^in 00:(30:00|29:5\d)/);
  await page.keyboard.press('Alt+M');
  const timer = page.getByRole('region', { name: 'Timers' }).getByRole('listitem').filter({ hasText: 'Next status update' });
  await expect(timer).toContainText(/in 00:(30:00|29:5\d)/);
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText('External update (first message) sent; next in 30 min.');

  // The history keeps what was said, to copy again.
  await page.keyboard.press('Alt+S');
  const history = statusTab(page).getByRole('region', { name: 'Updates sent' });
  await history.getByText('External: First message').click();
  await expect(history.locator('.sent-update-body')).toContainText('The outage will be fixed by 15:00');
  await history.getByRole('button', { name: 'Copy text of this update' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Investigating a service disruption\n/);
});

test('the phase is moved from the keyboard, logged in the timeline as its own type, and leaves the update timer alone', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada (IC)' });
  await page.keyboard.press('Alt+S');
  await expect(statusTab(page)).toBeVisible();
  await page.clock.fastForward('10:00');
  const next = statusTab(page).locator('.status-next');
  // SEV-2: an update every 30 minutes from the declaration.
  await expect(next).toContainText(/^in 00:(20:00|19:[0-5]\d)/);

  // p reaches the phase; the arrows only move the focus (nothing is logged on the way), Enter moves the response.
  await statusTab(page).getByRole('heading', { name: 'Status document' }).click();
  await page.keyboard.press('p');
  await expect(phase(page, 'Investigating')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(phase(page, 'Mitigating')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(phase(page, 'Investigating')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(phase(page, 'Identified')).toHaveAttribute('aria-pressed', 'true');
  await expect(phase(page, 'Investigating')).toHaveAttribute('aria-pressed', 'false');
  await expect(statusTab(page).getByText('We know what is wrong and are working on a fix.')).toBeVisible();
  await waitSaved(page);
  // Not a status update: the countdown did not start again.
  await expect(next).toContainText(/^in 00:(20:00|19:[0-5]\d)/);

  await page.keyboard.press('Alt+T');
  const row = timeline(page).locator('li.event').filter({ hasText: 'Investigating → Identified' });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.kind')).toHaveText('Phase');
  await expect(timeline(page).locator('li.event').filter({ hasText: 'Mitigating' })).toHaveCount(0);
  // Command Post's own record: it can be starred, not edited or struck.
  await expect(row.getByRole('button', { name: /^Key event: / })).toBeVisible();
  await expect(row.getByRole('button', { name: /^Edit: / })).toHaveCount(0);
  // The type filter finds it; the hand-logged status type does not.
  await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('phase');
  await expect(timeline(page).locator('li.event')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('status');
  await expect(timeline(page).locator('li.event')).toHaveCount(0);

  await page.keyboard.press('Alt+M');
  const timer = page.getByRole('region', { name: 'Timers' }).getByRole('listitem').filter({ hasText: 'Next status update' });
  await expect(timer).toContainText(/in 00:(20:00|19:[0-5]\d)/);
});

test('a CAN report is prefilled from the document and the plan, and the glossary the organization edits changes the lint', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada (IC)' });
  await page.keyboard.press('Alt+S');
  await field(page, 'Summary').fill('Writes to the primary fail; KMS keys rotated at 09:00');
  await statusTab(page).getByRole('heading', { name: 'Status document' }).click();
  await page.keyboard.press('r');
  const can = page.getByRole('dialog', { name: 'CAN report' });
  await expect(can.getByRole('textbox', { name: /^Conditions/ })).toHaveValue('SEV-2, investigating. Writes to the primary fail; KMS keys rotated at 09:00.');
  await can.getByRole('textbox', { name: /^Needs/ }).fill('- A contact at the payment provider');
  const report = can.getByRole('textbox', { name: 'The report as it will be sent' });
  await expect(report).toHaveValue(/^CAN report: .* \(SEV-2\)\nConditions: SEV-2, investigating\./);
  await expect(report).toHaveValue(/Needs:\n- A contact at the payment provider\nNext report: by /);
  await expect(can.getByRole('list', { name: 'Plain-language suggestions' })).toContainText('"KMS" looks like an acronym');
  await can.getByRole('button', { name: 'Cancel' }).click();

  // KMS, explained once in the glossary, is flagged with its plainer words from then on.
  await page.keyboard.press('g');
  const glossary = page.getByRole('dialog', { name: 'Glossary' });
  const terms = glossary.getByRole('textbox', { name: 'Terms and plainer words' });
  await terms.press('Control+End');
  await page.keyboard.type('\nKMS = the key management service\nnot an entry');
  await expect(glossary.getByRole('list', { name: 'Lines that cannot be read' })).toContainText('write it as "term = plainer words"');
  await glossary.getByRole('button', { name: 'Save glossary' }).click();
  await expect(glossary).toBeHidden();
  await page.keyboard.press('r');
  await expect(can.getByRole('list', { name: 'Plain-language suggestions' })).toContainText('"KMS" is an acronym not everyone knows: write "the key management service".');
  await page.keyboard.press('Control+Enter');
  await expect(can).toBeHidden();
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText('CAN report sent; next in 30 min.');
  // Kept on this machine: a reload still has it.
  await page.reload();
  // The tab strip is there once the incident is on screen; a key pressed before then reaches nothing.
  await page.getByRole('tab', { name: /^Status/ }).click();
  await expect(statusTab(page)).toBeVisible();
  await statusTab(page).getByRole('heading', { name: 'Status document' }).click();
  await page.keyboard.press('g');
  await expect(page.getByRole('dialog', { name: 'Glossary' }).getByRole('textbox', { name: 'Terms and plainer words' })).toHaveValue(/KMS = the key management service/);
});

test('the observer view is read-only and follows the response live', async ({ page, context }) => {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada (IC)' });
  await logByKeyboard(page, 'n: Paged the database team');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+S');
  await field(page, 'Summary').fill('Writes to the primary database fail.');
  await waitSaved(page);
  const observerOpened = context.waitForEvent('page');
  await statusTab(page).getByRole('button', { name: 'Observer view' }).click();
  const observer = await observerOpened;
  await expect(observer.getByRole('main', { name: `Status of ${name}` })).toBeVisible();
  await expect(observer.getByText('Writes to the primary database fail.')).toBeVisible();
  await expect(observer.getByRole('textbox')).toHaveCount(0);
  await expect(observer.getByRole('button')).toHaveCount(0);
  await expect(observer).toHaveTitle(`Status · ${name} · SEV-2`);

  // Typed in the response's window: the observer has it at once (nothing shared, one machine).
  await field(page, 'Summary').press('End');
  await page.keyboard.type(' Failover under way.');
  await phase(page, 'Mitigating').click();
  await expect(observer.getByText('Writes to the primary database fail. Failover under way.')).toBeVisible();
  await expect(observer.locator('.observer-phase')).toHaveText('Mitigating');

  // The current plan, with its task, owner and countdown, on the first screen of a laptop.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Alt+P');
  await page.getByRole('button', { name: 'Add objective…' }).click();
  await page.keyboard.insertText('Restore writes to the primary');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Assign task…' }).click();
  const assign = page.getByRole('dialog', { name: 'Assign a task' });
  await assign.getByLabel('What').fill('Check replication lag');
  await assign.getByLabel('Owner').selectOption({ label: 'Ada (IC) — Incident Commander' });
  await assign.getByRole('button', { name: 'Assign' }).click();
  await page.keyboard.press('Alt+S');
  const plan = statusTab(page).getByRole('region', { name: 'Current plan' });
  const lag = plan.getByRole('list', { name: 'Tasks for Restore writes to the primary' }).getByRole('listitem');
  await expect(lag).toContainText('Ada (IC)');
  await expect(lag).toContainText(/\d+:\d\d left/);
  await expect(lag).toBeInViewport({ ratio: 1 });
  await expect(observer.locator('.current-task')).toContainText('Check replication lag');

  // Ending while the phase is not Resolved asks first (yes by default; Alt+R answers no).
  await page.getByRole('button', { name: 'Declare end…' }).click();
  const end = page.getByRole('dialog', { name: `Declare the end of ${name}` });
  await expect(end.getByRole('group', { name: 'The status document still says Mitigating' })).toBeVisible();
  const resolve = end.getByRole('checkbox', { name: /Move it to Resolved first/ });
  await expect(resolve).toBeChecked();
  await page.keyboard.press('Alt+R');
  await expect(resolve).not.toBeChecked();
  await end.getByRole('button', { name: 'Declare end of incident' }).click();
  const notice = page.getByRole('dialog', { name: `Closing notice: ${name}` }).getByRole('textbox', { name: 'Closing notice' });
  await expect(notice).toHaveValue(/the incident is over; its status still says Mitigating/);
  await expect(notice).not.toHaveValue(/working normally/);
  // Nor does the observer read "ended" beside a failing system.
  await expect(observer.locator('.observer-phase')).toHaveText('Ended · still Mitigating');
  await expect(observer.locator('.observer-meaning')).toHaveText('The incident response has ended; the status still said “Mitigating” when it did.');
});
