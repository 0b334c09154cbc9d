import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, importFile, logByKeyboard, timeline, waitSaved } from './helpers';
import { encodeIncidentFile } from '../../src/shared/incident';
import { FIXTURE_EXPORTED_AT, fixtureIncident } from '../fixtures/postmortem/incident';
import { assignByKeyboard, checkInByKeyboard, openOrgChart } from './org-helpers';

// A zone that is not UTC, so local time and UTC read differently.
test.use({ timezoneId: 'Europe/Berlin' });

function row(page: Page, text: string) {
  return timeline(page).locator('li.event').filter({ hasText: text });
}

/** Leaves the quick-entry line, so the timeline's single keys act. */
async function leaveEntryLine(page: Page): Promise<void> {
  const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
  if (typing) await page.keyboard.press('Escape');
}

const count = (page: Page) => page.locator('.timeline-count');

test('filters by type, by author, by the role held at the time, by text, and key events only', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await logByKeyboard(page, 'Error rate 12% on checkout');
  await logByKeyboard(page, 'd: Fail over to the replica');
  await openOrgChart(page);
  await checkInByKeyboard(page, 'Jo Kim', '@jo', 'Database');
  await assignByKeyboard(page, { pick: 'Scr', reportsTo: 'Incident' });
  await waitSaved(page);

  // Jo Kim logs on this machine now.
  await page.getByRole('button', { name: 'Signed in as Dana Scully' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Your name' }).fill('Jo Kim');
  await settings.getByRole('button', { name: 'Save name' }).click();
  await expect(settings.getByText('Saved: you are Jo Kim on this machine.')).toBeVisible();
  await settings.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Alt+T');
  await logByKeyboard(page, 'a: Restarting the connection pooler');
  await logByKeyboard(page, 'Replication lag at 40 s');
  await expect(count(page)).toHaveText('7 entries');

  const filters = page.getByRole('group', { name: 'Filter the timeline' });
  await filters.getByLabel('Type').selectOption({ label: 'Decision' });
  await expect(timeline(page).locator('li.event')).toHaveCount(1);
  await expect(row(page, 'Fail over to the replica')).toBeVisible();
  await expect(count(page)).toHaveText('Showing 1 of 7');
  await filters.getByLabel('Type').selectOption({ label: 'Organization' });
  await expect(timeline(page).locator('li.event .text')).toHaveText(['Jo Kim checked in (Database; reach at @jo).', 'Jo Kim assigned as Scribe, reporting to Dana Scully (Incident Commander).']);
  await filters.getByLabel('Type').selectOption({ label: 'All types' });

  await filters.getByLabel('Author', { exact: true }).selectOption('Jo Kim');
  await expect(timeline(page).locator('li.event .text')).toHaveText(['Restarting the connection pooler', 'Replication lag at 40 s']);
  await filters.getByLabel('Author', { exact: true }).selectOption({ label: 'All authors' });

  // The role the author held when the entry happened: Dana was IC, Jo the Scribe.
  await filters.getByLabel('Role at the time').selectOption('Scribe');
  await expect(timeline(page).locator('li.event .text')).toHaveText(['Restarting the connection pooler', 'Replication lag at 40 s']);
  await filters.getByLabel('Role at the time').selectOption('Incident Commander');
  await expect(timeline(page).locator('li.event')).toHaveCount(5);
  await expect(count(page)).toHaveText('Showing 5 of 7');
  await filters.getByLabel('Role at the time').selectOption({ label: 'All roles' });

  // Full text, any case, over what each entry says now; matches are marked. (Out of the list first: f there picks an option.)
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('f');
  await expect(filters.getByLabel('Search the timeline')).toBeFocused();
  await page.keyboard.type('REPLICA');
  await expect(timeline(page).locator('li.event .text')).toHaveText(['Fail over to the replica', 'Replication lag at 40 s']);
  await expect(timeline(page).locator('mark').first()).toHaveText('replica');
  await page.keyboard.press('Escape');
  await expect(timeline(page).locator('li.event')).toHaveCount(7);

  // Key events only: star one with its button; the mark-key chord stars what Jo logged last.
  await row(page, 'Fail over to the replica').getByRole('button', { name: /^Key event: Fail over/ }).click();
  await expect(row(page, 'Fail over to the replica').getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Control+Alt+Shift+KeyK');
  await expect(page.getByText(/Marked as a key event in .*“Replication lag at 40 s”/)).toBeVisible();
  await expect(row(page, 'Replication lag').getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'true');
  await filters.getByLabel('Key events only').check();
  await expect(timeline(page).locator('li.event .text')).toHaveText(['Fail over to the replica', 'Replication lag at 40 s']);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count(page)).toHaveText('7 entries');

  // One click from an author's name to their activity log (ICS 214).
  await row(page, 'Replication lag').getByRole('button', { name: 'Activity log of Jo Kim' }).click();
  const log = page.getByRole('dialog', { name: 'Activity log (ICS 214): Jo Kim' });
  await expect(log).toContainText('Incident name');
  await expect(log).toContainText('Period covered');
  await expect(log.getByRole('table').first()).toContainText('Scribe');
  await expect(log.locator('.activity-entries li')).toHaveText([/Jo Kim checked in/, /Jo Kim assigned as Scribe/, /Restarting the connection pooler/, /Replication lag at 40 s/]);
  await page.keyboard.press('Escape');
  await expect(log).toHaveCount(0);

  // And from the responders panel.
  await openOrgChart(page);
  // A row's actions show on hover or once it is selected, as for Assign and Release.
  await page.locator('.responder', { hasText: 'Dana Scully' }).hover();
  await page.getByRole('button', { name: 'Activity log of Dana Scully' }).click();
  await expect(page.getByRole('dialog', { name: 'Activity log (ICS 214): Dana Scully' })).toContainText('Incident Commander');
  await page.keyboard.press('Escape');

  // The Scribe types the IC's decision for the IC: Alt+A, the role, Enter; the line says so until changed.
  await page.keyboard.press('Alt+T');
  await page.keyboard.press('Alt+A');
  const picker = page.getByRole('dialog', { name: 'Log for whom?' });
  await expect(picker.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('Incident');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(page.locator('#quick-entry-hint')).toContainText('Logs as Note for Dana Scully (IC), logged by Jo Kim.');
  await logByKeyboard(page, 'd: Roll back the release');
  await expect(row(page, 'Roll back the release').locator('.author')).toHaveText('Dana Scully (IC)logged by Jo Kim');
  // "me>" switches back to the person typing, from the line itself.
  await logByKeyboard(page, 'me> Rollback started');
  await expect(row(page, 'Rollback started').locator('.author')).toHaveText('Jo Kim');
  await expect(page.locator('#quick-entry-hint')).toContainText('by Jo Kim (for someone else: Alt+A)');
  // The IC's decision is the IC's when the log is filtered by author.
  await filters.getByLabel('Author', { exact: true }).selectOption('Dana Scully');
  await expect(row(page, 'Roll back the release')).toBeVisible();
  await expect(row(page, 'Rollback started')).toHaveCount(0);
});

test('an edit keeps the original in the history; a struck entry stays, crossed out, with the reason', { tag: '@quick' }, async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await logByKeyboard(page, 'Error rate 12% on checkout');
  await logByKeyboard(page, 'Paged the wrong team');
  await leaveEntryLine(page);

  // ↑ from nothing selected takes the newest; ↑ again the one before.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 'Error rate 12%')).toHaveClass(/selected/);
  await page.keyboard.press('e');
  const edit = page.getByRole('dialog', { name: 'Edit entry' });
  await expect(edit.getByLabel('New text')).toBeFocused();
  await expect(edit.getByLabel('New text')).toHaveValue('Error rate 12% on checkout');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Error rate 14% on checkout (misread)');
  await page.keyboard.press('Enter');
  await expect(edit).toHaveCount(0);
  const edited = row(page, 'Error rate 14%');
  await expect(edited.locator('.text')).toHaveText('Error rate 14% on checkout (misread)');
  await expect(edited).toContainText('Edited by Dana Scully at');
  await page.keyboard.press('s');
  await expect(edited.getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('*');
  await expect(edited.getByRole('button', { name: /^Key event/ })).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('h');
  const history = edited.getByRole('list', { name: /Earlier versions/ });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Original by Dana Scully');
  await expect(history.getByRole('listitem').first()).toContainText('Error rate 12% on checkout');
  await expect(edited.getByRole('button', { name: /^History of/ })).toHaveAttribute('aria-expanded', 'true');

  // Strike the newest: a reason is required.
  await page.keyboard.press('End');
  await page.keyboard.press('x');
  const strike = page.getByRole('dialog', { name: 'Strike through this entry?' });
  await expect(strike.getByLabel('Why is it struck through?')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(strike.getByRole('alert')).toHaveText('Say why it is struck through: the reason stays beside the entry.');
  await page.keyboard.type('Logged on the wrong incident');
  await page.keyboard.press('Enter');
  await expect(strike).toHaveCount(0);
  const struck = row(page, 'Paged the wrong team');
  await expect(struck.locator('.text del')).toHaveText('Paged the wrong team');
  await expect(struck).toContainText('Struck through by Dana Scully at');
  await expect(struck).toContainText('Logged on the wrong incident');
  await expect(timeline(page).locator('li.event')).toHaveCount(3);

  // What cannot be done says why.
  await page.keyboard.press('e');
  await expect(page.locator('#timeline-keys [role="status"]')).toHaveText('That entry is already struck through: Logged on the wrong incident');
  await page.keyboard.press('Home');
  await page.keyboard.press('x');
  await expect(page.locator('#timeline-keys [role="status"]')).toHaveText(/Only entries logged by hand can be edited or struck through/);

  // All of it is stored: after a reload, the same.
  await waitSaved(page);
  await page.reload();
  await expect(row(page, 'Paged the wrong team').locator('.text del')).toHaveText('Paged the wrong team');
  await expect(row(page, 'Error rate 14%').locator('.text')).toHaveText('Error rate 14% on checkout (misread)');
  await expect(timeline(page).locator('li.event')).toHaveCount(3);
});

test('times show their zone; the toggle switches them between local time and UTC, remembered on this machine', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await logByKeyboard(page, 'Error rate 12% on checkout');
  const zone = row(page, 'Error rate 12%').locator('time .zone');
  await expect(zone).toHaveText(/^GMT\+[12]$/);
  const local = await row(page, 'Error rate 12%').locator('time').innerText();

  await page.getByRole('button', { name: 'Times in UTC' }).click();
  await expect(page.getByRole('button', { name: 'Times in UTC' })).toHaveAttribute('aria-pressed', 'true');
  await expect(zone).toHaveText('UTC');
  await expect(timeline(page)).toHaveAttribute('aria-label', /times in UTC/);
  const utc = await row(page, 'Error rate 12%').locator('time').innerText();
  expect(utc).not.toBe(local);

  await page.reload();
  await expect(row(page, 'Error rate 12%').locator('time .zone')).toHaveText('UTC');
  await leaveEntryLine(page);
  await page.keyboard.press('u');
  await expect(row(page, 'Error rate 12%').locator('time .zone')).toHaveText(/^GMT\+[12]$/);

  // Backdated from the entry line: "@-10m " or "@09:30 " (in the zone shown) says when it happened;
  // the entry sorts by that, here before the declaration, and says when it was logged.
  const fiveAgo = await page.evaluate(() => new Date(Date.now() - 5 * 60_000).toTimeString().slice(0, 5));
  await logByKeyboard(page, '@-10m d: Fail over to the second feed');
  await logByKeyboard(page, `@${fiveAgo} i: Customers cannot pay`);
  await expect(row(page, 'Fail over to the second feed')).toContainText(/Backdated: logged at \d\d:\d\d:\d\d GMT\+[12], 10 minutes after it happened/);
  await expect(row(page, 'Customers cannot pay').locator('time').first()).toHaveText(new RegExp(`^${fiveAgo}:00 GMT`));
  await expect(timeline(page).locator('li.event .text')).toContainText(['Fail over to the second feed', 'Customers cannot pay', 'declared at', 'Error rate 12%']);
  await logByKeyboard(page, '@25:00 garbage');
  await expect(page.locator('#quick-entry-hint').getByRole('alert')).toHaveText('“25:00” is not a time of day: hours go from 0 to 23.');
  await expect(page.getByLabel('Log a timeline event')).toHaveValue('@25:00 garbage');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');

  // Impact since: the impact note's time in one key, or a time typed.
  await page.keyboard.press('Alt+S');
  await leaveEntryLine(page);
  const since = page.getByLabel('Impact since');
  await page.keyboard.press('i');
  await expect(since).toHaveValue(`${fiveAgo}:00`);
  await page.keyboard.press('s');
  await expect(since).toBeFocused();
  await page.keyboard.type('-45m');
  await page.keyboard.press('Enter');
  // The minute 45 minutes ago, or the one before if the clock turned a minute since Enter.
  const minutes = await page.evaluate(() => [0, 10_000].map((late) => new Date(Date.now() - 45 * 60_000 - late).toTimeString().slice(0, 5)));
  await expect(since).toHaveValue(new RegExp(`^(${minutes.join('|')}):\\d\\d$`));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('half nine');
  await page.keyboard.press('Enter');
  await expect(page.locator('#impact-since-hint')).toHaveText('“half nine” is not a time: type 09:30, 9:30:15, -45m, -1h30m or now.');
  await expect(page.locator('#impact-since-hint')).toHaveAttribute('role', 'alert');
});

test('a deadline that ran out appears once its time has passed, marked as derived', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await logByKeyboard(page, 'Error rate 12% on checkout');
  await expect(timeline(page).locator('li.derived')).toHaveCount(0);
  // SEV-2: a status update every 30 minutes.
  await page.clock.fastForward('29:00');
  await expect(timeline(page).locator('li.derived')).toHaveCount(0);
  await page.clock.fastForward('01:10');
  const overdue = timeline(page).locator('li.derived');
  await expect(overdue).toHaveCount(1);
  await expect(overdue.locator('.text')).toHaveText('Status update overdue: SEV-2 calls for one every 30 minutes.');
  await expect(overdue).toContainText('derived');
  // A row, not an event of the log.
  await expect(count(page)).toHaveText('2 entries, 1 deadline passed');
  await expect(timeline(page)).toHaveAttribute('aria-label', /^Timeline, 2 events/);
  await page.getByRole('group', { name: 'Filter the timeline' }).getByLabel('Type').selectOption({ label: 'Timer' });
  await expect(timeline(page).locator('li.event')).toHaveCount(1);
});

/** Each row on screen ends where the next begins: none drawn over another. */
async function expectNoOverlap(page: Page): Promise<void> {
  await expect(async () => {
    const boxes = await timeline(page)
      .locator('li[data-index]')
      .evaluateAll((rows) => rows.map((r) => ({ index: Number(r.getAttribute('data-index')), top: r.getBoundingClientRect().top, bottom: r.getBoundingClientRect().bottom })).sort((a, b) => a.index - b.index));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, `row ${boxes[i]!.index}`).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom - 1);
  }).toPass({ timeout: 5_000 });
}

test('rows with a message or a briefing take their room, also once a derived row lands among them or one is unfolded', async ({ page }) => {
  const { doc } = fixtureIncident({});
  await importFile(page, 'bravo.cpinc', encodeIncidentFile(doc, { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' }));
  await page.getByRole('link', { name: /26-Bravo/ }).first().click();
  const tall = timeline(page).locator('li.event', { has: page.locator('details.event-briefing') });
  await expect(tall.first()).toBeVisible();
  await tall.first().scrollIntoViewIfNeeded();
  await expectNoOverlap(page);
  await tall.first().locator('summary').click();
  await expect(tall.first().locator('pre')).toBeVisible();
  await expectNoOverlap(page);
});
