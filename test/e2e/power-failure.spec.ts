import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { logByKeyboard, timeline, waitSaved } from './helpers';
import { openOrgChart, roleCard } from './org-helpers';
import { powerFailureFile, SCENARIO } from './power-failure';

/**
 * The large scenario (issue 16): a data-centre power failure with twenty
 * people, two sub-teams and a handover already behind it, opened on the
 * Scribe's laptop. The Scribe types for the IC, the Tech Lead and the Comms
 * Lead, rotates the LAN lead out with a second handover made for the people
 * concerned, and exports the postmortem, which must credit each entry to
 * the person it is for and say who reported to whom, and when.
 */

function row(page: Page, text: string) {
  return timeline(page).locator('li.event', { hasText: text });
}

/** Alt+A, a few letters, Enter: the entry line logs for that person or role until changed. */
async function logFor(page: Page, search: string) {
  await page.keyboard.press('Alt+A');
  const picker = page.getByRole('dialog', { name: 'Log for whom?' });
  await expect(picker.getByRole('combobox')).toBeFocused();
  await page.keyboard.type(search);
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
}

interface ResponderLine {
  name: string;
  entries: number;
  roles: { title: string; from: string; to: string | null }[];
  reportsTo: { lead: string; leadRole: string; from: string; to: string | null }[];
}

test('a Scribe types for three people, the LAN lead is rotated by a handover, and the postmortem says who did what and who reported to whom', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.addInitScript((name) => {
    if (!localStorage.getItem('command-post:identity')) localStorage.setItem('command-post:identity', name);
  }, SCENARIO.scribe);
  const file = powerFailureFile(Date.now());
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Import incident file…' })).toBeEnabled();
  await page.getByLabel('Incident file to import').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(page.locator('.notices').getByText(new RegExp(`Imported ${SCENARIO.name} \\(new, \\d+ entries`))).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`^${SCENARIO.name},`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCENARIO.name })).toBeVisible();

  // The IC's decision, from the line itself; the Tech Lead's action and the Comms Lead's note through the picker.
  await logByKeyboard(page, 'ic> d: Fail over EU checkout to hall A');
  await expect(row(page, 'Fail over EU checkout to hall A').locator('.author')).toHaveText(`${SCENARIO.ic} (IC)logged by ${SCENARIO.scribe}`);
  await logFor(page, 'Tech Lead');
  await expect(page.locator('#quick-entry-hint')).toContainText(`for ${SCENARIO.techLead}`);
  await logByKeyboard(page, 'a: Power-cycle core switch 3 in hall B');
  await expect(row(page, 'Power-cycle core switch 3').locator('.author')).toContainText(`${SCENARIO.techLead}`);
  await expect(row(page, 'Power-cycle core switch 3').locator('.author')).toContainText(`logged by ${SCENARIO.scribe}`);
  await logFor(page, 'Lena');
  await logByKeyboard(page, 'n: Status page says EU checkout is degraded');
  await expect(row(page, 'Status page says EU checkout').locator('.author')).toHaveText(`${SCENARIO.comms} (COM)logged by ${SCENARIO.scribe}`);
  await logByKeyboard(page, 'me> Paged the generator vendor');
  await expect(row(page, 'Paged the generator vendor').locator('.author')).toHaveText(SCENARIO.scribe);

  // The LAN lead has been on duty past the rotation time: the chart asks, the Timers board lists it, the timeline logged it.
  await openOrgChart(page);
  const lan = roleCard(page, 'LAN Team Lead');
  await expect(lan).toContainText(/On duty \d+:\d\d — rotate\?/);
  await expect(page.locator('.role-card')).not.toHaveCount(0);

  // Rotated by a handover, offered for Omar and acknowledged for Kai, both typed by the Scribe.
  await logFor(page, SCENARIO.lanLead);
  await lan.locator('.role-title').click();
  await page.keyboard.press('h');
  const offer = page.getByRole('dialog', { name: 'Hand over LAN Team Lead' });
  await expect(offer).toContainText(`Recorded for ${SCENARIO.lanLead}`);
  const to = offer.getByRole('combobox', { name: 'To' });
  await expect(to).toBeFocused();
  await to.selectOption((await to.locator('option', { hasText: SCENARIO.relief }).getAttribute('value'))!);
  await page.keyboard.press('Control+Enter');
  await expect(offer).toBeHidden();
  await expect(lan).toContainText(`Handover to ${SCENARIO.relief} waiting for acknowledgement`);
  await logFor(page, SCENARIO.relief);
  await lan.locator('.role-title').click();
  await page.keyboard.press('h');
  const ack = page.getByRole('dialog', { name: `${SCENARIO.relief}, taking over as LAN Team Lead` });
  await expect(ack).toContainText(`Recorded for ${SCENARIO.relief}`);
  await page.keyboard.press('Enter');
  await expect(ack).toBeHidden();
  await expect(lan.locator('.holder-name')).toHaveText(SCENARIO.relief);
  await expect(lan).not.toContainText('rotate?');
  await waitSaved(page);

  await page.keyboard.press('Alt+T');
  await expect(row(page, `${SCENARIO.lanLead} is handing LAN Team Lead to ${SCENARIO.relief}`).locator('.author')).toContainText(`logged by ${SCENARIO.scribe}`);

  // The postmortem, drafted and exported as JSON and Markdown.
  await page.keyboard.press('Alt+R');
  const postmortem = page.getByRole('region', { name: 'Postmortem', exact: true });
  await postmortem.getByRole('button', { name: 'Start the draft from the incident' }).click();
  await waitSaved(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('e');
  const exports = page.getByRole('dialog', { name: 'Export the postmortem' });
  const save = async (label: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: label }).click()]);
    return readFile(await download.path(), 'utf8');
  };
  const json = JSON.parse(await save('JSON (.json)')) as { report: { responders: ResponderLine[]; timeline: { text: string; author: string }[] } };
  const markdown = await save('Markdown (.md)');

  const responders = json.report.responders;
  expect(responders.length).toBeGreaterThanOrEqual(15);
  const who = (name: string) => responders.find((r) => r.name === name)!;
  // Credited to the people they are for; the Scribe keeps her own.
  expect(who(SCENARIO.ic).entries).toBeGreaterThanOrEqual(2);
  expect(who(SCENARIO.techLead).entries).toBeGreaterThanOrEqual(2);
  expect(who(SCENARIO.comms).entries).toBe(1);
  expect(who(SCENARIO.relief).entries).toBeGreaterThanOrEqual(1);
  const entry = (text: string) => json.report.timeline.find((t) => t.text.includes(text))!;
  expect(entry('Fail over EU checkout to hall A').author).toBe(`${SCENARIO.ic} (IC), logged by ${SCENARIO.scribe}`);
  expect(entry('Power-cycle core switch 3').author).toMatch(new RegExp(`^${SCENARIO.techLead} \\(.+\\), logged by ${SCENARIO.scribe}$`));
  expect(entry('Paged the generator vendor').author).toBe(SCENARIO.scribe);

  // Reporting lines from the chart at each moment: the LAN team moved from Omar to Kai at the handover.
  for (const member of SCENARIO.lanTeam) {
    const lines = who(member).reportsTo;
    expect(lines.map((l) => l.lead)).toEqual([SCENARIO.lanLead, SCENARIO.relief]);
    expect(lines[0]!.to).toBe(lines[1]!.from);
    expect(lines[1]!.to).toBeNull();
  }
  for (const member of SCENARIO.powerTeam) expect(who(member).reportsTo.map((l) => l.lead)).toEqual(['Priya Shah']);
  // The first handover: the LAN lead reported to Raj as Tech Lead, then to Wen.
  expect(who(SCENARIO.lanLead).reportsTo.map((l) => l.lead)).toEqual(['Raj Patel', SCENARIO.techLead]);
  expect(markdown).toContain(`${SCENARIO.lanLead}, LAN Team Lead (`);
  expect(markdown).toContain(`${SCENARIO.ic} (IC), logged by ${SCENARIO.scribe}`);
});
