/**
 * A seeded convergence harness: N replicas of one incident, each with its own
 * Y.Doc and its own (skewed) clock, joined by a simulated network that queues
 * updates per link and delivers them in random order, loses or delays them
 * when a link is cut, delivers some twice, and on reconnect exchanges the
 * missing state through state vectors. Replicas act only through the real
 * commands; a refused command (CommandError) is a normal outcome.
 *
 * runScenario(seed) is deterministic: the same seed replays the same run
 * (Yjs client ids are drawn from the seed too).
 */
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { SEVERITIES, isSeverity } from '../../../src/shared/ics/severity';
import {
  CommandError,
  LOGGABLE_KINDS,
  MAX_EVENT_TEXT,
  MAX_FUTURE_MS,
  changeSeverity,
  renameIncident,
  compareEvents,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  logEvent,
  IC_ROLE_ID,
  acceptHandover,
  addRole,
  assignRole,
  checkIn,
  moveRole,
  offerHandover,
  releaseResponder,
  removeRole,
  vacateRole,
  addObjective,
  assignTask,
  reassignTask,
  acknowledgeTask,
  extendTask,
  setTaskStatus,
  editEntry,
  strikeEntry,
  setKeyEntry,
  isAmendable,
  editStatusText,
  sendUpdate,
  setStatusPhase,
  STATUS_PHASES,
  type StatusTextField,
  type OrgEvent,
  type PlanEvent,
  projectIncident,
  projectionOf,
  type CommandContext,
  type IncidentSnapshot,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { Rng } from './random';
import type { RoleDefinitionInput } from '../../../src/shared/ics/roles';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 2, 14, 9, 30);

export interface ScenarioOptions {
  /** Replica count range (inclusive). */
  minReplicas?: number;
  maxReplicas?: number;
  /** Operation count range (inclusive). */
  minOps?: number;
  maxOps?: number;
  /** Each replica's clock is off by up to this much, either way. */
  maxSkewMs?: number;
  /** For testing the harness itself: skip the final heal and delivery. */
  skipFinalSync?: boolean;
}

export interface ScenarioStats {
  replicas: number;
  operations: number;
  accepted: number;
  refused: number;
  refusedAfterEnd: number;
  refusedUndeclared: number;
  backdated: number;
  severityChanges: number;
  endedEvents: number;
  declarations: number;
  cuts: number;
  heals: number;
  delivered: number;
  duplicates: number;
  lost: number;
  /** Deliveries that arrived before what they build on (Yjs held them pending). */
  outOfOrder: number;
  /** Org chart changes accepted by a replica's command. */
  orgChanges: number;
  /** Org changes that lost a concurrent race and were refused by the fold (marked in the timeline). */
  orgRefusedByFold: number;
  /** IC handovers accepted (the IC changed hands). */
  icHandovers: number;
  /** Task reassignments made on two replicas at once. */
  concurrentReassignments: number;
  /** Edits, strikes and key marks accepted. */
  amendments: number;
  /** One entry edited or struck on two replicas at once, both accepted. */
  concurrentEdits: number;
  /** Edits to the status document's text accepted, and those typed on two replicas at once. */
  statusEdits: number;
  concurrentStatusEdits: number;
  /** Phase changes accepted, and those made on two replicas at once. */
  phaseChanges: number;
  concurrentPhaseChanges: number;
  /** Renames accepted by a replica's command, those made on two replicas at once, and those the fold refused (the IC had changed). */
  renames: number;
  concurrentRenames: number;
  renamesRefusedByFold: number;
}

export interface ScenarioResult {
  readonly seed: number;
  readonly violations: string[];
  readonly stats: ScenarioStats;
  readonly snapshot: IncidentSnapshot | null;
}

interface Message {
  readonly update: Uint8Array;
  readonly duplicate: boolean;
}

interface Link {
  up: boolean;
  queue: Message[];
}

interface RemoteOrigin {
  readonly from: number;
}

class Replica {
  private counter = 0;
  readonly doc: Y.Doc;

  constructor(
    readonly index: number,
    incidentId: string,
    clientId: number,
    readonly skewMs: number,
    private readonly clock: { time: number },
  ) {
    this.doc = createIncidentDoc(incidentId);
    this.doc.clientID = clientId;
    projectionOf(this.doc); // the live projection follows every change, as in the app
  }

  get name(): string {
    return `replica ${this.index}`;
  }

  context(actor = `Responder ${this.index}`): CommandContext {
    return {
      actor,
      now: () => this.clock.time + this.skewMs,
      newId: () => `r${this.index}-${++this.counter}`,
    };
  }

  now(): number {
    return this.clock.time + this.skewMs;
  }
}

class Network {
  private readonly links = new Map<string, Link>();

  constructor(
    private readonly replicas: Replica[],
    private readonly rng: Rng,
    private readonly stats: ScenarioStats,
  ) {
    for (const a of replicas) for (const b of replicas) if (a !== b) this.links.set(key(a.index, b.index), { up: true, queue: [] });
    for (const replica of replicas) {
      // Gossip: every change a replica integrates, local or relayed, goes to every
      // other replica it is linked to, except back to the sender.
      replica.doc.on('update', (update: Uint8Array, origin: unknown) => {
        const from = (origin as RemoteOrigin | null)?.from;
        for (const other of replicas) {
          if (other === replica || other.index === from) continue;
          this.post(replica.index, other.index, update);
        }
      });
    }
  }

  private link(from: number, to: number): Link {
    return this.links.get(key(from, to))!;
  }

  private post(from: number, to: number, update: Uint8Array, duplicate = false): void {
    const link = this.link(from, to);
    if (link.up) link.queue.push({ update, duplicate });
  }

  isUp(a: number, b: number): boolean {
    return this.link(a, b).up;
  }

  pending(): number {
    let n = 0;
    for (const link of this.links.values()) if (link.up) n += link.queue.length;
    return n;
  }

  /** Delivers one queued message on a random live link, picked at random from its queue. */
  deliverOne(): boolean {
    const live = [...this.links.entries()].filter(([, l]) => l.up && l.queue.length > 0);
    if (live.length === 0) return false;
    const [k, link] = this.rng.pick(live);
    const [from, to] = k.split('>').map(Number) as [number, number];
    const message = this.rng.take(link.queue);
    // Some messages arrive twice.
    if (!message.duplicate && this.rng.chance(0.08)) {
      link.queue.push({ update: message.update, duplicate: true });
      this.stats.duplicates++;
    }
    const doc = this.replicas[to]!.doc;
    Y.applyUpdate(doc, message.update, { from } satisfies RemoteOrigin);
    if (doc.store.pendingStructs) this.stats.outOfOrder++;
    this.stats.delivered++;
    return true;
  }

  /** Cuts both directions between a and b; in-flight messages are lost or held until the heal. */
  cut(a: number, b: number): void {
    for (const link of [this.link(a, b), this.link(b, a)]) {
      if (!link.up) continue;
      link.up = false;
      if (this.rng.chance(0.5)) {
        this.stats.lost += link.queue.length;
        link.queue = [];
      }
    }
    this.stats.cuts++;
  }

  /** Reconnects a and b; each sends the other what it lacks, by state vector. */
  heal(a: number, b: number): void {
    const ab = this.link(a, b);
    const ba = this.link(b, a);
    if (ab.up && ba.up) return;
    ab.up = true;
    ba.up = true;
    const da = this.replicas[a]!.doc;
    const db = this.replicas[b]!.doc;
    this.post(a, b, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)));
    this.post(b, a, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)));
    this.stats.heals++;
  }

  cutPairs(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    for (const a of this.replicas) for (const b of this.replicas) if (a.index < b.index && !this.isUp(a.index, b.index)) pairs.push([a.index, b.index]);
    return pairs;
  }
}

const key = (from: number, to: number) => `${from}>${to}`;

const WORDS = ['db', 'primary', 'failover', 'latency', 'rollback', 'paged', 'customers', 'errors', 'cache', 'deploy', 'EU', 'p99'];

function randomText(rng: Rng): string {
  const words: string[] = [];
  for (let n = rng.between(1, 8); n > 0; n--) words.push(rng.pick(WORDS));
  return words.join(' ');
}

/** Runs one seeded scenario and returns every broken expectation it found. */
export function runScenario(seed: number, options: ScenarioOptions = {}): ScenarioResult {
  const rng = new Rng(seed);
  const violations: string[] = [];
  const stats: ScenarioStats = {
    replicas: rng.between(options.minReplicas ?? 3, options.maxReplicas ?? 5),
    operations: rng.between(options.minOps ?? 10, options.maxOps ?? 40),
    accepted: 0,
    refused: 0,
    refusedAfterEnd: 0,
    refusedUndeclared: 0,
    backdated: 0,
    severityChanges: 0,
    endedEvents: 0,
    declarations: 0,
    cuts: 0,
    heals: 0,
    delivered: 0,
    duplicates: 0,
    lost: 0,
    outOfOrder: 0,
    orgChanges: 0,
    orgRefusedByFold: 0,
    icHandovers: 0,
    concurrentReassignments: 0,
    amendments: 0,
    concurrentEdits: 0,
    statusEdits: 0,
    concurrentStatusEdits: 0,
    phaseChanges: 0,
    concurrentPhaseChanges: 0,
    renames: 0,
    concurrentRenames: 0,
    renamesRefusedByFold: 0,
  };
  const maxSkew = options.maxSkewMs ?? 3 * MINUTE;
  const clock = { time: START };
  const incidentId = `incident-${seed}`;
  const usedClientIds = new Set<number>();
  const replicas: Replica[] = [];
  for (let i = 0; i < stats.replicas; i++) {
    let clientId: number;
    do clientId = 1 + rng.int(0x3fffffff);
    while (usedClientIds.has(clientId));
    usedClientIds.add(clientId);
    replicas.push(new Replica(i, incidentId, clientId, rng.between(-maxSkew, maxSkew), clock));
  }
  const network = new Network(replicas, rng, stats);
  /** Every event a command wrote, on whichever replica. */
  const logged = new Map<string, TimelineEvent>();

  const attempt = (replica: Replica, what: string, command: () => TimelineEvent, check?: (s: IncidentSnapshot) => string | null) => {
    try {
      const event = command();
      logged.set(event.id, event);
      stats.accepted++;
      // What a responder just did shows on their own screen at once.
      const snapshot = projectionOf(replica.doc).snapshot;
      if (!snapshot.timeline.some((e) => e.id === event.id)) violations.push(`${replica.name}: ${what} ${event.id} is not in its own timeline`);
      const problem = check?.(snapshot);
      if (problem) violations.push(`${replica.name}: after ${what} ${event.id}: ${problem}`);
      return event;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      stats.refused++;
      if (/has ended/.test(error.message)) stats.refusedAfterEnd++;
      if (/No incident has been declared/.test(error.message)) stats.refusedUndeclared++;
      return null;
    }
  };

  const declare = (replica: Replica) =>
    attempt(replica, 'declare', () =>
      declareIncident(replica.doc, { name: `26-Seed${seed}`, severity: rng.pick(SEVERITIES), synopsis: randomText(rng), drill: rng.chance(0.2) }, replica.context()),
    );

  const end = (replica: Replica) =>
    attempt(
      replica,
      'end',
      () => declareEnd(replica.doc, rng.chance(0.5) ? { summary: randomText(rng) } : {}, replica.context()),
      (s) => (s.header?.state === 'ended' ? null : `the incident shows ${s.header?.state ?? 'no header'}, not ended`),
    );

  const log = (replica: Replica) => {
    const now = replica.now();
    const declaredAt = projectionOf(replica.doc).snapshot.header?.declaredAt ?? now;
    let at: number | undefined;
    const roll = rng.next();
    if (roll < 0.55) at = undefined;
    else if (roll < 0.8) at = now - rng.between(1, 180) * MINUTE; // backdated
    else if (roll < 0.85) at = declaredAt - 24 * HOUR - rng.between(1, 600) * MINUTE; // too old: refused
    else if (roll < 0.9) at = now + MAX_FUTURE_MS + rng.between(1, 60) * MINUTE; // future: refused
    else at = now + rng.between(0, MAX_FUTURE_MS); // a little drift: accepted
    const text = rng.chance(0.03) ? 'x'.repeat(MAX_EVENT_TEXT + 1) : randomText(rng);
    const event = attempt(replica, 'log', () => logEvent(replica.doc, { kind: rng.pick(LOGGABLE_KINDS), text, at }, replica.context()));
    if (event && event.at < event.loggedAt) stats.backdated++;
  };

  const escalate = (replica: Replica) => {
    const to = rng.pick(SEVERITIES);
    const event = attempt(
      replica,
      'severity change',
      () => changeSeverity(replica.doc, { to, reason: rng.chance(0.5) ? randomText(rng) : undefined }, replica.context()),
      (s) => (s.header?.severity === to ? null : `the header shows ${s.header?.severity}, not ${to}`),
    );
    if (event) stats.severityChanges++;
  };

  /** The IC renames the incident, or someone logs a rename for the IC as they see the chart (a handover may beat it). */
  const rename = (replica: Replica) => {
    const to = `26-Seed${seed}-${rng.between(2, 9)}`;
    const ctx = rng.chance(0.5) ? { ...replica.context(), onBehalfOf: { role: IC_ROLE_ID } } : replica.context();
    const event = attempt(replica, 'rename', () => renameIncident(replica.doc, { to }, ctx), (s) =>
      s.header?.name === to ? null : `the header shows ${s.header?.name}, not ${to}`,
    );
    if (event) stats.renames++;
    return event !== null;
  };

  const org = (replica: Replica) => projectionOf(replica.doc).snapshot.org;
  const orgChange = (replica: Replica, what: string, command: () => OrgEvent) => {
    const event = attempt(replica, what, command);
    if (event) stats.orgChanges++;
    return event as OrgEvent | null;
  };
  const someone = (replica: Replica, filter: (r: { status: string; isIc: boolean }) => boolean = (r) => r.status !== 'released') => {
    const people = org(replica)?.responders.filter(filter) ?? [];
    return people.length ? rng.pick(people).id : null;
  };
  const someRole = (replica: Replica, withIc = true) => {
    const roles = org(replica)?.roles.filter((r) => withIc || r.id !== IC_ROLE_ID) ?? [];
    return roles.length ? rng.pick(roles).id : null;
  };
  const ROLES: Array<() => RoleDefinitionInput> = [
    () => ({ kind: rng.pick(['deputy', 'scribe', 'tech-lead', 'comms-lead', 'internal-liaison', 'customer-liaison'] as const) }),
    () => ({ kind: 'sme', area: rng.pick(['Database', 'Network', 'Payments', 'Storage', 'DNS']) }),
    () => ({ kind: 'team-lead', team: rng.pick(['Network', 'LAN', 'WAN', 'Database', 'Edge']) }),
    () => ({ kind: 'member' }),
  ];
  const handOverIc = (replica: Replica, toId: string) => {
    const offer = orgChange(replica, 'IC handover offer', () => offerHandover(replica.doc, { roleId: IC_ROLE_ID, toId, briefing: randomText(rng) }, replica.context()));
    if (!offer) return;
    const accepted = orgChange(replica, 'IC handover accept', () =>
      acceptHandover(replica.doc, (offer.org as { handoverId: string }).handoverId, replica.context()),
    );
    if (accepted) stats.icHandovers++;
  };
  const reorganize = (replica: Replica) => {
    const roll = rng.next();
    const ctx = replica.context();
    if (roll < 0.3) {
      orgChange(replica, 'check-in', () => checkIn(replica.doc, { name: `Person ${rng.int(40)}`, skills: randomText(rng) }, ctx));
    } else if (roll < 0.5) {
      const parent = someRole(replica);
      const holder = rng.chance(0.7) ? someone(replica) : null;
      if (parent) orgChange(replica, 'add role', () => addRole(replica.doc, { role: { ...rng.pick(ROLES)(), parentId: parent }, holderId: holder ?? undefined }, ctx));
    } else if (roll < 0.6) {
      const role = someRole(replica, false);
      const holder = someone(replica);
      if (role && holder) orgChange(replica, 'assign', () => assignRole(replica.doc, { roleId: role, responderId: holder }, ctx));
    } else if (roll < 0.72) {
      const role = someRole(replica, false);
      const parent = someRole(replica);
      if (role && parent) orgChange(replica, 'move', () => moveRole(replica.doc, { roleId: role, parentId: parent }, ctx));
    } else if (roll < 0.8) {
      const to = someone(replica, (r) => r.status !== 'released' && !r.isIc);
      if (to) handOverIc(replica, to);
    } else if (roll < 0.88) {
      const who = someone(replica);
      if (who) orgChange(replica, 'release', () => releaseResponder(replica.doc, who, ctx));
    } else if (roll < 0.94) {
      const role = someRole(replica, false);
      if (role) orgChange(replica, 'vacate', () => vacateRole(replica.doc, role, ctx));
    } else {
      const role = someRole(replica, false);
      if (role) orgChange(replica, 'remove role', () => removeRole(replica.doc, role, ctx));
    }
  };

  const planChange = (replica: Replica, what: string, command: () => PlanEvent) => attempt(replica, what, command) as PlanEvent | null;
  const someTask = (replica: Replica) => {
    const tasks = projectionOf(replica.doc).snapshot.plan?.objectives.flatMap((o) => o.tasks) ?? [];
    return tasks.length ? rng.pick(tasks).id : null;
  };
  const someOwner = (replica: Replica) => {
    if (rng.chance(0.3)) {
      const role = someRole(replica);
      return role ? { kind: 'role' as const, roleId: role } : null;
    }
    const person = someone(replica);
    return person ? { kind: 'person' as const, responderId: person } : null;
  };
  const workThePlan = (replica: Replica) => {
    const ctx = replica.context();
    const roll = rng.next();
    const objectives = projectionOf(replica.doc).snapshot.plan?.objectives ?? [];
    if (roll < 0.15 || !objectives.length) {
      planChange(replica, 'objective', () => addObjective(replica.doc, randomText(rng), ctx));
    } else if (roll < 0.45) {
      const owner = someOwner(replica);
      if (owner) {
        const objectiveId = rng.pick(objectives).id;
        planChange(replica, 'task', () => assignTask(replica.doc, { objectiveId, text: randomText(rng), owner, timeboxMinutes: rng.between(1, 30) }, ctx));
      }
    } else {
      const task = someTask(replica);
      if (!task) return;
      const r = rng.next();
      if (r < 0.2) planChange(replica, 'ack', () => acknowledgeTask(replica.doc, task, ctx));
      else if (r < 0.45) planChange(replica, 'extend', () => extendTask(replica.doc, { taskId: task, minutes: rng.between(1, 20) }, ctx));
      else if (r < 0.6) planChange(replica, 'status', () => setTaskStatus(replica.doc, { taskId: task, status: rng.pick(['done', 'blocked', 'dropped'] as const) }, ctx));
      else {
        // Two people reassign the same task at once, on two replicas.
        const other = rng.pick(replicas.filter((x) => x !== replica));
        const [o1, o2] = [someOwner(replica), someOwner(other)];
        const a = o1 && planChange(replica, 'reassign', () => reassignTask(replica.doc, { taskId: task, owner: o1, timeboxMinutes: 5 }, ctx));
        const b = o2 && planChange(other, 'reassign', () => reassignTask(other.doc, { taskId: task, owner: o2, timeboxMinutes: 5 }, other.context()));
        if (a && b) stats.concurrentReassignments++;
      }
    }
  };

  /** A hand-logged entry this replica shows (or, now and then, something that cannot be amended). */
  const someEntry = (replica: Replica) => {
    const timeline = projectionOf(replica.doc).snapshot.timeline;
    const entries = rng.chance(0.85) ? timeline.filter(isAmendable) : timeline.toArray();
    return entries.length ? rng.pick(entries).id : null;
  };
  const amend = (replica: Replica) => {
    const ctx = replica.context();
    const id = someEntry(replica);
    if (!id) return;
    const roll = rng.next();
    let event: TimelineEvent | null;
    if (roll < 0.35) event = attempt(replica, 'edit', () => editEntry(replica.doc, { eventId: id, text: randomText(rng) }, ctx));
    else if (roll < 0.55) event = attempt(replica, 'strike', () => strikeEntry(replica.doc, { eventId: id, reason: rng.chance(0.1) ? ' ' : randomText(rng) }, ctx));
    else if (roll < 0.75) event = attempt(replica, 'key', () => setKeyEntry(replica.doc, { eventId: id, key: rng.chance(0.7) }, ctx));
    else {
      // Two people amend the same entry at once, on two replicas: edit or strike it, each.
      const other = rng.pick(replicas.filter((x) => x !== replica));
      const change = (r: Replica, c: CommandContext) =>
        rng.chance(0.7) ? editEntry(r.doc, { eventId: id, text: randomText(rng) }, c) : strikeEntry(r.doc, { eventId: id, reason: randomText(rng) }, c);
      const a = attempt(replica, 'amend', () => change(replica, ctx));
      const b = attempt(other, 'concurrent amend', () => change(other, other.context()));
      if (a && b) stats.concurrentEdits++;
      event = a ?? b;
    }
    if (event) stats.amendments++;
  };

  /**
   * The status document's text fields, typed into from several replicas: each
   * insertion is a marker no other holds, with filler after it that later
   * edits delete, so every marker typed must end up whole, in its field, on
   * every replica, whatever order the keystrokes arrived in.
   */
  const typed: Array<{ field: StatusTextField; marker: string }> = [];
  const typeStatus = (replica: Replica, field: StatusTextField) => {
    const text = projectionOf(replica.doc).snapshot.status[field].text;
    const filler = text.indexOf('~', rng.int(text.length + 1));
    // Between markers (a later edit that splits one is editing, not losing it): before one, or at the end.
    const gaps = [text.length];
    for (let i = 0; i < text.length; i++) if (text[i] === '<') gaps.push(i);
    const edit =
      filler >= 0 && rng.chance(0.3)
        ? { field, index: filler, remove: 1, insert: '' }
        : { field, index: rng.pick(gaps), remove: 0, insert: `<${replica.index}.${typed.length}>~~` };
    try {
      editStatusText(replica.doc, edit, replica.context());
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      stats.refused++;
      return false;
    }
    stats.statusEdits++;
    if (edit.insert) typed.push({ field, marker: edit.insert.slice(0, -2) });
    const after = projectionOf(replica.doc).snapshot.status[field].text;
    if (edit.insert && !after.includes(edit.insert)) violations.push(`${replica.name}: typed ${edit.insert} into the ${field} and it is not there`);
    return true;
  };
  /** Moves the phase (to one it is not at, mostly: now and then the same, which is refused). */
  const changePhase = (replica: Replica) => {
    const current = projectionOf(replica.doc).snapshot.status.phase;
    const others = STATUS_PHASES.filter((p) => p !== current || rng.chance(0.1));
    const to = rng.pick(others);
    const event = attempt(replica, 'phase change', () => setStatusPhase(replica.doc, to, replica.context()), (s) =>
      s.status.phase === to ? null : `the status document shows ${s.status.phase}, not ${to}`,
    );
    if (event) stats.phaseChanges++;
    return event !== null;
  };
  const writeStatus = (replica: Replica) => {
    const field = rng.pick(['summary', 'impact', 'eta'] as const);
    if (rng.chance(0.25)) {
      // The phase moves; now and then on two replicas at the same moment, before either hears of the other.
      if (rng.chance(0.5)) {
        const other = rng.pick(replicas.filter((r) => r !== replica));
        if (changePhase(replica) && changePhase(other)) stats.concurrentPhaseChanges++;
      } else changePhase(replica);
    } else if (rng.chance(0.4)) {
      // Someone else types into the same field at the same moment, before either hears of the other.
      const other = rng.pick(replicas.filter((r) => r !== replica));
      if (typeStatus(replica, field) && typeStatus(other, field)) stats.concurrentStatusEdits++;
    } else if (rng.chance(0.2)) {
      attempt(replica, 'update', () =>
        sendUpdate(replica.doc, { audience: rng.pick(['internal', 'external'] as const), template: 'update', body: randomText(rng), nextUpdateMinutes: rng.between(5, 60) }, replica.context()),
      );
    } else typeStatus(replica, field);
  };

  try {
    // One replica declares; now and then a second one does too, before hearing of the first.
    declare(replicas[0]!);
    if (rng.chance(0.1)) declare(rng.pick(replicas.slice(1)));

    for (let op = 0; op < stats.operations; op++) {
      clock.time += rng.between(0, 120) * SECOND;
      const replica = rng.pick(replicas);
      const roll = rng.next();
      if (roll < 0.13) log(replica);
      else if (roll < 0.17) amend(replica);
      else if (roll < 0.25) reorganize(replica);
      else if (roll < 0.32) workThePlan(replica);
      else if (roll < 0.34) {
        // Two replicas hand the IC role over at the same moment, to different people.
        const other = rng.pick(replicas.filter((r) => r !== replica));
        const [x, y] = [someone(replica, (r) => r.status !== 'released' && !r.isIc), someone(other, (r) => r.status !== 'released' && !r.isIc)];
        if (x) handOverIc(replica, x);
        if (y) handOverIc(other, y);
      } else if (roll < 0.38) escalate(replica);
      else if (roll < 0.4) {
        // Now and then on two replicas at once, before either hears of the other.
        const other = rng.pick(replicas.filter((r) => r !== replica));
        if (rename(replica) && rng.chance(0.5) && rename(other)) stats.concurrentRenames++;
      }
      else if (roll < 0.415) end(replica);
      else if (roll < 0.43) {
        // Two people end it at the same moment on two replicas.
        const other = rng.pick(replicas.filter((r) => r !== replica));
        end(replica);
        end(other);
      } else if (roll < 0.47) {
        // A late or repeated declaration is refused wherever the first one has arrived.
        declare(replica);
      } else if (roll < 0.52) {
        const other = rng.pick(replicas.filter((r) => r !== replica));
        network.cut(replica.index, other.index);
      } else if (roll < 0.55) {
        // A partition: this replica (and maybe a neighbour) lose every other link.
        const group = new Set([replica.index]);
        if (replicas.length > 3 && rng.chance(0.5)) group.add(rng.pick(replicas).index);
        for (const a of group) for (const b of replicas) if (!group.has(b.index)) network.cut(a, b.index);
      } else if (roll < 0.62) {
        const pairs = network.cutPairs();
        if (pairs.length) network.heal(...rng.pick(pairs));
      } else if (roll < 0.7) {
        writeStatus(replica);
      } else {
        for (let n = rng.between(1, 6); n > 0 && network.deliverOne(); n--);
      }
    }

    if (!options.skipFinalSync) {
      for (const [a, b] of network.cutPairs()) network.heal(a, b);
      let guard = 0;
      while (network.deliverOne()) {
        if (++guard > 100_000) {
          violations.push('the network did not quiesce');
          break;
        }
      }
    }

    violations.push(...checkConvergence(replicas, logged));
    if (!options.skipFinalSync) {
      for (const replica of replicas) {
        const status = projectionOf(replica.doc).snapshot.status;
        for (const { field, marker } of typed) {
          if (!status[field].text.includes(marker)) violations.push(`${replica.name}: the ${field} lost ${marker}: ${JSON.stringify(status[field].text)}`);
        }
      }
    }
  } catch (error) {
    violations.push(`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  const snapshot = replicas[0] ? projectIncident(replicas[0].doc) : null;
  if (snapshot) {
    stats.endedEvents = snapshot.timeline.filter((e) => e.kind === 'ended').length;
    stats.declarations = snapshot.timeline.filter((e) => e.kind === 'declared').length;
    stats.orgRefusedByFold = snapshot.org?.refused.size ?? 0;
    stats.renamesRefusedByFold = snapshot.refusedRenames.size;
  }
  for (const replica of replicas) {
    projectionOf(replica.doc).dispose();
    replica.doc.destroy();
  }
  return { seed, violations, stats, snapshot };
}

function checkConvergence(replicas: Replica[], logged: Map<string, TimelineEvent>): string[] {
  const violations: string[] = [];
  const first = replicas[0]!;
  const vector = Y.encodeStateVector(first.doc);
  const reference = projectIncident(first.doc);
  for (const replica of replicas) {
    const doc = replica.doc;
    if (doc.store.pendingStructs || doc.store.pendingDs) violations.push(`${replica.name}: holds updates it could not integrate`);
    if (replica !== first && !isDeepStrictEqual(Y.encodeStateVector(doc), vector)) {
      violations.push(`${replica.name}: state vector ${describeVector(doc)} differs from ${first.name}'s ${describeVector(first.doc)}`);
    }
    const scratch = projectIncident(doc);
    if (!isDeepStrictEqual(plainSnapshot(projectionOf(doc).snapshot), plainSnapshot(scratch))) violations.push(`${replica.name}: its live projection differs from one built from scratch`);
    if (replica !== first && !isDeepStrictEqual(plainSnapshot(scratch), plainSnapshot(reference))) violations.push(`${replica.name}: its snapshot differs from ${first.name}'s`);
    for (const problem of checkInvariants(scratch, logged)) violations.push(`${replica.name}: ${problem}`);
  }
  return violations;
}

function describeVector(doc: Y.Doc): string {
  return JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]));
}

/** The domain's promises, whatever the network did. */
export function checkInvariants(snapshot: IncidentSnapshot, logged: ReadonlyMap<string, TimelineEvent>): string[] {
  const problems: string[] = [];
  const { header, timeline } = snapshot;
  if (snapshot.malformedEntries !== 0) problems.push(`${snapshot.malformedEntries} malformed entries`);
  for (let i = 1; i < timeline.length; i++) {
    if (compareEvents(timeline.at(i - 1)!, timeline.at(i)!) >= 0) problems.push(`timeline out of order at ${i}: ${timeline.at(i - 1)!.id} / ${timeline.at(i)!.id}`);
  }
  const ids = new Set<string>();
  for (const event of timeline) {
    if (ids.has(event.id)) problems.push(`event ${event.id} appears twice`);
    ids.add(event.id);
  }
  const byId = new Map(timeline.map((e) => [e.id, e]));
  for (const [id, event] of logged) {
    const found = byId.get(id);
    if (!found) problems.push(`logged event ${id} (${event.kind}) is missing`);
    else if (!isDeepStrictEqual({ ...found }, { ...event })) problems.push(`event ${id} changed on the way`);
  }
  if (!header) {
    problems.push('no header');
    return problems;
  }
  const declarations = timeline.filter((e) => e.kind === 'declared');
  const effective = declarations[0];
  if (!effective) problems.push('a header without a declaration');
  else if (header.declaredAt !== effective.at || header.declaredBy !== effective.author || header.drill !== effective.drill) {
    problems.push(`the header does not come from the first declaration ${effective.id}`);
  }
  if (!isSeverity(header.severity)) problems.push(`invalid severity ${String(header.severity)}`);
  if (effective) {
    // The name: the declared one, then every rename after the declaration that the fold did not refuse, in order.
    let name = effective.name;
    for (const e of timeline) if (e.kind === 'renamed' && compareEvents(e, effective) > 0 && !snapshot.refusedRenames.has(e.id)) name = e.to;
    if (header.name !== name) problems.push(`named ${header.name}, expected ${name}`);
    if (header.formerNames?.includes(header.name)) problems.push(`${header.name} is both its name and a former one`);
    for (const id of snapshot.refusedRenames.keys()) if (!timeline.some((e) => e.id === id && e.kind === 'renamed')) problems.push(`refused rename ${id} is not a rename in the log`);
    // Severity: the declared one, then every change after the declaration, in order.
    let severity = effective.severity;
    for (const e of timeline) if (e.kind === 'severity' && compareEvents(e, effective) > 0) severity = e.to;
    if (header.severity !== severity) problems.push(`severity ${header.severity}, expected ${severity}`);
    for (const e of timeline) {
      if ((e.kind === 'severity' || e.kind === 'ended') && compareEvents(e, effective) < 0) {
        problems.push(`${e.kind} event ${e.id} sorts before the declaration, so it counts for nothing`);
      }
    }
  }
  const ends = timeline.filter((e) => e.kind === 'ended');
  if (ends.length > 0 && header.state !== 'ended') problems.push(`${ends.length} end event(s) but the incident is ${header.state}`);
  if (header.state === 'ended') {
    const firstEnd = ends[0];
    if (!firstEnd) problems.push('ended without an end event');
    else if (header.endedAt !== firstEnd.at || header.endedBy !== firstEnd.author) problems.push(`the end is not the first end event ${firstEnd.id}`);
    if (header.endedAt === null || header.endedAt < header.declaredAt) problems.push(`ended at ${header.endedAt}, before its declaration at ${header.declaredAt}`);
  } else if (header.endedAt !== null || header.endedBy !== null) {
    problems.push('active but with an end time');
  }
  problems.push(...checkPhaseInvariants(snapshot));
  problems.push(...checkOrgInvariants(snapshot));
  problems.push(...checkPlanInvariants(snapshot));
  problems.push(...checkAmendmentInvariants(snapshot));
  return problems;
}

/**
 * The status document and the timeline agree on the phase: it is the last
 * phase change's, in timeline order, whatever the document's map kept from
 * concurrent writes; each change is logged from a phase to another.
 */
function checkPhaseInvariants(snapshot: IncidentSnapshot): string[] {
  const problems: string[] = [];
  let last: TimelineEvent | null = null;
  for (const e of snapshot.timeline) {
    if (e.kind !== 'phase') continue;
    if (e.from === e.to) problems.push(`phase change ${e.id} goes from ${e.from} to itself`);
    last = e;
  }
  if (last?.kind === 'phase' && snapshot.status.phase !== last.to) problems.push(`the status document shows ${snapshot.status.phase}, but the last phase change ${last.id} is to ${last.to}`);
  if (!last && snapshot.status.phase !== 'investigating') problems.push(`the phase is ${snapshot.status.phase} with no phase change logged`);
  return problems;
}

/**
 * Amendments lose nothing: an edited entry keeps its original text first and
 * every edit of it in its history, in timeline order; a struck entry is still
 * in the timeline, struck by the first strike; the key flag is the last word.
 */
function checkAmendmentInvariants(snapshot: IncidentSnapshot): string[] {
  const problems: string[] = [];
  const byId = new Map(snapshot.timeline.map((e) => [e.id, e]));
  const amendsOf = new Map<string, TimelineEvent[]>();
  for (const e of snapshot.timeline) {
    if (e.kind !== 'amend') continue;
    const list = amendsOf.get(e.target) ?? [];
    list.push(e);
    amendsOf.set(e.target, list);
  }
  for (const [id, state] of snapshot.amendments) {
    const entry = byId.get(id);
    if (!entry) {
      problems.push(`amended entry ${id} is not in the timeline`);
      continue;
    }
    const original = state.versions[0];
    if (original?.id !== entry.id || original.text !== entry.text) problems.push(`entry ${id} lost its original text`);
    if (state.text !== state.versions[state.versions.length - 1]!.text) problems.push(`entry ${id} does not show its latest version`);
  }
  for (const [target, amends] of amendsOf) {
    const entry = byId.get(target);
    if (!entry) continue;
    const state = snapshot.amendments.get(target);
    const edits = amends.filter((a) => a.kind === 'amend' && a.amend.change === 'edit').map((a) => a.id);
    const strikes = amends.filter((a) => a.kind === 'amend' && a.amend.change === 'strike');
    const keys = amends.filter((a) => a.kind === 'amend' && (a.amend.change === 'key' || a.amend.change === 'unkey'));
    if (isAmendable(entry)) {
      const versions = state?.versions.slice(1).map((v) => v.id) ?? [];
      if (!isDeepStrictEqual(versions, edits)) problems.push(`entry ${target}'s history ${versions.join(',')} is not its edits ${edits.join(',')}`);
      if ((state?.struck?.id ?? null) !== (strikes[0]?.id ?? null)) problems.push(`entry ${target} is not struck by its first strike`);
    } else if (state && (state.versions.length > 1 || state.struck)) {
      problems.push(`system entry ${target} was edited or struck`);
    }
    const lastKey = keys[keys.length - 1];
    const key = lastKey?.kind === 'amend' && lastKey.amend.change === 'key';
    if ((state?.key ?? false) !== key) problems.push(`entry ${target}'s key flag is not its last key or unkey`);
  }
  return problems;
}

/** Every task has exactly one owner, a person who checked in; only open tasks have a deadline. */
function checkPlanInvariants(snapshot: IncidentSnapshot): string[] {
  const plan = snapshot.plan;
  if (!plan) return ['no plan'];
  const problems: string[] = [];
  const people = new Set(snapshot.org?.responders.map((r) => r.id));
  const seen = new Set<string>();
  for (const objective of plan.objectives) {
    for (const task of objective.tasks) {
      if (seen.has(task.id)) problems.push(`task ${task.id} appears twice`);
      seen.add(task.id);
      if (typeof task.ownerId !== 'string' || !people.has(task.ownerId)) problems.push(`task ${task.id} has no single owner who checked in`);
      const open = task.status === 'open' || task.status === 'blocked';
      if (open !== (task.dueAt !== null)) problems.push(`task ${task.id} is ${task.status} with deadline ${task.dueAt}`);
    }
  }
  return problems;
}

/** The org chart's promises: exactly one IC, a tree, one boss each, nobody released holding a role. */
function checkOrgInvariants(snapshot: IncidentSnapshot): string[] {
  const org = snapshot.org;
  if (!org) return ['no org chart'];
  const problems: string[] = [];
  const ics = org.responders.filter((r) => r.isIc);
  if (ics.length !== 1) problems.push(`${ics.length} Incident Commanders`);
  const icRole = org.roles.find((r) => r.id === IC_ROLE_ID);
  if (!icRole || icRole.holderId !== org.icId || icRole.parentId !== null) problems.push('the IC role is not the root held by the IC');
  if (org.responders.find((r) => r.id === org.icId)?.releasedAt !== null) problems.push('the IC has been released');
  const roles = new Map(org.roles.map((r) => [r.id, r]));
  if (roles.size !== org.roles.length) problems.push('a role appears twice in the tree');
  for (const role of org.roles) {
    if (role.id === IC_ROLE_ID) continue;
    // Walking up from any role reaches the IC: no cycle, no dangling parent.
    let current: string | null = role.id;
    let steps = 0;
    while (current !== null && current !== IC_ROLE_ID && steps++ <= roles.size) current = roles.get(current)?.parentId ?? null;
    if (current !== IC_ROLE_ID) problems.push(`role ${role.id} does not lead up to the IC`);
  }
  const bossOf = (roleId: string): string | null => {
    let parent = roles.get(roleId)?.parentId ?? null;
    for (let steps = 0; parent !== null && steps <= roles.size; steps++) {
      const role = roles.get(parent);
      if (!role) return null;
      if (role.holderId !== null) return role.holderId;
      parent = role.parentId;
    }
    return org.icId;
  };
  for (const responder of org.responders) {
    const held = org.roles.filter((r) => r.holderId === responder.id);
    if (responder.releasedAt !== null && held.length) problems.push(`${responder.name} is released but holds a role`);
    if (responder.isIc) continue;
    const bosses = new Set(held.map((r) => bossOf(r.id)));
    if (bosses.size > 1) problems.push(`${responder.name} has ${bosses.size} bosses`);
    if (bosses.has(responder.id)) problems.push(`${responder.name} reports to themselves`);
    if (held.length && responder.bossId !== [...bosses][0]) problems.push(`${responder.name}'s boss is shown wrongly`);
  }
  const events = new Map(snapshot.timeline.map((e) => [e.id, e]));
  for (const id of org.refused.keys()) if (events.get(id)?.kind !== 'org') problems.push(`refused change ${id} is not an org event of the timeline`);
  return problems;
}

/** A snapshot with its timeline as an array: what it holds, not how its persistent list was built. */
function plainSnapshot(snapshot: IncidentSnapshot) {
  return { ...snapshot, timeline: snapshot.timeline.toArray() };
}
