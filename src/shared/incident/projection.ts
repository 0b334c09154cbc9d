/**
 * The projection: from an incident's Y.Doc to an immutable snapshot that
 * React renders. Invariants a CRDT merge can break are resolved here,
 * deterministically, so every peer shows the same answer from the same doc:
 *
 * - the first `declared` event (in timeline order) declares the incident;
 * - severity is the declared one, then each `severity` event in order;
 * - the name is the declared one, then each `renamed` event's in order, of
 *   those written (or logged for) the IC of that moment (rename-rule.ts):
 *   two renames at once both stay in the log and the later one names the
 *   incident on every replica; one by someone else changes nothing and is
 *   marked in `refusedRenames`;
 * - the umbrella an incident reports to, and the incidents under it, are
 *   the last `link` event's for each other incident, in timeline order, of
 *   those written (or logged for) the IC of that moment (link-rule.ts);
 * - the first `ended` event ends it (a concurrent second end is kept in the
 *   log but changes nothing);
 * - the status document's phase is the last `phase` event's, in timeline
 *   order (the map's only while none was logged: status-schema.ts), so the
 *   document and the log agree after concurrent changes;
 * - an event id seen twice counts once; malformed entries are dropped and
 *   counted;
 * - amendments (kind 'amend') are folded into the entry they name
 *   (amendments.ts), whenever that entry arrives;
 * - on a doc with an entry gate (entry-gate.ts: a signed incident), only
 *   the entries it admits are folded or listed in the timeline; the rest
 *   are listed apart, as withheld, and change nothing.
 *
 * Additions to the log (the common case, wherever they sort) extend the
 * previous snapshot instead of rebuilding it: the timeline is a persistent
 * sequence (sequence.ts), and unchanged objects are reused.
 */
import * as Y from 'yjs';
import { Sequence } from '../sequence';
import { sortEvents } from './sort-events';
import type { Severity } from '../ics/severity';
import { OrgFold } from './org-fold';
import { chartOf, type OrgChart } from './org-chart';
import { PlanFold } from './plan-fold';
import { planViewOf, type PlanView } from './plan-view';
import { amendEntry, type EntryAmendments } from './amendments';
import { renameRefusal } from './rename-rule';
import { linkRefusal } from './link-rule';
import { codenameKey } from '../ics/codename';
import {
  SCHEMA_VERSION,
  checklistOf,
  creditOf,
  compareEvents,
  isChecklistTick,
  type ChecklistTick,
  isTimelineEvent,
  metaOf,
  timelineOf,
  type AmendEvent,
  type LinkedIncident,
  type TimelineEvent,
} from './schema';
import { readStatusDoc, statusMapOf, statusTextOf, withLoggedPhase, STATUS_TEXT_FIELDS, type StatusDoc, type StatusPhase } from './status-schema';
import { entryGateOf, onEntryGate, type EntryGate, type GateChange } from './entry-gate';
import { commsMapOf, readCommsPlan, type CommsPlan } from './comms-schema';
import { actionItemsOf, postmortemMapOf, postmortemTextOf, POSTMORTEM_SECTIONS, readPostmortemDoc, type PostmortemDoc } from './postmortem-schema';

export type IncidentState = 'active' | 'ended';

export interface IncidentHeader {
  readonly id: string;
  readonly name: string;
  /**
   * The names it went by before, oldest first, when it was renamed (absent
   * otherwise, and in headers stored before renames existed): "formerly
   * 26-Alfa" keeps it findable by the name said on the call.
   */
  readonly formerNames?: readonly string[];
  /** The umbrella response this incident is linked under, when it is (link-commands.ts). */
  readonly umbrella?: LinkedIncident;
  /** The incidents linked under this one, when it is an umbrella, in the order they were linked. */
  readonly children?: readonly LinkedIncident[];
  readonly synopsis: string;
  readonly drill: boolean;
  readonly declaredAt: number;
  readonly declaredBy: string;
  readonly severity: Severity;
  readonly state: IncidentState;
  readonly endedAt: number | null;
  readonly endedBy: string | null;
}

/** 'newer': written by a later version of Command Post; shown read-only. */
export type Compatibility = 'ok' | 'newer';

export interface IncidentSnapshot {
  readonly incidentId: string;
  readonly compatibility: Compatibility;
  /** Null while the doc holds no declaration (an empty or damaged doc). */
  readonly header: IncidentHeader | null;
  /** Every valid event, oldest first; amendments included (the views show them folded into their entries). */
  readonly timeline: Sequence<TimelineEvent>;
  /** How many events of the timeline are amendments (the rest are entries the views list). */
  readonly amendmentCount: number;
  /** Entry id → its text, history, strike and key flag, for entries with an amendment that applies. */
  readonly amendments: ReadonlyMap<string, EntryAmendments>;
  /** Entries in the doc that are not valid events (written by a buggy or hostile peer). */
  readonly malformedEntries: number;
  /**
   * Well-formed entries the doc's gate does not admit (unsigned, forged, by
   * an observer or a removed member, or still being checked): shown apart,
   * never folded. Empty on a doc without a gate.
   */
  readonly withheld: readonly TimelineEvent[];
  /** The org chart; null while the doc holds no declaration. */
  readonly org: OrgChart | null;
  /** The action plan; null while the doc holds no declaration. */
  readonly plan: PlanView | null;
  /** Ticked duties: "<roleId>/<itemId>" → the latest tick. */
  readonly checklist: ReadonlyMap<string, ChecklistTick>;
  /** The live status document (status-schema.ts): its own fields, not what it reads from the rest. */
  readonly status: StatusDoc;
  /** The postmortem (postmortem-schema.ts): owner, due date, meeting, the draft's sections, action items. */
  readonly postmortem: PostmortemDoc;
  /** The communications plan (comms-schema.ts): channels in fallback order. */
  readonly comms: CommsPlan;
  /** Renames and links that changed nothing (their writer was not the IC then), by entry id, with why. */
  readonly refusedRenames: ReadonlyMap<string, string>;
}

interface Fold {
  declared: Extract<TimelineEvent, { kind: 'declared' }> | null;
  /** The current name and those before it (oldest first, each once); null before the declaration. */
  name: string | null;
  formerNames: string[];
  refusedRenames: Map<string, string>;
  umbrella: LinkedIncident | null;
  children: Map<string, LinkedIncident>;
  severity: Severity | null;
  ended: Extract<TimelineEvent, { kind: 'ended' }> | null;
  /** The phase the last 'phase' event set; null while none was logged. */
  phase: StatusPhase | null;
  org: OrgFold;
  plan: PlanFold;
  /** Whether the last events folded changed the org chart (its snapshot is rebuilt only then). */
  orgChanged: boolean;
  /** The same for the plan, which also follows the org chart (owners given as roles). */
  planChanged: boolean;
}

const newFold = (): Fold => ({ declared: null, name: null, formerNames: [], refusedRenames: new Map(), umbrella: null, children: new Map(), severity: null, ended: null, phase: null, org: new OrgFold(), plan: new PlanFold(), orgChanged: true, planChanged: true });

/** The kinds foldEvent reads; entries of other kinds change nothing it keeps, wherever they sort. */
const FOLDED: ReadonlySet<TimelineEvent['kind']> = new Set(['declared', 'org', 'plan', 'severity', 'ended', 'phase', 'renamed', 'link']);

function foldEvent(fold: Fold, event: TimelineEvent): void {
  switch (event.kind) {
    case 'declared':
      if (!fold.declared) {
        fold.declared = event;
        fold.name = event.name;
        fold.severity = event.severity;
        fold.org.declare(event.id, event.at, creditOf(event));
        fold.orgChanged = true;
      }
      break;
    case 'org':
      // Changes after the end are kept in the log but change nothing, like everything else after it.
      if (fold.declared && !fold.ended) {
        fold.org.apply(event);
        fold.orgChanged = true;
        fold.planChanged = true;
      }
      break;
    case 'plan':
      if (fold.declared && !fold.ended) {
        fold.plan.apply(event, fold.org);
        fold.planChanged = true;
      }
      break;
    case 'severity':
      if (fold.declared) fold.severity = event.to;
      break;
    case 'renamed':
      if (fold.declared) renameIn(fold, event);
      break;
    case 'link': {
      if (!fold.declared) break;
      const refusal = linkRefusal(fold.org, creditOf(event));
      if (refusal) fold.refusedRenames.set(event.id, refusal);
      else linkIn(fold, event);
      break;
    }
    case 'ended':
      if (fold.declared && !fold.ended) fold.ended = event;
      break;
    case 'phase':
      // Whatever else the timeline says: the document shows the phase its log ends on.
      fold.phase = event.to;
      break;
  }
}

/** A rename by the IC of the moment names the incident; the name it replaces becomes a former one. */
function renameIn(fold: Fold, event: Extract<TimelineEvent, { kind: 'renamed' }>): void {
  const refusal = renameRefusal(fold.org, creditOf(event));
  if (refusal) return void fold.refusedRenames.set(event.id, refusal);
  const previous = fold.name!;
  const key = codenameKey(event.to);
  // Renamed back: the name is current again, not former; each former name once, in its first spelling.
  fold.formerNames = fold.formerNames.filter((n) => codenameKey(n) !== key);
  if (codenameKey(previous) !== key && !fold.formerNames.some((n) => codenameKey(n) === codenameKey(previous))) fold.formerNames.push(previous);
  fold.name = event.to;
}

/** A link by the IC of the moment sets (or clears) the umbrella, or adds (or drops) an incident under this one. */
function linkIn(fold: Fold, event: Extract<TimelineEvent, { kind: 'link' }>): void {
  const other = Object.freeze({ id: event.other.id, name: event.other.name });
  if (event.side === 'umbrella') {
    if (event.linked) fold.umbrella = other;
    else if (fold.umbrella?.id === other.id) fold.umbrella = null;
  } else if (event.linked) {
    fold.children.delete(other.id);
    fold.children.set(other.id, other);
  } else {
    fold.children.delete(other.id);
  }
}

const sameLinks = (a: readonly LinkedIncident[] | undefined, b: readonly LinkedIncident[] | undefined) =>
  (a ?? []).map((l) => `${l.id}\n${l.name}`).join('\n') === (b ?? []).map((l) => `${l.id}\n${l.name}`).join('\n');

const sameNames = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).join('\n') === (b ?? []).join('\n');

function headerFrom(incidentId: string, fold: Fold, previous: IncidentHeader | null): IncidentHeader | null {
  const d = fold.declared;
  if (!d || !fold.severity) return null;
  const next: IncidentHeader = {
    id: incidentId,
    name: fold.name ?? d.name,
    ...(fold.formerNames.length ? { formerNames: Object.freeze([...fold.formerNames]) } : {}),
    ...(fold.umbrella ? { umbrella: fold.umbrella } : {}),
    ...(fold.children.size ? { children: Object.freeze([...fold.children.values()]) } : {}),
    synopsis: d.synopsis,
    drill: d.drill,
    declaredAt: d.at,
    declaredBy: creditOf(d),
    severity: fold.severity,
    state: fold.ended ? 'ended' : 'active',
    endedAt: fold.ended ? fold.ended.at : null,
    endedBy: fold.ended ? creditOf(fold.ended) : null,
  };
  const same = (k: keyof IncidentHeader) =>
    k === 'formerNames'
      ? sameNames(next.formerNames, previous!.formerNames)
      : k === 'children'
        ? sameLinks(next.children, previous!.children)
        : k === 'umbrella'
          ? sameLinks(next.umbrella && [next.umbrella], previous!.umbrella && [previous!.umbrella])
          : next[k] === previous![k];
  if (previous && Object.keys(next).length === Object.keys(previous).length && (Object.keys(next) as (keyof IncidentHeader)[]).every(same)) return previous;
  return Object.freeze(next);
}

/** The ticks, dropping entries a buggy or hostile peer wrote in another shape. */
function checklistFrom(doc: Y.Doc): ReadonlyMap<string, ChecklistTick> {
  const ticks = new Map<string, ChecklistTick>();
  checklistOf(doc).forEach((tick, key) => {
    if (isChecklistTick(tick)) ticks.set(key, Object.freeze({ done: tick.done, by: tick.by, at: tick.at }));
  });
  return ticks;
}

function compatibilityOf(doc: Y.Doc): Compatibility {
  const version = metaOf(doc).get('schemaVersion');
  return typeof version === 'number' && version > SCHEMA_VERSION ? 'newer' : 'ok';
}

const projections = new WeakMap<Y.Doc, IncidentProjection>();
const NONE: readonly TimelineEvent[] = Object.freeze([]);
const NO_REFUSALS: ReadonlyMap<string, string> = new Map();

/**
 * The live projection of a doc: one per doc, created on first use and kept
 * up to date incrementally, so commands and views share it instead of
 * rebuilding a 20,000-event snapshot on every keystroke.
 */
export function projectionOf(doc: Y.Doc): IncidentProjection {
  let projection = projections.get(doc);
  if (!projection) {
    projection = new IncidentProjection(doc);
    projections.set(doc, projection);
  }
  return projection;
}

/** Builds a snapshot from scratch, without keeping an observer on the doc. */
export function projectIncident(doc: Y.Doc): IncidentSnapshot {
  return new IncidentProjection(doc).dispose();
}

export class IncidentProjection {
  private current: IncidentSnapshot;
  private fold: Fold = newFold();
  /** Every event taken, by id: an amendment's entry may arrive after it. */
  private byId = new Map<string, TimelineEvent>();
  /** Entry id → the amendments naming it, in timeline order. */
  private amendsOf = new Map<string, AmendEvent[]>();
  private amended = new Map<string, EntryAmendments>();
  private readonly listeners = new Set<(snapshot: IncidentSnapshot) => void>();
  private readonly timeline: Y.Array<TimelineEvent>;
  private readonly onTimeline = (event: Y.YArrayEvent<TimelineEvent>) => this.applyTimelineChange(event);
  private gate: EntryGate | null;
  private unsubscribeGate: () => void = () => undefined;
  private readonly stopGateWatch: () => void;
  // Frozen like every other snapshot: a peer changing only the metadata must not hand out a mutable one.
  private readonly onMeta = () => this.publish(Object.freeze({ ...this.current, compatibility: compatibilityOf(this.doc) }));
  private readonly onChecklist = () => this.publish(Object.freeze({ ...this.current, checklist: checklistFrom(this.doc) }));
  // Every keystroke of a peer in the status document lands here; an unchanged document publishes nothing.
  private readonly onStatus = () => {
    const status = readStatusDoc(this.doc, this.current.status, this.fold.phase);
    if (status !== this.current.status) this.publish(Object.freeze({ ...this.current, status }));
  };
  private readonly onPostmortem = () => {
    const postmortem = readPostmortemDoc(this.doc, this.current.postmortem);
    if (postmortem !== this.current.postmortem) this.publish(Object.freeze({ ...this.current, postmortem }));
  };

  private readonly onComms = () => {
    const comms = readCommsPlan(this.doc, this.current.comms);
    if (comms !== this.current.comms) this.publish(Object.freeze({ ...this.current, comms }));
  };

  constructor(private readonly doc: Y.Doc) {
    this.timeline = timelineOf(doc);
    this.gate = entryGateOf(doc);
    this.watchGate();
    this.stopGateWatch = onEntryGate(doc, (gate) => {
      this.unsubscribeGate();
      this.gate = gate;
      this.watchGate();
      this.publish(this.rebuild(this.current.header));
    });
    this.current = this.rebuild();
    this.timeline.observe(this.onTimeline);
    metaOf(doc).observe(this.onMeta);
    checklistOf(doc).observe(this.onChecklist);
    statusMapOf(doc).observe(this.onStatus);
    for (const field of STATUS_TEXT_FIELDS) statusTextOf(doc, field).observe(this.onStatus);
    postmortemMapOf(doc).observe(this.onPostmortem);
    commsMapOf(doc).observe(this.onComms);
    actionItemsOf(doc).observe(this.onPostmortem);
    for (const section of POSTMORTEM_SECTIONS) postmortemTextOf(doc, section).observe(this.onPostmortem);
  }

  get snapshot(): IncidentSnapshot {
    return this.current;
  }

  subscribe(listener: (snapshot: IncidentSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops observing the doc and returns the last snapshot. */
  dispose(): IncidentSnapshot {
    this.timeline.unobserve(this.onTimeline);
    this.unsubscribeGate();
    this.stopGateWatch();
    metaOf(this.doc).unobserve(this.onMeta);
    checklistOf(this.doc).unobserve(this.onChecklist);
    statusMapOf(this.doc).unobserve(this.onStatus);
    for (const field of STATUS_TEXT_FIELDS) statusTextOf(this.doc, field).unobserve(this.onStatus);
    postmortemMapOf(this.doc).unobserve(this.onPostmortem);
    commsMapOf(this.doc).unobserve(this.onComms);
    actionItemsOf(this.doc).unobserve(this.onPostmortem);
    for (const section of POSTMORTEM_SECTIONS) postmortemTextOf(this.doc, section).unobserve(this.onPostmortem);
    this.listeners.clear();
    return this.current;
  }

  private rebuild(previousHeader: IncidentHeader | null = null): IncidentSnapshot {
    const raw = this.timeline.toArray();
    const valid: TimelineEvent[] = [];
    const withheld: TimelineEvent[] = [];
    let malformed = 0;
    const gate = this.gate;
    for (const entry of raw) {
      if (!isTimelineEvent(entry)) malformed++;
      else if (gate && !gate.admits(entry)) withheld.push(Object.freeze(entry));
      else valid.push(Object.freeze(entry));
    }
    const { timeline, byId } = firstOfEachId(sortEvents(valid));
    this.fold = newFold();
    this.byId = byId;
    this.amendsOf = new Map();
    let amendmentCount = 0;
    for (const event of timeline) {
      if (event.kind === 'amend') {
        this.noteAmendment(event);
        amendmentCount++;
      } else foldEvent(this.fold, event);
    }
    this.amended = new Map();
    this.refreshAmendments(this.amendsOf.keys());
    return Object.freeze({
      incidentId: this.doc.guid,
      compatibility: compatibilityOf(this.doc),
      header: headerFrom(this.doc.guid, this.fold, previousHeader),
      timeline: Sequence.from(timeline),
      amendmentCount,
      amendments: this.amended,
      malformedEntries: malformed,
      withheld: withheld.length ? Object.freeze(withheld) : NONE,
      org: this.orgSnapshot(null),
      plan: this.planSnapshot(null),
      checklist: checklistFrom(this.doc),
      // Unset while the constructor builds the first snapshot.
      status: readStatusDoc(this.doc, (this.current as IncidentSnapshot | undefined)?.status ?? null, this.fold.phase),
      postmortem: readPostmortemDoc(this.doc, (this.current as IncidentSnapshot | undefined)?.postmortem ?? null),
      comms: readCommsPlan(this.doc, (this.current as IncidentSnapshot | undefined)?.comms ?? null),
      refusedRenames: this.refusedRenamesSnapshot(null),
    });
  }

  private applyTimelineChange(event: Y.YArrayEvent<TimelineEvent>): void {
    const appended = insertedEntries(event.changes.delta);
    const previous = this.current;
    if (!appended) return this.publish(this.rebuild(previous.header));
    const additions: TimelineEvent[] = [];
    const withheld: TimelineEvent[] = [];
    let malformed = 0;
    for (const entry of appended) {
      if (!isTimelineEvent(entry)) malformed++;
      else if (this.gate && !this.gate.admits(entry)) withheld.push(Object.freeze(entry));
      else additions.push(Object.freeze(entry));
    }
    this.publishAdded(previous, additions, {
      malformedEntries: previous.malformedEntries + malformed,
      withheld: withheld.length ? Object.freeze(previous.withheld.concat(withheld)) : previous.withheld,
    });
  }

  private watchGate(): void {
    this.unsubscribeGate = this.gate ? this.gate.subscribe((change) => this.applyGateChange(change)) : () => undefined;
  }

  /**
   * The gate answers differently now: entries checked and admitted (the
   * common case: a peer's entry whose signature was just verified) join the
   * timeline where they sort; an entry refused after all rebuilds the
   * snapshot.
   */
  private applyGateChange(change: GateChange): void {
    const gate = this.gate;
    const previous = this.current;
    if (!gate) return;
    const admitted = previous.withheld.filter((e) => gate.admits(e));
    const revoked = change.revoked && previous.timeline.some((e) => !gate.admits(e));
    if (revoked) return this.publish(this.rebuild(previous.header));
    if (!admitted.length) return;
    const stillWithheld = previous.withheld.filter((e) => !gate.admits(e));
    this.publishAdded(previous, admitted, { malformedEntries: previous.malformedEntries, withheld: stillWithheld.length ? Object.freeze(stillWithheld) : NONE });
  }

  /**
   * Adds valid, admitted entries to the timeline where they sort, each id
   * once, and publishes the snapshot with them. The work is in what was
   * added, whatever the incident's size: the timeline is a persistent
   * sequence, entries after the last are folded in as they come, and an
   * entry that sorts earlier changes the fold only when it is one the fold
   * reads (the chart, the plan, severity, phase, the end), which then runs
   * again over the log.
   */
  private publishAdded(previous: IncidentSnapshot, entries: readonly TimelineEvent[], rest: Pick<IncidentSnapshot, 'malformedEntries' | 'withheld'>): void {
    const fresh: TimelineEvent[] = [];
    for (const e of [...entries].sort(compareEvents)) {
      const known = this.byId.get(e.id);
      // A copy of a known id that sorts before it would be the one counted from scratch: let rebuild() decide.
      if (known && compareEvents(e, known) < 0) return this.publish(this.rebuild(previous.header));
      if (known) continue;
      this.byId.set(e.id, e);
      fresh.push(e);
    }
    if (!fresh.length) return this.publish(Object.freeze({ ...previous, ...rest }));
    const timeline = previous.timeline.inserted(fresh, compareEvents);
    const atEnd = timeline.changesSince(previous.timeline)?.atEnd ?? false;
    const touched: string[] = [];
    let refold = false;
    let amendmentCount = previous.amendmentCount;
    for (const e of fresh) {
      if (e.kind === 'amend') {
        this.noteAmendment(e);
        touched.push(e.target);
        amendmentCount++;
      } else {
        if (atEnd) foldEvent(this.fold, e);
        else refold ||= FOLDED.has(e.kind);
        if (this.amendsOf.has(e.id)) touched.push(e.id);
      }
    }
    if (refold) this.refold(timeline);
    const amendments = touched.length && this.refreshAmendments(touched) ? this.amended : previous.amendments;
    this.publish(
      Object.freeze({
        ...previous,
        header: headerFrom(this.doc.guid, this.fold, previous.header),
        timeline,
        amendmentCount,
        amendments,
        ...rest,
        org: this.orgSnapshot(previous.org),
        plan: this.planSnapshot(previous.plan),
        refusedRenames: this.refusedRenamesSnapshot(previous.refusedRenames),
        // Additions only add phase events: the fold's phase is the last one's.
        status: this.fold.phase === null ? previous.status : withLoggedPhase(previous.status, this.fold.phase),
      }),
    );
  }

  /** Folds the chart, plan, severity, phase and end again over the whole log (amendments aside, which are kept apart). */
  private refold(timeline: Iterable<TimelineEvent>): void {
    this.fold = newFold();
    for (const event of timeline) if (FOLDED.has(event.kind)) foldEvent(this.fold, event);
  }

  /** Keeps an entry's amendments in timeline order, whatever order they arrive in. */
  private noteAmendment(event: AmendEvent): void {
    const list = this.amendsOf.get(event.target);
    if (!list) return void this.amendsOf.set(event.target, [event]);
    let at = list.length;
    while (at > 0 && compareEvents(list[at - 1]!, event) > 0) at--;
    list.splice(at, 0, event);
  }

  /**
   * Folds the amendments of these entries again; true when anything shown
   * changed, in which case `amended` is a new map (snapshots never change).
   */
  private refreshAmendments(targets: Iterable<string>): boolean {
    let next: Map<string, EntryAmendments> | null = null;
    for (const id of targets) {
      const target = this.byId.get(id);
      const state = target ? amendEntry(target, this.amendsOf.get(id) ?? []) : null;
      if (state === null && !this.amended.has(id)) continue;
      next ??= new Map(this.amended);
      if (state) next.set(id, state);
      else next.delete(id);
    }
    if (!next) return false;
    this.amended = next;
    return true;
  }

  /** The chart, rebuilt only when an org change (or the declaration) was folded since the last one. */
  private orgSnapshot(previous: OrgChart | null): OrgChart | null {
    if (!this.fold.orgChanged && previous) return previous;
    this.fold.orgChanged = false;
    return chartOf(this.fold.org);
  }

  private planSnapshot(previous: PlanView | null): PlanView | null {
    if (!this.fold.planChanged && previous) return previous;
    this.fold.planChanged = false;
    return this.fold.declared ? planViewOf(this.fold.plan, this.fold.org) : null;
  }

  /** The fold's refused renames as a map of their own (snapshots never change), the previous one when they are the same. */
  private refusedRenamesSnapshot(previous: ReadonlyMap<string, string> | null): ReadonlyMap<string, string> {
    const now = this.fold.refusedRenames;
    if (previous && previous.size === now.size && [...now].every(([id, why]) => previous.get(id) === why)) return previous;
    return now.size ? new Map(now) : NO_REFUSALS;
  }

  /** A valid event by id (amendments included), for commands to check a change against. */
  event(id: string): TimelineEvent | undefined {
    return this.byId.get(id);
  }

  /** The amendments naming an entry, in timeline order. */
  amendmentsOf(id: string): readonly AmendEvent[] {
    return this.amendsOf.get(id) ?? [];
  }

  /** The live fold of the plan, for commands to check a change against before writing it. */
  get planFold(): PlanFold {
    return this.fold.plan;
  }

  /** The live fold of the org chart, for commands to check a change against before writing it. */
  get orgFold(): OrgFold {
    return this.fold.org;
  }

  private publish(next: IncidentSnapshot): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}

/**
 * The entries a change inserted, wherever in the array (a peer's entries
 * merge in among this replica's by Yjs's own order, which is not the
 * timeline's); null when it deleted any.
 */
function insertedEntries(delta: Array<{ insert?: unknown; retain?: number; delete?: number }>): unknown[] | null {
  const inserted: unknown[] = [];
  for (const op of delta) {
    if (op.delete) return null;
    if (Array.isArray(op.insert)) inserted.push(...op.insert);
  }
  return inserted;
}

/**
 * The events in timeline order with each id once (its first copy in that
 * order), and the index by id. An id seen twice is rare (a peer's copy, a
 * hostile file), so the index is built in one pass of sets, and built again
 * the careful way only if it came out shorter than the events.
 */
function firstOfEachId(sorted: TimelineEvent[]): { timeline: TimelineEvent[]; byId: Map<string, TimelineEvent> } {
  const byId = new Map<string, TimelineEvent>();
  for (const event of sorted) byId.set(event.id, event);
  if (byId.size === sorted.length) return { timeline: sorted, byId };
  byId.clear();
  const timeline: TimelineEvent[] = [];
  for (const event of sorted) {
    if (byId.has(event.id)) continue;
    byId.set(event.id, event);
    timeline.push(event);
  }
  return { timeline, byId };
}
