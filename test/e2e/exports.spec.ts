import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { download, importFile } from './helpers';
import { projectionOf } from '../../src/shared/incident';
import { actionItemsCsv } from '../../src/shared/report/action-item-exports';
import { postmortemJson } from '../../src/shared/report/postmortem-json';
import { TIMELINE_COLUMNS, timelineCsv } from '../../src/shared/report/timeline-csv';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../fixtures/postmortem/incident';

/**
 * Out to other tools (issue 20, point 7), from the web UI with the
 * keyboard: a hostile incident's action items saved as Jira and GitHub CSV,
 * its timeline as CSV, its public status as Statuspage JSON, and an update
 * copied as Slack mrkdwn. Each file is read back with a real parser and
 * holds what the formatters make of the same incident; the menus and the
 * dialog have no serious accessibility problem in either theme.
 */

const readCsv = (text: string) => parse(text, { bom: true, record_delimiter: '\r\n', relax_column_count: false }) as string[][];

async function noSeriousViolations(page: Page, what: string, include: string): Promise<void> {
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().include(include).analyze();
    const blocking = violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect.soft(blocking, `${what} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

test('action items go out as Jira and GitHub CSV, the timeline as CSV, the public status as JSON, an update as Slack mrkdwn', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { doc } = fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME });
  const snapshot = projectionOf(doc).snapshot;
  await importFile(page, 'hostile.json', postmortemJson(doc, { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' }));
  await page.getByRole('link', { name: /26-Bravo/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('26-Bravo');

  // The action items' menu, from the keyboard: ↓ opens it on the first file, End goes to the last, ↑ back.
  await page.keyboard.press('Alt+R');
  const menuButton = page.getByRole('button', { name: 'Export action items' });
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Export action items' });
  await expect(menu.getByRole('menuitem', { name: 'GitHub issues (.csv)' })).toBeFocused();
  await noSeriousViolations(page, 'the action items menu', '.menu-button');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Jira issues (.csv)' })).toBeFocused();
  const jira = await download(page, () => page.keyboard.press('Enter'));
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  expect(jira.name).toMatch(/^26-Bravo_.*_action-items-jira\.csv$/);
  const jiraRows = readCsv(jira.text);
  expect(jiraRows).toEqual(readCsv(actionItemsCsv(snapshot, 'jira')));
  expect(jiraRows[0]!.slice(0, 6)).toEqual(['Summary', 'Description', 'Issue Type', 'Assignee', 'Due date', 'Priority']);
  expect(jiraRows[1]![0]).toBe(snapshot.postmortem.actionItems.find((i) => !i.done && !i.removed)!.text.replace(/\s+/g, ' '));

  // Escape closes the menu and nothing else.
  await page.keyboard.press('ArrowDown');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  const github = await download(page, () => menu.getByRole('menuitem', { name: 'GitHub issues (.csv)' }).click());
  expect(readCsv(github.text)).toEqual(readCsv(actionItemsCsv(snapshot, 'github')));

  // The timeline by itself: every entry, the hostile text word for word, times in UTC and local for the same instant.
  await page.keyboard.press('Alt+T');
  const timeline = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  expect(timeline.name).toMatch(/_timeline\.csv$/);
  const [head, ...rows] = readCsv(timeline.text);
  const [, ...expected] = readCsv(timelineCsv(snapshot));
  expect(head).toEqual([...TIMELINE_COLUMNS]);
  const local = TIMELINE_COLUMNS.indexOf('Time (local)');
  const utc = TIMELINE_COLUMNS.indexOf('Time (UTC)');
  expect(rows.map((r) => r.filter((_, i) => i !== local))).toEqual(expected.map((r) => r.filter((_, i) => i !== local)));
  for (const r of rows) expect(Date.parse(r[local]!)).toBe(Date.parse(r[utc]!));

  // The public status: the components typed, the external updates only.
  await page.keyboard.press('Alt+S');
  await page.getByRole('button', { name: 'Public status (.json)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Public status for a status page' });
  await expect(dialog.getByRole('textbox', { name: /Affected components/ })).toBeFocused();
  await noSeriousViolations(page, 'the public status dialog', 'dialog[open]');
  await page.keyboard.type('Checkout API\nEU storefront');
  const status = await download(page, () => dialog.getByRole('button', { name: 'Save the JSON' }).click());
  expect(status.name).toMatch(/_statuspage\.json$/);
  const json = JSON.parse(status.text) as { drill: boolean; incident: { status: string; components: { name: string }[]; incident_updates: { body: string }[] } };
  expect(json.drill).toBe(false);
  expect(json.incident.status).toBe('resolved');
  expect(json.incident.components.map((c) => c.name)).toEqual(['Checkout API', 'EU storefront']);
  expect(json.incident.incident_updates.map((u) => u.body)).toEqual([HOSTILE('A fix is in place.\nNext update: in 30 minutes.'), HOSTILE('We are investigating a problem with checkout.\nNext update: in 20 minutes.')]);

  // An update sent, copied for Slack: the typed <script> is text there, never a tag, a link or a mention.
  const history = page.getByRole('region', { name: 'Updates sent' });
  await history.getByText('External: Update').click();
  await history.getByRole('button', { name: 'Copy for chat: this update' }).click();
  await history.getByRole('menuitem', { name: 'Slack (mrkdwn)' }).click();
  await expect(history.getByText('Copied this update as Slack mrkdwn.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\n')[0]).toBe('*&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;A fix is in place.*');
  expect(copied).toContain('&amp; "q"');
  expect(copied).not.toMatch(/[<>]/);
});
