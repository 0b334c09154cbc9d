/**
 * A long incident written through the real commands: the declaration, then
 * N-1 timeline events (notes, actions, decisions, status changes, impact
 * notes, follow-ups, a few severity changes), in batches of 500 per
 * transaction, as a Scribe's hours of logging would leave it.
 *
 * The texts, kinds, authors and ids come from a seeded generator, and time
 * comes from an injected clock that walks through ~10 hours ending now, so
 * every run writes the same kind of incident. Used by the open-incident
 * bench (seed.ts, which also stores it) and the sync bench (sync.ts, which
 * holds it in memory and serves it to a joining peer).
 */
import type * as Y from 'yjs';
import {
  LOCAL_ORIGIN,
  LOGGABLE_KINDS,
  changeSeverity,
  declareIncident,
  logEvent,
  type CommandContext,
  type LoggableKind,
} from '../../src/shared/incident';
import type { Severity } from '../../src/shared/ics/severity';

export const BATCH = 500;
const SPAN_MS = 10 * 3_600_000;
export const INCIDENT_NAME = 'Checkout API outage EU-West';

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

const KIND_WEIGHTS: ReadonlyArray<[LoggableKind, number]> = [
  ['note', 45],
  ['action', 22],
  ['decision', 10],
  ['status', 10],
  ['impact', 7],
  ['followup', 6],
];

export interface LongIncidentWriter {
  /** A v4-shaped UUID from the seeded generator (the incident id is the first one drawn). */
  uuid(): string;
  /** The incident's own clock: where the writing has got to in its ~10 hours. */
  now(): number;
  /**
   * Declares the incident in doc and logs events until its timeline holds
   * `events` entries; awaits afterBatch(logged) after the declaration and
   * after every batch (to let storage commit, or the page breathe). The
   * next batch holds BATCH events, or as many as afterBatch resolves with
   * (a seed that places the last compaction, seed.ts).
   */
  write(doc: Y.Doc, events: number, afterBatch: (logged: number) => Promise<unknown>): Promise<void>;
}

/** What the incident is declared as; the same long incident by default. */
export interface LongIncidentHeader {
  readonly name: string;
  readonly severity: Severity;
  readonly synopsis: string;
  readonly drill?: boolean;
  /** When its ~10 hours end; now by default. */
  readonly endsAt?: number;
}

const LONG_INCIDENT: LongIncidentHeader = { name: INCIDENT_NAME, severity: 'SEV-2', synopsis: 'Checkout failing for many customers in EU-West; cause unknown.' };

export function longIncidentWriter(seed = 20_000, header: LongIncidentHeader = LONG_INCIDENT): LongIncidentWriter {
  const random = rng(seed);
  const start = (header.endsAt ?? Date.now()) - SPAN_MS;
  let clock = start;

  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => random.int(16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + random.int(4)).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };

  const fill = (template: string): string =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
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

  /** An event text of 40 to 160 characters. */
  const eventText = (kind: LoggableKind): string => {
    let text = fill(random.pick(TEMPLATES[kind]));
    while (text.length < 40) text += fill(random.pick(CLAUSES));
    if (random.next() < 0.35) text += fill(random.pick(CLAUSES));
    if (text.length > 160) text = text.slice(0, 160).replace(/\s+\S*$/, '');
    return text;
  };

  const eventKind = (): LoggableKind => {
    let roll = random.int(100);
    for (const [kind, weight] of KIND_WEIGHTS) {
      if (roll < weight) return kind;
      roll -= weight;
    }
    return LOGGABLE_KINDS[0];
  };

  const write = async (doc: Y.Doc, events: number, afterBatch: (logged: number) => Promise<unknown>): Promise<void> => {
    const step = SPAN_MS / events;
    const ctx: CommandContext = { actor: 'Dana', now: () => clock, newId: uuid };

    declareIncident(doc, { name: header.name, severity: header.severity, synopsis: header.synopsis, drill: header.drill ?? false }, ctx);
    let logged = 1;
    const nextBatch = async (): Promise<number> => {
      const asked = await afterBatch(logged);
      return typeof asked === 'number' && asked > 0 ? asked : BATCH;
    };
    let batch = await nextBatch();

    // Severity changes at a few points, as a real long incident has them.
    const escalations = new Map<number, Severity>([
      [Math.floor(events * 0.1), 'SEV-1'],
      [Math.floor(events * 0.6), 'SEV-2'],
      [Math.floor(events * 0.9), 'SEV-3'],
    ]);
    while (logged < events) {
      // A transaction ends with each severity change: the next one's check reads the projection, which a
      // transaction brings up to date only when it ends (at 20,000 events they fall on batch ends anyway).
      const batchEnd = Math.min(events, logged + batch, ...[...escalations.keys()].filter((at) => at >= logged).map((at) => at + 1));
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
      batch = await nextBatch();
    }
  };

  return { uuid, now: () => clock, write };
}
