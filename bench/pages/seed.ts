/**
 * Seeds one incident of N timeline events (?events=, default 20,000) into
 * the app's IndexedDB through the real commands and the real persistence,
 * so the stored records are exactly what the app itself writes: generations
 * of snapshots and cumulative deltas, compacted as they grow.
 *
 * The texts, kinds, authors and ids come from a seeded generator, and time
 * comes from an injected clock that walks through ~10 hours ending now, so
 * every run stores the same kind of incident. Events are logged in batches
 * of 500 per transaction, each batch awaited until it has committed.
 */
import Dexie from 'dexie';
import { openDatabase, DB_NAME } from '../../src/renderer/incidents/db';
import { IncidentPersistence } from '../../src/renderer/incidents/persistence';
import {
  LOCAL_ORIGIN,
  LOGGABLE_KINDS,
  changeSeverity,
  createIncidentDoc,
  declareIncident,
  logEvent,
  projectionOf,
  type CommandContext,
  type LoggableKind,
} from '../../src/shared/incident';
import type { Severity } from '../../src/shared/ics/severity';
import { fail, finish } from './protocol';

const BATCH = 500;
const SPAN_MS = 10 * 3_600_000;
const INCIDENT_NAME = 'Checkout API outage EU-West';

/** mulberry32: a small seeded PRNG. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const random = rng(20_000);

/** A v4-shaped UUID from the seeded generator. */
function uuid(): string {
  const hex = Array.from({ length: 32 }, () => random.int(16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(4)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const SERVICES = ['checkout-api', 'payments-gateway', 'cart-service', 'auth-proxy', 'inventory-sync', 'edge-lb', 'orders-db', 'search-indexer'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1'];
const PEOPLE = ['Dana', 'Ravi', 'Mei', 'Tomasz', 'Aisha', 'Lukas', 'Sofia'];
const TEMPLATES: Record<LoggableKind, readonly string[]> = {
  note: [
    'Error rate on {svc} in {region} is at {pct}% over the last {min} minutes',
    'p99 latency for {svc} climbed to {ms} ms; p50 unchanged at {ms2} ms',
    '{person} reports customers in {region} seeing timeouts on checkout',
    'Dashboards show connection pool saturation on {svc}, {n} of {n2} connections busy',
    'Vendor status page still green; support ticket {ticket} opened with them',
  ],
  decision: [
    'Decided to fail over {svc} from {region} to {region2} rather than wait for the vendor',
    'Hold all deploys to {svc} until the incident is closed; {person} owns the freeze',
    'Roll back {svc} to the previous release; the config change is the likeliest cause',
    'Keep the feature flag for new pricing off in {region} until error rate is below {pct}%',
  ],
  action: [
    '{person} restarting {svc} pods in {region}, {n} of {n2} done',
    '{person} raised the connection limit of {svc} from {n} to {n2}',
    'Drained {svc} node {n} in {region} and moved traffic to the remaining nodes',
    '{person} paged the on-call DBA for {svc}; acknowledged after {min} minutes',
  ],
  status: [
    'Status page updated: investigating elevated errors at checkout in {region}',
    'Customer update sent: degraded performance for {svc}, next update in {min} minutes',
    'Internal update posted to #incident-{n}: mitigation in progress on {svc}',
  ],
  followup: [
    'Follow-up: add an alert on {svc} connection pool usage above {pct}%',
    'Follow-up: write a runbook for failing over {svc} between {region} and {region2}',
    'Follow-up: {person} to review why the canary for {svc} did not catch this',
  ],
  impact: [
    'About {n} checkouts failed in {region} between the last two updates',
    'Roughly {pct}% of sessions in {region} affected; revenue impact being estimated by {person}',
    '{n} support tickets mention {svc} errors so far',
  ],
};
const CLAUSES = [
  ' (confirmed by {person})',
  '; watching for another {min} minutes',
  ', see ticket {ticket}',
  '; graphs attached in the channel',
  ' after the last change at {region}',
];

function fill(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'svc':
        return random.pick(SERVICES);
      case 'region':
      case 'region2':
        return random.pick(REGIONS);
      case 'person':
        return random.pick(PEOPLE);
      case 'pct':
        return String(1 + random.int(60));
      case 'min':
        return String(2 + random.int(40));
      case 'ms':
      case 'ms2':
        return String(40 + random.int(4000));
      case 'ticket':
        return `INC-${10_000 + random.int(90_000)}`;
      default:
        return String(2 + random.int(500));
    }
  });
}

/** An event text of 40 to 160 characters. */
function eventText(kind: LoggableKind): string {
  let text = fill(random.pick(TEMPLATES[kind]));
  while (text.length < 40) text += fill(random.pick(CLAUSES));
  if (random.next() < 0.35) text += fill(random.pick(CLAUSES));
  if (text.length > 160) text = text.slice(0, 160).replace(/\s+\S*$/, '');
  return text;
}

const KIND_WEIGHTS: ReadonlyArray<[LoggableKind, number]> = [
  ['note', 45],
  ['action', 22],
  ['decision', 10],
  ['status', 10],
  ['impact', 7],
  ['followup', 6],
];
function eventKind(): LoggableKind {
  let roll = random.int(100);
  for (const [kind, weight] of KIND_WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return LOGGABLE_KINDS[0];
}

async function seed(events: number): Promise<void> {
  const started = performance.now();
  await Dexie.delete(DB_NAME);
  const db = openDatabase();
  const incidentId = uuid();
  const doc = createIncidentDoc(incidentId);
  const start = Date.now() - SPAN_MS;
  let clock = start;
  const step = SPAN_MS / events;
  const ctx: CommandContext = { actor: 'Dana', now: () => clock, newId: uuid };
  const persistence = new IncidentPersistence(db, doc, { now: () => clock });
  await persistence.load();
  const settle = async () => {
    await persistence.flushed();
    const state = persistence.saveState;
    if (state.status === 'failed') throw new Error(state.message);
  };

  declareIncident(doc, { name: INCIDENT_NAME, severity: 'SEV-2', synopsis: 'Checkout failing for many customers in EU-West; cause unknown.' }, ctx);
  await settle();

  // Severity changes at a few points, as a real long incident has them.
  const escalations = new Map<number, Severity>([
    [Math.floor(events * 0.1), 'SEV-1'],
    [Math.floor(events * 0.6), 'SEV-2'],
    [Math.floor(events * 0.9), 'SEV-3'],
  ]);
  let logged = 1;
  while (logged < events) {
    const batchEnd = Math.min(events, logged + BATCH);
    doc.transact(() => {
      for (; logged < batchEnd; logged++) {
        clock += step * (0.5 + random.next());
        const ctxFor: CommandContext = { ...ctx, actor: random.pick(PEOPLE) };
        const escalation = escalations.get(logged);
        if (escalation) {
          changeSeverity(doc, { to: escalation, reason: `reassessed by ${ctxFor.actor}` }, ctxFor);
          continue;
        }
        const kind = eventKind();
        // One event in twenty is backdated by up to ten minutes, as a Scribe catching up does.
        const backdate = random.next() < 0.05 ? Math.floor(random.next() * 600_000) : 0;
        const at = Math.max(start + 1, Math.round(clock) - backdate);
        logEvent(doc, { kind, text: eventText(kind), at: backdate ? at : undefined }, ctxFor);
      }
    }, LOCAL_ORIGIN);
    await settle();
  }

  const rows = await db.records.where('incidentId').equals(incidentId).sortBy('seq');
  const recordKinds: Record<string, number> = {};
  for (const row of rows) recordKinds[row.kind] = (recordKinds[row.kind] ?? 0) + 1;
  const timeline = projectionOf(doc).snapshot.timeline.length;
  persistence.destroy();
  doc.destroy();
  db.close();
  // The app page is opened signed in, as a responder would have it.
  localStorage.setItem('command-post:identity', 'Bench Reader');
  finish({
    incidentId,
    name: INCIDENT_NAME,
    events: timeline,
    records: rows.length,
    recordKinds,
    recordSizes: rows.map((row) => ({ seq: row.seq ?? -1, kind: row.kind, bytes: row.bytes.byteLength })),
    storedBytes: rows.reduce((sum, row) => sum + row.bytes.byteLength, 0),
    seedMs: Math.round(performance.now() - started),
  });
}

const events = Number(new URLSearchParams(location.search).get('events') ?? 20_000);
seed(events).catch(fail);
