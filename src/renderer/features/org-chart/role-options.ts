/**
 * The choices the assign, move and hand-over dialogs offer, worked out from
 * the chart and the role catalog: which new roles can still be added, which
 * roles are vacant, whom a role may report to and whom it reports to by
 * default.
 */
import { IC_ROLE_ID } from '../../../shared/incident/org-schema';
import type { ChartResponder, ChartRole, OrgChart } from '../../../shared/incident/org-chart';
import {
  ROLE_CATALOG,
  SINGLE_ROLE_KINDS,
  canReportTo,
  defaultParentKind,
  type RoleDefinitionInput,
  type RoleKind,
  type RoleQualifier,
} from '../../../shared/ics/roles';

export interface NewRoleChoice {
  readonly kind: RoleKind;
  readonly label: string;
  readonly summary: string;
  readonly qualifier: RoleQualifier;
}

const kindOf = (role: ChartRole) => role.role.kind as RoleKind;
const SINGLE = new Set<RoleKind>(SINGLE_ROLE_KINDS);

/** The catalog's roles that can still be added: never a second IC, Scribe, Tech Lead… */
export function newRoleChoices(org: OrgChart): NewRoleChoice[] {
  const present = new Set(org.roles.map(kindOf));
  return ROLE_CATALOG.filter((spec) => spec.kind !== 'incident-commander' && !(SINGLE.has(spec.kind) && present.has(spec.kind))).map((spec) => ({
    kind: spec.kind,
    label: spec.qualifier === 'none' ? spec.title : `${spec.title} (${QUALIFIER_HINT[spec.qualifier]})`,
    summary: spec.summary,
    qualifier: spec.qualifier,
  }));
}

const QUALIFIER_HINT: Record<RoleQualifier, string> = { none: '', area: 'name the area', team: 'name the team', title: 'give it a title' };

/** What the name field is called for a role that needs one. */
export const QUALIFIER_FIELD: Record<Exclude<RoleQualifier, 'none'>, { label: string; placeholder: string }> = {
  area: { label: 'Area', placeholder: 'Database (makes "Database SME")' },
  team: { label: 'Team', placeholder: 'Network (makes "Network Team Lead")' },
  title: { label: 'Title', placeholder: 'Security Officer' },
};

/** Roles that exist but nobody holds yet: the IC holds them. */
export function vacantRoles(org: OrgChart): ChartRole[] {
  return org.roles.filter((r) => r.id !== IC_ROLE_ID && r.holderId === null);
}

/** A role and everything under it. */
export function subtreeIds(org: OrgChart, roleId: string): Set<string> {
  const byId = new Map(org.roles.map((r) => [r.id, r]));
  const ids = new Set<string>();
  const walk = (id: string) => {
    if (ids.has(id)) return;
    ids.add(id);
    for (const child of byId.get(id)?.childIds ?? []) walk(child);
  };
  walk(roleId);
  return ids;
}

/**
 * The roles a role of `kind` may report to, in chart order; when moving an
 * existing role, never itself or anything under it.
 */
export function reportsToChoices(org: OrgChart, kind: RoleKind, movingRoleId?: string): ChartRole[] {
  const excluded = movingRoleId ? subtreeIds(org, movingRoleId) : new Set<string>();
  return org.roles.filter((r) => !excluded.has(r.id) && canReportTo(kind, kindOf(r)));
}

/**
 * Whom a new role reports to unless the user says otherwise: the role they
 * started from when it fits, else the catalog's default boss that the
 * incident has (a Database SME goes under the Tech Lead), else the IC.
 */
export function defaultParentId(org: OrgChart, kind: RoleKind, preferred?: string): string {
  const choices = reportsToChoices(org, kind);
  if (preferred && choices.some((r) => r.id === preferred)) return preferred;
  const parentKind = defaultParentKind(kind, org.roles.map(kindOf));
  return choices.find((r) => kindOf(r) === parentKind)?.id ?? IC_ROLE_ID;
}

/** What a new role under this one most likely is: members under a team lead, SMEs under the Tech Lead. */
export function likelyKindUnder(parent: ChartRole | undefined): RoleKind | null {
  if (!parent) return null;
  if (parent.role.kind === 'team-lead') return 'member';
  if (parent.role.kind === 'tech-lead') return 'sme';
  return null;
}

/** The role definition the commands take, from the dialog's fields. */
export function roleDefinition(kind: RoleKind, name: string, parentId: string): RoleDefinitionInput {
  switch (kind) {
    case 'sme':
      return { kind, area: name, parentId };
    case 'team-lead':
      return { kind, team: name, parentId };
    case 'custom':
      return { kind, title: name, parentId };
    default:
      return { kind, parentId } as RoleDefinitionInput;
  }
}

/**
 * "Network Team Lead — Cy": the title first (typing it in a closed list
 * picks the role), then who holds it.
 */
export function roleLabel(role: ChartRole, org: OrgChart): string {
  const holder = role.holderId === null ? 'held by the IC' : (org.responders.find((p) => p.id === role.holderId)?.name ?? 'someone');
  return `${role.title} — ${holder}`;
}

/** "Bo — waiting in staging (DBA)", "Cy — Database SME": the name first, so typing it picks the person. */
export function responderLabel(person: ChartResponder, org: OrgChart): string {
  if (person.status === 'staging') return `${person.name} — waiting in staging${person.skills ? ` (${person.skills})` : ''}`;
  const titles = person.roleIds.map((id) => org.roles.find((r) => r.id === id)?.title).filter(Boolean);
  return `${person.name} — ${titles.join(', ')}`;
}
