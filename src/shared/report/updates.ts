/**
 * Drafts of stakeholder updates, prefilled from the status document, for
 * the stages PagerDuty's external communication guidelines describe:
 *
 * - first message: within minutes of the call starting, say that we know
 *   and are investigating, even before the scope is known;
 * - scope of impact: soon after, what is affected, for whom, since when;
 * - update: at least every 20 minutes in the first two hours (or whenever
 *   the impact changes), what changed, whether recovery has begun, and when
 *   the next update comes;
 * - resolution: once the IC confirms full recovery, say so, and say plainly
 *   whether anything was lost or is still affected.
 *
 * Internal updates carry the incident's name, severity and objectives;
 * external ones speak to customers in plain words and never promise when it
 * will be fixed. Every update but the resolution says when the next comes.
 *
 * A draft is plain text that reads well as it is: a title line, then lines
 * that start with a label ("Impact: …") or a dash. update-formats.ts renders
 * the same text as Markdown, Slack mrkdwn or Teams text for the tools that
 * take them.
 */
import type { StatusDocumentView } from '../views/status-document';
import type { StatusPhase, UpdateAudience, UpdateTemplate } from '../incident/status-schema';
import { count } from '../plural';

export interface DraftContext {
  /** Formats a time for the reader, with its zone ("14:35 UTC"). */
  readonly time: (at: number) => string;
  readonly now: number;
  /** When the next update comes, in minutes from now; null: none planned. */
  readonly nextUpdateMinutes: number | null;
  /**
   * Set once the end has been declared: the resolution is then the closing
   * notice, which also says where the postmortem and the follow-ups will
   * appear (see closing.ts).
   */
  readonly closing?: ClosingDetails;
}

export interface ClosingDetails {
  readonly endedAt: number;
  /** Where the postmortem will be shared; empty: not decided yet (a blank to fill). */
  readonly postmortemWhere: string;
  /** Where the follow-ups are tracked (internal only); empty: a blank to fill. */
  readonly followupsWhere: string;
  /** The postmortem's due date as the reader should read it ("Wednesday 18 March 2026"), if set. */
  readonly postmortemDue: string | null;
}

/** A part for the person sending to fill in; the lint flags any left. */
export const BLANK = (what: string) => `[${what}]`;

const PHASE_SENTENCES: Record<StatusPhase, string> = {
  investigating: 'We are still investigating the cause.',
  identified: 'We have found the cause and are working on a fix.',
  mitigating: 'We are putting a fix in place.',
  monitoring: 'A fix is in place and we are watching that it holds.',
  resolved: 'The problem is resolved.',
};

const PHASE_TITLES: Record<StatusPhase, string> = {
  investigating: 'Investigating',
  identified: 'Cause identified',
  mitigating: 'Fix in progress',
  monitoring: 'Monitoring the fix',
  resolved: 'Resolved',
};

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return '';
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The line that says when the next update comes. */
export function nextUpdateLine(ctx: DraftContext, label = 'Next update'): string {
  if (ctx.nextUpdateMinutes === null) return '';
  const at = ctx.now + ctx.nextUpdateMinutes * 60_000;
  return `${label}: by ${ctx.time(at)} (in ${count(ctx.nextUpdateMinutes, 'minute')}).`;
}

function lines(...parts: Array<string | false | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n');
}

function impactSinceLine(view: StatusDocumentView, ctx: DraftContext): string | null {
  return view.doc.impactSince === null ? null : `Since: ${ctx.time(view.doc.impactSince)}.`;
}

function external(template: Exclude<UpdateTemplate, 'can'>, view: StatusDocumentView, ctx: DraftContext): string {
  const impact = sentence(view.doc.impact.text);
  const summary = sentence(view.doc.summary.text);
  switch (template) {
    case 'first':
      return lines(
        'Investigating a service disruption',
        `We are investigating a problem that is affecting ${impact ? 'some of our customers' : 'some of our services'}. Our team is working on it now, and we will share what is affected as soon as we know.`,
        impact && `What we see so far: ${impact}`,
        nextUpdateLine(ctx),
      );
    case 'scoping':
      return lines(
        'Service disruption: what is affected',
        `Impact: ${impact || BLANK('who is affected, and what they cannot do')}`,
        impactSinceLine(view, ctx),
        PHASE_SENTENCES[view.doc.phase],
        nextUpdateLine(ctx),
      );
    case 'update':
      return lines(
        `Update: ${PHASE_TITLES[view.doc.phase].toLowerCase()}`,
        PHASE_SENTENCES[view.doc.phase],
        `Impact: ${impact || BLANK('who is still affected, and what has changed')}`,
        impactSinceLine(view, ctx),
        summary && `What we are doing: ${summary}`,
        nextUpdateLine(ctx),
      );
    case 'resolution': {
      const closing = ctx.closing;
      const review = closing
        ? `We are reviewing what happened and what we will change to keep it from happening again, and will publish it ${closing.postmortemWhere ? `at ${closing.postmortemWhere}` : BLANK('where customers will find it')}.`
        : 'We will look into what happened and how to keep it from happening again.';
      if (view.doc.phase !== 'resolved') {
        // Not "back to normal" while the document says otherwise: say what is still being watched.
        return lines(
          closing ? 'Update: our response has ended, and we are still watching' : `Update: ${PHASE_TITLES[view.doc.phase].toLowerCase()}`,
          PHASE_SENTENCES[view.doc.phase],
          `What we are still watching: ${BLANK('what is still being watched, and until when')}`,
          review,
          'Thank you for your patience.',
        );
      }
      return lines(
        'Resolved: service is back to normal',
        `The problem ${view.doc.impactSince === null ? '' : `that started at ${ctx.time(view.doc.impactSince)} `}has been fixed, and everything has been working normally since ${ctx.time(closing?.endedAt ?? ctx.now)}.`,
        `Lasting effects: ${BLANK('say whether any data was lost or is still affected; if nothing was, say so')}`,
        review,
        'Thank you for your patience.',
      );
    }
  }
}

function internal(template: Exclude<UpdateTemplate, 'can'>, view: StatusDocumentView, ctx: DraftContext): string {
  const head = `${view.name} (${view.severity}${view.drill ? ', drill' : ''})`;
  const impact = sentence(view.doc.impact.text);
  const summary = sentence(view.doc.summary.text);
  const eta = sentence(view.doc.eta.text);
  const objectives = view.objectives.map((o) => `- ${o.text}`);
  switch (template) {
    case 'first':
      return lines(
        `${head}: incident declared, investigating`,
        `A ${view.severity} incident was declared at ${ctx.time(view.declaredAt)}. ${view.severityMeaning}`,
        summary && `What we know: ${summary}`,
        impact && `Impact: ${impact}`,
        'Please do not join the incident call unless asked; updates will come here.',
        nextUpdateLine(ctx),
      );
    case 'scoping':
      return lines(
        `${head}: scope of impact`,
        `Impact: ${impact || BLANK('who is affected, how many, and what they cannot do')}`,
        impactSinceLine(view, ctx),
        summary && `What we know: ${summary}`,
        `Phase: ${view.phaseLabel}. ${PHASE_SENTENCES[view.doc.phase]}`,
        nextUpdateLine(ctx),
      );
    case 'update':
      return lines(
        `${head}: ${PHASE_TITLES[view.doc.phase].toLowerCase()}`,
        summary && `Summary: ${summary}`,
        `Impact: ${impact || BLANK('who is affected, and what has changed')}`,
        impactSinceLine(view, ctx),
        `Phase: ${view.phaseLabel}. ${PHASE_SENTENCES[view.doc.phase]}`,
        `Estimated resolution: ${eta || 'not known yet.'}`,
        objectives.length ? 'Current objectives:' : null,
        ...objectives,
        nextUpdateLine(ctx),
      );
    case 'resolution': {
      const closing = ctx.closing;
      const resolved = view.doc.phase === 'resolved';
      // "Working normally" only once the document says Resolved; before that, what is still being watched.
      const state = resolved
        ? `Service has been working normally since ${ctx.time(closing?.endedAt ?? ctx.now)}.`
        : `The status document still says ${view.phaseLabel}: ${PHASE_SENTENCES[view.doc.phase]}`;
      const watched = resolved ? null : `Still being watched: ${BLANK('what is still being watched, by whom, and until when')}`;
      if (!closing) {
        return lines(
          `${head}: ${resolved ? 'resolved' : PHASE_TITLES[view.doc.phase].toLowerCase()}`,
          state,
          watched,
          impact && `Impact while it lasted: ${impact}`,
          impactSinceLine(view, ctx),
          `Lasting effects: ${BLANK('say whether any data was lost or is still affected; if nothing was, say so')}`,
          'A postmortem will follow; its action items will be shared when it is done. Thank you, everyone who helped.',
        );
      }
      return lines(
        `${head}: the incident is over${resolved ? '' : `; its status still says ${view.phaseLabel}`}`,
        resolved
          ? `The end of the incident was declared at ${ctx.time(closing.endedAt)}; service is working normally.`
          : `The end of the incident was declared at ${ctx.time(closing.endedAt)}. ${state}`,
        watched,
        impact && `Impact while it lasted: ${impact}`,
        impactSinceLine(view, ctx),
        `Lasting effects: ${BLANK('say whether any data was lost or is still affected; if nothing was, say so')}`,
        `Postmortem: ${closing.postmortemWhere || BLANK('where the postmortem will be shared')}${closing.postmortemDue ? `, due by ${closing.postmortemDue}` : ''}. It is blameless: it asks what happened and how, not who.`,
        `Follow-ups: tracked in ${closing.followupsWhere || BLANK('where the follow-ups are tracked')}.`,
        'Thank you, everyone who helped, and everyone who waited for news.',
      );
    }
  }
}

/** The draft of an update of this kind for this audience, prefilled from the document. */
export function draftUpdate(audience: UpdateAudience, template: Exclude<UpdateTemplate, 'can'>, view: StatusDocumentView, ctx: DraftContext): string {
  return audience === 'external' ? external(template, view, ctx) : internal(template, view, ctx);
}

/**
 * The stage that comes next: the first message first, the scope after it,
 * then updates, and the resolution once the document says resolved.
 */
export function suggestedTemplate(view: StatusDocumentView, sentTemplates: readonly UpdateTemplate[]): Exclude<UpdateTemplate, 'can'> {
  if (view.doc.phase === 'resolved' || view.ended) return 'resolution';
  if (!sentTemplates.includes('first')) return 'first';
  if (!sentTemplates.includes('scoping')) return 'scoping';
  return 'update';
}
