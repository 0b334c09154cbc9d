import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { installFakeDesktop, loopbackStatus, registeredHotkeys, sendIntent } from './fake-desktop';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

/** Quick capture in the page: the web host's in-app keys, and the desktop app's when its window has focus. */
const T0 = Date.parse('2026-03-14T09:00:00Z');
const PRESS = T0 + 10 * 60_000 + 7_000;
const ENTER = PRESS + 47_000;

const capture = (page: Page) => page.getByRole('dialog', { name: 'Quick capture' });
const field = (page: Page) => capture(page).getByRole('textbox', { name: 'What happened' });

async function declared(page: Page): Promise<string> {
  await page.clock.setFixedTime(T0);
  await page.goto('/');
  const name = await declareByKeyboard(page, { synopsis: 'Payments API returning 502s' });
  // The entry line is there once the incident has loaded: the chords act on a ready incident.
  await expect(page.getByLabel('Log a timeline event')).toBeEditable();
  return name;
}

test.describe('quick capture in the web host', () => {
  test('the decision chord opens capture on the press, Enter logs it with the time of the press and closes', { tag: '@quick' }, async ({ page }) => {
    const name = await declared(page);
    await page.clock.setFixedTime(PRESS);
    await page.keyboard.press('Control+Alt+Shift+Digit2');
    await expect(capture(page)).toBeVisible();
    await expect(field(page)).toBeFocused();
    await expect(capture(page)).toContainText(`Logs to ${name} as Decision`);
    // Typed (and logged) 47 seconds after the press: the event keeps the press's time.
    await page.clock.setFixedTime(ENTER);
    await page.keyboard.type('Fail over payments to eu-central');
    await page.keyboard.press('Enter');
    await expect(capture(page)).toBeHidden();
    const row = timeline(page).locator('li.kind-decision');
    await expect(row).toContainText('Fail over payments to eu-central');
    await expect(row.locator('time')).toHaveAttribute('datetime', new Date(PRESS).toISOString());
    await waitSaved(page);
  });

  test('twenty characters typed right after the chord, with no wait, all land in the event', async ({ page }) => {
    await declared(page);
    await page.clock.setFixedTime(PRESS);
    await page.keyboard.press('Control+Alt+Shift+Digit6');
    await page.keyboard.type('abcdefghij0123456789');
    await page.clock.setFixedTime(ENTER);
    await page.keyboard.press('Enter');
    const row = timeline(page).locator('li.kind-impact');
    await expect(row.locator('.text')).toHaveText('abcdefghij0123456789');
    await expect(row.locator('time')).toHaveAttribute('datetime', new Date(PRESS).toISOString());
  });

  test('Escape cancels: nothing is logged and the page is as it was', async ({ page }) => {
    await declared(page);
    const before = await timeline(page).locator('li.event').count();
    await page.keyboard.press('Control+Alt+Shift+Space');
    await page.keyboard.type('Not worth logging');
    await page.keyboard.press('Escape');
    await expect(capture(page)).toBeHidden();
    await expect(timeline(page).locator('li.event')).toHaveCount(before);
    await expect(timeline(page)).not.toContainText('Not worth logging');
    // Opened again, it starts empty.
    await page.keyboard.press('Control+Alt+Shift+Space');
    await expect(field(page)).toHaveValue('');
  });

  test('the entry line’s type keys and prefixes work in capture; the chord works from inside the entry line', async ({ page }) => {
    await declared(page);
    await logByKeyboard(page, 'Paged the payments on-call');
    // The entry line has focus: the chord still opens capture, and the line keeps its text.
    await page.keyboard.type('half a sentence');
    await page.keyboard.press('Control+Alt+Shift+Digit1');
    await expect(field(page)).toBeFocused();
    await page.keyboard.press('Alt+3');
    await expect(capture(page)).toContainText('as Action');
    await page.keyboard.type('f: Check the retry budget after');
    await expect(capture(page)).toContainText('as Follow-up');
    await page.keyboard.press('Enter');
    await expect(timeline(page).locator('li.kind-followup')).toContainText('Check the retry budget after');
    await expect(page.getByLabel('Log a timeline event')).toHaveValue('half a sentence');
  });

  test('a time stated in capture ("@-20m") is when it happened, shown before Enter and kept as backdated', async ({ page }) => {
    await declared(page);
    await page.clock.setFixedTime(PRESS);
    await page.keyboard.press('Control+Alt+Shift+Digit1');
    await page.keyboard.type('@-20m Replica stopped applying WAL');
    const happened = new Date(PRESS - 20 * 60_000);
    await expect(capture(page).locator('.capture-where time')).toHaveAttribute('datetime', happened.toISOString());
    await expect(capture(page)).toContainText('happened at');
    await page.keyboard.press('Enter');
    await expect(capture(page)).toBeHidden();
    const row = timeline(page).locator('li.event', { hasText: 'Replica stopped applying WAL' });
    await expect(row.locator('.text')).toHaveText('Replica stopped applying WAL');
    await expect(row.locator('time').first()).toHaveAttribute('datetime', happened.toISOString());
    await expect(row).toContainText('Backdated');
    // A time that cannot be taken is refused in place, with the text kept.
    await page.keyboard.press('Control+Alt+Shift+Digit1');
    await page.keyboard.type('@25:00 Something');
    await page.keyboard.press('Enter');
    await expect(capture(page).getByRole('alert')).toContainText('not a time of day');
    await expect(field(page)).toHaveValue('@25:00 Something');
  });

  test('the mark-key chord marks your last entry as a key event at once, with no window', async ({ page }) => {
    await page.goto('/');
    await declareByKeyboard(page, { synopsis: 'Checkout failing', who: 'Ada (IC)' });
    await logByKeyboard(page, 'd: Roll back the payment gateway deploy');
    await logByKeyboard(page, 'Error rate falling');
    await page.keyboard.press('Control+Alt+Shift+K');
    const star = (text: string) => timeline(page).locator('li').filter({ hasText: text }).getByRole('button', { name: /^Key event/ });
    await expect(star('Error rate falling')).toHaveAttribute('aria-pressed', 'true');
    await expect(star('Roll back the payment gateway deploy')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByText(/Marked as a key event in .*Error rate falling/)).toBeVisible();
    // Again: it says so rather than toggling it off.
    await page.keyboard.press('Control+Alt+Shift+K');
    await expect(page.getByText(/already a key event/)).toBeVisible();
    await expect(star('Error rate falling')).toHaveAttribute('aria-pressed', 'true');
  });

  test('with no incident open, capture says so and logs nothing', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    await page.keyboard.press('Control+Alt+Shift+Digit2');
    await expect(capture(page)).toContainText('No incident is open in Command Post');
    await page.keyboard.type('Lost thought');
    await page.keyboard.press('Enter');
    await expect(capture(page).getByRole('alert')).toContainText('No incident is open');
    await expect(field(page)).toHaveValue('Lost thought');
  });
});

test.describe('keys in Settings and the cheat sheet', () => {
  test('a key is changed by pressing it, a key another action has is refused, and reset brings the defaults back', async ({ page }) => {
    await declared(page);
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const decision = settings.getByRole('textbox', { name: 'Key for Log a decision' });
    await expect(decision).toHaveValue('Ctrl+Alt+Shift+2');
    await decision.focus();
    await page.keyboard.press('Control+Alt+Shift+KeyD');
    await expect(decision).toHaveValue('Ctrl+Alt+Shift+D');
    await expect(settings.getByRole('status').filter({ hasText: 'Saved the key for “Log a decision”' })).toBeVisible();

    const action = settings.getByRole('textbox', { name: 'Key for Log an action' });
    await action.focus();
    await page.keyboard.press('Control+Alt+Shift+KeyD');
    await expect(settings.getByRole('alert')).toHaveText(
      'Ctrl+Alt+Shift+D is already the key for “Log a decision”, so “Log an action” cannot have it too. Pick another key, or change that one first.',
    );
    await expect(action).toHaveValue('Ctrl+Alt+Shift+3');

    // The new key works once the dialog is closed; the old one does nothing now.
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await page.keyboard.press('Control+Alt+Shift+Digit2');
    await expect(capture(page)).toBeHidden();
    await page.keyboard.press('Control+Alt+Shift+KeyD');
    await expect(capture(page)).toContainText('as Decision');
    await page.keyboard.press('Escape');

    // Kept across a reload (this browser's localStorage), until reset.
    await page.reload();
    await expect(page.getByLabel('Log a timeline event')).toBeEditable();
    await page.keyboard.press('Control+,');
    await expect(decision).toHaveValue('Ctrl+Alt+Shift+D');
    await settings.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(decision).toHaveValue('Ctrl+Alt+Shift+2');
  });

  test('? opens every key of the app, outside text fields only', async ({ page }) => {
    await declared(page);
    await page.getByLabel('Log a timeline event').focus();
    await page.keyboard.type('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('region', { name: 'Quick capture keys' })).toContainText('Ctrl+Alt+Shift+2');
    await expect(sheet.getByRole('region', { name: 'Quick capture keys' })).toContainText('Log a decision');
    await expect(sheet.getByRole('region', { name: 'Anywhere in Command Post' })).toContainText('Ctrl+Shift+D');
    await expect(sheet.getByRole('region', { name: 'An open incident' })).toContainText('Alt+O');
    await expect(sheet.getByRole('region', { name: 'Org chart' })).toContainText('hand over');
    await expect(sheet.getByRole('region', { name: 'Plan' })).toContainText('reassign');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  });
});

test.describe('the desktop app (through the fake preload bridge)', () => {
  test('a hotkey another program holds is told in the main window and in Settings, and works inside the app', async ({ page }) => {
    const message =
      'Ctrl+Alt+Shift+2 (“Log a decision”) is taken by another program. It still works inside Command Post; to use it from other programs, pick another key in Settings (Ctrl+, or Cmd+,).';
    await installFakeDesktop(page, { status: loopbackStatus(), hotkeys: registeredHotkeys({ decision: { state: 'taken', message } }) });
    await declared(page);
    await expect(page.getByRole('alert').filter({ hasText: 'A global hotkey does not work from other programs.' })).toContainText(message);
    // Taken globally, so the page answers it itself.
    await page.keyboard.press('Control+Alt+Shift+Digit2');
    await expect(capture(page)).toContainText('as Decision');
    await page.keyboard.press('Escape');
    // A registered one is main's: the page leaves it alone (main sends an intent instead).
    await page.keyboard.press('Control+Alt+Shift+Digit3');
    await expect(capture(page)).toBeHidden();

    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('heading', { name: 'Global hotkeys' })).toBeVisible();
    await expect(settings.getByRole('list', { name: 'Hotkeys that do not work from other programs' })).toHaveText(message);
    await expect(settings.getByRole('row', { name: /Log a decision/ })).toContainText('Taken by another program');
  });

  test('recording a key suspends the global hotkeys, and a new key is sent to main', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    await declared(page);
    await page.keyboard.press('Control+,');
    const field = page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'Key for Mark the last event as key' });
    await field.focus();
    await page.keyboard.press('Control+Alt+Shift+KeyM');
    await expect(field).toHaveValue('Ctrl+Alt+Shift+M');
    await page.keyboard.press('Tab');
    const main = await page.evaluate(() => ({ changes: window.__fakeMain!.hotkeyChanges, suspended: window.__fakeMain!.suspended }));
    expect(main.changes.at(-1)?.['mark-key']).toBe('CommandOrControl+Alt+Shift+M');
    expect(main.suspended).toEqual([true, false]);
  });

  test('a capture intent opens capture timed at main’s press; an entry from the capture window is logged at its press time', async ({ page }) => {
    await installFakeDesktop(page, { status: loopbackStatus() });
    const name = await declared(page);
    // The page tells main where capture logs.
    await expect.poll(() => page.evaluate(() => window.__fakeMain!.captureTargets.at(-1)?.name ?? null)).toBe(name);

    await page.clock.setFixedTime(ENTER);
    await sendIntent(page, { type: 'capture', kind: 'impact', at: PRESS });
    await expect(field(page)).toBeFocused();
    await page.keyboard.type('Checkout conversion down 30%');
    await page.keyboard.press('Enter');
    const impact = timeline(page).locator('li.kind-impact');
    await expect(impact).toContainText('Checkout conversion down 30%');
    await expect(impact.locator('time')).toHaveAttribute('datetime', new Date(PRESS).toISOString());

    const incidentId = await page.evaluate(() => window.__fakeMain!.captureTargets.at(-1)!.incidentId);
    await sendIntent(page, { type: 'log-entry', incidentId, kind: 'action', text: 'Scaled the payments pool to 40', at: PRESS + 1_000 });
    const action = timeline(page).locator('li.kind-action');
    await expect(action).toContainText('Scaled the payments pool to 40');
    await expect(action.locator('time')).toHaveAttribute('datetime', new Date(PRESS + 1_000).toISOString());

    // For an incident that is not open here, nothing is logged and the text is shown.
    await sendIntent(page, { type: 'log-entry', incidentId: 'not-this-one', kind: 'note', text: 'Keep this text', at: PRESS });
    await expect(page.getByRole('alert').filter({ hasText: 'was not logged' })).toContainText('“Keep this text”');
  });
});

test.describe('the capture window’s page', () => {
  test('keeps keys typed before the press arrives, logs through its bridge, and cancels', async ({ page }) => {
    await page.addInitScript(() => {
      const submitted: unknown[] = [];
      let cancelled = 0;
      let listener: ((open: unknown) => void) | null = null;
      Object.assign(window, {
        __fakeCapture: { submitted, cancelled: () => cancelled, open: (press: unknown) => listener?.(press) },
        commandPostCapture: {
          submit: async (entry: unknown) => {
            submitted.push(entry);
            return { ok: true };
          },
          cancel: async () => {
            cancelled++;
          },
          onOpen: (l: (open: unknown) => void) => {
            listener = l;
            return () => {};
          },
        },
      });
    });
    await page.goto('/capture.html');
    const form = page.getByRole('form', { name: 'Quick capture' });
    const input = form.getByRole('textbox', { name: 'What happened' });
    await expect(input).toBeFocused();
    // Keys arriving before main's message about the press are kept.
    await page.keyboard.type('Rolled back ');
    await page.evaluate((at) => (window as unknown as { __fakeCapture: { open(p: unknown): void } }).__fakeCapture.open({ kind: 'action', at, target: { incidentId: 'inc-1', name: '26-Bravo', refusal: null } }), PRESS);
    await expect(form).toContainText('Logs to 26-Bravo as Action');
    await page.keyboard.type('release 4.2');
    await page.keyboard.press('Enter');
    await expect(input).toHaveValue('');
    expect(await page.evaluate(() => (window as unknown as { __fakeCapture: { submitted: unknown[] } }).__fakeCapture.submitted)).toEqual([{ kind: 'action', text: 'Rolled back release 4.2' }]);

    await page.keyboard.type('never mind');
    await page.keyboard.press('Escape');
    await expect(input).toHaveValue('');
    expect(await page.evaluate(() => (window as unknown as { __fakeCapture: { cancelled(): number } }).__fakeCapture.cancelled())).toBe(1);

    // An incident that takes no entries: refused in its own words, nothing sent.
    await page.evaluate(() => (window as unknown as { __fakeCapture: { open(p: unknown): void } }).__fakeCapture.open({ kind: null, at: 1, target: { incidentId: 'inc-1', name: '26-Bravo', refusal: '26-Bravo has ended: its timeline is closed.' } }));
    await page.keyboard.type('Too late');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('alert')).toHaveText('26-Bravo has ended: its timeline is closed.');
    expect(await page.evaluate(() => (window as unknown as { __fakeCapture: { submitted: unknown[] } }).__fakeCapture.submitted)).toHaveLength(1);
  });
});
