import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';
import { download, importFile } from './helpers';
import { createIncidentDoc, declareEnd, declareIncident, encodeIncidentFile, logEvent, setStatusPhase } from '../../src/shared/incident';
import { addActionItem, assignPostmortemOwner, setPostmortemStatus, startPostmortem } from '../../src/shared/incident/postmortem-commands';
import { METRICS_CSV_HEADER } from '../../src/shared/report/metrics';
import { MINUTE, T0, testContext } from '../unit/harness/context';

/** An ended incident: identified after `identified` minutes, mitigated after twice that, resolved and ended after three times. */
function endedIncident(id: string, name: string, severity: 'SEV-1' | 'SEV-2', identified: number, drill = false) {
  const doc = createIncidentDoc(id);
  const ctx = testContext('Dana Scully', T0, id);
  declareIncident(doc, { name, severity, synopsis: 'Checkout failing', drill }, ctx);
  logEvent(doc, { kind: 'status', text: 'Investigating' }, ctx);
  ctx.advance(identified * MINUTE);
  setStatusPhase(doc, 'identified', ctx);
  ctx.advance(identified * MINUTE);
  setStatusPhase(doc, 'monitoring', ctx);
  ctx.advance(identified * MINUTE);
  setStatusPhase(doc, 'resolved', ctx);
  declareEnd(doc, { summary: 'Rolled back' }, ctx);
  assignPostmortemOwner(doc, { owner: 'Ravi Patel', dueDate: '2026-03-20' }, ctx);
  startPostmortem(doc, { layout: 'pagerduty', drafts: {} }, ctx);
  setPostmortemStatus(doc, 'reviewed', ctx);
  addActionItem(doc, { text: 'Add an alert on replication lag above 30 s', owner: 'Ravi Patel', dueDate: null }, ctx);
  return encodeIncidentFile(doc, { exportedAt: ctx.time, exportedBy: 'Dana Scully' });
}

test('metrics: times by severity, the discipline and the follow-through of ended incidents, with tables, drills left out unless asked, and a CSV', async ({ page }) => {
  await importFile(page, 'alfa.cpinc', endedIncident('inc-metrics-a', '26-Alfa', 'SEV-1', 10));
  await expect(page.getByRole('link', { name: /^26-Alfa/ })).toBeVisible();
  await importFile(page, 'bravo.cpinc', endedIncident('inc-metrics-b', '26-Bravo', 'SEV-2', 30));
  await expect(page.getByRole('link', { name: /^26-Bravo/ })).toBeVisible();
  await importFile(page, 'drill.cpinc', endedIncident('inc-metrics-c', '26-Charlie', 'SEV-1', 90, true));
  await expect(page.getByRole('link', { name: /^26-Charlie/ })).toBeVisible();

  await page.getByRole('button', { name: 'Metrics' }).click();
  await expect(page.getByRole('heading', { name: 'Metrics', level: 1 })).toBeVisible();
  const period = page.getByLabel('Period');
  await expect(period).toBeFocused();
  await period.selectOption('all');
  const scope = page.locator('.metrics-scope');
  await expect(scope).toContainText('2 ended incidents measured; 1 drill left out.');

  // Every chart's figures are in its table, for screen readers always and on screen when asked.
  const phases = page.getByRole('table', { name: 'Median minutes from the declaration, by severity' });
  await expect(phases.getByRole('row', { name: /SEV-1/ })).toContainText('10 min');
  await expect(phases.getByRole('row', { name: /SEV-1/ })).toContainText('20 min');
  await expect(phases.getByRole('row', { name: /SEV-2/ })).toContainText('1 h 30 min');
  await page.getByLabel('Show the tables').check();
  await expect(phases).toBeVisible();
  await expect(page.getByRole('table', { name: /Postmortems reviewed by their due date/ }).getByRole('row', { name: /SEV-1/ })).toContainText('100%');
  await expect(page.getByRole('table', { name: /Open action items by owner/ }).getByRole('row', { name: /Ravi Patel/ })).toContainText('2');

  await page.getByLabel('Include drills').check();
  await expect(scope).toContainText('3 ended incidents measured, drills included.');
  await expect(phases.getByRole('row', { name: /SEV-1/ })).toContainText('50 min');
  // And over time: the month's medians.
  await expect(page.getByRole('table', { name: 'Median minutes from the declaration, by month' }).getByRole('row', { name: /2026-03/ })).toContainText('30 min');

  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  const rows = parse(csv.text, { bom: true, record_delimiter: '\r\n' }) as string[][];
  expect(rows[0]).toEqual([...METRICS_CSV_HEADER]);
  expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[6], r[7]])).toEqual([
    ['26-Alfa', 'no', 'SEV-1', '10', '20', '30'],
    ['26-Bravo', 'no', 'SEV-2', '30', '60', '90'],
    ['26-Charlie', 'yes', 'SEV-1', '90', '180', '270'],
  ]);

  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id), scheme).toEqual([]);
  }
});
