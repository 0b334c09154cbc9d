/**
 * The incident as it stood at each event: replays the org chart and the plan
 * in timeline order, exactly as the projection folds them (only between the
 * first declaration and the first end), calling back before and after each
 * event. The projection keeps only the present; views that need the past
 * (who held which role when an entry was logged, a responder's activity
 * log, the timeboxes that ran out) replay it on demand.
 */
import { creditOf, type TimelineEvent } from '../incident/schema';
import { OrgFold } from '../incident/org-fold';
import { PlanFold } from '../incident/plan-fold';

export interface ReplayState {
  readonly org: OrgFold;
  readonly plan: PlanFold;
  /** The first declaration has been seen (the org chart exists). */
  readonly declared: boolean;
  /** The first end has been seen: nothing changes the chart or the plan after it. */
  readonly ended: boolean;
}

export interface ReplayVisitor {
  /** Before the event takes effect. */
  before?(event: TimelineEvent, state: ReplayState): void;
  /** After it took effect (or was refused, for an org or plan change: see org.refused, plan.refused). */
  after?(event: TimelineEvent, state: ReplayState): void;
}

/**
 * The replay's state, one event at a time: `step` takes the next event in
 * timeline order. Folds that go on as the timeline grows (timeline-fold.ts)
 * keep one and step it through each appended event only.
 */
export class IncidentReplay implements ReplayState {
  readonly org = new OrgFold();
  readonly plan = new PlanFold();
  declared = false;
  ended = false;

  step(event: TimelineEvent, visitor: ReplayVisitor): void {
    visitor.before?.(event, this);
    switch (event.kind) {
      case 'declared':
        if (!this.declared) {
          this.declared = true;
          this.org.declare(event.id, event.at, creditOf(event));
        }
        break;
      case 'org':
        if (this.declared && !this.ended) this.org.apply(event);
        break;
      case 'plan':
        if (this.declared && !this.ended) this.plan.apply(event, this.org);
        break;
      case 'ended':
        if (this.declared) this.ended = true;
        break;
    }
    visitor.after?.(event, this);
  }
}

export function replayIncident(timeline: Iterable<TimelineEvent>, visitor: ReplayVisitor): ReplayState {
  const replay = new IncidentReplay();
  for (const event of timeline) replay.step(event, visitor);
  return replay;
}

/** A name as people are matched by it: presence and authors know people by the name they gave. */
export const personKey = (name: string) => name.trim().toLowerCase();
