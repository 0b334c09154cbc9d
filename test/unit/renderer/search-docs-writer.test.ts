import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/renderer/incidents/db';
import { importIncidentText } from '../../../src/renderer/incidents/exchange';
import { IncidentSessions } from '../../../src/renderer/incidents/sessions';
import { searchChannelName, type SearchChange } from '../../../src/renderer/incidents/search-docs-writer';
import { createIncidentDoc, declareIncident, encodeIncidentFile, logEvent } from '../../../src/shared/incident';
import { SEARCH_DOCS_VERSION } from '../../../src/shared/report/search-docs';
import { MINUTE, T0, testContext } from '../harness/context';

async function storedIncident(name: string) {
  const db = openDatabase(name);
  const sessions = new IncidentSessions(db);
  const doc = createIncidentDoc('inc-search');
  const ctx = testContext('Dana Scully', T0, 'inc-search');
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, ctx);
  for (let i = 0; i < 20; i++) logEvent(doc, { kind: 'note', text: `Pool at ${i * 5}%` }, ctx);
  await importIncidentText(sessions, encodeIncidentFile(doc, { exportedAt: T0 + 10 * MINUTE, exportedBy: 'Dana Scully' }));
  return { db, sessions, ctx };
}

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('the search documents kept beside each incident', () => {
  it('are written whole when the incident is first stored, then one per entry logged, each change announced', async () => {
    const { db, sessions, ctx } = await storedIncident('command-post-search-writer');
    // The incident, the declaration and 20 notes.
    expect(await db.searchDocs.where('incidentId').equals('inc-search').count()).toBe(22);
    expect(await db.searchState.get('inc-search')).toMatchObject({ version: SEARCH_DOCS_VERSION });

    const heard: SearchChange[] = [];
    const channel = new BroadcastChannel(searchChannelName(db.name));
    channel.onmessage = (event: MessageEvent<SearchChange>) => heard.push(event.data);
    const handle = sessions.acquire('inc-search');
    const session = await handle.ready;
    await session.search.ready;
    const entry = logEvent(session.doc, { kind: 'decision', text: 'Fail over to the standby' }, ctx);
    await until(() => heard.length > 0);
    expect(await db.searchDocs.get(`inc-search/entry/${entry.id}`)).toMatchObject({ text: 'Fail over to the standby', label: 'Decision' });
    expect(heard).toEqual([{ incidentId: 'inc-search', put: [`inc-search/entry/${entry.id}`], removed: [], all: false }]);
    handle.release();
    channel.close();
    db.close();
  });

  it('are written whole again when they do not add up to the incident (a crash between an entry and its document)', async () => {
    const { db } = await storedIncident('command-post-search-writer-2');
    const lost = (await db.searchDocs.where('incidentId').equals('inc-search').toArray()).find((d) => d.text === 'Pool at 35%')!;
    await db.searchDocs.delete(lost.id);
    // Opened again after a restart.
    const handle = new IncidentSessions(db).acquire('inc-search');
    await (await handle.ready).search.ready;
    expect(await db.searchDocs.get(lost.id)).toMatchObject({ text: 'Pool at 35%' });
    handle.release();
    db.close();
  });
});
