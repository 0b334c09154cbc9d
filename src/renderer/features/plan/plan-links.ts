/**
 * The way between the plan and the timeline: a decision or an action logged
 * in the timeline goes into the plan through the plan's own form, prefilled
 * (adoptIntoPlan), and an adopted item leads back to its row
 * (showTimelineEntry), or its row to the item (showPlanItem). UI state
 * only: the link itself is the plan change's `source`, in the doc.
 */
import type { Adoption } from '../../../shared/incident/plan-fold';
import { usePlanUi } from '../../stores/plan-ui';
import { useTimelineUi } from '../../stores/timeline-ui';
import { useUi } from '../../stores/ui';
import { isFiltering } from '../timeline/filter';
import type { Adopt } from '../timeline/timeline-keys';

/** Shows the Plan tab with its add-task or propose form, started from the entry's text. */
export function adoptIntoPlan(adopt: Adopt): void {
  const source = { id: adopt.source, text: adopt.text };
  usePlanUi.getState().open(adopt.kind === 'task' ? { kind: 'task', source } : { kind: 'propose', source });
  useUi.getState().showIncidentTab('plan');
}

/** Shows the Timeline tab with this entry selected, scrolled to and focused; filters that would hide it are cleared. */
export function showTimelineEntry(entryId: string): void {
  const timeline = useTimelineUi.getState();
  if (isFiltering(timeline.filters)) timeline.clearFilters();
  timeline.select(entryId, true);
  useUi.getState().showIncidentTab('timeline');
}

/** Shows the Plan tab on what an entry became: its task selected, or the decisions. */
export function showPlanItem(adoption: Adoption): void {
  if (adoption.kind === 'task') usePlanUi.getState().select(adoption.id, true);
  useUi.getState().showIncidentTab('plan');
}
