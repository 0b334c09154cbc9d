/**
 * What the IC is asked when command posts on this network knock (issue 23),
 * without the network: the queue of knocks waiting for a decision, the
 * roles this machine can admit with, and the words of the prompt and of the
 * timeline note. Pure, so the rules are unit-tested; lan-share.ts runs them.
 */
import type { DeadlineNotice } from '../../../shared/ipc';
import type { KnockRole } from '../../../shared/sync/knock';
import { displayText } from '../../../shared/sync/lan-announcement';

/** A knock waiting for this machine's IC, with the incident it asks for. */
export interface WaitingKnock {
  readonly requestId: string;
  readonly name: string | null;
  readonly machine: string | null;
  readonly code: string;
  /** The incident's name as it was when the knock came, for the prompt. */
  readonly incidentName: string;
  /** When it came (this machine's clock): its OS notice is due then. */
  readonly arrivedAt: number;
}

/**
 * Knocks kept waiting at once. knock.ts bounds each announced id to 16; a
 * share answers at two ids for a while after a rotation, so the queue has a
 * bound of its own.
 */
export const MAX_WAITING_KNOCKS = 16;

/** Adds a knock at the end, once; a full queue keeps those already waiting (their joiners time out otherwise). */
export function enqueueKnock(queue: readonly WaitingKnock[], knock: WaitingKnock): readonly WaitingKnock[] {
  if (queue.some((k) => k.requestId === knock.requestId) || queue.length >= MAX_WAITING_KNOCKS) return queue;
  return [...queue, knock];
}

export function withoutKnock(queue: readonly WaitingKnock[], requestId: string): readonly WaitingKnock[] {
  return queue.filter((k) => k.requestId !== requestId);
}

/** Which announced ids to start and stop answering at, when main reports the share's ids (a rotation). */
export function idChanges(listening: Iterable<string>, announced: readonly string[]): { start: string[]; stop: string[] } {
  const now = new Set(listening);
  const wanted = new Set(announced);
  return { start: announced.filter((id) => !now.has(id)), stop: [...now].filter((id) => !wanted.has(id)) };
}

/**
 * The roles this machine can admit with, as its Share dialog invites: a
 * responder of a signed incident holds an invitation per role; anyone else
 * of a signed incident hands over the room alone, which reads and writes
 * nothing the others accept (an observer, in effect); an unsigned incident
 * has no roles, and whoever joins writes.
 */
export function admitRoles(share: { readonly invitations?: Partial<Record<KnockRole, unknown>> } | null, signed: boolean): readonly KnockRole[] {
  if (share?.invitations?.responder && share.invitations.observer) return ['responder', 'observer'];
  return signed ? ['observer'] : ['responder'];
}

/** Who asks, in words: the cleaned name and machine, or what stands in for them. */
export function askerText(knock: Pick<WaitingKnock, 'name' | 'machine'>): string {
  const name = knock.name ?? 'Someone who gave no name';
  return knock.machine ? `${name} on ${knock.machine}` : `${name} (machine not named)`;
}

/** "Dana on DANA-LAPTOP asks to join 26-Bravo". */
export function knockQuestion(knock: WaitingKnock): string {
  return `${askerText(knock)} asks to join ${displayText(knock.incidentName, 200) ?? 'this incident'}`;
}

/**
 * The knocks waiting, as notices the host shows at once (an OS notification
 * in the desktop app, also while the window is hidden or minimized): at
 * 3 a.m. the IC may be in another window, and a joiner gives up after two
 * minutes. Through the deadline notices' path, so each shows once and a
 * click brings the command post up on the incident, where the prompt is.
 */
export function knockNotices(knocks: readonly WaitingKnock[], incidentId: string): DeadlineNotice[] {
  return knocks.map((knock) => ({
    key: `knock:${knock.requestId}`,
    incidentId,
    title: clip(knockQuestion(knock), 120),
    body: `Check that their screen shows ${knock.code}, then admit or refuse in Command Post.`,
    dueAt: knock.arrivedAt,
    target: { view: 'incident', incidentId },
  }));
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const ROLE_WORDS: Record<KnockRole, string> = { responder: 'a responder', observer: 'an observer' };

/** The timeline note for a decision, so the record says who came in from the network and who did not. */
export function decisionNote(knock: WaitingKnock, decision: KnockRole | 'refused', signed: boolean): string {
  const who = askerText(knock);
  if (decision === 'refused') return `${who} asked to join from this network and was refused (code ${knock.code}).`;
  const role = signed ? ` as ${ROLE_WORDS[decision]}` : '';
  return `${who} was admitted from this network${role} (code ${knock.code}).`;
}

