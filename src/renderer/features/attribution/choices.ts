/**
 * Whom the Scribe can log for, from the chart as it stands: the roles that
 * someone holds (an entry for "IC" is for whoever is IC at that moment),
 * the people on duty, and the person typing. Pure, so the picker, the
 * entry line's hint and the "ic>" prefix all read the same answer.
 */
import type { Attribution } from '../../../shared/incident/commands';
import type { OrgChart } from '../../../shared/incident/org-chart';

export interface AttributionChoice {
  /** Unique within one list; cmdk's value. */
  readonly id: string;
  readonly label: string;
  /** What else finds it: the role's abbreviation and title, the holder's name. */
  readonly keywords: readonly string[];
  /** Null: the person typing. */
  readonly attribution: Attribution | null;
}

const key = (name: string) => name.trim().toLowerCase();

export function attributionChoices(chart: OrgChart | null, me: string): AttributionChoice[] {
  const choices: AttributionChoice[] = [{ id: 'me', label: `Myself (${me})`, keywords: ['me', 'myself', me], attribution: null }];
  if (!chart) return choices;
  const nameOf = new Map(chart.responders.map((r) => [r.id, r.name]));
  for (const role of chart.roles) {
    const holder = role.holderId === null ? null : nameOf.get(role.holderId);
    if (!holder || key(holder) === key(me)) continue;
    choices.push({ id: `role:${role.id}`, label: `${role.title}: ${holder}`, keywords: [role.abbreviation, role.title, holder], attribution: { role: role.id } });
  }
  for (const r of chart.responders) {
    if (r.status === 'released' || key(r.name) === key(me)) continue;
    const roles = chart.roles.filter((role) => role.holderId === r.id).map((role) => role.abbreviation);
    choices.push({
      id: `person:${r.id}`,
      label: roles.length ? `${r.name} (${roles.join(', ')})` : r.name,
      keywords: [r.name, ...roles],
      attribution: { person: r.name },
    });
  }
  return choices;
}

/** "Sue Park (IC)": whom entries are for, as the entry line says it; null for the person typing (`me`). */
export function describeAttribution(attribution: Attribution | null, chart: OrgChart | null, me: string): string | null {
  const said = describe(attribution, chart);
  return said && key(said.name) !== key(me) ? said.label : null;
}

function describe(attribution: Attribution | null, chart: OrgChart | null): { name: string; label: string } | null {
  if (!attribution) return null;
  if ('person' in attribution) {
    const on = chart?.responders.find((r) => r.status !== 'released' && key(r.name) === key(attribution.person));
    const roles = on ? (chart?.roles ?? []).filter((role) => role.holderId === on.id).map((role) => role.abbreviation) : [];
    const name = on?.name ?? attribution.person;
    return { name, label: roles.length ? `${name} (${roles[0]})` : name };
  }
  const role = chart?.roles.find((r) => r.id === attribution.role);
  if (!role) return { name: '', label: 'a role no longer in this incident' };
  const holder = role.holderId === null ? null : chart?.responders.find((r) => r.id === role.holderId)?.name;
  return holder ? { name: holder, label: `${holder} (${role.abbreviation})` } : { name: '', label: `${role.title} (nobody holds it)` };
}

/**
 * "ic> Fail over now": a role's abbreviation (or "me") and ">" at the start
 * of an entry switch whom the entries are for, this one and the ones after.
 * Null when the line starts with no such prefix: then it is logged as typed.
 */
export function parseAttributionPrefix(text: string, chart: OrgChart | null): { attribution: Attribution | null; rest: string } | null {
  const match = /^\s*([A-Za-z][A-Za-z0-9-]{0,11})>\s*/.exec(text);
  if (!match) return null;
  const token = key(match[1]!);
  const rest = text.slice(match[0].length);
  if (token === 'me') return { attribution: null, rest };
  const role = chart?.roles.find((r) => key(r.abbreviation) === token && r.holderId !== null);
  return role ? { attribution: { role: role.id }, rest } : null;
}
