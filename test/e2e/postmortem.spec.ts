import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { postmortemJson } from '../../src/shared/report/postmortem-json';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../fixtures/postmortem/incident';
import { declareByKeyboard, logByKeyboard, waitSaved } from './helpers';

/**
 * Ending the incident and the postmortem (issue 8): the closing notice to
 * the same audiences as the start, the owner and due date, the meeting as a
 * calendar file, the blameless draft in two layouts with its lints, the
 * files, the JSON round trip and the replay.
 */

const postmortem = (page: Page) => page.getByRole('region', { name: 'Postmortem', exact: true });

/** Sends a first message to an audience from the Status tab, with the keyboard. */
async function sendFirstMessage(page: Page, audience: 'Internal (the company)' | 'External (customers)') {
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('region', { name: 'Status document' })).toBeVisible();
  await page.keyboard.press('u');
  const composer = page.getByRole('dialog', { name: 'Compose a stakeholder update' });
  await composer.getByRole('radio', { name: audience }).check();
  await composer.getByRole('combobox', { name: 'Stage' }).selectOption('first');
  await composer.getByRole('button', { name: 'Record as sent' }).click();
  await expect(composer).toBeHidden();
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  // Kept under its own name: a browser opens a file by its extension.
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

/** Imports a file through the incident list, as a person picks it. */
async function importFile(page: Page, name: string, text: string) {
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Import incident file…' })).toBeEnabled();
  await page.getByLabel('Incident file to import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('declaring the end leads to the closing notice for the audiences told at the start; the owner is one person with a due date', async ({ page }) => {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada Lovelace' });
  await sendFirstMessage(page, 'Internal (the company)');
  await sendFirstMessage(page, 'External (customers)');

  await page.getByRole('button', { name: 'Declare end…' }).click();
  await page.keyboard.type('Rolled back release 4.2');
  await page.getByRole('button', { name: 'Declare end of incident' }).click();

  const closing = page.getByRole('dialog', { name: `Closing notice: ${name}` });
  await expect(closing.getByRole('list', { name: 'Who was told' })).toContainText('Internal: first message at');
  await expect(closing.getByRole('list', { name: 'Who was told' })).toContainText('External: first message at');
  const notice = closing.getByRole('textbox', { name: 'Closing notice' });
  await expect(notice).toHaveValue(/the incident is over/);
  await expect(notice).toHaveValue(/\[where the postmortem will be shared\]/);

  // A team is refused, with why; one person is taken, with the due date SEV-2 gives.
  await closing.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Someone else…' });
  await closing.getByRole('textbox', { name: "Owner's name" }).fill('Platform team');
  await expect(closing.getByRole('alert').first()).toContainText('is a group, not a person');
  await closing.getByRole('button', { name: 'Assign owner' }).click();
  await expect(closing.getByRole('alert').first()).toContainText('group');
  await closing.getByRole('textbox', { name: "Owner's name" }).fill('Grace Hopper');
  await expect(closing.getByText(/SEV-2: 5 business days after the end/)).toBeVisible();
  await closing.getByRole('button', { name: 'Assign owner' }).click();
  await expect(closing.getByRole('button', { name: 'Change owner and due date' })).toBeVisible();
  await expect(notice).toHaveValue(/, due by \w+day \d+ \w+ \d{4}\./);

  await closing.getByLabel('Where the postmortem will be shared', { exact: true }).fill('the Incident Reviews wiki');
  await closing.getByLabel('Where follow-ups are tracked', { exact: true }).fill('the OPS tracker');
  await expect(notice).toHaveValue(/Postmortem: the Incident Reviews wiki, due by/);
  await expect(notice).toHaveValue(/Follow-ups: tracked in the OPS tracker\./);
  await notice.fill((await notice.inputValue()).replace(/\[[^\]]*\]/g, 'Nothing was lost.'));
  await closing.getByRole('button', { name: 'Record as sent' }).click();

  // Then the external audience, in customers' words.
  await expect(closing.getByRole('radio', { name: 'External (customers)' })).toBeChecked();
  await expect(notice).toHaveValue(/will publish it at the Incident Reviews wiki/);
  await expect(notice).not.toHaveValue(/OPS tracker|SEV-2/);
  await notice.press('Control+Enter');
  await expect(closing).toBeHidden();
  await waitSaved(page);

  // Both are in the history of updates sent.
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('region', { name: 'Updates sent' }).getByText('Resolution')).toHaveCount(2);

  // The Postmortem tab shows the owner and the due date.
  await page.keyboard.press('Alt+R');
  await expect(postmortem(page).getByRole('definition').filter({ hasText: 'Grace Hopper' })).toBeVisible();
  await expect(postmortem(page).getByText(/business days?\)|today\)/)).toBeVisible();
});

test('the postmortem meeting is scheduled from the keyboard and saved as a calendar file', async ({ page }) => {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Search results empty', who: 'Ada Lovelace' });
  await logByKeyboard(page, 'n: first note');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+R');
  await expect(postmortem(page)).toBeVisible();
  await page.keyboard.press('m');
  const dialog = page.getByRole('dialog', { name: 'Postmortem meeting' });
  await dialog.getByLabel(/^Starts/).fill('2031-05-14T14:00');
  await dialog.getByLabel('Length (minutes)').fill('45');
  await dialog.getByLabel('Where (a room or a call link)').fill('Room 4, floor 2');
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  await page.keyboard.press('e');
  const exports = page.getByRole('dialog', { name: 'Export the postmortem' });
  const file = await download(page, () => exports.getByRole('button', { name: 'Meeting (.ics)' }).click());
  expect(file.name).toMatch(new RegExp(`^${name}_\\d{4}-\\d{2}-\\d{2}_\\d{4}_meeting\\.ics$`));
  expect(file.text).toContain('BEGIN:VCALENDAR\r\n');
  expect(file.text).toMatch(/DTSTART:2031051\dT\d{6}Z/);
  expect(file.text).toContain(`SUMMARY:Postmortem review: ${name} (SEV-2)`);
  expect(file.text).toContain('LOCATION:Room 4\\, floor 2');
});

test('the draft is written from the incident in two layouts, linted as it is typed, and stays in the incident', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada Lovelace' });
  await logByKeyboard(page, 'd: Roll back release 4.2');
  await logByKeyboard(page, 'f: Follow-up: add an alert on replication lag');
  await logByKeyboard(page, 'f: better monitoring');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+R');
  await postmortem(page).getByRole('radio', { name: 'Google SRE' }).check();
  await postmortem(page).getByRole('button', { name: 'Start the draft from the incident' }).click();

  // Drafted from the incident, with the follow-ups as action items; focus lands in the first section.
  const summary = postmortem(page).getByRole('textbox', { name: 'Summary', exact: true });
  await expect(summary).toBeFocused();
  await expect(summary).toHaveValue(/lasted .* so far: Checkout fails for EU customers\./);
  const headings = () => postmortem(page).getByRole('heading', { level: 3 }).allInnerTexts();
  expect((await headings()).slice(0, 3)).toEqual(['Impact', 'Action items', 'Lessons learned']);
  const items = postmortem(page).getByRole('list', { name: 'Action items' });
  await expect(items.getByRole('textbox', { name: 'Action item 1', exact: true })).toHaveValue('Add an alert on replication lag');
  await expect(items.locator(':scope > li').nth(1)).toContainText('starts a topic or a wish, not an action');

  // The blameless lint flags a name, a "who" question and hindsight, with rewordings.
  const factors = postmortem(page).getByRole('textbox', { name: 'Root causes and contributing factors' });
  await factors.click();
  await page.keyboard.type('Ada Lovelace should have checked the flag. Who approved the change?');
  const lint = postmortem(page).getByRole('list', { name: 'Blameless suggestions' });
  await expect(lint.getByRole('listitem')).toHaveCount(3);
  await expect(lint).toContainText('names a person');
  await expect(lint).toContainText('Instead: How did the change come to be approved?');

  // An action item's owner is one person: a team is refused, with why; a person is taken.
  const owner = items.getByRole('combobox', { name: 'Owner of action item 1' });
  await owner.fill('SRE team');
  await owner.press('Enter');
  await expect(page.getByText(/is a group, not a person/).first()).toBeVisible();
  await owner.fill('Ada Lovelace');
  await owner.press('Enter');
  await expect(items.locator(':scope > li').first()).toContainText('a verb first, specific, bounded, one owner');

  // l switches the layout: PagerDuty's order and words.
  await page.keyboard.press('Escape');
  await page.locator('body').press('l');
  await expect(postmortem(page).getByRole('radio', { name: 'PagerDuty' })).toBeChecked();
  expect((await headings()).slice(0, 2)).toEqual(['Impact', 'Responders']);
  await expect(postmortem(page).getByRole('textbox', { name: 'Contributing factors' })).toHaveValue(/Ada Lovelace should have checked the flag/);
  await waitSaved(page);

  // It stays in the incident.
  await page.reload();
  // Keys pressed before the incident has loaded reach nothing.
  await expect(page.getByLabel('Log a timeline event')).toBeEditable();
  await page.keyboard.press('Alt+R');
  await expect(postmortem(page).getByRole('textbox', { name: 'Contributing factors' })).toHaveValue(/Who approved the change\?/);
  await expect(postmortem(page).getByRole('list', { name: 'Action items' }).getByRole('combobox', { name: 'Owner of action item 1' })).toHaveValue('Ada Lovelace');
});

test('an incident with HTML and script in every string shows them as text, in the app and in the exported web page, which fetches nothing', async ({ page, browser }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const { doc } = fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '<b>26</b><script>x</script>' });
  await importFile(page, 'hostile.json', postmortemJson(doc, { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' }));
  await expect(page.getByText(/Imported <b>26<\/b><script>x<\/script> \(new, \d+ events\)/)).toBeVisible();
  await page.getByRole('link', { name: /<b>26<\/b><script>x<\/script>/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<b>26</b><script>x</script>');
  await page.keyboard.press('Alt+R');
  const factors = postmortem(page).getByRole('textbox', { name: 'Contributing factors' });
  await expect(factors).toHaveValue(/^<script>alert\(1\)<\/script><img src=x onerror=alert\(2\)>The failover runbook/);
  await expect(postmortem(page).getByRole('list', { name: 'Timeline of facts' }).getByText('<script>alert(1)</script><img src=x onerror=alert(2)>Error rate on checkout-api').first()).toBeVisible();
  await expect(postmortem(page).locator('img, script')).toHaveCount(0);

  await page.keyboard.press('e');
  const exports = page.getByRole('dialog', { name: 'Export the postmortem' });
  const html = await download(page, () => exports.getByRole('button', { name: 'Web page (.html)' }).click());
  expect(html.name).toMatch(/_postmortem\.html$/);

  // Opened as a file: it shows the strings as text, runs nothing, and asks the network for nothing.
  const viewer = await browser.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  viewer.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await viewer.goto(`file://${html.path}`);
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('Postmortem: <b>26</b><script>x</script>');
  await expect(viewer.getByText('<script>alert(1)</script><img src=x onerror=alert(2)>The failover runbook', { exact: false })).toBeVisible();
  expect(await viewer.locator('img, script, a, iframe').count()).toBe(0);
  await viewer.emulateMedia({ media: 'print' });
  await expect(viewer.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await viewer.close();
  expect(requests).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('every format is saved from the Export dialog; the JSON recreates the incident on another machine and is refused where it already is', async ({ page, browser }) => {
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Search results empty', who: 'Ada Lovelace' });
  await logByKeyboard(page, 'f: Follow-up: add a canary for the search index');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+R');
  await postmortem(page).getByRole('button', { name: 'Start the draft from the incident' }).click();
  await waitSaved(page);
  // The draft starts in its first section; Escape leaves it, and the tab's keys act.
  await expect(postmortem(page).getByRole('textbox', { name: 'Overview' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  const exports = page.getByRole('dialog', { name: 'Export the postmortem' });
  await expect(exports.getByRole('button', { name: 'Meeting (.ics)' })).toBeDisabled();
  await expect(exports.getByText('Schedule the postmortem meeting first (m).')).toBeVisible();
  const md = await download(page, () => exports.getByRole('button', { name: 'Markdown (.md)' }).click());
  expect(md.name).toMatch(new RegExp(`^${name}_.*_postmortem\\.md$`));
  expect(md.text).toContain(`# Postmortem: ${name}`);
  expect(md.text).toContain('| 1 | Add a canary for the search index | _nobody yet_ |');
  const csv = await download(page, () => exports.getByRole('button', { name: 'Activity log (.csv)' }).click());
  expect(csv.name).toMatch(/_activity-log\.csv$/);
  expect(csv.text.split('\r\n')[0]).toContain('Incident Name,Operational Period From (UTC),Operational Period To (UTC),Name,ICS Position');
  const json = await download(page, () => exports.getByRole('button', { name: 'JSON (.json)' }).click());
  expect(JSON.parse(json.text)).toMatchObject({ format: 'command-post-postmortem', version: 1, incident: { name } });

  // Here, it is refused: the incident is already on this machine.
  await importFile(page, json.name, json.text);
  await expect(page.getByText(new RegExp(`${name} is already on this machine`))).toBeVisible();

  // On another machine (a fresh browser profile), it recreates the incident.
  const other = await (await browser.newContext()).newPage();
  await importFile(other, json.name, json.text);
  await expect(other.getByText(new RegExp(`Imported ${name} \\(new, 2 events\\)`))).toBeVisible();
  await other.getByRole('link', { name: new RegExp(name) }).first().click();
  await other.keyboard.press('Alt+R');
  await expect(other.getByRole('region', { name: 'Postmortem', exact: true }).getByRole('list', { name: 'Action items' }).getByRole('textbox', { name: 'Action item 1', exact: true })).toHaveValue('Add a canary for the search index');

  // A damaged file is refused with why.
  await importFile(other, 'broken.json', json.text.replace('"version": 1', '"version": 9'));
  await expect(other.getByText(/newer version of Command Post \(file format 9/)).toBeVisible();
});
