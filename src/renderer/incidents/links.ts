/**
 * Linking an incident under an umbrella response, and unlinking it: one
 * decision written in two documents, each in its own timeline. Both are
 * opened and checked first (the writer commands both and may write in
 * both), so a refusal leaves neither changed; then the incident linked is
 * written (with a Liaison role to the umbrella in its org chart), then the
 * umbrella. Each entry is signed and stored before this returns.
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

/** Links `childId` under `umbrellaId` (or unlinks it); throws a CommandError saying why not, with nothing written. */
export async function linkUnderUmbrella(childId: string, umbrellaId: string, linked: boolean): Promise<void> {
  const [{ sessions }, { commandContext }] = await Promise.all([import('./registry'), import('./commands')]);
  return linkIn(sessions, commandContext(), childId, umbrellaId, linked);
}

/** The same, on these sessions, as the person `ctx` names (the tests give their own). */
export async function linkIn(sessions: IncidentSessions, ctx: CommandContext, childId: string, umbrellaId: string, linked: boolean): Promise<void> {
  const handles = [sessions.acquire(childId), sessions.acquire(umbrellaId)];
  try {
    const [child, umbrella] = await Promise.all(handles.map((h) => h.ready));
    const childName = child!.projection.snapshot.header?.name;
    const umbrellaName = umbrella!.projection.snapshot.header?.name;
    if (!childName || !umbrellaName) throw new CommandError('Both incidents must be on this machine to link them.');
    const up = { side: 'umbrella' as const, other: { id: umbrella!.id, name: umbrellaName }, linked };
    const down = { side: 'child' as const, other: { id: child!.id, name: childName }, linked };
    const refusal = writable(child!) ?? writable(umbrella!) ?? linkRefusalIn(child!.doc, up, ctx) ?? linkRefusalIn(umbrella!.doc, down, ctx);
    if (refusal) throw new CommandError(refusal);
    linkIncident(child!.doc, up, ctx);
    const org = child!.projection.snapshot.org;
    const title = liaisonTitle(umbrellaName);
    if (linked && !org?.roles.some((r) => r.title === title)) addRole(child!.doc, { role: { kind: 'custom', title } }, ctx);
    linkIncident(umbrella!.doc, down, ctx);
    await Promise.all([stored(child!), stored(umbrella!)]);
  } finally {
    for (const h of handles) h.release();
  }
}
