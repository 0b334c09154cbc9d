/**
 * A shift change on this machine's side (the rules are in
 * src/shared/views/shift-change.ts): each incident is opened through its
 * session, one after another, checked against its document as it is now,
 * written with the org chart's own commands (so each is signed by this
 * machine's sealer and logged in its own timeline, as a handover from the
 * chart is) and waited for until it is stored. One incident's refusal never
 * stops the others, and each outcome says what was done and what was not.
 */
import { IC_ROLE_ID, acceptHandover, briefingProblem, checkIn, checkInAgain, icAnnouncement, offerHandover, type CommandContext, type IncidentSnapshot } from '../../shared/incident';
import type { HandoverState } from '../../shared/incident/org-fold';
import { draftBriefing } from '../../shared/views/briefing';
import { listSummary } from '../../shared/views/list-summary';
import { handoverOfferedTo, planIcHandover, type HandoverPlan, type ShiftOutcome } from '../../shared/views/shift-change';
import type { Severity } from '../../shared/ics/severity';
import type { StatusPhase } from '../../shared/incident/status-schema';
import { mayWrite } from '../stores/trust';
import { accessOf } from './trust';
import type { IncidentSession, IncidentSessions } from './sessions';

/** The line each incident is shown with: which one, how bad, where it stands, when the next update is due. */
export interface IncidentLine {
  readonly severity: Severity;
  readonly phase: StatusPhase;
  readonly nextUpdateAt: number | null;
}

export interface ShiftDraft {
  readonly plan: HandoverPlan;
  /** The ICS 201 briefing drafted from the incident; '' when it cannot be handed over. */
  readonly briefing: string;
  readonly line: IncidentLine | null;
}

/** Why this machine may not write the incident, in words; null when it may. */
export function readOnlyReason(session: IncidentSession, name: string): string | null {
  const access = session.trust ? accessOf(session.trust.report, session.sealer?.key ?? null) : 'unsigned';
  if (mayWrite(access)) return null;
  if (access === 'observer') return `You are an observer of ${name}: it is read-only here.`;
  if (access === 'removed') return `You were removed from ${name}: it is read-only here.`;
  return `This machine is not a member of ${name} that writes: it is read-only here.`;
}

function lineOf(snapshot: IncidentSnapshot): IncidentLine | null {
  const summary = listSummary(snapshot);
  if (!summary || !snapshot.header) return null;
  return { severity: snapshot.header.severity, phase: summary.phase, nextUpdateAt: summary.nextUpdateAt };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` on an incident's session, released after; a session that cannot be opened is `failed` with the reason. */
async function withSession<T>(sessions: IncidentSessions, id: string, work: (session: IncidentSession) => Promise<T> | T, failed: (reason: string) => T): Promise<T> {
  const handle = sessions.acquire(id);
  try {
    return await work(await handle.ready);
  } catch (error) {
    return failed(reasonOf(error));
  } finally {
    handle.release();
  }
}

export interface ShiftPeople {
  /** Who is at this keyboard, handing over. */
  readonly me: string;
  readonly incoming: string;
}

/** What a shift change will do in each incident, with each one's briefing drafted from it now. */
export async function draftShift(sessions: IncidentSessions, ids: readonly string[], people: ShiftPeople, now: number): Promise<ShiftDraft[]> {
  const drafts: ShiftDraft[] = [];
  // One after another: each opens a whole document, and the machine may be busy with the incident that is on fire.
  for (const id of ids) {
    drafts.push(
      await withSession(
        sessions,
        id,
        (session) => {
          const snapshot = session.projection.snapshot;
          const plan = planIcHandover(snapshot, { ...people, readOnly: readOnlyReason(session, snapshot.header?.name ?? 'this incident') });
          const briefing = plan.ok ? draftBriefing(snapshot, { roleId: IC_ROLE_ID, toName: people.incoming.trim(), now }) : '';
          return { plan, briefing, line: lineOf(snapshot) };
        },
        (reason) => ({ plan: { ok: false, incidentId: id, name: 'An incident', reason: `It could not be opened: ${reason}` }, briefing: '', line: null }),
      ),
    );
  }
  return drafts;
}

/** Waits until what was written is signed and stored; throws with the reason when the save failed. */
async function stored(session: IncidentSession): Promise<void> {
  await session.sealer?.settled();
  await session.persistence.flushed();
  const saved = session.persistence.saveState;
  if (saved.status === 'failed') throw new Error(`it is in this window but could not be stored: ${saved.message}`);
}

/**
 * Offers command of each incident to the incoming person with its (edited)
 * briefing, checking them in first where they are not on duty. Each incident
 * is planned again against its document as it is now: another machine may
 * have changed it since the briefings were drafted.
 */
export async function offerShift(
  sessions: IncidentSessions,
  items: readonly { readonly incidentId: string; readonly briefing: string }[],
  people: ShiftPeople,
  ctx: CommandContext,
): Promise<ShiftOutcome[]> {
  const outcomes: ShiftOutcome[] = [];
  const incoming = people.incoming.trim();
  for (const { incidentId, briefing } of items) {
    let name = 'An incident';
    let checkedIn = false;
    outcomes.push(
      await withSession<ShiftOutcome>(
        sessions,
        incidentId,
        async (session) => {
          const snapshot = session.projection.snapshot;
          name = snapshot.header?.name ?? name;
          const plan = planIcHandover(snapshot, { ...people, readOnly: readOnlyReason(session, name) });
          if (!plan.ok) return plan;
          // Checked before anyone is checked in: a briefing that cannot be offered leaves the incident as it was.
          const unfit = briefingProblem(briefing);
          if (unfit) return { ok: false, incidentId, name, reason: unfit };
          let toId = plan.responderId;
          if (plan.checkIn === 'new') {
            const event = checkIn(session.doc, { name: incoming }, ctx);
            toId = event.org.change === 'check-in' ? event.org.responderId : null;
            checkedIn = true;
          } else if (plan.checkIn === 'again' && toId) {
            checkInAgain(session.doc, toId, ctx);
            checkedIn = true;
          }
          if (!toId) throw new Error(`${incoming} could not be checked in.`);
          offerHandover(session.doc, { roleId: IC_ROLE_ID, toId, briefing }, ctx);
          await stored(session);
          return { ok: true, incidentId, name, checkedIn };
        },
        // A check-in that stood before the offer was refused is said, never left unmentioned.
        (reason) => ({ ok: false, incidentId, name, reason: checkedIn ? `${incoming} was checked in, but command was not offered: ${reason}` : reason }),
      ),
    );
  }
  return outcomes;
}

/** A handover of command waiting for the person at this keyboard, with what the acknowledgement shows. */
export interface OfferedHandover {
  readonly incidentId: string;
  readonly name: string;
  readonly handover: HandoverState;
  readonly fromName: string;
  readonly line: IncidentLine | null;
  /** Why it cannot be acknowledged here (read-only), or null. */
  readonly readOnly: string | null;
}

/** The handovers of command offered to `me` in these incidents, as their documents say now; incidents with none are left out. */
export async function handoversOfferedTo(sessions: IncidentSessions, ids: readonly string[], me: string): Promise<OfferedHandover[]> {
  const offered: OfferedHandover[] = [];
  for (const id of ids) {
    const found = await withSession(
      sessions,
      id,
      (session): OfferedHandover | null => {
        const snapshot = session.projection.snapshot;
        const handover = handoverOfferedTo(snapshot, me);
        if (!handover || !snapshot.header) return null;
        const fromName = snapshot.org?.responders.find((r) => r.id === handover.fromId)?.name ?? 'the Incident Commander';
        return { incidentId: id, name: snapshot.header.name, handover, fromName, line: lineOf(snapshot), readOnly: readOnlyReason(session, snapshot.header.name) };
      },
      () => null,
    );
    if (found) offered.push(found);
  }
  return offered;
}

export type Acceptance = { readonly ok: true; readonly announcement: string } | { readonly ok: false; readonly reason: string };

/** The incoming IC acknowledges one briefing: command is theirs, logged in that incident's timeline, once it is stored. */
export async function acceptShiftHandover(sessions: IncidentSessions, incidentId: string, handoverId: string, ctx: CommandContext): Promise<Acceptance> {
  return withSession<Acceptance>(
    sessions,
    incidentId,
    async (session) => {
      const name = session.projection.snapshot.header?.name ?? 'this incident';
      const readOnly = readOnlyReason(session, name);
      if (readOnly) return { ok: false, reason: readOnly };
      acceptHandover(session.doc, handoverId, ctx);
      await stored(session);
      const to = session.projection.snapshot.org?.responders.find((r) => r.isIc)?.name ?? ctx.actor;
      return { ok: true, announcement: icAnnouncement(to) };
    },
    (reason) => ({ ok: false, reason }),
  );
}
