/**
 * Rules over the role catalog: looking roles up, the title of each role
 * instance ("Database SME", "Network Team Lead"), who may report to whom,
 * and the zod schema of a role instance definition that commands validate
 * their input with. The catalog itself (descriptions, checklists) is data in
 * `role-catalog.ts`.
 */
import { z } from 'zod';
import { ROLE_CATALOG, ROLE_KINDS, type ChecklistItem, type RoleKind, type RoleSpec } from './role-catalog';

export * from './role-catalog';

/** The longest title a role instance may have, qualifier included. */
export const MAX_ROLE_TITLE = 60;
const SME_SUFFIX = ' SME';
const TEAM_SUFFIX = ' Team Lead';
/** An area or team name is at most what still fits in a title. */
export const MAX_SME_AREA = MAX_ROLE_TITLE - SME_SUFFIX.length;
export const MAX_TEAM_NAME = MAX_ROLE_TITLE - TEAM_SUFFIX.length;

const specsByKind = new Map<RoleKind, RoleSpec>(ROLE_CATALOG.map((spec) => [spec.kind, spec]));
const itemsById = new Map<string, { readonly kind: RoleKind; readonly item: ChecklistItem }>(
  ROLE_CATALOG.flatMap((spec) => spec.checklist.map((item) => [item.id, { kind: spec.kind, item }] as const)),
);

export function isRoleKind(value: unknown): value is RoleKind {
  return typeof value === 'string' && (ROLE_KINDS as readonly string[]).includes(value);
}

export function roleSpec(kind: RoleKind): RoleSpec {
  const spec = specsByKind.get(kind);
  if (!spec) throw new Error(`Unknown role ${String(kind)}`);
  return spec;
}

/**
 * The duty a stored tick refers to, or undefined when the catalog no longer
 * has it (the tick then shows nowhere, and nothing breaks).
 */
export function findChecklistItem(id: string): { readonly kind: RoleKind; readonly item: ChecklistItem } | undefined {
  return itemsById.get(id);
}

/** The shape of a checklist item id, so a tick written by a newer catalog still validates. */
export const CHECKLIST_ITEM_ID = /^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ChecklistItemId = z
  .string({ error: 'A checklist item id is required.' })
  .max(80, 'A checklist item id is at most 80 characters.')
  .regex(CHECKLIST_ITEM_ID, 'A checklist item id looks like "ic.announce".');

// ---------------------------------------------------------------- names

/**
 * Line breaks, tabs and other C0/C1 control characters, plus the bidi
 * overrides and isolates: those can make a title display differently from
 * what it is ("Incident Commander" spelled backwards on screen).
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

interface NameRules {
  /** Refers to the field in messages: "The area", "The team", "The title". */
  readonly label: string;
  readonly max: number;
  readonly emptyMessage: string;
  /** A suffix people type out of habit and that the title adds anyway ("Database SME" as an area). */
  readonly redundantSuffix?: RegExp;
}

/** Trims, checks and tidies one name; returns the clean name or the message to show. */
function cleanName(raw: string, rules: NameRules): { ok: true; value: string } | { ok: false; message: string } {
  let value = raw.normalize('NFC').trim();
  if (FORBIDDEN_CHARACTERS.test(value)) {
    return { ok: false, message: `${rules.label} must be plain text on one line: no line breaks, tabs or other control characters.` };
  }
  value = value.replace(/\s+/g, ' ');
  if (rules.redundantSuffix) value = value.replace(rules.redundantSuffix, '').trim();
  if (value.length === 0) return { ok: false, message: rules.emptyMessage };
  if (value.length > rules.max) {
    return { ok: false, message: `${rules.label} is at most ${rules.max} characters; this one has ${value.length}.` };
  }
  return { ok: true, value };
}

function nameSchema(rules: NameRules, extra?: (value: string) => string | null) {
  return z.string({ error: rules.emptyMessage }).transform((raw, ctx) => {
    const result = cleanName(raw, rules);
    const message = result.ok ? extra?.(result.value) : result.message;
    if (!result.ok || message) {
      ctx.issues.push({ code: 'custom', message: message ?? rules.emptyMessage, input: raw });
      return z.NEVER;
    }
    return result.value;
  });
}

/** The area of an SME: "Database" makes "Database SME". */
export const SmeArea = nameSchema({
  label: 'The area',
  max: MAX_SME_AREA,
  emptyMessage: 'Name the area this SME covers, such as "Database".',
  redundantSuffix: /(?:^|\s+)(?:SME|subject matter expert)$/iu,
});

/** The team of a team lead: "Network" makes "Network Team Lead". */
export const TeamName = nameSchema({
  label: 'The team name',
  max: MAX_TEAM_NAME,
  emptyMessage: 'Name the team, such as "Network" or "LAN".',
  redundantSuffix: /(?:^|\s+)team(?: lead(?:er)?)?$/iu,
});

const BUILT_IN_NAMES = new Map<string, RoleSpec>(
  ROLE_CATALOG.filter((spec) => spec.kind !== 'custom').flatMap((spec) => [
    [spec.title.toLowerCase(), spec] as const,
    [spec.abbreviation.toLowerCase(), spec] as const,
  ]),
);

/**
 * A custom role may not pose as a built-in one: a custom "Incident Commander"
 * would slip past the one-IC rule, and a custom "Database SME" would miss the
 * SME's checklist and its place in the tree.
 */
function customTitleClash(title: string): string | null {
  const builtIn = BUILT_IN_NAMES.get(title.toLowerCase());
  if (builtIn?.qualifier === 'area') return 'For an expert, pick Subject Matter Expert and name the area.';
  if (builtIn?.qualifier === 'team') return 'For a team, pick Team Lead and name the team.';
  if (builtIn) return `"${builtIn.title}" is a built-in role: pick it from the list instead.`;
  const sme = /^(.+?)\s+(?:SME|subject matter expert)$/iu.exec(title);
  if (sme) return `For an expert, pick Subject Matter Expert with the area "${sme[1]}".`;
  const team = /^(.+?)\s+team lead(?:er)?$/iu.exec(title);
  if (team) return `For a team, pick Team Lead with the team "${team[1]}".`;
  return null;
}

/** The title of a custom role, such as "Security Officer". */
export const CustomRoleTitle = nameSchema(
  { label: 'The role title', max: MAX_ROLE_TITLE, emptyMessage: 'Give the role a title, such as "Security Officer".' },
  customTitleClash,
);

// ---------------------------------------------------------------- definitions

/** The id of a role instance in an incident (a UUID in practice). */
export const RoleInstanceId = z
  .string({ error: 'Pick whom this role reports to.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a role of this incident.');

/** Roles with at most one instance, whose title is the catalog's. */
export const SINGLE_ROLE_KINDS = [
  'incident-commander',
  'deputy',
  'scribe',
  'tech-lead',
  'comms-lead',
  'internal-liaison',
  'customer-liaison',
] as const satisfies readonly RoleKind[];

const parentId = RoleInstanceId.optional();

/**
 * What a role instance is: its kind, what it is named after (area, team or
 * title) when it has several instances, and optionally the instance it
 * reports to (absent: the default boss, see `defaultParentKind`). Names come
 * out trimmed, on one line, with repeated spaces collapsed.
 */
export const RoleDefinition = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.enum(SINGLE_ROLE_KINDS), parentId }),
    z.object({ kind: z.literal('sme'), area: SmeArea, parentId }),
    z.object({ kind: z.literal('team-lead'), team: TeamName, parentId }),
    z.object({ kind: z.literal('member'), parentId }),
    z.object({ kind: z.literal('custom'), title: CustomRoleTitle, parentId }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Pick a role from the list.' : undefined) },
);
export type RoleDefinition = z.output<typeof RoleDefinition>;
export type RoleDefinitionInput = z.input<typeof RoleDefinition>;

/** The title shown everywhere for one role instance. */
export function roleTitle(def: RoleDefinition): string {
  switch (def.kind) {
    case 'sme':
      return `${def.area}${SME_SUFFIX}`;
    case 'team-lead':
      return `${def.team}${TEAM_SUFFIX}`;
    case 'custom':
      return def.title;
    default:
      return roleSpec(def.kind).title;
  }
}

const BUILT_IN_ABBREVIATIONS = new Set(ROLE_CATALOG.map((spec) => spec.abbreviation));

/**
 * A short label for tight layouts. Built-in roles use the catalog's; a custom
 * role uses its initials ("Security Officer" is "SO"), or its first letters
 * when the initials would read as a built-in role ("Change Lead" is "CHA",
 * not "CL").
 */
export function roleAbbreviation(def: RoleDefinition): string {
  if (def.kind !== 'custom') return roleSpec(def.kind).abbreviation;
  const words = def.title.split(' ').map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 0);
  const initials = words.length > 1 ? words.slice(0, 3).map((w) => [...w][0]).join('') : '';
  const candidate = initials.toUpperCase();
  if (candidate.length > 1 && !BUILT_IN_ABBREVIATIONS.has(candidate)) return candidate;
  return [...(words.join('') || def.title)].slice(0, 3).join('').toUpperCase();
}

/**
 * Two instances with the same key are the same role: a task given to
 * "Database SME" must reach one person. Commands refuse a second instance
 * with a key already in use.
 */
export function roleSlotKey(def: RoleDefinition): string | null {
  // Team members are many and alike: tasks go to the person, not to "Team Member".
  if (def.kind === 'member') return null;
  return roleTitle(def).toLowerCase();
}

// ---------------------------------------------------------------- reporting lines

/** Whether a role of kind `child` may report to one of kind `parent`. */
export function canReportTo(child: RoleKind, parent: RoleKind): boolean {
  return roleSpec(child).reportsTo.includes(parent);
}

/**
 * The kind a new role reports to when nobody says otherwise: the first of
 * its preferred bosses that the incident has, skipping roles with several
 * instances (which team lead is a choice), else the IC. Null for the IC.
 */
export function defaultParentKind(kind: RoleKind, present: Iterable<RoleKind>): RoleKind | null {
  const spec = roleSpec(kind);
  if (spec.reportsTo.length === 0) return null;
  const have = new Set(present);
  for (const candidate of spec.reportsTo) {
    if (roleSpec(candidate).multiplicity !== 'many' && have.has(candidate)) return candidate;
  }
  return 'incident-commander';
}
