import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import * as Y from 'yjs';
import { addRole, assignRole, checkIn, createIncidentDoc, declareIncident, encodeIncidentFile } from '../../src/shared/incident';
import { declareByKeyboard, timeline, waitSaved } from './helpers';
import { assignByKeyboard, checkInByKeyboard, openOrgChart, orgDialog, roleCard, warnings } from './org-helpers';

const SMES = [
  ['Jo Kim', 'Database'],
  ['Kai Moss', 'Storage'],
  ['Lea Wu', 'DNS'],
  ['Max Diaz', 'Payments'],
  ['Ned Park', 'Auth'],
  ['Oli Reyes', 'Cache'],
  ['Pia Sousa', 'Queue'],
] as const;

test('grow a response of 17 with sub-teams from the keyboard, fix the span of control, hand over command, release people', async ({ page }) => {
  // About 15 s on an idle machine (some 40 dialogs, every one driven from the keyboard); the margin is for loaded CI runners.
  test.setTimeout(120_000);
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await openOrgChart(page);
  await expect(roleCard(page, 'Incident Commander')).toContainText('Dana Scully');

  // Check in and assign, person by person, the way people arrive. Every dialog
  // is opened, moved through and submitted with keys, every role and manager
  // picked by typing in the closed list. The first arrival's words and the
  // first team's name are typed key by key too; the others' go into the
  // focused field at once (see Typing): typed key by key, they took about a
  // quarter of this test's time.
  await checkInByKeyboard(page, 'Bo Tanaka', '+1 555 0101', 'SRE, on call', 'keys');
  await assignByKeyboard(page, { pick: 'Tech', reportsTo: 'Incident' });
  await checkInByKeyboard(page, 'Cy Okafor', '@cy', 'Network engineering');
  await assignByKeyboard(page, { pick: 'Team L', name: 'Network', reportsTo: 'Tech' }, 'keys');
  await checkInByKeyboard(page, 'Di Rossi', '@di', 'LAN');
  await assignByKeyboard(page, { pick: 'Team L', name: 'LAN', reportsTo: 'Network' });
  await checkInByKeyboard(page, 'Ed Novak', '@ed', 'WAN, carriers');
  await assignByKeyboard(page, { pick: 'Team L', name: 'WAN', reportsTo: 'Network' });
  for (const [name, lead] of [['Fay Lund', 'LAN'], ['Gus Ortiz', 'LAN'], ['Hal Price', 'WAN'], ['Ida Berg', 'WAN']] as const) {
    await checkInByKeyboard(page, name, '', 'Network operations');
    await assignByKeyboard(page, { pick: 'Team M', reportsTo: lead });
  }
  await expect(roleCard(page, 'LAN Team Lead')).toContainText('2 reports');
  await expect(warnings(page)).not.toContainText('Span of control');

  // Seven SMEs straight under the Tech Lead: with the Network lead, eight direct reports.
  for (const [name, area] of SMES) {
    await checkInByKeyboard(page, name, '', `${area} on call`);
    await assignByKeyboard(page, { pick: 'Subject', name: area, reportsTo: 'Tech' });
  }
  const tech = roleCard(page, 'Tech Lead');
  await expect(tech.locator('.span-badge')).toHaveText('8 reports');
  await expect(tech.locator('.span-badge')).toHaveClass(/span-over/);
  await expect(warnings(page)).toContainText('Bo Tanaka has 8 people reporting directly (5 is ideal, 7 the most anyone can follow). Add a level');

  // Restructure: a Platform team lead takes four of them.
  await checkInByKeyboard(page, 'Quinn Adler', '@quinn', 'Platform');
  await assignByKeyboard(page, { pick: 'Team L', name: 'Platform', reportsTo: 'Tech' });
  await expect(warnings(page)).toContainText('Bo Tanaka has 9 people reporting directly');
  for (const [, area] of SMES.slice(3)) {
    // m moves the selected person's role; Shift+Tab back to the role list picks another one by typing.
    await page.keyboard.press('m');
    await expect(orgDialog(page).getByRole('combobox', { name: 'Reports to' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(area);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Platform');
    await page.keyboard.press('Enter');
    await expect(orgDialog(page)).toHaveCount(0);
  }
  await expect(warnings(page)).not.toContainText('Span of control');
  await expect(tech.locator('.span-badge')).toHaveText('5 reports');
  await expect(tech.locator('.span-badge')).toHaveClass(/span-ok/);
  await expect(roleCard(page, 'Platform Team Lead').locator('.span-badge')).toHaveText('4 reports');
  await expect(page.locator('.responders')).toContainText('Assigned 17');

  // A click selects a card (the chart's keys then act on it); a double click opens what it is for and its duties, ticked for this incident.
  await tech.locator('.role-main').dblclick();
  const details = page.getByRole('dialog', { name: 'Tech Lead' });
  await expect(details).toContainText('Leads the technical work.');
  const span = details.getByRole('checkbox', { name: /Keep at most 7 people reporting to you/ });
  await span.check();
  await expect(span).toBeChecked();
  await expect(details).toContainText('✓ Dana Scully');
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // Hand over command: h on a person in staging offers them the IC role, with the drafted briefing.
  await checkInByKeyboard(page, 'Rae Stone', '+1 555 0199', 'Incident commander rota');
  await page.keyboard.press('h');
  const offer = page.getByRole('dialog', { name: 'Hand over Incident Commander' });
  await expect(offer.getByRole('combobox', { name: 'To' })).toHaveValue(/.+/);
  const briefing = offer.getByRole('textbox', { name: /Briefing/ });
  await expect(briefing).toHaveValue(/^Briefing for Rae Stone, taking over as Incident Commander\./);
  await expect(briefing).toHaveValue(/SITUATION[\s\S]*ORGANIZATION[\s\S]*Platform Team Lead: Quinn Adler[\s\S]*RESOURCES/);
  await page.keyboard.press('Enter');
  await expect(offer).toBeHidden();
  const ic = roleCard(page, 'Incident Commander');
  await expect(ic).toContainText('Handover to Rae Stone waiting for acknowledgement');
  await expect(ic.locator('.holder-name')).toHaveText('Dana Scully');

  // The incoming IC reads the briefing and takes over: the announcement to read out.
  await page.keyboard.press('Tab');
  await expect(ic.getByRole('button', { name: 'Acknowledge…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const ack = page.getByRole('dialog', { name: 'Rae Stone, taking over as Incident Commander' });
  await expect(ack.getByLabel('Briefing')).toContainText('Briefing for Rae Stone');
  await page.keyboard.press('Enter');
  const announce = page.getByRole('dialog', { name: 'Announce the new Incident Commander' });
  await expect(announce.locator('.announcement')).toHaveText('Everyone, Rae Stone is now the Incident Commander.');
  await announce.getByRole('button', { name: 'Copy' }).click();
  await expect(announce).toContainText(/Copied\.|Could not copy/);
  await announce.getByRole('button', { name: 'Done' }).click();
  await expect(ic.locator('.holder-name')).toHaveText('Rae Stone');
  await expect(ic).not.toContainText('waiting for acknowledgement');
  await expect(page.locator('.group-staging')).toContainText('Dana Scully');

  // Release two SMEs: one with the row's button, one with r on the selection; Enter confirms.
  // A row's buttons show under the pointer (and on the selected row).
  await page.locator('.responder', { hasText: 'Ned Park' }).hover();
  await page.getByRole('button', { name: 'Release Ned Park' }).click();
  await expect(page.getByRole('dialog', { name: 'Release Ned Park?' })).toContainText('Auth SME goes back to the IC (Rae Stone)');
  await page.keyboard.press('Enter');
  await page.locator('[data-org-item^="person:"]', { hasText: 'Oli Reyes' }).click();
  await page.keyboard.press('r');
  await expect(page.getByRole('dialog', { name: 'Release Oli Reyes?' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(orgDialog(page)).toHaveCount(0);
  const released = page.locator('.group-released');
  await expect(released).toContainText('Released 2');
  await expect(released.locator('.responder', { hasText: 'Ned Park' })).toContainText(/Released \d\d:\d\d:\d\d/);
  await expect(released.locator('.responder', { hasText: 'Oli Reyes' })).toContainText(/Released \d\d:\d\d:\d\d/);
  await expect(roleCard(page, 'Auth SME').locator('.role-holder')).toHaveText('Held by IC · Rae Stone');
  await expect(roleCard(page, 'Cache SME').locator('.role-holder')).toHaveText('Held by IC · Rae Stone');

  // Every change is in the timeline, by itself: the handover with from and to.
  await page.keyboard.press('Alt+T');
  const log = timeline(page);
  await expect(log).toContainText('Dana Scully is handing Incident Commander to Rae Stone; briefing given, waiting for acknowledgement.');
  await expect(log).toContainText('Handover: Rae Stone is now the Incident Commander, taking over from Dana Scully.');
  // Issue 16: a release says from which role and whom they reported to; a move names who moved, from which lead to which.
  await expect(log).toContainText('Oli Reyes released from Cache SME, reporting to Quinn Adler; the role is back with the IC.');
  await expect(log).toContainText('Max Diaz (Payments SME) moved from Bo Tanaka (Tech Lead) to Quinn Adler (Platform Team Lead).');
  await expect(log).toContainText('Pia Sousa (Queue SME) moved from Bo Tanaka (Tech Lead) to Quinn Adler (Platform Team Lead).');
  // The span of control going over the limit and coming back, once each, right after the change that did it.
  const spans = log.locator('li.derived', { hasText: 'Span of control' });
  await expect(spans).toHaveText([
    /Span of control: Bo Tanaka now has 8 people reporting directly \(7 at most\); add a level\./,
    /Span of control back within limits: Bo Tanaka has 7 people reporting directly\./,
  ]);
  await expect(log.locator('li.kind-org .kind').first()).toHaveText('Organization');
  await waitSaved(page);
});

/**
 * Two machines gave the Scribe role to different people while apart. The
 * incident file carrying both is built here with the domain's own commands
 * (as those machines would have written it) and imported through the list.
 */
function concurrentScribes(): { name: string; text: string } {
  const doc = createIncidentDoc(randomUUID());
  const t0 = Date.now() - 10 * 60_000;
  const ctx = (actor: string, at: number) => ({ actor, now: () => at, newId: () => randomUUID() });
  declareIncident(doc, { name: '26-Kilo', severity: 'SEV-2', synopsis: 'Payments timing out' }, ctx('Dana Scully', t0));
  const bo = checkIn(doc, { name: 'Bo Tanaka' }, ctx('Dana Scully', t0 + 60_000)).org as { responderId: string };
  const cy = checkIn(doc, { name: 'Cy Okafor' }, ctx('Dana Scully', t0 + 61_000)).org as { responderId: string };
  const scribe = addRole(doc, { role: { kind: 'scribe' } }, ctx('Dana Scully', t0 + 62_000)).org as { roleId: string };
  const apart = createIncidentDoc(doc.guid);
  Y.applyUpdate(apart, Y.encodeStateAsUpdate(doc));
  assignRole(doc, { roleId: scribe.roleId, responderId: bo.responderId }, ctx('Dana Scully', t0 + 120_000));
  assignRole(apart, { roleId: scribe.roleId, responderId: cy.responderId }, ctx('Sam Ode', t0 + 180_000));
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(apart));
  return { name: '26-Kilo.cpinc', text: encodeIncidentFile(doc, { exportedAt: Date.now(), exportedBy: 'Dana Scully' }) };
}

test('a change a concurrent one beat stays in the timeline, marked as not applied with the reason', async ({ page }) => {
  await page.goto('/');
  const file = concurrentScribes();
  await page.getByLabel('Incident file to import').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await page.getByRole('link', { name: /^26-Kilo,/ }).click();
  const refused = timeline(page).locator('li.event.refused');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Cy Okafor assigned as Scribe, reporting to Dana Scully (Incident Commander).');
  await expect(refused.locator('.refusal')).toContainText('Not applied: Bo Tanaka already holds Scribe; hand it over instead.');
  await expect(timeline(page).locator('li.event', { hasText: 'Bo Tanaka assigned as Scribe, reporting to Dana Scully (Incident Commander).' })).not.toHaveClass(/refused/);
  await openOrgChart(page);
  await expect(roleCard(page, 'Scribe').locator('.holder-name')).toHaveText('Bo Tanaka');
  await expect(page.locator('.group-staging')).toContainText('Cy Okafor');
});

test('people on duty longer than the rotation time are prompted to rotate; the time is set per incident', { tag: '@quick' }, async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Search results empty', who: 'Dana Scully' });
  await openOrgChart(page);
  await checkInByKeyboard(page, 'Bo Tanaka', '@bo', 'Search');
  await assignByKeyboard(page, { pick: 'Tech', reportsTo: 'Incident' });

  const rotation = page.getByRole('spinbutton', { name: /Rotate people after/ });
  await rotation.fill('0');
  await rotation.press('Enter');
  await expect(page.locator('.rotation-setting [role="alert"]')).toHaveText('Rotate people after a minute at the least.');
  // A drill rotates people after a minute: the field keeps what was set, also after leaving the tab.
  await rotation.fill('1');
  await rotation.press('Enter');
  await expect(page.locator('.rotation-setting [role="alert"]')).toHaveCount(0);
  await expect(rotation).toHaveValue('1');
  await page.keyboard.press('Alt+M');
  await openOrgChart(page);
  await expect(rotation).toHaveValue('1');
  await rotation.fill('30');
  await rotation.press('Enter');
  await expect(rotation).toHaveValue('30');

  const tech = roleCard(page, 'Tech Lead');
  await page.clock.fastForward('00:29:00');
  await expect(tech.locator('.role-duty')).toHaveText(/0:29/);
  await expect(tech).not.toContainText('rotate?');
  // The Timers board lists the rotation like any other deadline, the same one the chart asks about.
  await page.keyboard.press('Alt+M');
  const rotationRow = page.getByRole('region', { name: 'Timers' }).getByRole('listitem').filter({ hasText: 'Rotate Bo Tanaka (after 30 min on duty)' });
  await expect(rotationRow).toHaveAttribute('data-state', 'due-soon');
  await page.clock.fastForward('00:02:00');
  await expect(rotationRow).toHaveAttribute('data-state', 'overdue');
  await openOrgChart(page);
  await expect(tech).toContainText('On duty 0:31 — rotate?');
  await expect(page.locator('.responder', { hasText: 'Bo Tanaka' })).toContainText('On duty 0:31 — rotate?');
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText('Responders rotate after 1 minute on duty.');
  await expect(timeline(page)).toContainText('Responders rotate after 30 minutes on duty.');
  // The prompt is in the timeline too, from when it came due, worked out from the log (so each machine shows it once).
  await expect(timeline(page).locator('li.derived', { hasText: 'Rotation due: Bo Tanaka' })).toContainText('Rotation due: Bo Tanaka on duty 0:30 (rotate after 30 minutes); still on duty.');
});

test('the chart fits its canvas until zoomed; it zooms with keys and buttons and pans by dragging or with the arrow keys', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await openOrgChart(page);
  for (const [name, pick, area] of [
    ['Bo Tanaka', 'Tech', ''],
    ['Cy Okafor', 'Comm', ''],
    ['Di Rossi', 'Team L', 'Payments'],
    ['Ed Novak', 'Team L', 'Storage'],
    ['Fay Lund', 'Team L', 'Network'],
  ] as const) {
    await checkInByKeyboard(page, name, '', '');
    await assignByKeyboard(page, { pick, ...(area ? { name: area } : {}), reportsTo: 'Incident' });
  }
  const canvas = page.getByRole('group', { name: /Chart canvas/ });
  const zoom = page.getByRole('group', { name: 'Zoom' });
  const fit = zoom.getByRole('button', { name: 'Fit' });
  const level = zoom.locator('.zoom-level');
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  // Fitted: the whole tree is inside the canvas, nothing to scroll to.
  const overflow = () => canvas.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
  expect(await overflow()).toEqual({ x: 0, y: 0 });
  await page.screenshot({ path: 'test-results/screens/desktop-org-fitted.png' });

  // Keys zoom from anywhere on the tab (focus on the page, not in a field).
  const fitted = await level.innerText();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(fit).toHaveAttribute('aria-pressed', 'false');
  await expect(level).not.toHaveText(fitted);
  // The leads stack in a column under the IC: zoomed in, the tree runs past the canvas's foot.
  await expect.poll(async () => (await overflow()).y).toBeGreaterThan(50);

  // Dragging the empty canvas pans it.
  const box = (await canvas.boundingBox())!;
  await canvas.evaluate((el) => (el.scrollTop = 0));
  await page.mouse.move(box.x + 20, box.y + box.height - 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, box.y + box.height - 220, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => canvas.evaluate((el) => el.scrollTop)).toBeGreaterThan(40);

  // With the canvas itself focused, the arrow keys scroll it.
  await canvas.evaluate((el) => (el.scrollTop = 0));
  await canvas.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => canvas.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  // The buttons do what the keys do; z fits again.
  await zoom.getByRole('button', { name: 'Zoom out' }).click();
  await page.keyboard.press('z');
  await expect(fit).toHaveAttribute('aria-pressed', 'true');
  await expect(level).toHaveText(fitted);
  await expect.poll(overflow).toEqual({ x: 0, y: 0 });
});
