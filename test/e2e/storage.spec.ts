import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { declareByKeyboard, logByKeyboard, timeline, waitSaved } from './helpers';

/**
 * Damages one stored record of an incident in IndexedDB, as a disk error or
 * a crashed write would: flips bytes in the middle of its update without
 * touching its checksum. `which` picks the record by position (seq order).
 */
async function damageRecord(page: Page, incidentId: string, which: 'first' | 'middle' | 'last'): Promise<number> {
  return page.evaluate(
    async ({ incidentId, which }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('command-post');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const all = await new Promise<Array<{ seq: number; incidentId: string; bytes: Uint8Array }>>((resolve) => {
        const request = store.getAll();
        request.onsuccess = () => resolve(request.result);
      });
      const mine = all.filter((r) => r.incidentId === incidentId).sort((a, b) => a.seq - b.seq);
      const index = which === 'first' ? 0 : which === 'last' ? mine.length - 1 : Math.floor(mine.length / 2);
      const record = mine[index]!;
      const bytes = new Uint8Array(record.bytes);
      for (let i = Math.floor(bytes.length / 3); i < Math.min(bytes.length, Math.floor(bytes.length / 3) + 8); i++) bytes[i] = bytes[i]! ^ 0xa5;
      store.put({ ...record, bytes });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return mine.length;
    },
    { incidentId, which },
  );
}

async function declareWithEvents(page: Page, synopsis: string, events: string[]): Promise<{ id: string; name: string }> {
  await page.goto('/#/');
  const name = await declareByKeyboard(page, { synopsis });
  for (const line of events) {
    await logByKeyboard(page, line);
    await waitSaved(page);
  }
  const id = new URL(page.url()).hash.replace('#/incident/', '');
  return { id, name };
}

for (const which of ['first', 'middle'] as const) test(`a damaged stored update (the ${which} record) is reported, and nothing else is lost`, async ({ page }) => {
  await page.goto('/');
  const a = await declareWithEvents(page, 'Payments API returning 502', ['first note', 'd: second, a decision', 'a: third, an action', 'fourth note']);
  const b = await declareWithEvents(page, 'Search index lagging', ['b one', 'b two']);
  await page.goto('/#/');

  const records = await damageRecord(page, a.id, which);
  expect(records).toBeGreaterThan(1);
  await page.reload();

  // Reported at start-up, before the incident is opened, and marked in the list.
  await expect(page.getByRole('alert').filter({ hasText: 'damaged' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^${a.name}`) }) })).toContainText('Damaged data');

  // The other incident is whole.
  await page.getByRole('link', { name: new RegExp(`^${b.name}`) }).click();
  await expect(timeline(page).locator('li.event')).toHaveCount(3);

  // The damaged incident: the problem is explained, and every event is still there.
  await page.goto(`/#/incident/${a.id}`);
  await expect(page.getByRole('alert').filter({ hasText: `${a.name}: a damaged copy` })).toContainText('nothing is missing');
  await expect(timeline(page).locator('li.event')).toHaveCount(5);
  for (const text of ['first note', 'second, a decision', 'third, an action', 'fourth note']) {
    await expect(timeline(page)).toContainText(text);
  }
  // It keeps working: a new event is logged and saved.
  await logByKeyboard(page, 'logged after the repair');
  await waitSaved(page);
  await page.reload();
  await expect(timeline(page).locator('li.event')).toHaveCount(6);
});

test('when the newest stored update is damaged, the user is told what may be missing', async ({ page }) => {
  await page.goto('/');
  const a = await declareWithEvents(page, 'VPN concentrator flapping', ['one', 'two', 'three']);
  const b = await declareWithEvents(page, 'Other incident', ['untouched']);
  await page.goto('/#/');
  await damageRecord(page, a.id, 'last');
  // A fresh start on the incident. (Changing the hash first would open it in
  // this page, which may set the damaged update aside and say so before the
  // reload, which then has nothing left to tell.)
  await page.goto('about:blank');
  await page.goto(`/#/incident/${a.id}`);
  await expect(page.getByRole('alert').filter({ hasText: 'may be missing' })).toBeVisible();
  // Everything before the damaged update is there.
  await expect(timeline(page)).toContainText('two');
  await expect(page.getByRole('heading', { level: 1, name: a.name })).toBeVisible();
  await page.goto(`/#/incident/${b.id}`);
  await expect(timeline(page)).toContainText('untouched');
});

test('a long incident is compacted as it grows, off the main thread, and reopens whole', async ({ page }) => {
  // Sixty long entries (each saved with the growing delta and a first view of the newest forty) take
  // 30-60 s on a loaded 2-core machine: more than the default minute leaves room for.
  test.slow();
  await page.goto('/');
  const { id } = await declareWithEvents(page, 'Replication lag on the primary', []);
  const entry = page.getByLabel('Log a timeline event');
  // Long entries outgrow the stored delta (256 KB) within a few dozen: a compaction must happen.
  const long = 'replica lag checked on every shard, pooler restarted, error rate sampled again; '.repeat(60).slice(0, 4_900);
  for (let i = 0; i < 60; i++) {
    await entry.fill(`${i} ${long}`);
    await entry.press('Enter');
    await expect(entry).toHaveValue('');
  }
  await waitSaved(page);
  const compactions = await page.evaluate(() => performance.getEntriesByName('incident-compacted').map((m) => (m as PerformanceMark).detail as { encodedIn: string }));
  expect(compactions.length).toBeGreaterThan(0);
  expect(compactions.every((c) => c.encodedIn === 'worker')).toBe(true);
  await page.goto('about:blank');
  await page.goto(`/#/incident/${id}`);
  await expect(timeline(page)).toHaveAttribute('aria-label', /Timeline, 61 events/);
  await expect(timeline(page)).toContainText(`59 ${long.slice(0, 40)}`);
});
