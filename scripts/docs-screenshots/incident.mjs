/**
 * The incident the manual's screenshots show: a SEV-1 database outage about
 * twenty minutes in, with a small response organized, an objective with
 * tasks, the status document filled in and the log of what happened. Names
 * and systems are made up. The page's clock is Playwright's, moved on
 * between steps, so the times read as a real response's would.
 */
import { assign, checkIn, logLine, showTab } from './drive.mjs';

/** When the incident is declared: the small hours, when it always happens. */
export const DECLARED_AT = new Date('2026-12-05T02:41:00Z');

export const SYNOPSIS = 'Checkout failing: primary orders database unreachable';

const RESPONDERS = [
  { name: 'Jo Kim', contact: '@jo · ext 4411', skills: 'Postgres, storage', role: { pick: 'Tech', reportsTo: 'Incident' } },
  { name: 'Priya Raman', contact: '@priya', skills: 'Payments API', role: { pick: 'Subject', area: 'Payments', reportsTo: 'Tech' } },
  { name: 'Sam Ortiz', contact: '@sam', skills: 'Timeline, notes', role: { pick: 'Scribe', reportsTo: 'Incident' } },
  { name: 'Lena Fischer', contact: '@lena', skills: 'Status page, customers', role: { pick: 'Comms', reportsTo: 'Incident' } },
  { name: 'Omar Haddad', contact: '@omar', skills: 'Networking' },
];

const TASKS = [
  { what: 'Check replication lag on orders-db-2 before failover', owner: /^Jo Kim/, minutes: '15' },
  { what: 'Confirm payment retries are idempotent', owner: /^Priya Raman/, minutes: '20' },
];

const STATUS = {
  Summary: 'The primary orders database stopped answering after its storage controller failed. We are failing over to the standby; until then most EU customers cannot check out.',
  Impact: 'About 38% of EU checkouts fail; customers see "payment could not be completed". Browsing and accounts work.',
  'Estimated time to resolution': 'About 30 minutes if the failover holds; next update at 03:10 UTC.',
};

/** Moves the page's clock on, as the response's minutes pass. */
const later = (page, minutes) => page.clock.fastForward(minutes * 60_000);

/** Picks the first owner option whose label matches (the list shows "Name — role"). */
async function pickOwner(dialog, owner) {
  const select = dialog.getByLabel('Owner');
  const options = await select.locator('option').allTextContents();
  const label = options.find((text) => owner.test(text));
  if (!label) throw new Error(`No owner like ${owner} among: ${options.join(' | ')}`);
  await select.selectOption({ label });
}

async function organize(page) {
  await showTab(page, 'Org chart', 'Alt+O');
  for (const responder of RESPONDERS) {
    await later(page, 1);
    await checkIn(page, responder.name, responder.contact, responder.skills);
    if (responder.role) await assign(page, responder.role);
  }
}

async function plan(page) {
  await showTab(page, 'Plan', 'Alt+P');
  await page.keyboard.press('o');
  await page.getByRole('dialog', { name: 'Add an objective' }).waitFor();
  await page.keyboard.insertText('Restore checkout for EU customers');
  await page.keyboard.press('Enter');
  for (const task of TASKS) {
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Assign a task' });
    await dialog.getByLabel('What').fill(task.what);
    await pickOwner(dialog, task.owner);
    await dialog.getByLabel('Timebox (minutes)').fill(task.minutes);
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  // The first task's owner said "understood".
  await page.keyboard.press('Home');
  await page.keyboard.press('u');
}

async function writeStatus(page) {
  await showTab(page, 'Status', 'Alt+S');
  const status = page.getByRole('region', { name: 'Status document' });
  for (const [label, text] of Object.entries(STATUS)) {
    await status.getByRole('textbox', { name: label, exact: true }).fill(text);
  }
  await status.getByRole('group', { name: 'Phase' }).getByRole('button', { name: 'Identified', exact: true }).click();
}

export async function buildResponse(page) {
  await later(page, 1);
  await logLine(page, 'i: EU customers cannot complete checkout; 38% of orders failing since 02:37 UTC');
  await later(page, 1);
  await logLine(page, 'orders-db-1 stopped answering after its storage controller reported errors');
  await organize(page);
  await later(page, 2);
  await logLine(page, 'a: Paused the nightly batch jobs that write to orders-db');
  await plan(page);
  await later(page, 3);
  await logLine(page, 'd: Fail over to the standby orders-db-2 in the second zone');
  await later(page, 2);
  await writeStatus(page);
  await later(page, 1);
  await logLine(page, 's: Failover started; read traffic already on orders-db-2');
  await logLine(page, 'f: Add an alert on replication lag above 30 s');
  await later(page, 2);
}
