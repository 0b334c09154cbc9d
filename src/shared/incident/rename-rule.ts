/**
 * Who may rename an incident: its Incident Commander, who named it when
 * declaring it (the Scribe may log the IC's rename for them, credited to
 * the IC, as with any of the IC's decisions). One rule for the command's
 * check before writing and for the fold after a merge (projection.ts), so
 * a rename by someone else that arrives from a peer or a file is kept in the
 * log, marked, and changes nothing on any replica.
 */
import type { OrgFold } from './org-fold';

/** Why `credited` may not rename the incident as the chart stands; null when they may. */
export function renameRefusal(org: OrgFold, credited: string): string | null {
  const ic = org.nameOf(org.icHolder());
  if (ic.trim().toLowerCase() === credited.trim().toLowerCase()) return null;
  return `Only the Incident Commander renames the incident, and ${ic} is the IC: ask them, or log it for them (Alt+A).`;
}
