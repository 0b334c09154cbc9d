import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline } from './helpers';
import { checkInByKeyboard, openOrgChart } from './org-helpers';

/** Shows the Plan tab (Alt+P) with focus out of any text field, so single keys act. */
async function openPlan(page: Page): Promise<void> {
  await page.keyboard.press('Alt+P');
  await expect(page.getByRole('tab', { name: /Plan/ })).toHaveAttribute('aria-selected', 'true');
  const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
  if (typing) await page.keyboard.press('Escape');
}

function task(page: Page, text: string) {
  return page.locator('li.task').filter({ has: page.locator('.task-text', { hasText: text }) });
}

test('a task’s life: refused without an owner, assigned, understood, overdue, extended, done', { tag: '@quick' }, async ({ page }) => {
  // The app's clock, so the timebox can run out without waiting five minutes.
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Checkout failing: primary database unreachable', who: 'Dana Scully' });
  await openOrgChart(page);
  await checkInByKeyboard(page, 'Jo Kim', '@jo', 'Database');
  await openPlan(page);

  await page.keyboard.press('o');
  const objective = page.getByRole('dialog', { name: 'Add an objective' });
  await expect(objective.getByLabel('Objective')).toBeFocused();
  await page.keyboard.type('Restore checkout for EU customers');
  await page.keyboard.press('Enter');
  await expect(objective).toHaveCount(0);
  await expect(page.locator('.objective h3')).toContainText('Restore checkout for EU customers');

  // No owner chosen: the domain's reason, and nothing typed is lost.
  await page.keyboard.press('t');
  const assign = page.getByRole('dialog', { name: 'Assign a task' });
  await expect(assign.getByLabel('What')).toBeFocused();
  await page.keyboard.type('Check replication lag');
  await page.keyboard.press('Enter');
  await expect(assign.getByRole('alert')).toHaveText('A task needs exactly one owner: a person, or a role held by one person. Not a group, not nobody.');
  await expect(assign.getByLabel('What')).toHaveValue('Check replication lag');
  await expect(assign.getByLabel('Timebox (minutes)')).toHaveValue('10');

  await assign.getByLabel('Owner').selectOption({ label: 'Jo Kim — in staging' });
  await assign.getByLabel('Timebox (minutes)').fill('5');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(assign).toHaveCount(0);
  const lag = task(page, 'Check replication lag');
  await expect(lag.locator('.task-owner')).toHaveText('Jo Kim');
  await expect(lag.locator('.task-countdown')).toHaveText('5:00 left');
  await expect(lag).toContainText('waiting for "understood"');

  // The new task is selected: u is Jo saying "understood".
  await page.keyboard.press('u');
  await expect(lag.locator('.task-ack')).toHaveText('understood');

  await page.clock.fastForward('06:00');
  const prompt = lag.locator('.task-overdue');
  await expect(prompt).toContainText('Time is up: follow up with Jo Kim.');
  await expect(lag.locator('.task-countdown')).toHaveClass(/overdue/);

  await prompt.getByRole('button', { name: 'Extend…' }).click();
  const extend = page.getByRole('dialog', { name: 'Extend "Check replication lag"' });
  await expect(extend).toContainText('how much time do you need?');
  await expect(extend.getByLabel('Minutes from now')).toHaveValue('10');
  await page.keyboard.press('Enter');
  await expect(extend).toHaveCount(0);
  await expect(prompt).toHaveCount(0);
  await expect(lag.locator('.task-countdown')).toHaveText('10:00 left');
  await expect(lag.locator('.task-status')).toContainText('extended 1×');

  await page.keyboard.press('Alt+T');
  // The owner's "understood" is in the log, naming them and the task.
  await expect(timeline(page)).toContainText('Jo Kim: understood, "Check replication lag".');
  await expect(timeline(page)).toContainText('Jo Kim needs 10 more minutes for "Check replication lag".');
  await openPlan(page);
  await lag.locator('.task-main').click();
  await lag.getByRole('group', { name: 'Actions for Check replication lag' }).getByRole('button', { name: 'Done' }).click();
  await expect(lag.locator('.task-status')).toContainText('done');
  await expect(lag.locator('.task-countdown')).toHaveCount(0);

  // An action logged from the entry line goes into the plan with one key (p on its row), and each leads to the other.
  await logByKeyboard(page, 'a: Drain the EU payment queue');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+T');
  await page.keyboard.press('End');
  await expect(timeline(page).locator('li.event.selected')).toContainText('Drain the EU payment queue');
  await page.keyboard.press('p');
  await expect(page.getByRole('tab', { name: /Plan/ })).toHaveAttribute('aria-selected', 'true');
  const adopt = page.getByRole('dialog', { name: 'Assign a task' });
  await expect(adopt.getByLabel('What')).toHaveValue('Drain the EU payment queue');
  await adopt.getByLabel('Owner').selectOption({ label: 'Jo Kim — in staging' });
  await adopt.getByRole('button', { name: 'Assign' }).click();
  await expect(adopt).toHaveCount(0);
  await task(page, 'Drain the EU payment queue').getByRole('button', { name: 'Show in the timeline: Drain the EU payment queue' }).click();
  const row = timeline(page).locator('li.event.selected');
  await expect(row).toBeFocused();
  await expect(row).toContainText('Drain the EU payment queue');
  await expect(row.locator('.in-plan-tag')).toHaveText('in the plan');
  // Not offered again.
  await page.keyboard.press('p');
  await expect(page.getByText('That entry is already in the plan, as a task.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The palette and the ? sheet list the key, from the same declaration.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('into the plan');
  await expect(page.getByRole('dialog', { name: 'Find an action' }).getByRole('option').first()).toHaveAccessibleName(/Into the plan \(a decision or an action\)/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /Keys|Keyboard/ })).toContainText('into the plan (a decision or an action)');
});

test('decisions without votes, nudged when left open; changes one at a time', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Payments timing out', who: 'Dana Scully' });
  await openPlan(page);

  await page.keyboard.press('p');
  await page.keyboard.type('we fail over to the secondary region');
  await page.keyboard.press('Enter');
  const decisions = page.locator('.plan-decisions');
  await expect(decisions).toContainText('“I propose we fail over to the secondary region. Are there any strong objections?”');
  await expect(decisions.getByRole('button', { name: 'Hearing none — decide' })).toBeVisible();
  await page.clock.fastForward('06:00');
  await expect(decisions).toContainText('A wrong decision beats no decision: decide or withdraw.');
  await decisions.getByRole('button', { name: 'Objection…' }).click();
  await page.keyboard.type('Failover drops in-flight payments');
  await page.keyboard.press('Enter');
  await expect(decisions.getByRole('list', { name: 'Objections' })).toContainText('Dana Scully: Failover drops in-flight payments');
  await decisions.getByRole('button', { name: 'Decide', exact: true }).click();
  await expect(decisions.locator('.decision.adopted')).toContainText('Decided we fail over to the secondary region');
  await expect(decisions).not.toContainText('A wrong decision beats no decision');

  const changes = page.locator('.plan-changes');
  for (const change of ['Restart the payment workers', 'Raise the gateway timeout']) {
    await changes.getByRole('button', { name: 'Announce change…' }).click();
    await page.keyboard.type(change);
    await page.keyboard.press('Enter');
    await expect(changes.locator('.change.in-flight').filter({ hasText: change })).toBeVisible();
  }
  await expect(changes.getByRole('alert')).toHaveText('One change at a time: 2 changes in flight');
  await changes.getByRole('button', { name: 'Record the result of Restart the payment workers' }).click();
  const observe = page.getByRole('dialog', { name: 'Result of "Restart the payment workers"' });
  await page.keyboard.type('Timeouts unchanged');
  await observe.getByLabel('It did not work').check();
  await observe.getByRole('button', { name: 'Record result' }).click();
  await expect(changes.locator('.change.failed')).toContainText('Did not work Restart the payment workers');
  await expect(changes.getByRole('alert')).toHaveCount(0);
});
