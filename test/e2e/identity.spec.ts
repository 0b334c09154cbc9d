import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { expect, keepStorage, test } from './fixtures';
import { chromiumExecutable, E2E_ARGS } from './chromium';
import { BASE, declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

/**
 * Your name survives a crash. Each trial sets the name, kills the browser
 * process itself (SIGKILL: no shutdown, no flush) within a second of the UI
 * showing the name as set, starts Chromium again on the same profile, and
 * checks that the name is still there and that an entry is logged under it
 * without the entry line asking who you are. The kill comes at a different
 * moment of that second in each trial. CP_NAME_KILLS sets how many trials
 * each test runs (say 21, to measure); one by default, its moment drawn at
 * random and printed, so that runs over time cover the whole second.
 */
const KILLS = Number(process.env.CP_NAME_KILLS ?? 1);
const KILL_WINDOW_MS = 1_000;
/** How long a restarted browser gets to show the name before it counts as lost. */
const RESTART_SHOWS_NAME_MS = 5_000;

interface Machine {
  context: BrowserContext;
  page: Page;
  /** The Chromium browser process (not Playwright's, not a renderer). */
  pid: number;
}

/** Starts Chromium on `profile`, a folder on disk kept from one start to the next, as a user's is. */
async function start(profile: string): Promise<Machine> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    args: E2E_ARGS,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
  });
  await keepStorage(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, pid: await browserPid(context) };
}

/** The browser process's id, as Chromium itself reports it (the launcher script may or may not have exec'd it). */
async function browserPid(context: BrowserContext): Promise<number> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
  await cdp.detach();
  const browser = processInfo.find((p) => p.type === 'browser');
  if (!browser) throw new Error(`Chromium listed no browser process: ${JSON.stringify(processInfo)}`);
  return browser.id;
}

/** A crash: the browser process is killed and gets no chance to write anything more. */
async function crash(machine: Machine): Promise<void> {
  const closed = new Promise((resolve) => machine.context.once('close', resolve));
  process.kill(machine.pid, 'SIGKILL');
  await closed;
  await expect.poll(() => alive(machine.pid), { message: `browser process ${machine.pid} still running` }).toBe(false);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signedInAs(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Command Post' }).getByRole('button', { name: `Signed in as ${name}` });
}

/**
 * After the restart: did the name survive, and does the entry line log under
 * it without asking? Returns whether the name was kept; a lost name is not
 * thrown at once, so that a test counts every trial.
 */
async function keptAfterRestart(page: Page, incidentId: string, name: string, note: string): Promise<boolean> {
  await page.goto(`${BASE}/#/incident/${incidentId}`);
  await expect(timeline(page)).toBeVisible();
  const kept = await signedInAs(page, name)
    .waitFor({ timeout: RESTART_SHOWS_NAME_MS })
    .then(() => true)
    .catch(() => false);
  if (!kept) return false;
  await expect(page.getByLabel('Your name, so the timeline records who logged what')).toHaveCount(0);
  await logByKeyboard(page, note);
  await waitSaved(page);
  await expect(timeline(page).locator('li.event', { hasText: note })).toContainText(name);
  return true;
}

/** Runs `trial` KILLS times, each with a profile of its own and its kill `delayMs` into the second after the name shows; returns the trials that lost it. */
async function trials(trial: (profile: string, delayMs: number, n: number) => Promise<boolean>): Promise<number[]> {
  const lost: number[] = [];
  for (let n = 0; n < KILLS; n++) {
    const profile = await mkdtemp(join(os.tmpdir(), 'cp-name-'));
    try {
      // Spread evenly over the second when measuring; one trial's moment is drawn.
      const delayMs = KILLS === 1 ? Math.floor(Math.random() * KILL_WINDOW_MS) : Math.round((n * KILL_WINDOW_MS) / KILLS);
      console.log(`${test.info().title}: kill ${n + 1} at ${delayMs} ms`);
      if (!(await trial(profile, delayMs, n))) lost.push(n);
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  }
  const summary = `lost the name in ${lost.length} of ${KILLS} kills`;
  console.log(`${test.info().title}: ${summary}`);
  test.info().annotations.push({ type: 'kills', description: summary });
  return lost;
}

test.describe('your name survives a crash', () => {
  test.setTimeout(Math.max(2, KILLS) * 40_000);

  test('the name given when declaring: the browser is killed within a second of the incident opening, and after the restart the entry line logs under it', async () => {
    const lost = await trials(async (profile, delayMs, n) => {
      const who = `Dana Declarer ${n}`;
      let machine = await start(profile);
      await machine.page.goto(`${BASE}/#/`);
      await declareByKeyboard(machine.page, { synopsis: 'Cache cluster evicting hot keys', who });
      // The incident is on disk (strict durability); the name must be too.
      await waitSaved(machine.page);
      await expect(signedInAs(machine.page, who)).toBeVisible();
      const incidentId = new URL(machine.page.url()).hash.replace('#/incident/', '');
      await sleep(delayMs);
      await crash(machine);

      machine = await start(profile);
      try {
        return await keptAfterRestart(machine.page, incidentId, who, `logged after the crash ${n}`);
      } finally {
        await machine.context.close();
      }
    });
    expect(lost, 'trials whose name was lost').toEqual([]);
  });

  test('a name changed in Settings: the browser is killed within a second of "Saved", and after the restart the new name is the one signed in and logging', async () => {
    const lost = await trials(async (profile, delayMs, n) => {
      const before = 'Dana Before';
      const after = `Ravi After ${n}`;
      let machine = await start(profile);
      await machine.page.goto(`${BASE}/#/`);
      await declareByKeyboard(machine.page, { synopsis: 'Queue consumers stalled', who: before });
      await waitSaved(machine.page);
      const incidentId = new URL(machine.page.url()).hash.replace('#/incident/', '');
      // A clean shutdown first: the old name is on disk whatever stores it.
      await machine.context.close();

      machine = await start(profile);
      await machine.page.goto(`${BASE}/#/incident/${incidentId}`);
      await expect(signedInAs(machine.page, before)).toBeVisible();
      await signedInAs(machine.page, before).click();
      const settings = machine.page.getByRole('dialog', { name: 'Settings' });
      await settings.getByRole('textbox', { name: 'Your name' }).fill(after);
      await settings.getByRole('button', { name: 'Save name' }).click();
      await expect(settings.getByText(`Saved: you are ${after} on this machine.`)).toBeVisible();
      await sleep(delayMs);
      await crash(machine);

      machine = await start(profile);
      try {
        return await keptAfterRestart(machine.page, incidentId, after, `logged after the crash ${n}`);
      } finally {
        await machine.context.close();
      }
    });
    expect(lost, 'trials whose new name was lost').toEqual([]);
  });
});
