/**
 * The closing notice: the end of an incident is announced to the same
 * people as its start, saying that it is over, where the follow-ups and the
 * postmortem will appear, and thanks. It is the stakeholder update's
 * resolution stage (updates.ts) with the closing details, sent once to each
 * audience that heard from the response, and recorded like every update.
 */
import type { UpdateEvent } from '../incident/schema';
import type { UpdateAudience } from '../incident/status-schema';
import type { StatusDocumentView } from '../views/status-document';
import { draftUpdate, type ClosingDetails, type DraftContext } from './updates';

export interface ClosingAudience {
  readonly audience: UpdateAudience;
  /** The first message this audience was sent, if it was sent one; null: only later updates. */
  readonly toldAtStart: UpdateEvent | null;
  /** Every update this audience was sent during the incident. */
  readonly updates: number;
  /** The closing notice already sent to it (a resolution after the end), if any. */
  readonly closed: UpdateEvent | null;
}

/**
 * Who must hear that it is over: every audience that was sent anything
 * during the incident (CAN reports go to the response's own chain, not to
 * an audience), each with its first message and whether it has been told
 * of the end. When nobody was told anything, the internal audience at
 * least: the company should learn that an incident happened and ended.
 */
export function closingAudiences(sent: readonly UpdateEvent[], endedAt: number | null): ClosingAudience[] {
  const out: ClosingAudience[] = [];
  for (const audience of ['internal', 'external'] as const) {
    const mine = sent.filter((u) => u.audience === audience && u.template !== 'can');
    if (!mine.length && audience === 'external') continue;
    // `sent` is newest first.
    const firsts = mine.filter((u) => u.template === 'first');
    const closed = endedAt === null ? undefined : mine.find((u) => u.template === 'resolution' && u.at >= endedAt);
    out.push({ audience, toldAtStart: firsts[firsts.length - 1] ?? null, updates: mine.length, closed: closed ?? null });
  }
  return out;
}

/** The closing notice for one audience: the resolution stage with where things go next, and thanks. */
export function draftClosingNotice(audience: UpdateAudience, view: StatusDocumentView, ctx: Omit<DraftContext, 'closing' | 'nextUpdateMinutes'>, closing: ClosingDetails): string {
  return draftUpdate(audience, 'resolution', view, { time: ctx.time, now: ctx.now, nextUpdateMinutes: null, closing });
}
