import { expect, test } from './fixtures';
import { declareByKeyboard, timeline } from './helpers';

test('the IC’s cue cards: Alt+C opens them, and a card’s key logs what happened', async ({ page }) => {
  await page.goto('/');
  await declareByKeyboard(page, { synopsis: 'Primary database down', who: 'Ada Lovelace' });

  await page.keyboard.press('Alt+C');
  const panel = page.getByRole('complementary', { name: 'Cue cards' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Taking command', exact: true })).toBeFocused();

  // An entry with nothing to fill in is logged at once, with the IC's name.
  await page.keyboard.press('1');
  await expect(timeline(page)).toContainText('Ada Lovelace took command as Incident Commander.');
  await expect(panel.getByRole('button', { name: 'Taking command', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.locator('[data-card="take-command"]')).toContainText('I am the Incident Commander for this incident.');

  // One with blanks goes to the entry line as a decision, its first blank selected to type over.
  await page.keyboard.press('4');
  const entry = page.getByLabel('Log a timeline event');
  await expect(entry).toBeFocused();
  await expect(entry).toHaveValue('[proposal]; no strong objections.');
  await expect(page.getByLabel('Event type')).toHaveValue('decision');
  await page.keyboard.type('Fail over to the replica');
  await page.keyboard.press('Enter');
  const decision = timeline(page).locator('li.event').filter({ hasText: 'Fail over to the replica; no strong objections.' });
  await expect(decision).toContainText('Decision');

  // The cards' keys win over the view's own single keys: on the plan, d is "done", in the panel a card.
  await page.keyboard.press('Alt+P');
  await panel.getByRole('button', { name: 'Arguing about severity', exact: true }).focus();
  await page.keyboard.press('e');
  await page.keyboard.press('d');
  await page.keyboard.press('Alt+T');
  await expect(timeline(page)).toContainText('Handling as SEV-2; severity not debated during the call.');
  await expect(timeline(page)).toContainText('Asked for comments to wait until after the incident.');

  // Home and End move between the cards, not the timeline's selection behind them.
  await timeline(page).locator('li.event').filter({ hasText: 'took command' }).click();
  await panel.getByRole('button', { name: 'Taking command', exact: true }).focus();
  await page.keyboard.press('End');
  await expect(panel.locator('.cue-head').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(panel.getByRole('button', { name: 'Taking command', exact: true })).toBeFocused();
  await expect(timeline(page).locator('li.event[aria-current="true"]')).toContainText('took command');

  // Remembered on this machine; Alt+C closes it again.
  await page.reload();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Alt+C');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cue cards' })).toHaveAttribute('aria-pressed', 'false');
});
