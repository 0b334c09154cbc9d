/**
 * Who may change the communications plan: whoever holds the Comms Lead
 * role; while nobody does (or the chart has no Comms Lead yet), the
 * Incident Commander, who holds every role not delegated (ICS). The Scribe
 * may make the change for them, credited to them (Alt+A), as with any of
 * their decisions. The IC who has delegated Comms asks the Comms Lead: one
 * person owns where the response talks, so two people do not move the
 * bridge at once.
 */
import type { OrgFold } from './org-fold';

interface HeldRole {
  readonly role: { readonly kind: string };
  readonly holderId: string | null;
}

/** The responder ids who keep the plan as the chart stands (the fold's, or a snapshot's roles and IC): the Comms Lead, else the IC. */
export function commsKeepers(roles: Iterable<HeldRole>, icId: string): string[] {
  const holders = [...roles].filter((r) => r.role.kind === 'comms-lead' && r.holderId !== null).map((r) => r.holderId!);
  return holders.length ? [...new Set(holders)] : [icId];
}

/** Why `credited` may not change the communications plan; null when they may. */
export function commsRefusal(org: OrgFold, credited: string): string | null {
  const owners = commsKeepers(org.roles.values(), org.icHolder()).map((id) => org.nameOf(id));
  const key = credited.trim().toLowerCase();
  if (owners.some((name) => name.trim().toLowerCase() === key)) return null;
  const delegated = [...org.roles.values()].some((r) => r.role.kind === 'comms-lead' && r.holderId !== null);
  return delegated
    ? `Only the Comms Lead changes the communications plan, and ${owners.join(' and ')} holds it: ask them, or log it for them (Alt+A).`
    : `Only the Comms Lead changes the communications plan; nobody holds it yet, so the IC, ${owners[0]}, does: ask them, or log it for them (Alt+A).`;
}
