import type { Page } from '@playwright/test';
import { expect, keepStorage, test } from './fixtures';
import { postmortemJson } from '../../src/shared/report/postmortem-json';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../fixtures/postmortem/incident';
import { declareByKeyboard, download, importFile, logByKeyboard, waitSaved } from './helpers';

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

test('the draft is written from the incident in two layouts, linted as it is typed, and stays in the incident', { tag: '@quick' }, async ({ page }) => {
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
  await expect(page.getByText(/Imported <b>26<\/b><script>x<\/script> \(new, \d+ entries, \d+ amendments\)/)).toBeVisible();
  await page.getByRole('link', { name: /<b>26<\/b><script>x<\/script>/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<b>26</b><script>x</script>');
  await page.keyboard.press('Alt+R');
  const factors = postmortem(page).getByRole('textbox', { name: 'Contributing factors' });
  await expect(factors).toHaveValue(/^<script>alert\(1\)<\/script><img src=x onerror=alert\(2\)>The failover runbook/);
  await expect(postmortem(page).getByRole('list', { name: 'Timeline of facts' }).getByText('<script>alert(1)</script><img src=x onerror=alert(2)>Error rate on checkout-api').first()).toBeVisible();
  await expect(postmortem(page).locator('img, script')).toHaveCount(0);

  await page.keyboard.press('e');
  const exports = page.getByRole('dialog', { name: 'Export the postmortem' });
  // No name was ever set on this machine: the dialog asks for it first, from the keyboard, then goes on to the files.
  await expect(exports.getByRole('textbox', { name: 'Your name, for "exported by"' })).toBeFocused();
  await expect(exports.getByRole('button', { name: 'Web page (.html)' })).toBeDisabled();
  await page.keyboard.type('Lin Reviewer');
  await page.keyboard.press('Enter');
  await expect(exports.getByRole('button', { name: 'Markdown (.md)' })).toBeFocused();
  const html = await download(page, () => exports.getByRole('button', { name: 'Web page (.html)' }).click());
  expect(html.name).toMatch(/_postmortem\.html$/);
  expect(html.text).toContain(' by Lin Reviewer</dd>');
  expect(html.text).toMatch(/<td class="time"><span>\d{4}-\d\d-\d\d<\/span> <span>\d\d:\d\d:\d\d<\/span><\/td>/);

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
  // On a phone, the names in the "By" and "Name" columns break between words only: each cell is as wide as its longest word.
  await viewer.setViewportSize({ width: 390, height: 844 });
  const squeezed = await viewer.locator('td.name').evaluateAll((cells) =>
    cells.flatMap((cell) => {
      const style = getComputedStyle(cell);
      const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const probe = document.createElement('span');
      probe.style.cssText = `font: ${style.font}; white-space: pre; position: absolute; visibility: hidden;`;
      document.body.append(probe);
      const words = (cell.textContent ?? '').split(/\s+/).filter(Boolean);
      const broken = words.filter((word) => {
        probe.textContent = word;
        return probe.getBoundingClientRect().width > width + 0.5;
      });
      probe.remove();
      return broken;
    }),
  );
  expect(squeezed).toEqual([]);
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
  // Each save is confirmed; the confirmations replace each other rather than pile up above the incident.
  const notices = page.getByRole('region', { name: 'Notices' }).or(page.getByLabel('Notices'));
  await expect(notices.getByRole('status')).toHaveCount(1);
  await expect(notices.getByRole('status')).toContainText(`Saved the JSON (.json) as ${json.name}`);

  // Here, it is refused: the incident is already on this machine.
  await importFile(page, json.name, json.text);
  await expect(page.getByText(new RegExp(`${name} is already on this machine`))).toBeVisible();

  // On another machine (a fresh browser profile), it recreates the incident.
  const otherContext = await browser.newContext();
  await keepStorage(otherContext);
  const other = await otherContext.newPage();
  await importFile(other, json.name, json.text);
  await expect(other.getByText(new RegExp(`Imported ${name} \\(new, 2 entries\\)`))).toBeVisible();
  await other.getByRole('link', { name: new RegExp(name) }).first().click();
  // The view keys act in an open incident: the key waits until its views are on screen.
  await expect(other.getByRole('tablist', { name: 'Incident views' })).toBeVisible();
  await other.keyboard.press('Alt+R');
  // A record, not an invitation: the machine that imported it reads it, and writes nothing.
  await expect(other.getByRole('button', { name: /You are not a member/ })).toBeVisible();
  const item = other.getByRole('region', { name: 'Postmortem', exact: true }).getByRole('list', { name: 'Action items' }).getByRole('textbox', { name: 'Action item 1', exact: true });
  await expect(item).toHaveValue('Add a canary for the search index');
  await expect(item).toHaveAttribute('readonly', '');

  // A damaged file is refused with why.
  await importFile(other, 'broken.json', json.text.replace('"version": 1', '"version": 9'));
  await expect(other.getByText(/newer version of Command Post \(file format 9/)).toBeVisible();
});

test('the replay steps forward from the declaration, showing the timeline, org chart and plan as they stood', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada Lovelace' });
  await logByKeyboard(page, 'n: Error rate at 40%');
  await page.keyboard.press('Escape');
  // A responder checks in and takes a role, then the IC sets an objective.
  await page.keyboard.press('Alt+O');
  await page.keyboard.press('c');
  const checkIn = page.getByRole('dialog', { name: 'Check in a responder' });
  await checkIn.getByLabel('Name', { exact: true }).fill('Jo Kim');
  await checkIn.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(checkIn).toBeHidden();
  await page.keyboard.press('Alt+P');
  await page.keyboard.press('o');
  const objective = page.getByRole('dialog', { name: 'Add an objective' });
  await page.keyboard.type('Restore checkout in the EU');
  await page.keyboard.press('Enter');
  await expect(objective).toBeHidden();
  await logByKeyboard(page, 'd: Fail over to the replica');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+R');
  await page.keyboard.press('r');
  const replay = page.getByRole('region', { name: 'Replay' });
  const slider = replay.getByRole('slider', { name: 'Moment in the incident' });
  await expect(slider).toBeFocused();
  await expect(slider).toHaveAttribute('aria-valuetext', /^Entry 1 of 5: .*0 min after the declaration\. Declared:/);
  const chart = replay.getByRole('region', { name: 'Org chart at this moment' });
  const plan = replay.getByRole('region', { name: 'Plan at this moment' });
  await expect(plan).toContainText('No objectives yet.');
  await expect(chart).not.toContainText('Jo Kim');

  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', /^Entry 5 of 5: .*Decision: Fail over to the replica/);
  await expect(plan).toContainText('Restore checkout in the EU');
  await expect(chart).toContainText('Staging: Jo Kim');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', /^Entry 3 of 5: .*Organization: Jo Kim checked in/);
  await expect(plan).toContainText('No objectives yet.');
  await page.keyboard.press('Home');
  await page.keyboard.press(']');
  await expect(slider).toHaveAttribute('aria-valuetext', /^Entry 5 of 5/);
  await expect(replay.getByRole('region', { name: 'Timeline up to this moment' }).getByRole('listitem')).toHaveCount(5);

  // r goes back to the draft.
  await slider.blur();
  await page.keyboard.press('r');
  await expect(postmortem(page).getByRole('button', { name: 'Start the draft from the incident' })).toBeVisible();
});

test('whoever opens an imported, ended incident without a name here is asked for one before writing the postmortem, and can change it in Settings', async ({ page }) => {
  const { doc } = fixtureIncident();
  await importFile(page, 'review.json', postmortemJson(doc, { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' }));
  await page.getByRole('link', { name: /26-Bravo/ }).first().click();
  await page.keyboard.press('Alt+R');
  await expect(postmortem(page).getByRole('radio', { name: 'PagerDuty' })).toBeChecked();

  // The timeline is closed, but the postmortem is still written: the bar asks who is writing it.
  // Reading needs no name: the tab's keys still act. Writing says what is missing.
  await page.locator('body').press('l');
  await expect(page.getByRole('alert').filter({ hasText: 'Your name is required' })).toBeVisible();
  await expect(postmortem(page).getByRole('radio', { name: 'PagerDuty' })).toBeChecked();
  const ask = page.getByRole('textbox', { name: 'Your name, so the postmortem records who wrote what' });
  await ask.fill('Lin Reviewer');
  await ask.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByRole('button', { name: 'Signed in as Lin Reviewer' })).toBeVisible();
  await page.locator('body').press('l');
  await expect(postmortem(page).getByRole('radio', { name: 'Google SRE' })).toBeChecked();

  // The name is changed in Settings, reached from the top bar.
  await page.getByRole('button', { name: 'Signed in as Lin Reviewer' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Your name' }).fill('Lin Okafor');
  await settings.getByRole('button', { name: 'Save name' }).click();
  await expect(settings.getByRole('status')).toContainText('you are Lin Okafor on this machine');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Signed in as Lin Okafor' })).toBeVisible();
});

test('after the end the timeline is closed to edits, but the review still marks which entries mattered, and the draft and the replay follow', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout fails for EU customers', who: 'Ada Lovelace' });
  await logByKeyboard(page, 'n: Error rate at 40%');
  await logByKeyboard(page, 'n: Connection pool exhausted on orders-db');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Declare end…' }).click();
  await page.getByRole('button', { name: 'Declare end of incident' }).click();
  const closing = page.getByRole('dialog', { name: /^Closing notice/ });
  await closing.getByRole('button', { name: 'Later' }).click();
  await expect(closing).toBeHidden();

  await page.keyboard.press('Alt+T');
  const entry = page.getByRole('log').locator('li.event').filter({ hasText: 'Connection pool exhausted' });
  await entry.click();
  // Editing is refused, with why and what is still open.
  await page.keyboard.press('e');
  await expect(page.getByText('The timeline is closed: entries can no longer be edited or struck through. Key events can still be marked (s).')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('s');
  await expect(entry.getByRole('button', { name: /^Key event: Connection pool/ })).toHaveAttribute('aria-pressed', 'true');
  await waitSaved(page);

  // The postmortem's timeline marks it; the replay's ] stops on it.
  await page.keyboard.press('Alt+R');
  await postmortem(page).getByRole('button', { name: 'Start the draft from the incident' }).click();
  await expect(postmortem(page).getByRole('textbox', { name: 'What happened' })).toHaveValue(/Connection pool exhausted on orders-db/);
  await page.keyboard.press('Escape');
  const facts = postmortem(page).getByRole('list', { name: 'Timeline of facts' });
  await expect(facts.locator('li').filter({ hasText: 'Connection pool exhausted' }).getByLabel('key event')).toBeVisible();
  await page.keyboard.press('r');
  const slider = page.getByRole('region', { name: 'Replay' }).getByRole('slider', { name: 'Moment in the incident' });
  await expect(slider).toBeFocused();
  await page.keyboard.press(']');
  await expect(slider).toHaveAttribute('aria-valuetext', /Connection pool exhausted on orders-db/);
});
