import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CRC32 from 'crc-32';
import * as Y from 'yjs';
import type { Browser, Page } from '@playwright/test';
import { expect, keepStorage, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

/**
 * Sneakernet: two browser contexts have separate storage, so they are two
 * machines with no network between them. Incidents move only as exported
 * files, through the same download and file input a person would use.
 */

interface IncidentFile {
  name: string;
  text: string;
}

/** A "machine": a fresh context with its own IndexedDB, and a person signed in. */
async function machine(browser: Browser, who: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    acceptDownloads: true,
  });
  await keepStorage(context);
  await context.addInitScript((name) => {
    if (!localStorage.getItem('command-post:identity')) localStorage.setItem('command-post:identity', name);
    // Any Content-Security-Policy violation (say, by the download link) is recorded for the test.
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  }, who);
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

/**
 * CSP violations other than zod's probe for `new Function` (it checks once
 * whether it may compile parsers, is refused by script-src, and falls back),
 * which has nothing to do with files.
 */
async function cspViolations(page: Page): Promise<string[]> {
  const all = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  return all.filter((violation) => !violation.startsWith('script-src eval'));
}

/** Exports the open incident with the header's button and reads the downloaded file. */
async function exportOpenIncident(page: Page): Promise<IncidentFile> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export incident file' }).click();
  return saved(await download);
}

/** Exports the open incident with an invitation in it, from the command palette: whoever opens it may write. */
async function exportForResponder(page: Page): Promise<IncidentFile> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+K');
  await page.keyboard.type('for another responder');
  await expect(page.getByRole('dialog', { name: 'Find an action' }).getByRole('option').first()).toHaveAccessibleName(/for another responder/);
  await page.keyboard.press('Enter');
  return saved(await download);
}

async function saved(file: import('@playwright/test').Download): Promise<IncidentFile> {
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Imports a file through the incident list's file input. */
async function importFile(page: Page, file: IncidentFile): Promise<void> {
  if (!(await page.getByRole('heading', { level: 1, name: 'Incidents' }).isVisible())) await page.goto('/#/');
  await expect(page.getByRole('button', { name: 'Import incident file…' })).toBeEnabled();
  await page.getByLabel('Incident file to import').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
}

function notice(page: Page, text: string | RegExp) {
  return page.locator('.notices').getByText(text);
}

function listEntries(page: Page) {
  return page.getByRole('region', { name: 'Incidents' }).getByRole('link', { name: /, SEV-\d, (active|ended)/ });
}

async function openIncident(page: Page, name: string): Promise<void> {
  await page.goto('/#/');
  await page.getByRole('link', { name: new RegExp(`^${name},`) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('an incident moves between two machines as a file, and copies merge both ways', { tag: '@quick' }, async ({ browser }) => {
  const a = await machine(browser, 'Dana Scully');
  const b = await machine(browser, 'Fox Mulder');

  // Machine A declares and logs.
  const name = await declareByKeyboard(a, { synopsis: 'Core switch down in DC1; no LAN between the war rooms' });
  const incidentId = new URL(a.url()).hash.replace('#/incident/', '');
  await logByKeyboard(a, 'Paged the network on-call');
  await logByKeyboard(a, 'd: Run the incident from two rooms, sync by USB stick');
  await logByKeyboard(a, 'a: Carry the console cable to DC1');
  await expect(timeline(a).locator('li.event')).toHaveCount(4);
  await waitSaved(a);

  // Exported for another responder: the file carries an invitation, so B may write.
  const first = await exportForResponder(a);
  expect(first.name).toMatch(new RegExp(`^${name}_\\d{4}-\\d\\d-\\d\\d_\\d{4}\\.cpinc$`));
  const envelope = JSON.parse(first.text) as Record<string, unknown>;
  expect(envelope).toMatchObject({ format: 'command-post-incident', version: 1, incidentId, name, exportedBy: 'Dana Scully' });
  expect(envelope).toHaveProperty('admission');
  await expect(notice(a, `Exported ${name} (4 entries) as ${first.name} to your downloads. Whoever opens it can write to the incident`)).toBeVisible();

  // Machine B imports it: a new incident with every event, and B signed in as a responder.
  await importFile(b, first);
  await expect(notice(b, `Imported ${name} (new, 4 entries). You are signed in as a responder.`)).toBeVisible();
  await expect(listEntries(b)).toHaveCount(1);
  await openIncident(b, name);
  await expect(timeline(b).locator('li.event')).toHaveCount(4);
  await expect(timeline(b).locator('li.kind-decision')).toContainText('Run the incident from two rooms');
  await expect(b.locator('.incident-header .synopsis')).toHaveText('Core switch down in DC1; no LAN between the war rooms');

  // Both machines go on logging, each something different.
  await logByKeyboard(b, 's: DC1 core switch back on the spare supervisor');
  await waitSaved(b);
  await logByKeyboard(a, 'i: VoIP down in building 2');
  await waitSaved(a);

  // B's copy goes to A: A gets B's event, and still has one incident.
  const fromB = await exportOpenIncident(b);
  await importFile(a, fromB);
  await expect(notice(a, `Merged ${name}: 1 new entry.`)).toBeVisible();
  await expect(listEntries(a)).toHaveCount(1);
  await openIncident(a, name);
  await expect(timeline(a).locator('li.event')).toHaveCount(6);
  await expect(timeline(a).locator('li.kind-status')).toContainText('spare supervisor');
  await expect(timeline(a).locator('li.kind-impact')).toContainText('VoIP down');

  // And A's copy back to B.
  const fromA = await exportOpenIncident(a);
  await importFile(b, fromA);
  await expect(notice(b, `Merged ${name}: 1 new entry.`)).toBeVisible();
  await expect(listEntries(b)).toHaveCount(1);

  // The same file again changes nothing.
  await importFile(b, fromA);
  await expect(notice(b, `${name} is already up to date: the file holds nothing new.`)).toBeVisible();
  await expect(listEntries(b)).toHaveCount(1);

  // What B has survives a restart, and matches A event for event. B reopens from what it verified before (its checkpoint).
  await expect.poll(() => checkpointEntries(b, incidentId)).toBe(6);
  await b.reload();
  await openIncident(b, name);
  await expect(timeline(b).locator('li.event')).toHaveCount(6);
  const texts = (page: Page) => timeline(page).locator('li.event .text').allInnerTexts();
  expect(await texts(b)).toEqual(await texts(a));
  // What B writes now continues its chain from there: B's copy checks out with plain Node below.
  await logByKeyboard(b, 'Spare supervisor holding; RMA opened');
  await waitSaved(b);
  const reopened = await exportOpenIncident(b);

  // The download needed no change to the Content-Security-Policy.
  expect(await cspViolations(a)).toEqual([]);
  expect(await cspViolations(b)).toEqual([]);

  // The file checks out with plain Node, no app; one entry changed in it is named.
  const dir = await mkdtemp(join(tmpdir(), 'cp-verify-'));
  const good = await verify(join(dir, 'good.cpinc'), fromA.text);
  expect(good.code).toBe(0);
  expect(good.out).toMatch(/^All 6 entries verified\. Record fingerprint: [A-Z0-9X]{4}(-[A-Z0-9X]{4}){3}$/m);
  expect(good.out).toMatch(/^verified {4}.* Status change {2}Fox Mulder \[.{4}-.{4}\]: DC1 core switch back on the spare supervisor$/m);
  const afterReopening = await verify(join(dir, 'reopened.cpinc'), reopened.text);
  expect(afterReopening.code).toBe(0);
  expect(afterReopening.out).toMatch(/^All 7 entries verified\./m);
  const bad = await verify(join(dir, 'changed.cpinc'), withEntryChanged(fromA.text, 'VoIP down in building 2', 'VoIP down in building 3'));
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(/^UNVERIFIED .*VoIP down in building 3 {2}\(entry .+: it was changed after it was signed, or its signature is forged\)$/m);
});

/** How many entries the checkpoint this browser keeps for the incident counts (0 when it has none). */
async function checkpointEntries(page: Page, incidentId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('command-post');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('verified').objectStore('verified').get(id);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { entries?: number } | undefined)?.entries ?? 0);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    incidentId,
  );
}

/** Runs the verifier the README gives (npm run verify: the built out/signal/verify.js) on this text. */
async function verify(path: string, text: string): Promise<{ code: number; out: string }> {
  await writeFile(path, text);
  return new Promise((resolve) => {
    execFile('node', ['out/signal/verify.js', path], (error, stdout) => resolve({ code: error ? Number(error.code) : 0, out: stdout }));
  });
}

/** An incident file with one entry's text changed and its checksum made to match, as someone editing it would. */
function withEntryChanged(text: string, from: string, to: string): string {
  const envelope = JSON.parse(text) as { incidentId: string; update: string; crc32: number };
  const original = new Y.Doc({ guid: envelope.incidentId });
  Y.applyUpdate(original, Buffer.from(envelope.update, 'base64'));
  const copy = new Y.Doc({ guid: envelope.incidentId });
  copy.transact(() => {
    for (const [key, value] of original.getMap('meta').entries()) copy.getMap('meta').set(key, value);
    copy.getArray('members').push(original.getArray('members').toArray());
    copy.getArray('seals').push(original.getArray('seals').toArray());
    copy.getArray('timeline').push(original.getArray<{ text: string }>('timeline').toArray().map((e) => (e.text === from ? { ...e, text: to } : e)));
  });
  const update = Y.encodeStateAsUpdate(copy);
  return JSON.stringify({ ...envelope, update: Buffer.from(update).toString('base64'), crc32: CRC32.buf(update) >>> 0 });
}

test('a malformed file and a file from a newer version are refused with a clear message, changing nothing', async ({ browser }) => {
  const a = await machine(browser, 'Dana Scully');
  const name = await declareByKeyboard(a, { synopsis: 'Printer queue stuck' });
  await logByKeyboard(a, 'Restarted the spooler');
  await waitSaved(a);
  const good = await exportOpenIncident(a);
  await a.goto('/#/');
  await expect(listEntries(a)).toHaveCount(1);
  // The entry's running clock ticks on while the files are refused, so it is left out of the comparison.
  const listing = async () => (await listEntries(a).allInnerTexts()).map((text) => text.replace(/\d+:\d\d:\d\d/g, '<elapsed>'));
  const listBefore = await listing();

  await importFile(a, { name: 'broken.cpinc', text: good.text.slice(0, good.text.length / 2) });
  await expect(a.getByRole('alert').filter({ hasText: 'Could not import broken.cpinc: This is not a Command Post incident file: it is not JSON text.' })).toBeVisible();

  await importFile(a, { name: 'future.cpinc', text: good.text.replace('"version": 1', '"version": 2') });
  await expect(a.getByRole('alert').filter({ hasText: 'Could not import future.cpinc: This incident file was written by a newer version of Command Post' })).toBeVisible();

  await importFile(a, { name: 'notes.json', text: JSON.stringify({ hello: 'world' }) });
  await expect(a.getByRole('alert').filter({ hasText: 'Could not import notes.json: This is not a Command Post incident file' })).toBeVisible();

  await expect(listEntries(a)).toHaveCount(1);
  expect(await listing()).toEqual(listBefore);
  await openIncident(a, name);
  await expect(timeline(a).locator('li.event')).toHaveCount(2);

  // A fresh machine refuses them too and stays empty.
  const b = await machine(browser, 'Fox Mulder');
  await importFile(b, { name: 'future.cpinc', text: good.text.replace('"version": 1', '"version": 2') });
  await expect(b.getByRole('alert').filter({ hasText: 'newer version of Command Post' })).toBeVisible();
  await expect(b.getByText('No incidents on this machine yet.')).toBeVisible();
});

test('import and export are reachable from the keyboard', async ({ browser }) => {
  const a = await machine(browser, 'Dana Scully');
  await declareByKeyboard(a, { synopsis: 'Keyboard only' });
  const exportButton = a.getByRole('button', { name: 'Export incident file' });
  await exportButton.focus();
  const download = a.waitForEvent('download');
  await a.keyboard.press('Enter');
  const exported = await download;
  expect(exported.suggestedFilename()).toMatch(/\.cpinc$/);

  await a.goto('/#/');
  const importButton = a.getByRole('button', { name: 'Import incident file…' });
  await importButton.focus();
  const chooser = a.waitForEvent('filechooser');
  await a.keyboard.press('Enter');
  expect((await chooser).isMultiple()).toBe(true);

  // The command palette imports too: it asks for the file, and the import says what it did.
  await a.keyboard.press('Control+K');
  await a.keyboard.type('import');
  const palettePicks = a.waitForEvent('filechooser');
  await a.keyboard.press('Enter');
  await (await palettePicks).setFiles(await exported.path());
  await expect(notice(a, /is already up to date: the file holds nothing new\./)).toBeVisible();
});
