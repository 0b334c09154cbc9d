/**
 * When the next status update is due, by the rules in force at each moment.
 * The one place that decides it: the timers board shows the deadline, the
 * timeline's derived "Status update overdue" rows and the incident list's
 * next update read it, so they cannot disagree.
 *
 * The rule: an update is due a cadence after the last one given (a status
 * change logged, a stakeholder update sent, or the declaration), at the
 * cadence in force. A severity change or a new cadence changes the rule only
 * from the moment it is made: a stricter cadence that the time already
 * elapsed has passed makes the update overdue at the change, never before it
 * (the deadline is not moved into a past when that rule did not hold yet). A
 * stakeholder update that said when the next one comes is held to that time,
 * whatever the cadence does meanwhile: people were told.
 */
import type { Severity } from '../ics/severity';
import { every } from '../plural';

export interface StatusClock {
  /** The last update given: a status change, a stakeholder update sent, or the declaration. */
  readonly lastId: string;
  readonly lastAt: number;
  /** The time the last stakeholder update sent promised the next one by; null: at the cadence. */
  readonly promised: number | null;
  readonly severity: Severity;
  /** The cadence in force for that severity, in minutes. */
  readonly everyMinutes: number;
  /** Since when that cadence has held: the later of the last update and the change that set it. */
  readonly since: number;
}

/** When the next update is due under the clock's rule. */
export function statusDueAt(clock: StatusClock): number {
  return clock.promised ?? Math.max(clock.since, clock.lastAt + clock.everyMinutes * 60_000);
}

/** Why an update is overdue, in the words of the timeline's derived row. */
export function statusOverdueText(clock: StatusClock): string {
  const why = clock.promised !== null ? 'the last update sent promised the next one by now.' : `${clock.severity} calls for one ${every(clock.everyMinutes, 'minute')}.`;
  return `Status update overdue: ${why}`;
}

/**
 * The clock, kept as the timeline is replayed: `declared`, then `given` for
 * each update, and `rules` after every event with the severity and cadence
 * as they stand then. Null until the declaration.
 */
export class StatusClockKeeper {
  clock: StatusClock | null = null;

  declared(id: string, at: number, severity: Severity, everyMinutes: number): void {
    this.clock = { lastId: id, lastAt: at, promised: null, severity, everyMinutes, since: at };
  }

  /** An update was given at `at`; `promised` is when it said the next comes (null: at the cadence). */
  given(id: string, at: number, promised: number | null): void {
    if (this.clock) this.clock = { ...this.clock, lastId: id, lastAt: at, promised, since: at };
  }

  /**
   * The severity and cadence after an event at `at`. Returns true when the
   * cadence changed: a new rule, from `at` on.
   */
  rules(at: number, severity: Severity, everyMinutes: number): boolean {
    const clock = this.clock;
    if (!clock || (clock.severity === severity && clock.everyMinutes === everyMinutes)) return false;
    const changed = clock.everyMinutes !== everyMinutes;
    this.clock = { ...clock, severity, everyMinutes, since: changed ? Math.max(at, clock.lastAt) : clock.since };
    return changed;
  }
}
