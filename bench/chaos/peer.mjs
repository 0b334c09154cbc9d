/**
 * One command post of the chaos bench: its own Chromium (its own processes,
 * network namespace and profile on disk), driven like a person at the
 * keyboard, that can be SIGKILLed and started again with the same profile.
 *
 * Every action that touches the page's UI runs under the peer's lock (one at
 * a time, as one person at one keyboard), and every one is bounded: a step
 * that does not finish within its time limit throws, and the caller decides
 * what that means (an edit that did not happen, or a trial that failed).
 */
import { readFile, rm, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { withTimeout } from '../common.mjs';

const WRAPPER = resolve('bench/chaos/chromium-in-netns.sh');
const LAUNCH_TIMEOUT_MS = 30_000;
const STEP_MS = 10_000;
const OPEN_TIMEOUT_MS = 30_000;

/** A promise-chain lock: run(fn) waits for the previous holder, bounded by the caller's own timeouts. */
class Lock {
  #tail = Promise.resolve();
  run(fn) {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }
}

export class Peer {
  /**
   * @param {object} o
   * @param {number} o.index
   * @param {string} o.name the person at this machine (their presence name)
   * @param {string} o.netns /proc/PID/ns/net of this peer's namespace
   * @param {string} o.profile the persistent profile folder
   * @param {string} o.origin where the app is served
   * @param {string} o.chromium the real Chromium executable
   * @param {string[]} o.args Chromium's flags
   * @param {(message: string) => void} o.log
   */
  constructor(o) {
    Object.assign(this, o);
    this.lock = new Lock();
    this.context = null;
    this.page = null;
    this.pid = null;
    /** Up and showing the incident (false while killed or starting again). */
    this.alive = false;
    this.paused = false;
    this.errors = [];
  }

  get label() {
    return `${String.fromCharCode(65 + this.index)} (${this.name})`;
  }

  async launch() {
    // A launch whose opening failed leaves its browser holding the profile's
    // lock: a second Chromium on the same profile would refuse to start.
    if (this.context || this.pid) await this.kill();
    await mkdir(this.profile, { recursive: true });
    const pidFile = join(this.profile, '..', `${this.index}.pid`);
    await rm(pidFile, { force: true });
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: WRAPPER,
      env: { ...process.env, CP_CHAOS_NETNS: this.netns, CP_CHAOS_PIDFILE: pidFile, CP_CHAOS_CHROMIUM: this.chromium },
      // Pages come from the hub's address, not loopback: crypto.subtle (the room key) needs a secure context.
      args: [...this.args, `--unsafely-treat-insecure-origin-as-secure=${this.origin}`],
      headless: true,
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
      timeout: LAUNCH_TIMEOUT_MS,
      // The bench ends the browsers itself; Playwright's own signal handlers would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.pid = Number((await readFile(pidFile, 'utf8')).trim());
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.setDefaultTimeout(STEP_MS);
    this.page.on('pageerror', (error) => this.errors.push(String(error)));
  }

  /** SIGKILL to the browser's own process (as a crash or a pulled plug), then to whatever of it is left. */
  async kill() {
    this.alive = false;
    const { pid, context } = this;
    this.context = null;
    this.page = null;
    if (!pid) return;
    const closed = context ? new Promise((done) => context.once('close', done)) : Promise.resolve();
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await withTimeout(closed, 10_000, 'The killed browser going away').catch(() => {});
    try {
      // Playwright starts the browser in a process group of its own: its renderers and utility processes.
      process.kill(-pid, 'SIGKILL');
    } catch {
      // None left.
    }
    this.pid = null;
  }

  /** Closes the browser normally (the end of the bench). */
  async close() {
    this.alive = false;
    await withTimeout(this.context?.close() ?? Promise.resolve(), 10_000, 'Closing a browser').catch(() => {});
    if (this.pid) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
    this.context = null;
    this.page = null;
  }

  // ---- the app, as a person uses it ----------------------------------------

  /** Opens the incident from its address and waits until it can be worked on. */
  async openIncident(incidentId) {
    const page = this.page;
    await page.goto(`${this.origin}/#/incident/${incidentId}`, { timeout: OPEN_TIMEOUT_MS });
    try {
      await this.waitIncidentReady(OPEN_TIMEOUT_MS);
    } catch (error) {
      // What the page showed instead tells a slow machine from an app that never opened the incident.
      const shown = await page
        .evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 200))
        .catch(() => '(the page did not answer)');
      // On the first line, which is the one the bench's log keeps.
      error.message = error.message.replace(/\n|$/, ` — the page showed: ${JSON.stringify(shown)}\n`);
      throw error;
    }
    this.alive = true;
    this.paused = await this.pausedShown();
  }

  async waitIncidentReady(timeout = OPEN_TIMEOUT_MS) {
    const page = this.page;
    await page.locator('.incident-view h1').waitFor({ timeout });
    await page.locator('.sync').waitFor({ timeout });
    // A name lost with a crash (issue 13, point 6) is asked for again before anything can be logged.
    const prompt = page.getByLabel('Your name, so the timeline records who logged what');
    const entry = page.getByLabel('Log a timeline event');
    await withTimeout(
      (async () => {
        for (;;) {
          if (await entry.count()) return;
          // A prompt still holding the name is one being saved (join() just
          // filled it): it goes away by itself, mid-fill if filled again.
          // Short timeouts: a prompt that goes away must not hold the loop.
          const value = (await prompt.count()) ? await prompt.inputValue({ timeout: 1_000 }).catch(() => null) : null;
          const save = page.getByRole('button', { name: 'Save name' });
          if (value === '') {
            this.log(`${this.label}: asked for its name again after a restart`);
            this.namePrompts = (this.namePrompts ?? 0) + 1;
            await prompt.fill(this.name, { timeout: 2_000 }).catch(() => {});
            await save.click({ timeout: 2_000 }).catch(() => {});
          } else if (value !== null && (await save.isEnabled({ timeout: 1_000 }).catch(() => false))) {
            await save.click({ timeout: 2_000 }).catch(() => {});
          }
          await sleep(100);
        }
      })(),
      timeout,
      `${this.label}: the incident becoming editable`,
    );
  }

  /** Declares an incident from the keyboard (the first machine). */
  async declare(synopsis) {
    const page = this.page;
    await page.goto(this.origin, { timeout: OPEN_TIMEOUT_MS });
    await page.getByRole('button', { name: /Declare/ }).first().waitFor();
    await page.keyboard.press('Control+Shift+D');
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.waitFor();
    await page.keyboard.type(synopsis);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(this.name);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await this.waitIncidentReady();
    const id = /#\/incident\/([^/?]+)/.exec(page.url())?.[1];
    if (!id) throw new Error(`Declaring did not open the incident (${page.url()})`);
    this.alive = true;
    return id;
  }

  async showTab(key, name) {
    const page = this.page;
    await page.keyboard.press(`Alt+${key}`);
    await page.locator(`[role="tab"][aria-selected="true"]`, { hasText: name }).waitFor();
    // Single keys act only with focus out of a text field.
    const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
    if (typing) await page.keyboard.press('Escape');
    if (await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''))) {
      await page.evaluate(() => document.activeElement?.blur());
    }
  }

  /** c, the name, Enter: a responder waits in staging. */
  async checkIn(name) {
    const page = this.page;
    await this.showTab('O', 'Org chart');
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Check in a responder' });
    await dialog.waitFor();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
  }

  /** o then t on the Plan tab: an objective and one task owned by `owner`. */
  async addTask(objective, task, owner) {
    const page = this.page;
    await this.showTab('P', 'Plan');
    await page.keyboard.press('o');
    const o = page.getByRole('dialog', { name: 'Add an objective' });
    await o.waitFor();
    await page.keyboard.type(objective);
    await page.keyboard.press('Enter');
    await o.waitFor({ state: 'hidden' });
    await page.keyboard.press('t');
    const t = page.getByRole('dialog', { name: 'Assign a task' });
    await t.waitFor();
    await page.keyboard.type(task);
    await t.getByLabel('Owner').focus();
    await page.keyboard.type(owner);
    await page.keyboard.press('Enter');
    await t.waitFor({ state: 'hidden' });
  }

  async openShareDialog() {
    const page = this.page;
    const local = page.getByRole('button', { name: 'Share this incident with other responders' });
    if (await local.count()) await local.click();
    else await page.locator('.sync').click();
    const dialog = page.getByRole('dialog', { name: /^Share / });
    await dialog.waitFor();
    return dialog;
  }

  /** Shares the incident through these signaling servers and returns the invite code. */
  async share(signaling) {
    let dialog = await this.openShareDialog();
    await dialog.getByLabel('Signaling addresses (one per line)').fill(signaling.join('\n'));
    await dialog.getByRole('button', { name: 'Use these addresses' }).click();
    const code = dialog.getByLabel('Invite code');
    for (let tries = 0; ; tries++) {
      const value = (await code.count()) ? await code.inputValue() : '';
      // The invite lists the servers once the new addresses are saved.
      if (value.startsWith('cp1.') && signaling.every((url) => decodeInvite(value).s?.includes(url))) break;
      // Bounded, with room for a machine still busy starting four browsers.
      if (tries > 300) throw new Error('The invite never listed the signaling servers');
      await sleep(100);
    }
    const invite = await code.inputValue();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    return invite;
  }

  async join(invite) {
    const page = this.page;
    await page.goto(`${this.origin}/#/join/${invite}`, { timeout: OPEN_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Join incident' }).click();
    await page.getByLabel('Your name, so the timeline records who logged what').fill(this.name, { timeout: OPEN_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Save name' }).click({ timeout: OPEN_TIMEOUT_MS });
    await this.waitIncidentReady();
    this.alive = true;
  }

  /**
   * "Pause sync" or "Resume sync" in the share dialog, unless the dialog's
   * button says it is so already (a reopen may have resumed it).
   */
  async setPaused(paused) {
    const dialog = await this.openShareDialog();
    const toggle = dialog.getByRole('button', { name: /^(Pause|Resume) sync$/ });
    if ((await toggle.innerText()) === (paused ? 'Pause sync' : 'Resume sync')) await toggle.click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    this.paused = paused;
  }

  /** Back to the incident list and in again, without reloading the page. */
  async reopen(incidentName) {
    const page = this.page;
    await page.getByRole('link', { name: 'Back to incidents' }).click();
    const link = page.locator('a[href^="#/incident/"]').filter({ hasText: incidentName }).first();
    await link.click();
    await this.waitIncidentReady();
    // Whether a pause outlives closing the incident is the app's to decide (it did not before issue 13; it does since): read it.
    this.paused = await this.pausedShown();
  }

  /** Whether the header says sync is paused. */
  async pausedShown() {
    return (await this.page.locator('.sync').getAttribute('data-status')) === 'paused';
  }

  /** A note through the quick-entry line, as the Scribe types it. */
  async note(text) {
    const page = this.page;
    const entry = page.getByLabel('Log a timeline event');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Log a timeline event');
    if (!focused) {
      const typing = await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''));
      if (typing) await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('/');
    }
    await entry.waitFor();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    for (let tries = 0; (await entry.inputValue()) !== ''; tries++) {
      if (tries > 50) throw new Error(`${this.label}: the note was not logged`);
      await sleep(100);
    }
  }

  /** Types `text` at the very start of the status document's summary (where everyone else types too). */
  async typeStatus(text) {
    const page = this.page;
    await this.showTab('S', 'Status');
    const field = page.getByRole('region', { name: 'Status document' }).getByRole('textbox', { name: 'Summary', exact: true });
    await field.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(text, { delay: 15 });
    await page.evaluate(() => document.activeElement?.blur());
  }

  /** r on the task: its owner changes to `owner`. */
  async reassignTask(task, owner) {
    const page = this.page;
    await this.showTab('P', 'Plan');
    const row = page.locator('li.task').filter({ has: page.locator('.task-text', { hasText: task }) });
    await row.locator('.task-main').click();
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: /^Reassign / });
    await dialog.waitFor();
    await page.keyboard.type(owner);
    await page.keyboard.press('Enter');
    await this.#closeOrFail(dialog, 'reassigning the task');
  }

  /**
   * Hands Incident Commander to `to` (or, if they hold a role by now, to
   * whoever waits first in staging) and acknowledges it as them, at this
   * keyboard: h on the person offers the role with the drafted briefing,
   * Enter sends it, h again goes on to the acknowledgement. A handover
   * already waiting (offered on another machine) is acknowledged instead:
   * that is a conflicting edit too.
   */
  async handOverCommand(to) {
    const page = this.page;
    await this.showTab('O', 'Org chart');
    const ic = page.locator('.role-card').filter({ has: page.locator('.role-title', { hasText: /^Incident Commander$/ }) });
    const ack = page.getByRole('dialog', { name: /taking over as Incident Commander$/ });
    const waiting = ic.getByRole('button', { name: 'Acknowledge…' });
    if (await waiting.count()) {
      await waiting.click();
      await ack.waitFor();
      try {
        return await this.#takeOver(ack);
      } catch (error) {
        if (!/refused|no longer waiting/.test(error.message)) throw error;
      }
      await page.locator('dialog[open]').waitFor({ state: 'hidden' });
    }
    // A handover offered by someone who has lost command since (a concurrent one won) waits for ever: cancelled, as its card offers.
    const stale = ic.getByRole('button', { name: /^Cancel the handover to / });
    if (await stale.count()) {
      await stale.click();
      await stale.waitFor({ state: 'hidden' });
    }
    const staging = page.locator('.group-staging [data-org-item^="person:"]');
    const named = staging.filter({ hasText: to });
    const person = (await named.count()) ? named.first() : staging.first();
    if (!(await person.count())) throw new Error('nobody waits in staging');
    await person.click();
    await page.keyboard.press('h');
    const offer = page.getByRole('dialog', { name: 'Hand over Incident Commander' });
    await offer.waitFor();
    await page.keyboard.press('Enter');
    await this.#closeOrFail(offer, 'offering the handover');
    await page.keyboard.press('h');
    await ack.waitFor();
    await this.#takeOver(ack);
  }

  /** "I have the briefing — take over" in the acknowledgement, then the announcement's Done. */
  async #takeOver(ack) {
    const page = this.page;
    const take = ack.getByRole('button', { name: /take over/ });
    if (!(await take.count())) {
      await page.keyboard.press('Escape');
      throw new Error('the handover was no longer waiting');
    }
    await take.click();
    // Taken over (the announcement to read out), or refused with the reason (a concurrent handover got there first).
    const announce = page.getByRole('dialog', { name: 'Announce the new Incident Commander' });
    for (let tries = 0; ; tries++) {
      if (await announce.count()) {
        await announce.getByRole('button', { name: 'Done' }).click();
        break;
      }
      if (!(await ack.count())) break;
      const alert = ack.getByRole('alert');
      if (await alert.count()) {
        const reason = (await alert.innerText()).trim();
        await page.keyboard.press('Escape');
        throw new Error(`taking over refused: ${reason}`);
      }
      if (tries > 50) throw new Error('taking over: neither the announcement nor a reason');
      await sleep(100);
    }
    await page.locator('dialog[open]').waitFor({ state: 'hidden' });
  }

  /** A dialog that closes on success or shows why it refused (then it is closed, and this throws the reason). */
  async #closeOrFail(dialog, what) {
    const alert = dialog.getByRole('alert');
    for (let tries = 0; ; tries++) {
      if (!(await dialog.count())) return;
      if (await alert.count()) {
        const reason = (await alert.innerText()).trim();
        await this.page.keyboard.press('Escape');
        if (reason) throw new Error(`${what} refused: ${reason}`);
      }
      if (tries > 50) {
        await this.page.keyboard.press('Escape');
        throw new Error(`${what}: the dialog did not close`);
      }
      await sleep(100);
    }
  }

  /** Closes whatever dialog an interrupted action left open, and takes focus out of text fields. */
  async tidy() {
    const page = this.page;
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()); i++) {
      await page.keyboard.press('Escape');
      await sleep(50);
    }
    await page.evaluate(() => document.activeElement?.blur());
  }

  // ---- reading what it shows --------------------------------------------------

  /** What the sync indicator in the header says (cheap: one evaluate, no tab switch). */
  readSync() {
    return this.page.evaluate(() => {
      const el = document.querySelector('.sync');
      if (!el) return null;
      const label = el.getAttribute('aria-label') ?? '';
      const connected = /Connected: (.*)\. Open sharing$/.exec(label)?.[1] ?? '';
      return {
        status: el.getAttribute('data-status'),
        peers: Number(el.getAttribute('data-peers') ?? 0),
        digest: el.getAttribute('data-digest'),
        proof: el.getAttribute('data-proof'),
        label,
        connected: connected ? connected.split(', ') : [],
      };
    });
  }

  /**
   * What a person sees of the response: the IC and the status summary (on
   * the Status tab) and the number of timeline entries (the Timeline tab's
   * count), with the header's sync state. Switches tabs: only between edits.
   */
  async readShown() {
    const page = this.page;
    await page.keyboard.press('Alt+S');
    await page.locator('.status-roles').waitFor();
    const status = await page.evaluate(() => {
      const ic = [...document.querySelectorAll('.status-roles li')].find((li) => li.querySelector('.muted')?.textContent === 'Incident Commander');
      const summary = document.querySelector('.status-fields textarea');
      return { ic: ic ? ic.textContent.replace(/^Incident Commander\s*/, '').trim() : null, summary: summary ? summary.value : null };
    });
    await page.keyboard.press('Alt+T');
    const log = page.locator('[role="log"][aria-label^="Timeline"]');
    await log.waitFor();
    const entries = Number(/Timeline, ([\d,]+) events/.exec((await log.getAttribute('aria-label')) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    return { ...status, entries, sync: await this.readSync() };
  }
}

/** The invite's JSON (cp1.<base64url>), for checking which servers it lists. */
export function decodeInvite(code) {
  try {
    return JSON.parse(Buffer.from(code.slice(4), 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}
