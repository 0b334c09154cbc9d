/**
 * Whether a deadline is far, near or past: the timers board's states, which
 * the incident list shows too (its next update), in a module of its own so
 * the list does not load the board and the incident domain behind it.
 */
export type TimerState = 'normal' | 'due-soon' | 'overdue';

/** Due soon: within this share of the timer's span, and at most this long before it. */
const DUE_SOON_MS = 2 * 60_000;

export function timerState(dueAt: number, now: number): TimerState {
  return now >= dueAt ? 'overdue' : dueAt - now <= DUE_SOON_MS ? 'due-soon' : 'normal';
}
