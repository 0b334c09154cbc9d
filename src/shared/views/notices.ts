/**
 * Which deadlines of the timers board this machine's responder is told about
 * when they come due, as OS notifications: their own tasks and their own
 * rotation; the IC and the Deputy, everything that is due (they keep the
 * rhythm for the whole response).
 */
import type { DeadlineNotice } from '../ipc';
import type { OrgChart } from '../incident/org-chart';
import type { BoardTimer } from './timers-board';

export interface LocalResponder {
  readonly responderId: string | null;
  /** Holds the IC or the Deputy role: told about every deadline. */
  readonly keepsTheRhythm: boolean;
}

/** The responder checked in under this machine's name, and whether they are the IC or the Deputy. */
export function localResponder(org: OrgChart | null, name: string): LocalResponder {
  const wanted = name.trim().toLowerCase();
  const me = org?.responders.find((r) => r.status !== 'released' && r.name.toLowerCase() === wanted);
  if (!org || !me) return { responderId: null, keepsTheRhythm: false };
  const kinds = me.roleIds.map((id) => org.roles.find((r) => r.id === id)?.role.kind);
  return { responderId: me.id, keepsTheRhythm: me.isIc || kinds.includes('deputy') };
}

const TITLES: Record<BoardTimer['kind'], string> = {
  'status-update': 'Status update due',
  review: 'Review due',
  task: 'Timebox up',
  rotation: 'Time to rotate',
  'deputy-callout': 'Elapsed-time call-out',
  custom: 'Timer',
};

export function deadlineNotices(board: readonly BoardTimer[], me: LocalResponder, incident: { id: string; name: string }): DeadlineNotice[] {
  return board
    .filter((t) => me.keepsTheRhythm || (me.responderId !== null && t.responderId === me.responderId))
    .map((t) => ({
      // An extended or moved deadline is a new occurrence: it notifies at its new time, never twice at one.
      key: `${t.id}:${t.dueAt}`,
      incidentId: incident.id,
      title: `${incident.name}: ${TITLES[t.kind]}`.slice(0, 120),
      body: t.label.slice(0, 300),
      dueAt: t.dueAt,
      target: { view: 'incident' as const, incidentId: incident.id, item: t.id.slice(0, 200) },
    }));
}
