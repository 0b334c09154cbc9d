/**
 * A shift change: the Incident Commander at the end of a shift hands every
 * incident they command to one incoming IC, each with its own ICS 201
 * briefing, and the incoming IC acknowledges them one after another. This is
 * the pure part: which incidents are this person's, what will be done in
 * each (or why nothing can be), what is waiting for the incoming person, and
 * how the outcome reads. Storage, sessions and signing are the renderer's
 * (src/renderer/incidents/shift-change.ts); the changes themselves are the
 * org chart's own commands (offerHandover, acceptHandover, checkIn).
 *
 * Light on purpose: the incident list imports it (to tell the incoming IC),
 * and the list loads without Yjs or the commands' schemas.
 */
import type { IncidentSnapshot, IncidentState } from '../incident/projection';
import { IC_ROLE_ID } from '../incident/org-schema';
import type { HandoverState } from '../incident/org-fold';
import { MAX_PERSON } from '../incident/limits';
import { notOnePerson } from '../ics/one-person';
import { count } from '../plural';

/** One person's name as the chart and the list compare them: "dana scully " is Dana Scully. */
export function samePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What a catalog row says of an incident that a shift change needs. */
export interface CommandedRow {
  readonly id: string;
  readonly state: IncidentState;
  /** The IC's name, as the row was last saved (absent in rows of an older Command Post). */
  readonly commander?: string;
}

/** The active incidents whose IC is `me`, as the catalog says; each is checked again against its document before anything is written. */
export function incidentsCommandedBy<Row extends CommandedRow>(rows: readonly Row[], me: string): Row[] {
  if (!me.trim()) return [];
  return rows.filter((row) => row.state === 'active' && row.commander !== undefined && samePerson(row.commander, me));
}

/** Why `incoming` cannot take command from `me`, or null: one person, by a name that fits on one line, someone else. */
export function incomingProblem(incoming: string, me: string): string | null {
  const name = incoming.trim();
  if (!name) return 'Give the name of the incoming Incident Commander.';
  if (/[\r\n]/.test(name)) return 'The name must fit on one line.';
  if (name.length > MAX_PERSON) return `The name is at most ${MAX_PERSON} characters.`;
  const group = notOnePerson(name);
  if (group) return group;
  if (samePerson(name, me)) return `You are ${me}: name the person who takes over from you.`;
  return null;
}

/**
 * What a shift change will do in one incident: offer command to the incoming
 * person, checking them in first when they are not on duty there (`new`: a
 * first check-in; `again`: they were released earlier), or why it cannot.
 */
export type HandoverPlan =
  | { readonly ok: true; readonly incidentId: string; readonly name: string; readonly checkIn: 'new' | 'again' | null; readonly responderId: string | null }
  | { readonly ok: false; readonly incidentId: string; readonly name: string; readonly reason: string };

export interface PlanInput {
  /** Who is at this keyboard, handing over. */
  readonly me: string;
  readonly incoming: string;
  /** Why this machine may not write the incident (its members' signatures), or null. */
  readonly readOnly?: string | null;
}

export function planIcHandover(snapshot: IncidentSnapshot, { me, incoming, readOnly = null }: PlanInput): HandoverPlan {
  const incidentId = snapshot.incidentId;
  const header = snapshot.header;
  const name = header?.name ?? 'This incident';
  const refuse = (reason: string): HandoverPlan => ({ ok: false, incidentId, name, reason });
  if (!header) return refuse('It is not on this machine any more.');
  if (header.state !== 'active') return refuse(`${name} has ended: there is no command to hand over.`);
  if (snapshot.compatibility === 'newer') return refuse(`A newer Command Post wrote ${name}: it is read-only here.`);
  if (readOnly) return refuse(readOnly);
  const org = snapshot.org;
  if (!org) return refuse(`The org chart of ${name} could not be read.`);
  const ic = org.responders.find((r) => r.id === org.icId);
  if (!ic || !samePerson(ic.name, me)) return refuse(`${ic?.name ?? 'Someone else'} is the Incident Commander of ${name} now, not you.`);
  const nameOf = (id: string) => org.responders.find((r) => r.id === id)?.name ?? 'someone';
  const pending = org.handovers.find((h) => h.roleId === IC_ROLE_ID && h.status === 'pending');
  if (pending) return refuse(`A handover of command to ${nameOf(pending.toId)} is already waiting; cancel it on the org chart first.`);
  const problem = incomingProblem(incoming, me);
  if (problem) return refuse(problem);
  // A person checked in twice is one responder: the one on duty, else the latest released.
  const known = org.responders.filter((r) => samePerson(r.name, incoming));
  const onDuty = known.find((r) => r.status !== 'released');
  if (onDuty) return { ok: true, incidentId, name, checkIn: null, responderId: onDuty.id };
  const released = known.at(-1);
  if (released) return { ok: true, incidentId, name, checkIn: 'again', responderId: released.id };
  return { ok: true, incidentId, name, checkIn: 'new', responderId: null };
}

/** The IC handover waiting for someone's acknowledgement, if any. */
export function pendingIcHandover(snapshot: IncidentSnapshot): HandoverState | null {
  return snapshot.org?.handovers.find((h) => h.roleId === IC_ROLE_ID && h.status === 'pending') ?? null;
}

/** To whom command is being handed over and not yet acknowledged; the incident list keeps it, to tell that person. */
export function icHandoverTo(snapshot: IncidentSnapshot): string | null {
  const pending = pendingIcHandover(snapshot);
  if (!pending) return null;
  return snapshot.org?.responders.find((r) => r.id === pending.toId)?.name ?? null;
}

/** The IC handover offered to `me` in this incident and waiting for them, or null. */
export function handoverOfferedTo(snapshot: IncidentSnapshot, me: string): HandoverState | null {
  const pending = pendingIcHandover(snapshot);
  const to = icHandoverTo(snapshot);
  return pending && to !== null && me.trim() && samePerson(to, me) && snapshot.header?.state === 'active' ? pending : null;
}

/** What happened in one incident of a shift change. */
export type ShiftOutcome =
  | { readonly ok: true; readonly incidentId: string; readonly name: string; readonly checkedIn: boolean }
  | { readonly ok: false; readonly incidentId: string; readonly name: string; readonly reason: string };

/** One sentence for the whole shift change: how many were offered, how many not. */
export function shiftSummary(outcomes: readonly ShiftOutcome[], incoming: string): string {
  const offered = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.length - offered;
  if (!outcomes.length) return 'Nothing was handed over.';
  if (!failed) return `${offered === 1 ? 'The handover is' : `All ${offered} handovers are`} offered to ${incoming}: command changes as ${incoming} acknowledges each one.`;
  if (!offered) return `No handover was offered: ${failed === 1 ? 'the incident' : `none of the ${failed} incidents`} could be handed over (reasons below). Nothing changed in ${failed === 1 ? 'it' : 'them'} unless said.`;
  return `${count(offered, 'handover')} offered to ${incoming}; ${failed} not (reasons below): you are still the Incident Commander there.`;
}
