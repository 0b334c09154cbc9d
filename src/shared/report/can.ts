/**
 * CAN reports, after the fire service's: Conditions (what is happening),
 * Actions (what we are doing about it), Needs (what we need from whoever
 * reads it). The shape of any report up the chain or across to another
 * team: where things stand and what is next, not how we got here.
 *
 * The composer starts from the status document and the plan; the IC edits
 * each part, and the report is assembled from the three.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { StatusDocumentView } from '../views/status-document';
import { nextUpdateLine, type DraftContext } from './updates';

export interface CanParts {
  readonly conditions: string;
  readonly actions: string;
  readonly needs: string;
}

function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return !t ? '' : /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The three parts, prefilled from the document, the plan and the org chart. */
export function draftCan(view: StatusDocumentView, snapshot: IncidentSnapshot, ctx: Pick<DraftContext, 'time'>): CanParts {
  const doc = view.doc;
  const conditions = [
    `${view.severity}, ${view.phaseLabel.toLowerCase()}.`,
    sentence(doc.summary.text),
    doc.impact.text.trim() ? `Impact: ${sentence(doc.impact.text)}` : '',
    doc.impactSince === null ? '' : `Since ${ctx.time(doc.impactSince)}.`,
    doc.eta.text.trim() ? `Estimated resolution: ${sentence(doc.eta.text)}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  const plan = snapshot.plan;
  const actions: string[] = [];
  for (const objective of plan?.objectives ?? []) {
    if (objective.closed !== null) continue;
    actions.push(`- ${objective.text}`);
    for (const task of objective.tasks) {
      if (task.status === 'open') actions.push(`  - ${task.text} (${roleOnly(task.ownerLabel)})`);
    }
  }
  for (const change of plan?.inFlight ?? []) actions.push(`- Change in progress: ${change.text}`);

  const needs: string[] = [];
  for (const objective of plan?.objectives ?? []) {
    for (const task of objective.tasks) {
      if (task.status === 'blocked') needs.push(`- Help to unblock: ${task.text}${task.note ? ` (${task.note})` : ''}`);
    }
  }
  return {
    conditions,
    actions: actions.join('\n'),
    needs: needs.join('\n'),
  };
}

/**
 * An owner shown as "Database SME (Jo Kim)" becomes "Database SME": a
 * report names roles, not people.
 */
function roleOnly(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '') || label;
}

/** The report as sent: the three parts under their labels, and when the next one comes. */
export function assembleCan(view: StatusDocumentView, parts: CanParts, ctx: DraftContext): string {
  const block = (label: string, text: string, empty: string) => {
    const t = text.trim();
    if (!t) return `${label}: ${empty}`;
    return t.includes('\n') || t.startsWith('-') ? `${label}:\n${t}` : `${label}: ${t}`;
  };
  return [
    `CAN report: ${view.name} (${view.severity}${view.drill ? ', drill' : ''})`,
    block('Conditions', parts.conditions, 'no change.'),
    block('Actions', parts.actions, 'none under way.'),
    block('Needs', parts.needs, 'nothing at the moment.'),
    nextUpdateLine(ctx, 'Next report'),
  ]
    .filter(Boolean)
    .join('\n');
}
