/**
 * What the org chart warned about, for the timeline and the postmortem:
 * the rotation prompt ("On duty 1:30 — rotate?") from the moment it came
 * due, and whether the person was relieved after it; a lead's span of
 * control going over the limit, and coming back within it.
 *
 * Both are conditions of the chart and the clock, not acts of anyone, so
 * they are derived here from the events, never written: every peer shows
 * the prompt, and each writing "rotation due" would log it once per peer,
 * at slightly different times. Replayed from the same log, every replica
 * shows the same rows, exactly once (as expiries.ts does for deadlines).
 *
 * `orgWatchHistory` lists the rows that came due and those that will if
 * nothing happens first (a rotation still ahead), each at its time; the
 * timeline shows those due by the app's clock (`expiredBy` in expiries.ts
 * works on any rows sorted by time).
 */
import type { IncidentSnapshot } from '../incident/projection';
import { IC_ROLE_ID } from '../incident/org-schema';
import { rotationDueFrom } from '../incident/org-chart';
import { SPAN_MAX, titleOf, type OrgFold } from '../incident/org-fold';
import { isLoggedEvent, type TimelineEvent } from '../incident/schema';
import { IncidentReplay, type ReplayState, type ReplayVisitor } from './replay';
import { memoizedFold, type TimelineFold } from './timeline-fold';

export type WatchKind = 'rotation' | 'span';

export interface WatchRow {
  /** Marks a row derived from the doc, not an event stored in it. */
  readonly derived: true;
  /** Stable: what it is about and when it began. */
  readonly id: string;
  readonly kind: WatchKind;
  readonly at: number;
  readonly text: string;
  /** Whom it is about: the person due to rotate, the lead with too many reports. */
  readonly responderId: string;
}

/** Every row that came due or will, by time. Memoized per timeline, and worked out from the previous one's when events were only appended. */
export const orgWatchHistory: (snapshot: IncidentSnapshot) => readonly WatchRow[] = memoizedFold({
  timelineOf: (snapshot: IncidentSnapshot) => snapshot.timeline,
  start: () => new OrgWatchFold(),
});

/** The same answer, folded from the start (for the postmortem, and for tests that check the memoized one against it). */
export function computeOrgWatch(timeline: Iterable<TimelineEvent>): readonly WatchRow[] {
  const fold = new OrgWatchFold();
  for (const event of timeline) fold.add(event);
  return fold.result();
}

const MINUTE = 60_000;

/** "1:30" for an hour and a half on duty. */
function onDutyClock(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesLater(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return 'at once';
  return `${minutes} minute${minutes === 1 ? '' : 's'} later`;
}

interface OnDuty {
  readonly name: string;
  readonly since: number;
  /** When the prompt came due; null while it has not. */
  dueAt: number | null;
  /** The minutes it came due after. */
  minutes: number;
  /** What relieved them after the prompt, in words, and when. */
  outcome: { readonly at: number; readonly text: string } | null;
}

interface Rotation extends OnDuty {
  readonly responderId: string;
}

/** The replay of the chart's warnings, kept as the timeline grows. */
class OrgWatchFold implements TimelineFold<unknown, readonly WatchRow[]> {
  private readonly replay = new IncidentReplay();
  private readonly onDuty = new Map<string, OnDuty>();
  /** Every prompt that came due, in order, with what came of it (the objects in onDuty while they are on duty). */
  private readonly rotations: Rotation[] = [];
  /** The earliest a prompt still ahead comes due (Infinity: none), so most events cost nothing. */
  private nextDue = Infinity;
  /** Leads over the limit now → their direct reports. */
  private over = new Map<string, number>();
  private readonly spans: WatchRow[] = [];
  private endedAt: number | null = null;

  private readonly visitor: ReplayVisitor = {
    before: (event, state) => {
      if (state.declared && !state.ended && event.at >= this.nextDue) this.promptsDueBy(event.at, state.org);
    },
    after: (event, state) => this.after(event, state),
  };

  private dueOf(person: OnDuty, org: OrgFold): number {
    return rotationDueFrom(person.since, org.rotation);
  }

  /** Raises the prompts that came due by `until` (or will, for Infinity), and works out the next one. */
  private promptsDueBy(until: number, org: OrgFold): void {
    let next = Infinity;
    for (const [id, person] of this.onDuty) {
      if (person.dueAt !== null) continue;
      const due = this.dueOf(person, org);
      if (due <= until) {
        person.dueAt = due;
        person.minutes = org.rotation.minutes;
        this.rotations.push(Object.assign(person, { responderId: id }));
      } else next = Math.min(next, due);
    }
    this.nextDue = next;
  }

  private after(event: TimelineEvent, { org, declared, ended }: ReplayState): void {
    if (this.endedAt !== null || !declared) return;
    if (ended) {
      this.endedAt = event.at;
      for (const person of this.onDuty.values()) {
        if (person.dueAt !== null && !person.outcome) person.outcome = { at: event.at, text: 'still on duty when the incident ended' };
      }
      return;
    }
    if (event.kind === 'declared') {
      if (this.onDuty.size === 0) {
        const ic = org.icHolder();
        this.onDuty.set(ic, { name: org.nameOf(ic), since: event.at, dueAt: null, minutes: org.rotation.minutes, outcome: null });
        this.nextDue = Math.min(this.nextDue, this.dueOf(this.onDuty.get(ic)!, org));
      }
      return;
    }
    if (event.kind !== 'org' || org.refused.has(event.id)) return;
    const change = event.org;
    switch (change.change) {
      case 'check-in': {
        const person: OnDuty = { name: change.name, since: event.at, dueAt: null, minutes: org.rotation.minutes, outcome: null };
        this.onDuty.set(change.responderId, person);
        this.nextDue = Math.min(this.nextDue, this.dueOf(person, org));
        break;
      }
      case 'release': {
        const person = this.onDuty.get(change.responderId);
        if (person?.dueAt != null && !person.outcome) person.outcome = { at: event.at, text: `released ${minutesLater(event.at - person.dueAt)}` };
        this.onDuty.delete(change.responderId);
        break;
      }
      case 'handover-accept': {
        // Relieved by whoever took over their role (the rotation's usual shape: hand over, then leave).
        const handover = org.handovers.get(change.handoverId);
        const person = handover && this.onDuty.get(handover.fromId);
        const role = handover && org.roles.get(handover.roleId);
        if (handover && person?.dueAt != null && !person.outcome && role) {
          const title = role.id === IC_ROLE_ID ? 'command' : titleOf(role.role);
          person.outcome = { at: event.at, text: `handed ${title} to ${org.nameOf(handover.toId)} ${minutesLater(event.at - person.dueAt)}` };
        }
        break;
      }
      case 'rotation':
        this.nextDue = 0;
        break;
    }
    this.spanAfter(event, org);
  }

  /** Span of control after an org change: a lead going over the limit, or back within it. */
  private spanAfter(event: TimelineEvent, org: OrgFold): void {
    const now = directReports(org);
    for (const [lead, count] of now) {
      if (count <= SPAN_MAX || this.over.has(lead)) continue;
      this.spans.push(
        row(
          `span:${lead}:${event.id}`,
          'span',
          event.at,
          `Span of control: ${org.nameOf(lead)} now has ${count} people reporting directly (${SPAN_MAX} at most); add a level.`,
          lead,
        ),
      );
    }
    for (const [lead] of this.over) {
      const count = now.get(lead) ?? 0;
      if (count > SPAN_MAX) continue;
      this.spans.push(
        row(`span:${lead}:${event.id}`, 'span', event.at, `Span of control back within limits: ${org.nameOf(lead)} has ${count} ${count === 1 ? 'person' : 'people'} reporting directly.`, lead),
      );
    }
    this.over = new Map([...now].filter(([, count]) => count > SPAN_MAX));
  }

  add(event: TimelineEvent): void {
    this.replay.step(event, this.visitor);
  }

  /**
   * An entry logged (not a change to the chart) changes nothing here
   * wherever it sorts: a prompt that came due before it is raised by the
   * first event after its due time, or at the end, with the same chart in
   * force (nothing between changed it), so the answer is the one folding
   * in order gives.
   */
  insert(event: TimelineEvent): boolean {
    return isLoggedEvent(event);
  }

  result(): readonly WatchRow[] {
    const rows: WatchRow[] = [...this.spans];
    for (const r of this.rotations) rows.push(rotationRow(r, r.responderId, this.endedAt === null ? 'still on duty' : 'still on duty when the incident ended'));
    // A prompt still ahead comes due at its time, unless they are relieved first.
    if (this.endedAt === null && this.replay.declared) {
      const org = this.replay.org;
      for (const [id, person] of this.onDuty) {
        if (person.dueAt === null) rows.push(rotationRow({ ...person, dueAt: this.dueOf(person, org), minutes: org.rotation.minutes }, id, 'still on duty'));
      }
    }
    return Object.freeze(rows.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }
}

function rotationRow(person: OnDuty, responderId: string, pending: string): WatchRow {
  const dueAt = person.dueAt!;
  const outcome = person.outcome?.text ?? pending;
  return row(
    `rotation:${responderId}:${person.since}`,
    'rotation',
    dueAt,
    `Rotation due: ${person.name} on duty ${onDutyClock(dueAt - person.since)} (rotate after ${person.minutes} minutes); ${outcome}.`,
    responderId,
  );
}

/** How many people report directly to each lead, as the chart counts them (one boss each: a person's first role decides). */
function directReports(org: OrgFold): Map<string, number> {
  const ic = org.icHolder();
  const bossOf = new Map<string, string | null>();
  for (const role of org.roles.values()) {
    if (role.holderId === null || bossOf.has(role.holderId)) continue;
    bossOf.set(role.holderId, role.holderId === ic ? null : org.bossOfRole(role.id));
  }
  const counts = new Map<string, number>();
  for (const boss of bossOf.values()) if (boss !== null) counts.set(boss, (counts.get(boss) ?? 0) + 1);
  return counts;
}

function row(id: string, kind: WatchKind, at: number, text: string, responderId: string): WatchRow {
  return Object.freeze({ derived: true, id, kind, at, text, responderId });
}
