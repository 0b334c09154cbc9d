/**
 * The facts of a postmortem, read from the incident rather than written:
 * how long it lasted, at which severity and in which phase (how soon the
 * cause was identified and the fix was in), who responded in which roles
 * and when, the timeline of facts in forward order (key events marked,
 * struck entries left out), the decisions, the updates sent, and figures
 * about the response itself. Pure and deterministic: the same snapshot
 * gives the same facts on every machine.
 */
import type { ActionItem } from '../incident/postmortem-schema';
import type { IncidentSnapshot } from '../incident/projection';
import { byline, creditOf, EVENT_KIND_LABELS, type EventKind, type TimelineEvent, type UpdateEvent } from '../incident/schema';
import { UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS, type StatusPhase } from '../incident/status-schema';
import { OrgFold, titleOf } from '../incident/org-fold';
import { IC_ROLE_ID } from '../incident/org-schema';
import { severityRank, type Severity } from '../ics/severity';
import { lintActionItem, type ActionItemWarning } from './action-items';
import { amendmentsOf, isAmendment, readEntry } from './entries';
import { computeOrgWatch, type WatchKind, type WatchRow } from '../views/org-watch';

export interface SeverityPeriod {
  readonly severity: Severity;
  readonly from: number;
  readonly to: number;
}

export interface PhasePeriod {
  readonly phase: StatusPhase;
  readonly from: number;
  readonly to: number;
}

/**
 * How long the response took to get somewhere, from the declaration, read
 * from the logged phase changes; null where the phases do not say (the
 * phase was never reached, or skipped).
 */
export interface PhaseMilestones {
  /** To the first change to "identified": the cause was known. */
  readonly identifiedAt: number | null;
  /** To the first change to "mitigating": a fix or workaround was being put in place. */
  readonly mitigatingAt: number | null;
  /** To the first change to "monitoring" or "resolved", whichever came first: the fix was in. */
  readonly mitigatedAt: number | null;
  /** To the first change to "resolved". */
  readonly resolvedAt: number | null;
}

export interface IncidentFacts {
  readonly id: string;
  readonly name: string;
  /** The names it went by before a rename, oldest first (empty when it never was): it is found by them too. */
  readonly formerNames: readonly string[];
  readonly synopsis: string;
  readonly drill: boolean;
  readonly severity: Severity;
  /** The worst severity it reached. */
  readonly worstSeverity: Severity;
  readonly declaredAt: number;
  readonly declaredBy: string;
  readonly endedAt: number | null;
  readonly endedBy: string | null;
  /** From the declaration to the end (or to `asOf` while it is still active). */
  readonly durationMs: number;
  /** Since when the impact was felt, from the status document. */
  readonly impactSince: number | null;
  /** Time at each severity, in order. */
  readonly severities: readonly SeverityPeriod[];
  /**
   * Time in each phase of the status document, in order, from the
   * declaration to the end; empty when the phase changed without being
   * logged (an incident kept by a version before phases were logged).
   */
  readonly phases: readonly PhasePeriod[];
  readonly phaseMilestones: PhaseMilestones;
}

export interface ResponderRole {
  readonly title: string;
  readonly from: number;
  /** Null: held to the end (or still held). */
  readonly to: number | null;
}

/** Whom a responder reported to, and when (the chart at each moment: a move, a handover above them, a new lead). */
export interface ReportingLine {
  readonly lead: string;
  /** The lead's role above them ("Network Team Lead"; "Incident Commander" for the IC). */
  readonly leadRole: string;
  readonly from: number;
  /** Null: to the end (or still). */
  readonly to: number | null;
}

export interface ResponderFacts {
  readonly name: string;
  /** Their team or skills, as given at check-in (ICS 214's "home agency and unit"). */
  readonly team: string;
  readonly checkedInAt: number | null;
  readonly releasedAt: number | null;
  readonly roles: readonly ResponderRole[];
  /** Whom they reported to, in order; empty for whoever only ever led (the IC) or never held a role. */
  readonly reportsTo: readonly ReportingLine[];
  /** Entries they logged. */
  readonly entries: number;
}

export interface TimelineFact {
  readonly id: string;
  readonly at: number;
  /** The event's kind; 'impact-start' from the status document; 'rotation' and 'span' for the chart's warnings (derived, see views/org-watch.ts). */
  readonly kind: EventKind | 'impact-start' | WatchKind;
  readonly label: string;
  readonly text: string;
  readonly author: string;
  /** Marked as a key event by a responder (a timeline amendment). */
  readonly key: boolean;
  /** A milestone of any incident: declared, severity changed, the phase changed, the first update to each audience, the end, when the impact began. */
  readonly milestone: boolean;
  readonly edited: boolean;
}

export interface DecisionFact {
  readonly at: number;
  readonly text: string;
  readonly by: string;
  /** adopted or withdrawn (through the plan's proposals), open (never decided), logged (noted in the timeline as a decision). */
  readonly outcome: 'adopted' | 'withdrawn' | 'open' | 'logged';
  readonly decidedAt: number | null;
  readonly objections: readonly string[];
  readonly note: string;
}

export interface ActionItemFact extends ActionItem {
  readonly warnings: readonly ActionItemWarning[];
}

export interface PostmortemFacts {
  readonly incident: IncidentFacts;
  readonly responders: readonly ResponderFacts[];
  readonly timeline: readonly TimelineFact[];
  /** Entries struck through, left out of the timeline (with the reason they were struck). */
  readonly struck: number;
  readonly decisions: readonly DecisionFact[];
  /** Updates sent, oldest first. */
  readonly updates: readonly UpdateEvent[];
  readonly actionItems: readonly ActionItemFact[];
  readonly response: ResponseFigures;
}

/** What the response itself did, for "how did the process work". */
export interface ResponseFigures {
  /** Minutes from the declaration to the first update to each audience; null: none sent. */
  readonly firstUpdateMinutes: Readonly<Record<'internal' | 'external', number | null>>;
  readonly updatesSent: number;
  /** Updates sent after the time the previous one promised. */
  readonly lateUpdates: number;
  readonly icHandovers: number;
  readonly responders: number;
  readonly tasks: number;
  readonly tasksExtended: number;
  readonly changes: number;
  readonly changesThatDidNotWork: number;
  readonly decisionsAdopted: number;
}

/** Every fact of the postmortem, as of `asOf` (the export's time: an active incident's duration runs to it). */
export function postmortemFacts(snapshot: IncidentSnapshot, asOf: number): PostmortemFacts {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has a postmortem.');
  const amendments = amendmentsOf(snapshot);
  const refused = new Set<string>([...(snapshot.org?.refused.keys() ?? []), ...(snapshot.plan?.refused.keys() ?? [])]);
  const end = header.endedAt ?? asOf;
  const updates = snapshot.timeline.filter((e): e is UpdateEvent => e.kind === 'update');

  const timeline: TimelineFact[] = [];
  let struck = 0;
  const impactSince = snapshot.status.impactSince;
  let impactPlaced = impactSince === null;
  const firstUpdate = new Set<string>();
  // The chart's warnings that came due by the end (or by the export), each after the entry it follows.
  const watch = computeOrgWatch(snapshot.timeline).filter((w) => w.at <= end);
  let nextWatch = 0;
  for (const event of snapshot.timeline) {
    while (nextWatch < watch.length && watch[nextWatch]!.at < event.at) timeline.push(watchFact(watch[nextWatch++]!));
    if (isAmendment(event) || refused.has(event.id)) continue;
    if (!impactPlaced && impactSince !== null && impactSince <= event.at) {
      timeline.push(impactStart(impactSince));
      impactPlaced = true;
    }
    const reading = readEntry(event, amendments);
    if (reading.struck) {
      struck++;
      continue;
    }
    let milestone = event.kind === 'declared' || event.kind === 'severity' || event.kind === 'phase' || event.kind === 'ended';
    if (event.kind === 'update' && event.template !== 'can' && !firstUpdate.has(event.audience)) {
      firstUpdate.add(event.audience);
      milestone = true;
    }
    timeline.push({
      id: event.id,
      at: event.at,
      kind: event.kind,
      label: event.kind === 'update' ? updateLabel(event) : EVENT_KIND_LABELS[event.kind],
      text: reading.text,
      author: byline(event),
      key: reading.key,
      milestone,
      edited: reading.edited,
    });
  }
  while (nextWatch < watch.length) timeline.push(watchFact(watch[nextWatch++]!));
  if (!impactPlaced && impactSince !== null) timeline.push(impactStart(impactSince));

  return {
    incident: incidentFacts(snapshot, end),
    responders: respondersOf(snapshot.timeline),
    timeline,
    struck,
    decisions: decisionsOf(snapshot, amendments),
    updates,
    actionItems: snapshot.postmortem.actionItems.map((item) => ({ ...item, warnings: lintActionItem(item) })),
    response: responseFigures(snapshot, updates),
  };
}

function watchFact(row: WatchRow): TimelineFact {
  return { id: row.id, at: row.at, kind: row.kind, label: row.kind === 'rotation' ? 'Rotation due' : 'Span of control', text: row.text, author: '', key: false, milestone: false, edited: false };
}

function impactStart(at: number): TimelineFact {
  return { id: 'impact-start', at, kind: 'impact-start', label: 'Impact began', text: 'The impact began (as the status document records it).', author: '', key: false, milestone: true, edited: false };
}

function updateLabel(event: UpdateEvent): string {
  return event.template === 'can' ? 'CAN report sent' : `${UPDATE_AUDIENCE_LABELS[event.audience]} update sent (${UPDATE_TEMPLATE_LABELS[event.template].toLowerCase()})`;
}

function incidentFacts(snapshot: IncidentSnapshot, end: number): IncidentFacts {
  const header = snapshot.header!;
  const severities: SeverityPeriod[] = [];
  let current: { severity: Severity; from: number } | null = null;
  let ended = false;
  for (const event of snapshot.timeline) {
    if (ended) break;
    if (event.kind === 'declared' && !current) current = { severity: event.severity, from: event.at };
    else if (event.kind === 'severity' && current && event.to !== current.severity) {
      severities.push({ severity: current.severity, from: current.from, to: event.at });
      current = { severity: event.to, from: event.at };
    } else if (event.kind === 'ended' && current) ended = true;
  }
  if (current) severities.push({ severity: current.severity, from: current.from, to: Math.max(current.from, end) });
  const worst = severities.reduce<Severity>((w, p) => (severityRank(p.severity) < severityRank(w) ? p.severity : w), header.severity);
  const phases = phasePeriods(snapshot, end);
  return {
    id: header.id,
    name: header.name,
    formerNames: header.formerNames ?? [],
    synopsis: header.synopsis,
    drill: header.drill,
    severity: header.severity,
    worstSeverity: worst,
    declaredAt: header.declaredAt,
    declaredBy: header.declaredBy,
    endedAt: header.endedAt,
    endedBy: header.endedBy,
    durationMs: Math.max(0, end - header.declaredAt),
    impactSince: snapshot.status.impactSince,
    severities,
    phases,
    phaseMilestones: milestonesOf(phases),
  };
}

/**
 * The phases in order, folded as the projection folds them (the last
 * change wins) up to the first end; a change to the phase it already was
 * (two people moving it at once) starts no new period. With no change
 * logged, the whole incident was at its first phase only if the document
 * is still there; otherwise when it moved is not known.
 */
function phasePeriods(snapshot: IncidentSnapshot, end: number): PhasePeriod[] {
  const header = snapshot.header!;
  const periods: PhasePeriod[] = [];
  let current: { phase: StatusPhase; from: number } | null = null;
  for (const event of snapshot.timeline) {
    if (event.kind === 'ended') break;
    if (event.kind !== 'phase') continue;
    current ??= { phase: event.from, from: header.declaredAt };
    if (event.to === current.phase) continue;
    // A change stamped before the declaration (a clock far behind) counts from the declaration.
    const at = Math.max(event.at, current.from);
    periods.push({ phase: current.phase, from: current.from, to: at });
    current = { phase: event.to, from: at };
  }
  if (!current && snapshot.status.phase === 'investigating') current = { phase: 'investigating', from: header.declaredAt };
  if (current) periods.push({ phase: current.phase, from: current.from, to: Math.max(current.from, end) });
  return periods;
}

/** How long the response took to get somewhere, from the logged phases (the metrics read it too). */
export function phaseMilestones(snapshot: IncidentSnapshot, end: number): PhaseMilestones {
  return milestonesOf(phasePeriods(snapshot, end));
}

function milestonesOf(phases: readonly PhasePeriod[]): PhaseMilestones {
  // The first period is where the response started, not a phase it reached.
  const reached = (...which: StatusPhase[]) => phases.find((p, i) => i > 0 && which.includes(p.phase))?.from ?? null;
  return { identifiedAt: reached('identified'), mitigatingAt: reached('mitigating'), mitigatedAt: reached('monitoring', 'resolved'), resolvedAt: reached('resolved') };
}

/**
 * Everyone who responded: each checked-in person with the roles they held
 * and when (replaying the org chart as the projection folds it), then
 * whoever logged entries without checking in.
 */
function respondersOf(timeline: Iterable<TimelineEvent>): ResponderFacts[] {
  const fold = new OrgFold();
  let declared = false;
  let ended = false;
  const open = new Map<string, { responderId: string; title: string; from: number }>();
  const held = new Map<string, Array<{ title: string; from: number; to: number | null }>>();
  const lines = new Map<string, Array<{ lead: string; leadRole: string; from: number; to: number | null }>>();
  const entries = new Map<string, number>();
  const close = (roleId: string, at: number) => {
    const current = open.get(roleId)!;
    held.get(current.responderId)!.find((r) => r.title === current.title && r.from === current.from && r.to === null)!.to = at;
    open.delete(roleId);
  };
  for (const event of timeline) {
    if (!isAmendment(event)) entries.set(creditOf(event), (entries.get(creditOf(event)) ?? 0) + 1);
    if (event.kind === 'declared' && !declared) {
      fold.declare(event.id, event.at, creditOf(event));
      declared = true;
    } else if (event.kind === 'org' && declared && !ended) {
      fold.apply(event);
    } else if (event.kind === 'ended' && declared && !ended) {
      ended = true;
      continue;
    } else continue;
    // Only the declaration and org changes move roles: compare holders now with those open.
    for (const [roleId, current] of open) {
      const role = fold.roles.get(roleId);
      if (!role || role.holderId !== current.responderId || titleOf(role.role) !== current.title) close(roleId, event.at);
    }
    for (const role of fold.roles.values()) {
      if (role.holderId === null || open.has(role.id)) continue;
      const title = titleOf(role.role);
      open.set(role.id, { responderId: role.holderId, title, from: event.at });
      const list = held.get(role.holderId) ?? [];
      list.push({ title, from: event.at, to: null });
      held.set(role.holderId, list);
    }
    // Whom each person reports to now: a line ends when the lead (or the lead's role) changes, or they hold no role.
    const leads = leadsNow(fold);
    for (const [responderId, list] of lines) {
      const current = list[list.length - 1]!;
      const lead = leads.get(responderId);
      if (current.to === null && (!lead || lead.lead !== current.lead || lead.leadRole !== current.leadRole)) current.to = event.at;
    }
    for (const [responderId, lead] of leads) {
      const list = lines.get(responderId) ?? [];
      const current = list[list.length - 1];
      if (current && current.to === null) continue;
      list.push({ ...lead, from: event.at, to: null });
      lines.set(responderId, list);
    }
  }
  const out: ResponderFacts[] = [];
  const named = new Set<string>();
  const counted = new Set<string>();
  for (const r of fold.responders.values()) {
    named.add(r.name);
    // A person checked in twice (released, then back) is one entry per check-in; their entries count once.
    const count = counted.has(r.name) ? 0 : (entries.get(r.name) ?? 0);
    counted.add(r.name);
    out.push({ name: r.name, team: r.skills, checkedInAt: r.checkedInAt, releasedAt: r.releasedAt, roles: held.get(r.id) ?? [], reportsTo: lines.get(r.id) ?? [], entries: count });
  }
  for (const [author, count] of entries) {
    if (!named.has(author)) out.push({ name: author, team: '', checkedInAt: null, releasedAt: null, roles: [], reportsTo: [], entries: count });
  }
  return out;
}

/**
 * Everyone holding a role and the lead they report to now, by name and the
 * lead's role above them (the nearest role up the tree that its holder
 * holds; the IC's for a role nobody above holds). The IC reports to nobody.
 */
function leadsNow(fold: OrgFold): Map<string, { lead: string; leadRole: string }> {
  const ic = fold.icHolder();
  const out = new Map<string, { lead: string; leadRole: string }>();
  for (const role of fold.roles.values()) {
    if (role.holderId === null || role.holderId === ic || out.has(role.holderId)) continue;
    const boss = fold.bossOfRole(role.id);
    if (boss === null) continue;
    let above = role.parentId === null ? undefined : fold.roles.get(role.parentId);
    for (let guard = 0; above && above.holderId !== boss && guard <= fold.roles.size; guard++) {
      above = above.parentId === null ? undefined : fold.roles.get(above.parentId);
    }
    const leadRole = above ? titleOf(above.role) : titleOf(fold.roles.get(IC_ROLE_ID)!.role);
    out.set(role.holderId, { lead: fold.nameOf(boss), leadRole });
  }
  return out;
}

function decisionsOf(snapshot: IncidentSnapshot, amendments: ReturnType<typeof amendmentsOf>): DecisionFact[] {
  const out: DecisionFact[] = [];
  for (const d of snapshot.plan?.decisions ?? []) {
    out.push({
      at: d.proposedAt,
      text: d.text,
      by: d.proposedBy,
      outcome: d.outcome ?? 'open',
      decidedAt: d.decidedAt,
      objections: d.objections.map((o) => o.text),
      note: d.note,
    });
  }
  for (const event of snapshot.timeline) {
    if (event.kind !== 'decision') continue;
    const reading = readEntry(event, amendments);
    if (reading.struck) continue;
    out.push({ at: event.at, text: reading.text, by: creditOf(event), outcome: 'logged', decidedAt: event.at, objections: [], note: '' });
  }
  return out.sort((a, b) => a.at - b.at);
}

function responseFigures(snapshot: IncidentSnapshot, updates: readonly UpdateEvent[]): ResponseFigures {
  const header = snapshot.header!;
  const first = (audience: 'internal' | 'external') => {
    const u = updates.find((x) => x.audience === audience && x.template !== 'can');
    return u ? Math.round((u.at - header.declaredAt) / 60_000) : null;
  };
  let late = 0;
  const promised = new Map<string, number | null>();
  for (const u of updates) {
    const lane = u.template === 'can' ? 'can' : u.audience;
    const due = promised.get(lane);
    if (typeof due === 'number' && u.at > due + 60_000) late++;
    promised.set(lane, u.nextAt);
  }
  const plan = snapshot.plan;
  const tasks = plan?.objectives.flatMap((o) => o.tasks) ?? [];
  return {
    firstUpdateMinutes: { internal: first('internal'), external: first('external') },
    updatesSent: updates.filter((u) => u.template !== 'can').length,
    lateUpdates: late,
    icHandovers: icHandoversOf(snapshot),
    responders: snapshot.org?.responders.length ?? 0,
    tasks: tasks.length,
    tasksExtended: tasks.filter((t) => t.extensions > 0).length,
    changes: plan?.changes.length ?? 0,
    changesThatDidNotWork: plan?.changes.filter((c) => c.worked === false).length ?? 0,
    decisionsAdopted: plan?.decisions.filter((d) => d.outcome === 'adopted').length ?? 0,
  };
}

/** How many times command changed hands before the end: whoever holds the IC role after each org change. */
export function icHandoversOf(snapshot: IncidentSnapshot): number {
  let handovers = 0;
  let lastIc: string | null = null;
  const fold = new OrgFold();
  for (const event of snapshot.timeline) {
    if (event.kind === 'declared' && lastIc === null) {
      fold.declare(event.id, event.at, creditOf(event));
      lastIc = fold.icHolder();
    } else if (event.kind === 'org' && lastIc !== null) {
      fold.apply(event);
      const ic = fold.icHolder();
      if (ic !== lastIc) handovers++;
      lastIc = ic;
    } else if (event.kind === 'ended' && lastIc !== null) break;
  }
  return handovers;
}
