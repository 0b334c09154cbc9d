/**
 * Seeds a catalog of many incidents (?incidents=, default 12, each of
 * ?events= timeline events, default 40) into the app's IndexedDB through the
 * real commands and persistence: active and ended ones, every severity and
 * phase, postmortems owned, due, overdue, in review and closed, open action
 * items, a drill now and then, declared over the past weeks. What the
 * incident list's screenshots and the search benchmark open.
 */
import Dexie from 'dexie';
import { openDatabase, DB_NAME } from '../../src/renderer/incidents/db';
import { IncidentPersistence } from '../../src/renderer/incidents/persistence';
import { changeSeverity, createIncidentDoc, declareEnd, projectionOf, setStatusPhase, type CommandContext } from '../../src/shared/incident';
import { addActionItem, assignPostmortemOwner, setPostmortemStatus, startPostmortem } from '../../src/shared/incident/postmortem-commands';
import { PHONETIC_ALPHABET } from '../../src/shared/ics/codename';
import { SEVERITIES } from '../../src/shared/ics/severity';
import { STATUS_PHASES } from '../../src/shared/incident/status-schema';
import { utcYmd } from '../../src/shared/ics/business-days';
import { SearchDocsWriter } from '../../src/renderer/incidents/search-docs-writer';
import { longIncidentWriter } from './long-incident';
import { fail, finish } from './protocol';

const DAY = 86_400_000;
const SYNOPSES = [
  'Checkout failing for EU customers',
  'Primary database refusing writes',
  'Login latency above 5 s for most users',
  'Search results stale since the nightly reindex',
  'Payments gateway timing out for card payments',
  'Mobile app crashes on launch after the release',
  'Status emails not delivered',
];
const OWNERS = ['Ravi Patel', 'Mei Chen', 'Tomasz Nowak', 'Aisha Bello'];

async function seed(incidents: number, events: number): Promise<void> {
  const started = performance.now();
  await Dexie.delete(DB_NAME);
  const db = openDatabase();
  const ids: string[] = [];
  let total = 0;
  for (let i = 0; i < incidents; i++) {
    const round = Math.floor(i / PHONETIC_ALPHABET.length);
    const name = `26-${PHONETIC_ALPHABET[i % PHONETIC_ALPHABET.length]}${round ? `-${round + 1}` : ''}`;
    // The first few are running now; the rest ended over the past weeks, a day or two apart.
    const running = i < 3;
    const endsAt = running ? Date.now() : Date.now() - (i - 2) * 1.7 * DAY;
    const writer = longIncidentWriter(1_000 + i, { name, severity: 'SEV-2', synopsis: SYNOPSES[i % SYNOPSES.length]!, drill: i % 9 === 8, endsAt });
    const id = writer.uuid();
    const doc = createIncidentDoc(id);
    const persistence = new IncidentPersistence(db, doc, { now: writer.now });
    await persistence.load();
    // Its search documents, written as the app writes them while an incident is open.
    const search = new SearchDocsWriter(db, projectionOf(doc));
    await writer.write(doc, events, () => persistence.flushed());
    const ctx: CommandContext = { actor: OWNERS[i % OWNERS.length]!, now: writer.now, newId: writer.uuid };
    const severity = SEVERITIES[i % 4]!;
    if (projectionOf(doc).snapshot.header?.severity !== severity) changeSeverity(doc, { to: severity, reason: 'reassessed' }, ctx);
    const phase = STATUS_PHASES[running ? i % 4 : 4]!;
    if (phase !== 'investigating') setStatusPhase(doc, phase, ctx);
    if (!running) {
      declareEnd(doc, { summary: 'Service back to normal' }, ctx);
      if (i % 5 !== 4) {
        // Due two to seven days after the end: the older ones overdue unless finished, the newest not yet.
        const due = utcYmd(endsAt + (2 + (i % 6)) * DAY);
        assignPostmortemOwner(doc, { owner: OWNERS[(i + 1) % OWNERS.length]!, dueDate: due }, ctx);
      }
      if (i % 4 !== 3) {
        startPostmortem(doc, { layout: 'pagerduty', drafts: {} }, ctx);
        const status = (['draft', 'in-review', 'reviewed', 'closed'] as const)[i % 4]!;
        if (status !== 'draft') setPostmortemStatus(doc, status, ctx);
        for (let n = 0; n < i % 3; n++) addActionItem(doc, { text: `Add an alert on ${SYNOPSES[(i + n) % SYNOPSES.length]!.toLowerCase()}`, owner: OWNERS[n]!, dueDate: null }, ctx);
      }
    }
    await persistence.flushed();
    if (persistence.saveState.status === 'failed') throw new Error(persistence.saveState.message);
    await search.stop();
    persistence.destroy();
    doc.destroy();
    ids.push(id);
    total += events;
  }
  db.close();
  localStorage.setItem('command-post:identity', 'Bench Reader');
  finish({ incidentIds: ids, events: total, seedMs: Math.round(performance.now() - started) });
}

const params = new URLSearchParams(location.search);
seed(Number(params.get('incidents') ?? 12), Number(params.get('events') ?? 40)).catch(fail);
