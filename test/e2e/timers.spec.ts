import { expect, test } from '@playwright/test';
import { declareByKeyboard, logByKeyboard, waitSaved } from './helpers';

test('the timers board lists what is due next and shows what is overdue at a glance; a status update restarts its timer', async ({ page }) => {
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
