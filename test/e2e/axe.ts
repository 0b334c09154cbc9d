/**
 * axe-core on a screen, in both themes (see accessibility.spec.ts, which
 * walks every screen): a critical or serious violation fails, reported with
 * its rule, its impact and the elements it was found on.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The WCAG A and AA rules whose outcome depends on colour, so on the theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function expectNoBlocking(axe: AxeBuilder, screen: string): Promise<void> {
  const { violations } = await axe.analyze();
  const blocking = violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect.soft(blocking, `${screen}: critical or serious axe violations`).toEqual([]);
}

/**
 * axe-core on the page. Legacy mode runs axe.run() in the page itself; the
 * default runs axe.runPartial() in each frame and then axe.finishRun() in a
 * new blank page of the context, which costs a page (and a renderer) per check
 * and changes no result here: the app has no frames, and legacy mode still
 * checks same-origin ones.
 */
function axeOn(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode();
}

/**
 * Checks the page as it is now, in both themes; a failure names the screen
 * and the theme, and each violation's rule, impact and elements.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // An open dialog is all there is to check: the page behind it is inert, and was checked as a screen of its own.
  const within = async (axe: AxeBuilder) => ((await page.locator('dialog[open]').count()) ? axe.include('dialog[open]') : axe);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoBlocking(await within(axeOn(page).withTags(WCAG_TAGS)), `${screen} (dark theme)`);
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoBlocking(await within(axeOn(page).withRules(COLOUR_RULES)), `${screen} (light theme)`);
  await page.emulateMedia({ colorScheme: 'dark' });
}

