import { expect, test } from './fixtures';
import { installFakeDesktop, loopbackStatus } from './fake-desktop';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

test('the timers board lists what is due next and shows what is overdue at a glance; a status update restarts its timer', { tag: '@quick' }, async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Primary database down', who: 'Ada (IC)' });
  await page.keyboard.press('Alt+M');
  const board = page.getByRole('region', { name: 'Timers' });
  await expect(board).toBeVisible();
  const statusUpdate = board.getByRole('listitem').filter({ hasText: 'Next status update' });
  // SEV-2 by default in the declare dialog: every 30 minutes.
  await expect(statusUpdate).toContainText('SEV-2: every 30 min');
  await expect(statusUpdate).toHaveAttribute('data-state', 'normal');
  await expect(board.getByRole('listitem').first()).toContainText('Deputy: call out the elapsed time');

  await page.clock.fastForward('29:00');
  await expect(statusUpdate).toHaveAttribute('data-state', 'due-soon');
  await page.clock.fastForward('02:00');
  await expect(statusUpdate).toHaveAttribute('data-state', 'overdue');
  await expect(statusUpdate).toContainText('overdue by 00:01');
  await expect(board.getByRole('listitem').first()).toContainText('Next status update');

  // Giving the update restarts the timer from it.
  await logByKeyboard(page, 's: Failover done; writes back; watching error rate');
  await waitSaved(page);
  await page.keyboard.press('Alt+M');
  await expect(statusUpdate).toHaveAttribute('data-state', 'normal');
  await expect(statusUpdate).toContainText('in 00:29:');
  // In a browser, notifications need the user's say-so first.
  await expect(board.getByRole('button', { name: 'Turn on notifications' })).toBeVisible();
});

test('in the desktop app, the IC’s deadlines go to main, and a clicked notification opens the plan on its task', async ({ page }) => {
  await installFakeDesktop(page, { status: loopbackStatus() });
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Primary database down', who: 'Dana Scully' });
  await page.keyboard.press('Alt+P');
  await page.keyboard.press('Escape');
  await page.keyboard.press('o');
  await page.keyboard.type('Restore writes');
  await page.keyboard.press('Enter');
  await page.keyboard.press('t');
  const assign = page.getByRole('dialog', { name: 'Assign a task' });
  await page.keyboard.type('Promote the replica');
  await assign.getByLabel('Owner').selectOption({ label: 'Dana Scully — Incident Commander' });
  await assign.getByLabel('Timebox (minutes)').fill('5');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign).toHaveCount(0);

  // Main is handed the task's timebox (and the IC's other deadlines), to notify even while the window is hidden.
  const sent = async () => page.evaluate(() => Object.values(window.__fakeMain!.deadlines).flat());
  await expect.poll(async () => (await sent()).filter((n) => n.title.endsWith('Timebox up') && n.body.includes('Promote the replica')).length).toBe(1);
  const notice = (await sent()).find((n) => n.target.item?.startsWith('task:'))!;
  // The IC keeps the rhythm: the Deputy's call-out and the status update are theirs too.
  expect((await sent()).map((n) => n.title.split(': ').pop())).toEqual(expect.arrayContaining(['Elapsed-time call-out', 'Status update due', 'Review due']));
  expect(notice.dueAt - Date.now()).toBeGreaterThan(4 * 60_000);
  expect(notice.dueAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);

  // The IC is elsewhere when it fires; clicking it brings up the plan with that task selected.
  await page.keyboard.press('Alt+T');
  await page.evaluate((target) => window.__fakeMain!.sendIntent({ type: 'show-item', incidentId: target.incidentId, item: target.item }), notice.target);
  await expect(page.getByRole('tab', { name: /Plan/ })).toHaveAttribute('aria-selected', 'true');
  const row = page.locator('li.task').filter({ hasText: 'Promote the replica' });
  await expect(row.locator('[aria-current="true"]')).toHaveCount(1);

  // Any other deadline opens the timers board.
  const review = (await sent()).find((n) => !n.target.item?.startsWith('task:'))!;
  await page.evaluate((target) => window.__fakeMain!.sendIntent({ type: 'show-item', incidentId: target.incidentId, item: target.item }), review.target);
  await expect(page.getByRole('tab', { name: /Timers/ })).toHaveAttribute('aria-selected', 'true');

  // Back on the incident list, the IC is still told when the timebox runs out.
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await page.waitForTimeout(1_500);
  expect((await sent()).map((n) => n.key)).toContain(notice.key);
});

test('custom timers and the update cadence are set from the keyboard, logged, and a custom timer is dismissed once done', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Payment provider timing out', who: 'Ada (IC)' });
  await page.keyboard.press('Alt+M');
  await page.keyboard.press('Escape');
  const board = page.getByRole('region', { name: 'Timers' });

  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New timer' });
  await expect(dialog.getByLabel('Label')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toBeVisible();
  await page.keyboard.type('Vendor promised a call back');
  await dialog.getByLabel('Minutes from now').fill('15');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const vendor = board.getByRole('listitem').filter({ hasText: 'Vendor promised a call back' });
  // The page's clock runs on: on a loaded machine a few seconds may have passed.
  await expect(vendor).toContainText(/in 00:1[45]:\d\d/);

  // SEV-2 updates every 30 min by default; the IC makes them every 15.
  await page.keyboard.press('c');
  const cadence = page.getByRole('dialog', { name: 'Update cadence' });
  await expect(cadence.getByLabel('SEV-1')).toHaveValue('20');
  await expect(cadence.getByLabel('SEV-2')).toHaveValue('30');
  await cadence.getByLabel('SEV-2').fill('15');
  await cadence.getByLabel('Review the plan every … minutes').fill('45');
  await page.keyboard.press('Enter');
  await expect(cadence).toHaveCount(0);
  await expect(board.getByRole('listitem').filter({ hasText: 'Next status update' })).toContainText('SEV-2: every 15 min');
  await expect(board.getByRole('listitem').filter({ hasText: 'Next review' })).toContainText('every 45 min');

  await page.clock.fastForward('16:00');
  await expect(vendor).toHaveAttribute('data-state', 'overdue');
  await vendor.getByRole('button', { name: 'Cancel timer: Vendor promised a call back' }).click();
  await expect(vendor).toHaveCount(0);

  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText('Timer: Vendor promised a call back, 15 min.');
  await expect(timeline(page)).toContainText('SEV-2 every 15 min');
  await expect(timeline(page)).toContainText('Timer cancelled: Vendor promised a call back.');
});
