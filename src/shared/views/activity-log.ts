/**
 * A responder's activity log, after the ICS 214: the incident and the period
 * it covers, who they are (name, positions held, home team), the roles they
 * held and when, the tasks they owned and how each ended, and, in time
 * order, everything they logged and every change that concerned them
 * (check-in, assignments, handovers, release, their tasks).
 *
 * A person is known by the name they checked in (and log) under: someone
 * released and checked in again, or an author who never checked in, is the
 * same person by name, as presence and the role filter match them.
 */
import type { EntryStrike } from '../incident/amendments';
import type { IncidentSnapshot } from '../incident/projection';
import type { TaskStatus } from '../incident/plan-schema';
import { byline, creditOf, type EventKind, type TimelineEvent } from '../incident/schema';
import type { OrgFold } from '../incident/org-fold';
import { titleOf } from '../incident/org-fold';
import { ownerOf, type PlanFold } from '../incident/plan-fold';
import { personKey, replayIncident } from './replay';

export interface ActivityRole {
  readonly roleId: string;
  readonly title: string;
  readonly from: number;
  /** Null: still held (until the end, if the incident has ended). */
  readonly to: number | null;
}

export interface ActivityTask {
  readonly id: string;
  readonly text: string;
  readonly objective: string;
  /** When it became theirs, and when it stopped being theirs (reassigned); null: theirs to the last. */
  readonly from: number;
  readonly to: number | null;
  /** How it ended (or stands): open, done, blocked, dropped; with the note given. */
  readonly status: TaskStatus;
  readonly note: string;
}

export interface ActivityEntry {
  readonly id: string;
  /** The entry as stored (its kind of change, for the view to label it). */
  readonly event: TimelineEvent;
  readonly at: number;
  readonly kind: EventKind;
  /** The entry's current text (an edited entry's latest version). */
  readonly text: string;
  readonly author: string;
  /** They logged it themselves (otherwise it is a change that concerned them). */
  readonly own: boolean;
  readonly edited: boolean;
  readonly struck: EntryStrike | null;
  readonly key: boolean;
}

export interface ActivityLog {
  readonly incidentName: string;
  readonly name: string;
  /** ICS 214 "home agency and unit": their team or skills, as given at check-in. */
  readonly skills: string;
  readonly contact: string;
  /** Every role they held, in the order they took them. */
  readonly positions: readonly string[];
  /** The period covered: from their check-in (or first entry) to their release, the end, or now (null). */
  readonly from: number;
  readonly to: number | null;
  readonly roles: readonly ActivityRole[];
  readonly tasks: readonly ActivityTask[];
  readonly entries: readonly ActivityEntry[];
}

/** Whom to show: a responder of the chart, or an author by the name they log under. */
export type ActivitySubject = { readonly responderId: string } | { readonly name: string };

export function activityLog(snapshot: IncidentSnapshot, subject: ActivitySubject): ActivityLog | null {
  const header = snapshot.header;
  if (!header) return null;
  const name = 'name' in subject ? subject.name.trim() : snapshot.org?.responders.find((r) => r.id === subject.responderId)?.name;
  if (!name) return null;
  const key = personKey(name);
  const ids = new Set<string>();
  const roles: Array<{ -readonly [K in keyof ActivityRole]: ActivityRole[K] }> = [];
  const tasks = new Map<string, { from: number; to: number | null }>();
  const entries: ActivityEntry[] = [];
  let held = new Set<string>();
  let stateBefore = '';

  const final = replayIncident(snapshot.timeline, {
    before(event, { org }) {
      if (event.kind === 'org' || event.kind === 'declared') stateBefore = stateOf(org, key);
    },
    after(event, { org, plan }) {
      if (event.kind === 'amend') return;
      // Logged for them (by the Scribe) is theirs; logged by them for someone else is not.
      const own = personKey(creditOf(event)) === key;
      let concerns = own;
      if (event.kind === 'org' || event.kind === 'declared') {
        for (const r of org.responders.values()) if (personKey(r.name) === key) ids.add(r.id);
        const now = heldBy(org, ids);
        for (const roleId of now) if (!held.has(roleId)) roles.push({ roleId, title: titleOf(org.roles.get(roleId)!.role), from: event.at, to: null });
        for (const roleId of held) if (!now.has(roleId)) closeRole(roles, roleId, event.at);
        held = now;
        if (stateOf(org, key) !== stateBefore || (event.kind === 'org' && !org.refused.has(event.id) && names(event, org, ids))) concerns = true;
      } else if (event.kind === 'plan' && 'taskId' in event.plan && !plan.refused.has(event.id)) {
        // Followed whoever made the change (||= would skip it for their own).
        if (trackTask(tasks, event.plan.taskId, event.at, plan, org, ids)) concerns = true;
      }
      if (concerns) entries.push(entryOf(snapshot, event, own));
    },
  });

  const responders = [...final.org.responders.values()].filter((r) => ids.has(r.id));
  const checkedIn = responders.map((r) => r.checkedInAt);
  const onDuty = responders.some((r) => r.releasedAt === null);
  const released = responders.map((r) => r.releasedAt ?? 0);
  const firstEntry = entries.find((e) => e.own)?.at;
  const starts = firstEntry === undefined ? checkedIn : [...checkedIn, firstEntry];
  const from = starts.length ? Math.min(...starts) : header.declaredAt;
  let to = !onDuty && responders.length ? Math.max(...released) : header.endedAt;
  if (to !== null && entries.length) to = Math.max(to, entries[entries.length - 1]!.at);
  const latest = responders.sort((a, b) => b.checkedInAt - a.checkedInAt)[0];
  return {
    incidentName: header.name,
    name: latest?.name ?? name,
    skills: latest?.skills ?? '',
    contact: latest?.contact ?? '',
    positions: [...new Set(roles.map((r) => r.title))],
    from,
    to,
    roles,
    tasks: [...tasks].map(([id, owned]) => {
      const task = final.plan.tasks.get(id)!;
      return { id, text: task.text, objective: final.plan.objectives.get(task.objectiveId)?.text ?? '', from: owned.from, to: owned.to, status: task.status, note: task.note };
    }),
    entries,
  };
}

/** The roles the person (under any of their ids) holds. */
function heldBy(org: OrgFold, ids: ReadonlySet<string>): Set<string> {
  const held = new Set<string>();
  for (const role of org.roles.values()) if (role.holderId !== null && ids.has(role.holderId)) held.add(role.id);
  return held;
}

function closeRole(roles: Array<{ roleId: string; to: number | null }>, roleId: string, at: number): void {
  for (let i = roles.length - 1; i >= 0; i--) {
    if (roles[i]!.roleId === roleId && roles[i]!.to === null) {
      roles[i]!.to = at;
      return;
    }
  }
}

/** What an org change can change about a person, as a string to compare before and after. */
function stateOf(org: OrgFold, key: string): string {
  let state = '';
  for (const r of org.responders.values()) {
    if (personKey(r.name) !== key) continue;
    state += `${r.id}:${r.checkedInAt}:${r.releasedAt}:${r.briefed};`;
    for (const role of org.roles.values()) if (role.holderId === r.id) state += `${role.id},`;
  }
  return state;
}

/** An org change that names them: a handover offered to or by them, say, which changes nothing yet. */
function names(event: Extract<TimelineEvent, { kind: 'org' }>, org: OrgFold, ids: ReadonlySet<string>): boolean {
  const c = event.org as Record<string, unknown>;
  for (const field of ['responderId', 'holderId', 'toId', 'fromId']) if (typeof c[field] === 'string' && ids.has(c[field] as string)) return true;
  if (typeof c.handoverId === 'string') {
    const handover = org.handovers.get(c.handoverId);
    return !!handover && (ids.has(handover.toId) || ids.has(handover.fromId));
  }
  return false;
}

/** Follows who owns a task after a change to it; true when it was or is theirs. */
function trackTask(tasks: Map<string, { from: number; to: number | null }>, taskId: string, at: number, plan: PlanFold, org: OrgFold, ids: ReadonlySet<string>): boolean {
  const task = plan.tasks.get(taskId);
  if (!task) return false;
  const mine = ids.has(ownerOf(task.owner, org).responderId);
  const owned = tasks.get(taskId);
  if (mine && (!owned || owned.to !== null)) tasks.set(taskId, { from: owned?.from ?? at, to: null });
  else if (!mine && owned && owned.to === null) owned.to = at;
  else return mine;
  return true;
}

function entryOf(snapshot: IncidentSnapshot, event: TimelineEvent, own: boolean): ActivityEntry {
  const amended = snapshot.amendments.get(event.id);
  return {
    id: event.id,
    event,
    at: event.at,
    kind: event.kind,
    text: amended?.text ?? event.text,
    author: byline(event),
    own,
    edited: (amended?.versions.length ?? 1) > 1,
    struck: amended?.struck ?? null,
    key: amended?.key ?? false,
  };
}
