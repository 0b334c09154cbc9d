/**
 * Changes to the incident org chart, as they are stored: each one is a
 * timeline event of kind 'org', so the chart is event-sourced like the rest
 * of the incident, every change is in the log with who made it and when, and
 * the chart at any past moment is the fold of the events up to it.
 *
 * Role definitions are stored without their parent: where a role sits in the
 * tree is part of the change (`parentId`) so that a move is its own change.
 */
import type { RoleDefinition } from '../ics/roles';

/** The IC's role id: the root of every incident's tree, created by the declaration. */
export const IC_ROLE_ID = 'ic';

export type StoredRole = Omit<RoleDefinition, 'parentId'>;

/**
 * The rotation time's bounds: from a minute (drills and tests want a rotation
 * soon) to a day. Versions before 8 refused anything under 15 minutes as
 * malformed, so setting one raises the doc to SHORT_ROTATION_SCHEMA_VERSION
 * (see SCHEMA_VERSION): those versions show it read-only instead.
 */
export const MIN_ROTATION_MINUTES = 1;
export const MAX_ROTATION_MINUTES = 24 * 60;
/** The least rotation time versions before 8 accept. */
export const OLD_MIN_ROTATION_MINUTES = 15;
export const SHORT_ROTATION_SCHEMA_VERSION = 8;

export interface CheckInChange {
  readonly change: 'check-in';
  readonly responderId: string;
  readonly name: string;
  /** How to reach them: phone, chat handle, radio channel. */
  readonly contact: string;
  /** Their team or skills, from their day job ("DBA, Postgres"): never their incident role. */
  readonly skills: string;
}

export type OrgChange =
  | CheckInChange
  | { readonly change: 'brief'; readonly responderId: string }
  | { readonly change: 'add-role'; readonly roleId: string; readonly role: StoredRole; readonly parentId: string; readonly holderId: string | null }
  | { readonly change: 'assign'; readonly roleId: string; readonly responderId: string }
  | { readonly change: 'move'; readonly roleId: string; readonly parentId: string }
  | { readonly change: 'vacate'; readonly roleId: string; readonly holderId: string }
  | { readonly change: 'remove-role'; readonly roleId: string }
  | {
      readonly change: 'handover-offer';
      readonly handoverId: string;
      readonly roleId: string;
      readonly fromId: string;
      readonly toId: string;
      /** The ICS 201 briefing the app drafted and the outgoing holder edited. */
      readonly briefing: string;
    }
  | { readonly change: 'handover-accept'; readonly handoverId: string }
  | { readonly change: 'handover-cancel'; readonly handoverId: string }
  | { readonly change: 'release'; readonly responderId: string }
  | { readonly change: 'rotation'; readonly minutes: number };

export type OrgChangeKind = OrgChange['change'];

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function isStoredRole(v: unknown): v is StoredRole {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  switch (r.kind) {
    case 'sme':
      return isText(r.area, 80);
    case 'team-lead':
      return isText(r.team, 80);
    case 'custom':
      return isText(r.title, 80);
    case 'incident-commander':
    case 'deputy':
    case 'scribe':
    case 'tech-lead':
    case 'comms-lead':
    case 'internal-liaison':
    case 'customer-liaison':
    case 'member':
      return true;
    default:
      return false;
  }
}

/**
 * The cheap structural check of a stored change (see isTimelineEvent): the
 * projection drops what a buggy or hostile peer wrote instead of crashing.
 * The rules (who may hold what) are applied later, by the fold.
 */
export function isOrgChange(value: unknown): value is OrgChange {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  switch (c.change) {
    case 'check-in':
      return isId(c.responderId) && isText(c.name, 80) && isText(c.contact, 200) && isText(c.skills, 200);
    case 'brief':
    case 'release':
      return isId(c.responderId);
    case 'add-role':
      return isId(c.roleId) && isStoredRole(c.role) && isId(c.parentId) && (c.holderId === null || isId(c.holderId));
    case 'assign':
      return isId(c.roleId) && isId(c.responderId);
    case 'move':
      return isId(c.roleId) && isId(c.parentId);
    case 'vacate':
      return isId(c.roleId) && isId(c.holderId);
    case 'remove-role':
      return isId(c.roleId);
    case 'handover-offer':
      return isId(c.handoverId) && isId(c.roleId) && isId(c.fromId) && isId(c.toId) && isText(c.briefing, 20_000);
    case 'handover-accept':
    case 'handover-cancel':
      return isId(c.handoverId);
    case 'rotation':
      return typeof c.minutes === 'number' && Number.isInteger(c.minutes) && c.minutes >= MIN_ROTATION_MINUTES && c.minutes <= MAX_ROTATION_MINUTES;
    default:
      return false;
  }
}
