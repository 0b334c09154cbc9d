/**
 * The header every form carries: the incident, its operational period (the
 * declaration to the end, or to now while it runs: the plan has no
 * operational periods of its own yet) and who prepared it, with the role
 * they hold now.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { IC_ROLE_ID } from '../../incident/org-schema';
import { personKey } from '../../views/replay';
import { utcStamp } from '../postmortem-draft';
import type { FormHeader } from './model';

export interface PreparedFor {
  /** The person at the keyboard. */
  readonly preparedBy: string;
  readonly now: number;
}

/** "Ada Lovelace (IC)", or the name alone for someone holding no role. */
export function preparerLabel(snapshot: IncidentSnapshot, name: string): string {
  const org = snapshot.org;
  const who = name.trim() || 'Unknown';
  const me = org?.responders.find((r) => r.status !== 'released' && personKey(r.name) === personKey(who));
  if (!org || !me) return who;
  // The IC's role first, as credits show it.
  const held = org.roles.filter((r) => me.roleIds.includes(r.id)).sort((a, b) => Number(b.id === IC_ROLE_ID) - Number(a.id === IC_ROLE_ID));
  return held.length ? `${me.name} (${held.map((r) => r.abbreviation).join(', ')})` : me.name;
}

export function formHeader(snapshot: IncidentSnapshot, { preparedBy, now }: PreparedFor): FormHeader {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has ICS forms.');
  const to = header.endedAt ?? now;
  return Object.freeze({
    incidentName: header.name,
    severity: header.severity,
    drill: header.drill,
    periodFrom: header.declaredAt,
    periodTo: to,
    periodText: `${utcStamp(header.declaredAt)} to ${header.endedAt === null ? `${utcStamp(to)} (ongoing)` : utcStamp(to)}`,
    preparedBy: preparerLabel(snapshot, preparedBy),
    preparedAt: now,
  });
}
