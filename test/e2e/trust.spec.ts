import CRC32 from 'crc-32';
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE, declareByKeyboard, join, logByKeyboard, machines, separateBrowsers, setPaused, shareOpenIncident, timeline, waitSaved } from './helpers';

/**
 * Who may write, between three separate browsers meeting through the real
 * signaling server: a responder, an observer whose software is made to
 * write anyway (its stored copy altered, as modified software would), and
 * a member removed while away, who writes on. Every machine refuses what
 * neither may write, and the people there are told.
 */
const machine = separateBrowsers();

/** Reads the invite for one role from the Share dialog. */
async function inviteAs(page: Page, role: 'Responder' | 'Observer'): Promise<string> {
  await page.locator('.sync').click();
  const dialog = page.getByRole('dialog', { name: /^Share / });
  await dialog.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
  const code = dialog.getByLabel('Invite code');
  await expect(code).toHaveValue(/^cp1\./);
  const invite = await code.inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  return invite;
}

function notices(page: Page) {
  return page.locator('.notices');
}

/**
 * Adds a change to this browser's stored copy of the incident, as software
 * that ignores the rules would: an entry nobody signed, and new status text.
 */
async function tamperStoredCopy(page: Page, incidentId: string): Promise<void> {
  const forged = new Y.Doc();
  forged.getArray('timeline').push([{ id: 'forged-stand-down', kind: 'decision', at: Date.now(), loggedAt: Date.now(), author: 'Ada (IC)', text: 'IC decided: stand down all responders' }]);
  forged.getText('status:summary').insert(0, 'All clear. ');
  const bytes = Array.from(Y.encodeStateAsUpdate(forged));
  const crc = CRC32.buf(Uint8Array.from(bytes)) >>> 0;
  await page.evaluate(
    ({ incidentId, bytes, crc }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('command-post');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readwrite');
          tx.objectStore('records').add({ incidentId, kind: 'delta', bytes: new Uint8Array(bytes), crc, savedAt: Date.now() });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { incidentId, bytes, crc },
  );
}

test('an observer reads and cannot write; a removed member’s writes are refused by every machine', async () => {
  test.setTimeout(180_000);
  const [a, b, c] = await machines(machine, 3);
  await a.goto(BASE);
  const name = await declareByKeyboard(a, { synopsis: 'Primary database down; VPN down too', who: 'Ada (IC)' });
  const incidentId = new URL(a.url()).hash.replace('#/incident/', '');
  await logByKeyboard(a, 'd: Fail over to the replica');
  await waitSaved(a);
  await shareOpenIncident(a);
  const responderInvite = await inviteAs(a, 'Responder');
  const observerInvite = await inviteAs(a, 'Observer');

  await join(b, responderInvite, 'Bo (Scribe)');
  await expect(timeline(b)).toContainText('Fail over to the replica', { timeout: 30_000 });
  await expect(b.getByRole('button', { name: /^You are a responder/ })).toBeVisible({ timeout: 20_000 });
  await logByKeyboard(b, 'a: Restarting the connection pooler');
  await expect(timeline(a)).toContainText('Restarting the connection pooler', { timeout: 20_000 });

  // The observer: every view, no control that writes, and listed as admitted by the IC.
  await join(c, observerInvite, 'Pat (Exec)');
  await expect(c.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(timeline(c)).toContainText('Restarting the connection pooler', { timeout: 30_000 });
  await expect(c.getByRole('button', { name: /^You are an observer/ })).toBeVisible({ timeout: 30_000 });
  await expect(c.getByText('You are an observer: you see the incident as it happens, and cannot write to it.')).toBeVisible();
  await expect(c.getByRole('textbox', { name: 'Log a timeline event' })).toHaveCount(0);
  await expect(c.getByRole('button', { name: 'Declare end…' })).toHaveCount(0);
  await expect(timeline(c).getByRole('button', { name: /^Key event/ })).toHaveCount(0);
  await expect(c.getByRole('combobox', { name: 'Severity' })).toBeDisabled();
  // Nor on any other tab: what the others wrote reads as text, and no key offers to write.
  const panel = c.getByRole('tabpanel');
  await c.keyboard.press('Alt+O');
  await expect(panel.getByText('Rotate people after 90 min', { exact: true })).toBeVisible();
  await expect(panel.getByRole('spinbutton')).toHaveCount(0);
  await c.keyboard.press('Alt+P');
  await expect(panel.getByText('No objectives yet.', { exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Add objective/ })).toHaveCount(0);
  await c.keyboard.press('Alt+S');
  await expect(panel.getByRole('button', { name: 'Observer view' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Compose update…' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'CAN report…' })).toHaveCount(0);
  await expect(panel.locator('.key-hints')).not.toContainText('compose an update');
  await c.locator('body').press('u');
  await expect(c.getByRole('dialog')).toHaveCount(0);
  await expect(panel.getByRole('textbox', { name: 'Summary' })).toHaveAttribute('readonly', '');
  await expect(panel.getByRole('group', { name: 'Phase' })).toHaveCount(0);
  await expect(panel.getByText('Not known', { exact: true })).toBeVisible();
  await c.keyboard.press('Alt+R');
  await expect(panel.getByText('The postmortem draft has not been started.')).toBeVisible();
  await expect(panel.getByRole('combobox')).toHaveCount(0);
  await expect(panel.getByRole('radio')).toHaveCount(0);
  await expect(panel.getByText('Nobody yet.', { exact: true })).toBeVisible();
  await c.keyboard.press('Alt+T');
  await a.getByRole('button', { name: /3 members: show who/ }).click({ timeout: 30_000 });
  const members = a.getByRole('dialog', { name: `Members of ${name}` }).getByRole('list', { name: 'Members' });
  await expect(members.getByRole('listitem').filter({ hasText: 'Pat (Exec)' })).toContainText('Observer');
  await expect(members.getByRole('listitem').filter({ hasText: 'Pat (Exec)' })).toContainText('Admitted by Ada (IC)');
  await expect(members.getByRole('listitem').filter({ hasText: 'Bo (Scribe)' })).toContainText('Responder');
  await a.keyboard.press('Escape');

  // The observer invite was seen by someone else: closed, it admits nobody more; Pat stays.
  await a.locator('.sync').click();
  const share = a.getByRole('dialog', { name: /^Share / });
  await share.getByRole('radio', { name: /^Observer/ }).check();
  await expect(share.getByLabel('Invite code')).toHaveValue(observerInvite);
  await share.getByRole('button', { name: 'Close this invite' }).click();
  await expect(share.getByLabel('Invite code')).not.toHaveValue(observerInvite);
  await share.getByRole('button', { name: 'Done' }).click();
  await expect(notices(a).getByText(/The observer invite is closed/)).toBeVisible();

  // The observer's software writes anyway: its own copy holds the change, and shows it refused.
  await tamperStoredCopy(c, incidentId);
  await c.reload();
  await expect(c.getByText('1 entry was refused: it changes nothing. Show why')).toBeVisible({ timeout: 30_000 });
  // Both others drop what it sends, and say so once.
  for (const page of [a, b]) {
    await expect(notices(page).getByText(/A change from an observer \(Pat \(Exec\)\) was refused/)).toBeVisible({ timeout: 30_000 });
    await expect(timeline(page)).not.toContainText('stand down');
  }
  await a.keyboard.press('Alt+S');
  await expect(a.getByRole('textbox', { name: 'Summary' })).not.toHaveValue(/All clear/);

  // Bo goes offline; meanwhile the IC removes him. He writes on, then comes back.
  await setPaused(b, true);
  await a.getByRole('button', { name: /members: show who/ }).click();
  const dialog = a.getByRole('dialog', { name: `Members of ${name}` });
  await dialog.getByRole('button', { name: /^Remove Bo \(Scribe\)/ }).click();
  await expect(dialog.getByRole('button', { name: 'Remove Bo (Scribe)', exact: true })).toBeFocused();
  await a.keyboard.press('Enter');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Bo (Scribe)' })).toContainText('Removed by Ada (IC)');
  await a.keyboard.press('Escape');
  await b.keyboard.press('Alt+T');
  await logByKeyboard(b, 'd: Bo decided: restore from last night’s backup');
  await setPaused(b, false);
  await expect(notices(a).getByText(/A change from a removed member \(Bo \(Scribe\)\) was refused/)).toBeVisible({ timeout: 30_000 });
  await expect(b.getByText(/You were removed from this incident by Ada \(IC\)/)).toBeVisible({ timeout: 30_000 });
  await a.keyboard.press('Alt+T');
  for (const page of [a, c]) await expect(timeline(page)).not.toContainText('restore from last night’s backup');
  // What Bo wrote before he was removed stands everywhere.
  for (const page of [a, b, c]) await expect(timeline(page)).toContainText('Restarting the connection pooler');
});
