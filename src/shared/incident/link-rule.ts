/**
 * Who may link an incident under an umbrella response, or an incident under
 * this one: its Incident Commander, whose call it is to whom the response
 * reports (the Scribe may log it for them, credited to the IC). One rule
 * for the command's check and for the fold after a merge (projection.ts).
 */
import type { OrgFold } from './org-fold';

/** Why `credited` may not link or unlink the incident as the chart stands; null when they may. */
export function linkRefusal(org: OrgFold, credited: string): string | null {
  const ic = org.nameOf(org.icHolder());
  if (ic.trim().toLowerCase() === credited.trim().toLowerCase()) return null;
  return `Only the Incident Commander links the incident to another, and ${ic} is the IC: ask them, or log it for them (Alt+A).`;
}
