import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, machines, separateBrowsers, shareOpenIncident, timeline, waitSaved } from './helpers';

/**
 * The same collision as codenames.spec.ts, brought by a join rather than a
 * file: two browser processes, WebRTC between them. Only the IC renames,
 * and a rename reaches the other machine live, where the collision it
 * ended leaves the list.
 */
const machine = separateBrowsers();

test('a joined incident of the same name is marked; only its IC renames it, and the rename ends the collision on both machines', async () => {
  test.setTimeout(90_000);
  const [a, b] = await machines(machine, 2);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Core switch down in DC1', who: 'Dana Scully' });
  await waitSaved(a);
  await b.goto(BASE);
  expect(await declareByKeyboard(b, { synopsis: 'VPN concentrator rebooting', who: 'Fox Mulder' })).toBe(name);
  await waitSaved(b);

  // B joins A's incident: once it arrives, B holds two incidents of one name, and is told so.
  const invite = await shareOpenIncident(a);
  await b.goto(`${BASE}/#/join/${invite}`);
  await b.getByRole('button', { name: 'Join incident' }).click();
  await expect(b.locator('.incident-header .synopsis')).toHaveText('Core switch down in DC1', { timeout: 30_000 });
  const told = b.locator('.notice').filter({ hasText: `2 incidents on this machine are now called ${name}` });
  await expect(told).toBeVisible({ timeout: 20_000 });

  // B may write A's incident, but only its IC renames it.
  await b.getByRole('button', { name: 'Rename…' }).click();
  const rename = b.getByRole('dialog', { name: `Rename ${name}` });
  await expect(rename.getByLabel('New name')).toHaveValue(`${name}-2`);
  await b.keyboard.press('Enter');
  await expect(rename.getByRole('alert')).toHaveText('Only the Incident Commander renames the incident, and Dana Scully is the IC: ask them, or log it for them (Alt+A).');
  await b.keyboard.press('Escape');

  // A, the IC, renames it from the palette; B sees the new name, the log entry, and no collision left.
  await a.keyboard.press('Control+K');
  await a.keyboard.type('rename the incident');
  await expect(a.getByRole('dialog', { name: 'Find an action' }).getByRole('option').first()).toHaveAccessibleName('Rename the incident');
  await a.keyboard.press('Enter');
  const onA = a.getByRole('dialog', { name: `Rename ${name}` });
  await expect(onA.getByLabel('New name')).toBeFocused();
  await a.keyboard.type('26-Core');
  await a.keyboard.press('Enter');
  await expect(onA).toBeHidden();
  await expect(b.getByRole('heading', { level: 1, name: '26-Core' })).toBeVisible({ timeout: 20_000 });
  await expect(timeline(b)).toContainText(`Renamed ${name} to 26-Core`);
  await expect(told).toHaveCount(0);
  await b.goto(`${BASE}/#/`);
  await expect(b.getByRole('link', { name: /^26-Core, SEV-2, active/ })).toBeVisible();
  await expect(b.getByText('Same name as another incident', { exact: true })).toHaveCount(0);
});
