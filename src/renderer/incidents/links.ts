/**
 * Linking an incident under an umbrella response, and unlinking it: one
 * decision written in two documents, each in its own timeline, each side by
 * that incident's IC. Both are opened and checked first, so a refusal of
 * both leaves neither changed; the incident linked gets a Liaison role to
 * the umbrella in its org chart. Each entry is signed and stored before
 * this returns.
 */
import { linkIncident, linkRefusalIn } from '../../shared/incident/link-commands';
import { addRole } from '../../shared/incident/org-commands';
import { CommandError } from '../../shared/incident/errors';
import type { CommandContext } from '../../shared/incident/commands';
import { accessOf } from './trust';
import type { IncidentSession, IncidentSessions } from './sessions';
import { mayWrite } from '../stores/trust';

/** The Liaison role's title in the incident linked: who talks to the umbrella for it. */
export const liaisonTitle = (umbrellaName: string) => `Liaison to ${umbrellaName}`.slice(0, 80);

function writable(session: IncidentSession): string | null {
  const access = accessOf(session.trust?.report ?? null, session.sealer?.key ?? null);
  const name = session.projection.snapshot.header?.name ?? 'That incident';
  return mayWrite(access) ? null : `${name} is read-only here (you are ${access === 'observer' ? 'an observer' : 'not a member'}): a responder there must link it.`;
}

async function stored(session: IncidentSession): Promise<void> {
  await session.sealer?.settled();
  await session.persistence.flushed();
  if (session.persistence.saveState.status === 'failed') throw new Error(session.persistence.saveState.message);
}

/** What a link (or an unlink) did: the incidents written, and those whose IC has still to write their side. */
export interface LinkOutcome {
  readonly written: readonly string[];
  readonly waiting: readonly { readonly incident: string; readonly why: string }[];
}

/**
 * Links `childId` under `umbrellaId` (or unlinks it). Each side is written
 * by that incident's IC: someone who commands both writes both; the IC of
 * one writes theirs, and the other incident's IC confirms from theirs (the
 * same action there), since an IC decides whom their response reports to.
 * Throws a CommandError saying why when neither side can be written, with
 * nothing written.
 */
export async function linkUnderUmbrella(childId: string, umbrellaId: string, linked: boolean): Promise<LinkOutcome> {
  const [{ sessions }, { commandContext }] = await Promise.all([import('./registry'), import('./commands')]);
  return linkIn(sessions, commandContext(), childId, umbrellaId, linked);
}

/** Whether this side already says what is asked: a confirmation of the other side's link, or an unlink already made. */
function alreadySo(session: IncidentSession, side: 'umbrella' | 'child', otherId: string, linked: boolean): boolean {
  const header = session.projection.snapshot.header;
  const there = side === 'umbrella' ? header?.umbrella?.id === otherId : !!header?.children?.some((c) => c.id === otherId);
  return there === linked;
}

/** The same, on these sessions, as the person `ctx` names (the tests give their own). */
export async function linkIn(sessions: IncidentSessions, ctx: CommandContext, childId: string, umbrellaId: string, linked: boolean): Promise<LinkOutcome> {
  const handles = [sessions.acquire(childId), sessions.acquire(umbrellaId)];
  try {
    const [child, umbrella] = (await Promise.all(handles.map((h) => h.ready))) as [IncidentSession, IncidentSession];
    const childName = child.projection.snapshot.header?.name;
    const umbrellaName = umbrella.projection.snapshot.header?.name;
    if (!childName || !umbrellaName) throw new CommandError('Both incidents must be on this machine to link them.');
    const sides = [
      { session: child, name: childName, input: { side: 'umbrella' as const, other: { id: umbrella.id, name: umbrellaName }, linked } },
      { session: umbrella, name: umbrellaName, input: { side: 'child' as const, other: { id: child.id, name: childName }, linked } },
    ].filter((s) => !alreadySo(s.session, s.input.side, s.input.other.id, linked));
    if (!sides.length) throw new CommandError(linked ? `${childName} is already under ${umbrellaName}.` : `${childName} is not under ${umbrellaName}.`);
    const judged = sides.map((s) => ({ ...s, refusal: writable(s.session) ?? linkRefusalIn(s.session.doc, s.input, ctx) }));
    const allowed = judged.filter((s) => !s.refusal);
    if (!allowed.length) throw new CommandError(judged[judged.length - 1]!.refusal!);
    for (const s of allowed) {
      linkIncident(s.session.doc, s.input, ctx);
      if (s.session === child && linked) {
        const title = liaisonTitle(umbrellaName);
        if (!child.projection.snapshot.org?.roles.some((r) => r.title === title)) addRole(child.doc, { role: { kind: 'custom', title } }, ctx);
      }
    }
    await Promise.all(allowed.map((s) => stored(s.session)));
    return {
      written: allowed.map((s) => s.name),
      waiting: judged.filter((s) => s.refusal).map((s) => ({ incident: s.name, why: s.refusal! })),
    };
  } finally {
    for (const h of handles) h.release();
  }
}
