import { expect, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline } from './helpers';
import { checkInByKeyboard, openOrgChart } from './org-helpers';

/**
 * Phones and tablets: responders and executives open the incident and the
 * observer's view on whatever they carry. Every view and main dialog must fit
 * the width (the page never scrolls sideways) with its text readable. Each
 * is also saved as a screenshot under test-results/screens/, to look at.
 */
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

const LONG_NOTE = 'Paged the database on-call; replication lag on the EU primary is 40 seconds and rising, failover is being prepared';

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every view and main dialog fits the width, with readable text', async ({ page }) => {
      test.setTimeout(120_000);
      const fits = async (what: string) => {
        await page.screenshot({ path: `test-results/screens/${size.name}-${what}.png` });
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect.soft(widths.scroll, `${what}: the page scrolls sideways`).toBeLessThanOrEqual(widths.inner);
      };

      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Start a practice incident' })).toBeVisible();
      await fits('list-empty');
      await page.keyboard.press('Control+Shift+D');
      await expect(page.getByRole('dialog', { name: 'Declare an incident' })).toBeVisible();
      await fits('dialog-declare');
      await page.keyboard.press('Escape');

      await declareByKeyboard(page, { synopsis: 'Checkout failing for EU customers: primary database unreachable' });
      const id = page.url().split('/').pop()!;
      await logByKeyboard(page, LONG_NOTE);
      await expect(timeline(page)).toContainText('failover is being prepared');
      await fits('tab-timeline');
      // Readable: the entry's text has room for a line of words, not a column a few letters wide.
      const textWidth = await timeline(page).locator('li.event .text').last().evaluate((el) => el.getBoundingClientRect().width);
      expect.soft(textWidth, "the width of an entry's text").toBeGreaterThan(250);

      await openOrgChart(page);
      await fits('tab-org');
      await page.keyboard.press('c');
      await expect(page.getByRole('dialog', { name: 'Check in a responder' })).toBeVisible();
      await fits('dialog-check-in');
      await page.keyboard.press('Escape');
      await checkInByKeyboard(page, 'Jo Kim', '@jo', 'Database');
      await fits('tab-org-responder');

      await page.getByRole('tab', { name: /Plan/ }).click();
      await page.keyboard.press('o');
      await page.keyboard.insertText('Restore checkout for EU customers');
      await page.keyboard.press('Enter');
      await expect(page.locator('.objective h3')).toContainText('Restore checkout');
      await fits('tab-plan');
      await page.keyboard.press('t');
      await expect(page.getByRole('dialog', { name: 'Assign a task' })).toBeVisible();
      await fits('dialog-task');
      await page.keyboard.press('Escape');

      for (const tab of ['Timers', 'Status', 'Postmortem']) {
        await page.getByRole('tab', { name: new RegExp(tab) }).click();
        await expect(page.getByRole('tab', { name: new RegExp(tab) })).toHaveAttribute('aria-selected', 'true');
        await fits(`tab-${tab.toLowerCase()}`);
      }

      await page.getByRole('tab', { name: /Timeline/ }).click();
      await page.getByRole('button', { name: 'Cue cards', exact: true }).click();
      await expect(page.getByRole('complementary', { name: /cue cards/i })).toBeVisible();
      await fits('cue-cards');
      await page.getByRole('button', { name: 'Cue cards', exact: true }).click();

      await page.getByRole('button', { name: 'Share this incident with other responders' }).click();
      await expect(page.getByRole('dialog', { name: /^Share / })).toBeVisible();
      await fits('dialog-share');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await fits('dialog-settings');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Keys', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await fits('dialog-keys');
      await page.keyboard.press('Escape');

      await page.goto('/#/');
      await expect(page.getByRole('region', { name: 'Active incidents' })).toBeVisible();
      await fits('list');

      await page.goto(`/#/status/${id}`);
      await expect(page.getByRole('heading', { name: 'Who is responding' })).toBeVisible();
      await fits('observer');
    });
  });
}
