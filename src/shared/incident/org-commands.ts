/**
 * Commands on the org chart: check in, brief, add and assign roles, move
 * them, hand them over, release people. Each one checks its change against
 * the chart as this replica folds it (the same rule the fold applies, see
 * incident/org-fold.ts), then appends it to the timeline as an 'org' event whose
 * text says in words what changed, so the log needs no other entry.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { ContactDetails, Skills } from '../ics/responders';
import { RoleDefinition, type RoleDefinitionInput } from '../ics/roles';
import { titleOf } from './org-fold';
import { CommandError } from './errors';
import { activeHeader, oneLine, parse, stampOf, LOCAL_ORIGIN, MAX_PERSON, type CommandContext } from './commands';
import { IC_ROLE_ID, MAX_ROTATION_MINUTES, MIN_ROTATION_MINUTES, OLD_MIN_ROTATION_MINUTES, SHORT_ROTATION_SCHEMA_VERSION, type OrgChange, type StoredRole } from './org-schema';
import { projectionOf } from './projection';
import { checklistOf, creditOf, type ChecklistTick, type OrgEvent } from './schema';
import { appendChange, causalTime } from './append';
import { ChecklistItemId, findChecklistItem } from '../ics/roles';
import { count } from '../plural';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not part of this incident.');

export const CheckInInput = z.object({
  name: oneLine('The name', MAX_PERSON),
  contact: ContactDetails.default(''),
  skills: Skills.default(''),
});
export type CheckInInput = z.input<typeof CheckInInput>;

export const AddRoleInput = z.object({
  role: RoleDefinition,
  /** Who takes it at once; absent: the IC holds it until it is delegated. */
  holderId: Id.optional(),
});
export type AddRoleInput = { role: RoleDefinitionInput; holderId?: string };

export const HandoverInput = z.object({
  roleId: Id,
  toId: Id,
  briefing: z
    .string()
    .trim()
    .min(1, 'A handover needs a briefing: situation, objectives, actions, organization, resources.')
    .max(10_000, 'The briefing is at most 10,000 characters.'),
});
export type HandoverInput = z.input<typeof HandoverInput>;

/** Why a briefing cannot be offered (empty, too long), in the handover's own words; null when it can. A form checks it before anything is written. */
export function briefingProblem(briefing: string): string | null {
  const parsed = HandoverInput.shape.briefing.safeParse(briefing);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'That briefing cannot be offered.');
}

export const RotationInput = z.object({
  minutes: z
    .number({ error: 'Give the rotation time in minutes.' })
    .int('Give the rotation time in whole minutes.')
    .min(MIN_ROTATION_MINUTES, 'Rotate people after a minute at the least.')
    .max(MAX_ROTATION_MINUTES, 'Rotate people within 24 hours (1440 minutes).'),
});

function write(doc: Y.Doc, ctx: CommandContext, change: OrgChange, text: string, schemaVersion?: number): OrgEvent {
  const stamp = stampOf(doc, ctx);
  activeHeader(doc);
  const refusal = projectionOf(doc).orgFold.check(change);
  if (refusal) throw new CommandError(refusal);
  const now = ctx.now();
  return appendChange<OrgEvent>(doc, { id: ctx.newId(), kind: 'org', at: causalTime(doc, now), loggedAt: now, ...stamp, text, org: change }, schemaVersion);
}

function fold(doc: Y.Doc) {
  return projectionOf(doc).orgFold;
}

function roleOf(doc: Y.Doc, roleId: string) {
  const role = fold(doc).roles.get(parse(Id, roleId));
  if (!role) throw new CommandError('That role is not part of this incident.');
  return role;
}

function nameOf(doc: Y.Doc, responderId: string): string {
  return fold(doc).nameOf(responderId);
}

/**
 * A role as the log names it: its holder first, then the role ("Priya Shah
 * (Team Member)"); one nobody holds is the IC's ("LAN Team Lead (held by the
 * IC, Dana Ross)"). Eight people moved under a new lead read as eight people.
 */
function holderAndRole(doc: Y.Doc, roleId: string): string {
  const role = fold(doc).roles.get(roleId);
  if (!role) return 'a role no longer there';
  const title = titleOf(role.role);
  if (role.holderId === null) return `${title} (held by the IC, ${nameOf(doc, fold(doc).icHolder())})`;
  return `${nameOf(doc, role.holderId)} (${title})`;
}

/** Who a role under `parentId` reports to, as the log names them: the parent role's holder, or the IC for one nobody holds. */
function leadOf(doc: Y.Doc, parentId: string): string {
  const parent = fold(doc).roles.get(parentId);
  if (!parent) return holderAndRole(doc, IC_ROLE_ID);
  return holderAndRole(doc, parent.id);
}

/** How many people hold roles below a role (they move with it). */
function peopleUnder(doc: Y.Doc, roleId: string): number {
  const roles = [...fold(doc).roles.values()];
  const people = new Set<string>();
  const visit = (id: string, guard: number) => {
    if (guard > roles.length) return;
    for (const child of roles) {
      if (child.parentId !== id) continue;
      if (child.holderId !== null) people.add(child.holderId);
      visit(child.id, guard + 1);
    }
  };
  visit(roleId, 0);
  return people.size;
}

/** Checks a responder in: they are in staging until assigned. */
export function checkIn(doc: Y.Doc, input: CheckInInput, ctx: CommandContext): OrgEvent {
  const data = parse(CheckInInput, input);
  const same = [...fold(doc).responders.values()].find((r) => r.releasedAt === null && r.name.toLowerCase() === data.name.toLowerCase());
  if (same) throw new CommandError(`${same.name} is already checked in.`, 'name');
  const details = [data.skills, data.contact && `reach at ${data.contact}`].filter(Boolean).join('; ');
  return write(
    doc,
    ctx,
    { change: 'check-in', responderId: ctx.newId(), name: data.name, contact: data.contact, skills: data.skills },
    `${data.name} checked in${details ? ` (${details})` : ''}.`,
  );
}

/** A released responder comes back for a new tour of duty, with their details as before. */
export function checkInAgain(doc: Y.Doc, responderId: string, ctx: CommandContext): OrgEvent {
  const r = fold(doc).responders.get(parse(Id, responderId));
  if (!r) throw new CommandError('That person has not checked in.');
  return write(doc, ctx, { change: 'check-in', responderId: r.id, name: r.name, contact: r.contact, skills: r.skills }, `${r.name} checked in again.`);
}

export function markBriefed(doc: Y.Doc, responderId: string, ctx: CommandContext): OrgEvent {
  const id = parse(Id, responderId);
  return write(doc, ctx, { change: 'brief', responderId: id }, `${nameOf(doc, id)} has been briefed.`);
}

/** Activates a role under another (by default, where the catalog puts it); optionally gives it to someone at once. */
export function addRole(doc: Y.Doc, input: AddRoleInput, ctx: CommandContext): OrgEvent {
  const data = parse(AddRoleInput, input);
  const { parentId = IC_ROLE_ID, ...role } = data.role;
  const stored = role as StoredRole;
  const parent = roleOf(doc, parentId);
  const holder = data.holderId ? nameOf(doc, data.holderId) : null;
  const under = parentId === IC_ROLE_ID ? '' : ` under ${titleOf(parent.role)}`;
  return write(
    doc,
    ctx,
    { change: 'add-role', roleId: ctx.newId(), role: stored, parentId, holderId: data.holderId ?? null },
    holder
      ? `${holder} assigned as ${titleOf(stored)}, reporting to ${leadOf(doc, parent.id)}.`
      : `${titleOf(stored)} activated${under}; the IC holds it until it is delegated.`,
  );
}

/** Gives a role nobody holds yet to a responder (a held role is handed over instead). */
export function assignRole(doc: Y.Doc, input: { roleId: string; responderId: string }, ctx: CommandContext): OrgEvent {
  const role = roleOf(doc, input.roleId);
  const responderId = parse(Id, input.responderId);
  return write(
    doc,
    ctx,
    { change: 'assign', roleId: role.id, responderId },
    `${nameOf(doc, responderId)} assigned as ${titleOf(role.role)}, reporting to ${leadOf(doc, role.parentId ?? IC_ROLE_ID)}.`,
  );
}

/**
 * Restructures: a role (and everyone under it) now reports to another. The
 * log names who moved, from whom to whom: "Priya Shah (Team Member) moved
 * from Sam Ortiz (Network Team Lead) to Ana Ruiz (LAN Team Lead)."
 */
export function moveRole(doc: Y.Doc, input: { roleId: string; parentId: string }, ctx: CommandContext): OrgEvent {
  const role = roleOf(doc, input.roleId);
  const parent = roleOf(doc, input.parentId);
  if (role.parentId === parent.id) throw new CommandError(`${titleOf(role.role)} already reports to ${titleOf(parent.role)}.`);
  const under = peopleUnder(doc, role.id);
  const team = under ? `, with the ${under === 1 ? 'person' : `${under} people`} under them,` : '';
  return write(
    doc,
    ctx,
    { change: 'move', roleId: role.id, parentId: parent.id },
    `${holderAndRole(doc, role.id)}${team} moved from ${leadOf(doc, role.parentId ?? IC_ROLE_ID)} to ${leadOf(doc, parent.id)}.`,
  );
}

/** The holder steps down from a role; it goes back to the IC. */
export function vacateRole(doc: Y.Doc, roleId: string, ctx: CommandContext): OrgEvent {
  const role = roleOf(doc, roleId);
  if (role.holderId === null) throw new CommandError(`Nobody holds ${titleOf(role.role)}: the IC does.`);
  return write(
    doc,
    ctx,
    { change: 'vacate', roleId: role.id, holderId: role.holderId },
    `${nameOf(doc, role.holderId)} stepped down as ${titleOf(role.role)}; the IC holds it again.`,
  );
}

/** A role no longer needed: it goes, and whoever reported to it moves up a level. */
export function removeRole(doc: Y.Doc, roleId: string, ctx: CommandContext): OrgEvent {
  const role = roleOf(doc, roleId);
  return write(doc, ctx, { change: 'remove-role', roleId: role.id }, `${titleOf(role.role)} stood down.`);
}

/** Offers a role to someone with a briefing; it changes hands when they acknowledge it. */
export function offerHandover(doc: Y.Doc, input: HandoverInput, ctx: CommandContext): OrgEvent {
  const data = parse(HandoverInput, input);
  const role = roleOf(doc, data.roleId);
  const fromId = role.holderId ?? fold(doc).icHolder();
  const pending = [...fold(doc).handovers.values()].find((h) => h.roleId === role.id && h.status === 'pending');
  if (pending) throw new CommandError(`A handover of ${titleOf(role.role)} to ${nameOf(doc, pending.toId)} is already waiting; cancel it first.`);
  return write(
    doc,
    ctx,
    { change: 'handover-offer', handoverId: ctx.newId(), roleId: role.id, fromId, toId: data.toId, briefing: data.briefing },
    `${nameOf(doc, fromId)} is handing ${titleOf(role.role)} to ${nameOf(doc, data.toId)}; briefing given, waiting for acknowledgement.`,
  );
}

/** The incoming person acknowledges the briefing: the role is theirs from now. */
export function acceptHandover(doc: Y.Doc, handoverId: string, ctx: CommandContext): OrgEvent {
  const handover = fold(doc).handovers.get(parse(Id, handoverId));
  if (!handover) throw new CommandError('That handover was never offered.');
  const role = roleOf(doc, handover.roleId);
  const to = nameOf(doc, handover.toId);
  const text =
    role.id === IC_ROLE_ID
      ? `Handover: ${to} is now the Incident Commander, taking over from ${nameOf(doc, handover.fromId)}.`
      : `Handover: ${to} is now ${titleOf(role.role)}, taking over from ${nameOf(doc, handover.fromId)}.`;
  return write(doc, ctx, { change: 'handover-accept', handoverId: handover.id }, text);
}

export function cancelHandover(doc: Y.Doc, handoverId: string, ctx: CommandContext): OrgEvent {
  const handover = fold(doc).handovers.get(parse(Id, handoverId));
  if (!handover) throw new CommandError('That handover was never offered.');
  const role = roleOf(doc, handover.roleId);
  return write(
    doc,
    ctx,
    { change: 'handover-cancel', handoverId: handover.id },
    `Handover of ${titleOf(role.role)} to ${nameOf(doc, handover.toId)} cancelled.`,
  );
}

/** Releases a responder: their roles go back to the IC. The IC hands over command first. */
export function releaseResponder(doc: Y.Doc, responderId: string, ctx: CommandContext): OrgEvent {
  const id = parse(Id, responderId);
  const roles = [...fold(doc).roles.values()].filter((r) => r.holderId === id);
  const held = roles.map((r) => titleOf(r.role));
  // Whom they reported to, so the log says which team lost whom (one boss each: the first role's).
  const boss = roles.length ? fold(doc).bossOfRole(roles[0]!.id) : null;
  const from = held.length ? ` from ${held.join(' and ')}${boss !== null ? `, reporting to ${nameOf(doc, boss)}` : ''}` : ' from staging';
  return write(
    doc,
    ctx,
    { change: 'release', responderId: id },
    `${nameOf(doc, id)} released${from}${held.length ? `; ${held.length > 1 ? 'those roles are' : 'the role is'} back with the IC` : ''}.`,
  );
}

/** How long responders stay on duty before the app prompts to rotate them. */
export function setRotation(doc: Y.Doc, input: number, ctx: CommandContext): OrgEvent {
  const { minutes } = parse(RotationInput, { minutes: input });
  if (fold(doc).rotation.minutes === minutes) throw new CommandError(`People already rotate after ${count(minutes, 'minute')} on duty.`);
  // Older versions refuse a rotation time this short: they show the doc read-only instead.
  const schemaVersion = minutes < OLD_MIN_ROTATION_MINUTES ? SHORT_ROTATION_SCHEMA_VERSION : undefined;
  return write(doc, ctx, { change: 'rotation', minutes }, `Responders rotate after ${count(minutes, 'minute')} on duty.`, schemaVersion);
}

/** The announcement an IC handover produces, for the IC to read out. */
export function icAnnouncement(newIcName: string): string {
  return `Everyone, ${newIcName} is now the Incident Commander.`;
}

/** Ticks (or unticks) one duty on a role's checklist in this incident. */
export function tickChecklist(doc: Y.Doc, input: { roleId: string; itemId: string; done: boolean }, ctx: CommandContext): ChecklistTick {
  // Ticked for someone else (the Scribe for the IC), the tick is theirs.
  const by = creditOf(stampOf(doc, ctx));
  activeHeader(doc);
  const role = roleOf(doc, input.roleId);
  const itemId = parse(ChecklistItemId, input.itemId);
  const item = findChecklistItem(itemId);
  if (!item || item.kind !== role.role.kind) throw new CommandError(`That duty is not on the ${titleOf(role.role)} checklist.`);
  const tick: ChecklistTick = { done: input.done === true, by, at: ctx.now() };
  doc.transact(() => checklistOf(doc).set(`${role.id}/${itemId}`, tick), LOCAL_ORIGIN);
  return tick;
}
