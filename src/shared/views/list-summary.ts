/**
 * What the incident list shows of an incident beyond its header: who is in
 * command, the phase, when the next status update is due, and (once it has
 * ended) where its postmortem stands. Computed when the incident is saved
 * and kept in its catalog row, so the list paints, sorts and filters from the
 * catalog alone and never opens a document to do it.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { StatusPhase } from '../incident/status-schema';
import type { PostmortemStatus } from '../incident/postmortem-schema';
import { statusUpdateDue } from './timers-board';
import type { LinkedIncident } from '../incident/schema';
import type { OrgChart } from '../incident/org-chart';
import { icHandoverTo } from './shift-change';

/**
 * Raised whenever the catalog row gains a field (3: the metrics of an ended
 * incident, persistence.ts; 4: links and who holds which role; 5: whom a
 * handover of command waits for), so rows written by an older
 * Command Post are recomputed once (renderer/incidents/catalog-refresh.ts)
 * rather than shown with blanks until each incident happens to be saved.
 */
export const LIST_SUMMARY_VERSION = 5;

/** The postmortem as the list shows it; `status` is null until someone starts the draft. */
export interface PostmortemSummary {
  readonly owner: string | null;
  /** A calendar date, YYYY-MM-DD. */
  readonly dueDate: string | null;
  readonly status: PostmortemStatus | null;
  readonly openActionItems: number;
}

export interface ListSummary {
  readonly summaryVersion: number;
  /** The Incident Commander's name; the declarer's until a handover, and when the org chart has not folded yet. */
  readonly commander: string;
  /** Whom command is being handed to, until they acknowledge it: the list tells that person (views/shift-change.ts). */
  readonly icHandoverTo: string | null;
  /** When the next status update is due; null once the incident has ended. */
  readonly nextUpdateAt: number | null;
  readonly phase: StatusPhase;
  readonly postmortem: PostmortemSummary;
  /** The umbrella it is linked under, and the incidents linked under it (projection.ts); absent when none. */
  readonly umbrella?: LinkedIncident;
  readonly children?: readonly LinkedIncident[];
  /**
   * Who holds a role in it now, while it is active: a person holding roles
   * in two incidents at once answers to two bosses (unity of command), which
   * the org chart warns of across incidents (views/cross-incident.ts).
   */
  readonly assigned: readonly Assignment[];
}

/** A person and the role they hold, by the role's title. */
export interface Assignment {
  readonly name: string;
  readonly role: string;
}

export function listSummary(snapshot: IncidentSnapshot): ListSummary | null {
  const header = snapshot.header;
  if (!header) return null;
  const ic = snapshot.org?.responders.find((r) => r.isIc);
  const pm = snapshot.postmortem;
  return {
    summaryVersion: LIST_SUMMARY_VERSION,
    commander: ic?.name ?? header.declaredBy,
    icHandoverTo: icHandoverTo(snapshot),
    nextUpdateAt: statusUpdateDue(snapshot)?.dueAt ?? null,
    phase: snapshot.status.phase,
    postmortem: {
      owner: pm.owner,
      dueDate: pm.dueDate,
      status: pm.startedAt === null ? null : pm.status,
      openActionItems: pm.actionItems.filter((item) => !item.done && !item.removed).length,
    },
    ...(header.umbrella ? { umbrella: header.umbrella } : {}),
    ...(header.children ? { children: header.children } : {}),
    assigned: header.state === 'active' ? assignmentsOf(snapshot.org) : [],
  };
}

/** A postmortem still to be finished (not reviewed or closed) whose due date has passed; `today` is a local YYYY-MM-DD. */
export function postmortemOverdue(pm: PostmortemSummary | undefined, today: string): boolean {
  if (!pm?.dueDate) return false;
  return pm.status !== 'reviewed' && pm.status !== 'closed' && pm.dueDate < today;
}

/** Every role given to someone (a role nobody was given is the IC's, who is listed for the IC role). */
export function assignmentsOf(org: OrgChart | null): Assignment[] {
  if (!org) return [];
  const names = new Map(org.responders.map((r) => [r.id, r.name]));
  return org.roles.flatMap((role) => {
    const holder = role.holderId ?? (role.parentId === null ? org.icId : null);
    const name = holder ? names.get(holder) : undefined;
    return name ? [{ name, role: role.title }] : [];
  });
}
