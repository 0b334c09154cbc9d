/**
 * What the incident list shows of an incident beyond its header: who is in
 * command and when the next status update is due. Computed when the incident
 * is saved and kept in its catalog row, so the list paints from the catalog
 * alone and never opens a document to show it.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { statusUpdateDue } from './timers-board';

export interface ListSummary {
  /** The Incident Commander's name; the declarer's until a handover, and when the org chart has not folded yet. */
  readonly commander: string;
  /** When the next status update is due; null once the incident has ended. */
  readonly nextUpdateAt: number | null;
}

export function listSummary(snapshot: IncidentSnapshot): ListSummary | null {
  const header = snapshot.header;
  if (!header) return null;
  const ic = snapshot.org?.responders.find((r) => r.isIc);
  return { commander: ic?.name ?? header.declaredBy, nextUpdateAt: statusUpdateDue(snapshot)?.dueAt ?? null };
}
