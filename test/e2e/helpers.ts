import { readFile } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, keepStorage, test } from './fixtures';
import { chromiumExecutable, E2E_WEBRTC_ARGS } from './chromium';

/** The web host the tests drive (playwright.config.ts), for pages of browsers launched by hand, which have no baseURL. */
export const BASE = 'http://127.0.0.1:4173';

/**
 * How a text field's words go in: `keys`, key by key as a person types (which
 * also proves that single-key shortcuts, like the org chart's c, a, h, m and
 * r, stay out of text fields), or `text`, all at once into the focused field,
 * as a paste or an input method delivers them (one input event; focus still
 * moves by Tab, and Enter still submits). `text`, the helpers' default, is
 * for words that are a test's set-up rather than what it checks (many people
 * checking in, entries to sync): typed key by key, they can be most of its
 * time. A test about typing itself asks for `keys`.
 */
export type Typing = 'keys' | 'text';

export async function typeInto(page: Page, text: string, typing: Typing): Promise<void> {
  if (typing === 'keys') await page.keyboard.type(text);
  else if (text) await page.keyboard.insertText(text);
}

/** Declares an incident from the keyboard alone and waits for its view. */
export async function declareByKeyboard(page: Page, opts: { synopsis: string; who?: string; name?: string; typing?: Typing }): Promise<string> {
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(dialog).toBeVisible();
  if (opts.name) {
    // The field's label carries its hint ("A codename such as…"), so its name only starts with Name.
    await dialog.getByRole('textbox', { name: /^Name\b/ }).fill(opts.name);
    await dialog.getByLabel('Synopsis').focus();
  }
  // The synopsis has focus when the dialog opens.
  await typeInto(page, opts.synopsis, opts.typing ?? 'text');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await typeInto(page, opts.who ?? 'Dana Scully', opts.typing ?? 'text');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const name = await page.getByRole('heading', { level: 1 }).innerText();
  return name;
}

/** Logs an event through the quick-entry line with the keyboard. */
export async function logByKeyboard(page: Page, line: string, typing: Typing = 'text'): Promise<void> {
  // "/" focuses the line from anywhere else; once in it, "/" is just a character.
  // The line appears once the incident has loaded; keys pressed before that reach nothing.
  const entry = page.getByLabel('Log a timeline event');
  await expect(entry).toBeEditable();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Log a timeline event');
  if (!focused) {
    await page.keyboard.press('/');
    await expect(entry).toBeFocused();
  }
  await typeInto(page, line, typing);
  await page.keyboard.press('Enter');
  // Logged (the line clears) or refused (it says why): only then is the save state about this entry.
  await expect(async () => {
    const cleared = (await entry.inputValue()) === '';
    const refused = await page.locator('#quick-entry-hint [role="alert"]').count();
    expect(cleared || refused > 0).toBe(true);
  }).toPass({ timeout: 10_000 });
}

export function timeline(page: Page) {
  return page.getByRole('log', { name: /Timeline/ });
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /Save state/ })).toHaveAttribute('data-status', 'saved');
}

/**
 * For the tests between command posts: returns a launcher of separate
 * Chromium browsers, one page each, as separate machines would be (tabs of
 * one browser would sync through BroadcastChannel and prove nothing about
 * WebRTC). Within a test, every machine is a browser process of its own.
 * Call it once, at the top of a spec.
 *
 * Each machine's page is in a fresh context (its own storage, nothing kept
 * from an earlier test), closed after the test. The browser processes are
 * kept for the spec's next test rather than started again: a start costs
 * about a second of CPU on a loaded machine, and the sync specs start some
 * twenty. A browser a test closed itself (a machine that quits) is not
 * reused; the spare ones are closed after the spec.
 */
export function separateBrowsers(args: string[] = E2E_WEBRTC_ARGS): () => Promise<Page> {
  const spare: Browser[] = [];
  const inUse: Array<{ browser: Browser; context: BrowserContext }> = [];
  test.afterEach(async () => {
    await Promise.all(
      inUse.splice(0).map(async ({ browser, context }) => {
        await context.close().catch(() => {});
        if (browser.isConnected()) spare.push(browser);
      }),
    );
  });
  test.afterAll(async () => {
    await Promise.all(spare.splice(0).map((b) => b.close()));
  });
  return async () => {
    const browser = spare.pop() ?? (await chromium.launch({ executablePath: chromiumExecutable(), args }));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    inUse.push({ browser, context });
    await keepStorage(context);
    return context.newPage();
  };
}

/** A tuple of `N` pages, so that destructuring `machines`' answer gives pages, not maybe-pages. */
type Pages<N extends number, Acc extends Page[] = []> = Acc['length'] extends N ? Acc : Pages<N, [...Acc, Page]>;

/** `count` machines (see separateBrowsers), started side by side. */
export function machines<N extends number>(machine: () => Promise<Page>, count: N): Promise<Pages<N>> {
  return Promise.all(Array.from({ length: count }, () => machine())) as Promise<Pages<N>>;
}

export function shareDialog(page: Page) {
  return page.getByRole('dialog', { name: /^Share / });
}

/** Opens the Share dialog (from the indicator once shared) and waits for its invite code. */
export async function openShare(page: Page): Promise<void> {
  // Not shared yet: the indicator offers sharing; shared: it opens the same dialog.
  const local = page.getByRole('button', { name: 'Share this incident with other responders' });
  if (await local.count()) await local.click();
  else await page.locator('.sync').click();
  await expect(shareDialog(page).getByLabel('Invite code')).toHaveValue(/^cp1\./);
}

/** Opens the Share dialog, reads the invite code and closes the dialog. */
export async function shareOpenIncident(page: Page): Promise<string> {
  await openShare(page);
  const invite = await shareDialog(page).getByLabel('Invite code').inputValue();
  await shareDialog(page).getByRole('button', { name: 'Done' }).click();
  return invite;
}

/** Joins an incident by its invite code as `name` (a newcomer says who they are before logging anything). */
export async function join(page: Page, invite: string, name: string): Promise<void> {
  await page.goto(`${BASE}/#/join/${invite}`);
  await page.getByRole('button', { name: 'Join incident' }).click();
  await page.getByLabel('Your name, so the timeline records who logged what').fill(name);
  await page.getByRole('button', { name: 'Save name' }).click({ timeout: 30_000 });
}

/** Pauses or resumes sync from the Share dialog, as a responder would. */
export async function setPaused(page: Page, paused: boolean): Promise<void> {
  await page.locator('.sync').click();
  const dialog = page.getByRole('dialog', { name: /^Share / });
  await dialog.getByRole('button', { name: paused ? 'Pause sync' : 'Resume sync' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
}

/** The file a click downloads, kept under its own name in the test's output (a browser opens a file by its extension), and its text. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  // Kept under its own name: a browser opens a file by its extension.
  const path = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

/** Imports a file through the incident list, as a person picks it. */
export async function importFile(page: Page, name: string, text: string) {
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Import incident file…' })).toBeEnabled();
  await page.getByLabel('Incident file to import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}
