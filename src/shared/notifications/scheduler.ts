/**
 * When to tell the responder that a deadline has come: the one scheduler
 * both hosts use (main shows OS notifications, the web host the Web
 * Notifications API). It holds the current deadlines of every incident the
 * renderer has sent, keeps one timer armed for the next one due, and hands
 * each deadline to `deliver` once, ever: the delivered keys live in a store
 * the host persists, so a restart or a peer's edit never repeats one.
 *
 * Pure: the clock, the timers, the store and the delivery are injected.
 */
import type { DeadlineNotice } from '../ipc';

/**
 * A deadline more than this overdue is not notified when it is first found
 * due (at start-up, after the machine slept, when a peer's edit syncs one
 * that passed long ago). A notification is an alarm for *now*; an hour
 * late it is history, and a burst of them after a night's sleep would bury
 * the ones that matter. Overdue items belong in the incident's own views.
 */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * The longest a timer is armed for. Timers run on a monotonic clock, so a
 * wall-clock jump (NTP, a time zone fix, a suspended laptop on some systems)
 * would leave a long timer firing late; re-checking at least every minute
 * bounds that lateness, and keeps far deadlines below setTimeout's 24.8-day
 * limit (beyond which it fires at once).
 */
export const MAX_TIMER_MS = 60 * 1000;

export interface SchedulerClock {
  /** Wall-clock time, milliseconds since the epoch (deadlines are wall-clock times). */
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The keys already delivered; the host keeps them across restarts. */
export interface DeliveredKeys {
  has(key: string): boolean;
  /** Records the key as delivered at `at`. */
  add(key: string, at: number): void;
}

export interface DeadlineSchedulerDeps {
  clock: SchedulerClock;
  delivered: DeliveredKeys;
  /** Shows the notification. Called once per key, at or after its dueAt. */
  deliver(notice: DeadlineNotice): void;
  /** Where a failed delivery is reported; the scheduler carries on with the next one. */
  logError?(message: string, error: unknown): void;
}

export interface DeadlineScheduler {
  /** Replaces this incident's deadlines: any of them no longer listed will not be notified. */
  setDeadlines(incidentId: string, notices: readonly DeadlineNotice[]): void;
  /** Delivers whatever has come due and re-arms the timer: call it when the machine wakes or the clock may have jumped. */
  check(): void;
  /** How many deadlines wait to be delivered, over every incident. */
  pendingCount(): number;
  /** Stops the timer; nothing is delivered after this. */
  dispose(): void;
}

export function createDeadlineScheduler(deps: DeadlineSchedulerDeps): DeadlineScheduler {
  const { clock, delivered } = deps;
  const byIncident = new Map<string, readonly DeadlineNotice[]>();
  let timer: unknown = null;
  let disposed = false;

  function pending(): DeadlineNotice[] {
    return [...byIncident.values()].flat().filter((notice) => !delivered.has(notice.key));
  }

  function disarm(): void {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
  }

  function check(): void {
    if (disposed) return;
    disarm();
    const now = clock.now();
    const waiting = pending();
    const due = waiting.filter((notice) => notice.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const notice of due) {
      // Recorded before it is shown, and also when it is too late to show:
      // either way this occurrence is settled and never comes back.
      delivered.add(notice.key, now);
      if (now - notice.dueAt > STALE_AFTER_MS) continue;
      try {
        deps.deliver(notice);
      } catch (error) {
        deps.logError?.(`could not show the notification for ${notice.key}`, error);
      }
    }
    const next = waiting.filter((notice) => notice.dueAt > now).reduce((min, notice) => Math.min(min, notice.dueAt), Infinity);
    if (next !== Infinity) timer = clock.setTimer(check, Math.min(next - now, MAX_TIMER_MS));
  }

  return {
    setDeadlines(incidentId, notices) {
      if (disposed) return;
      if (notices.length === 0) byIncident.delete(incidentId);
      else byIncident.set(incidentId, [...notices]);
      check();
    },
    check,
    pendingCount: () => pending().length,
    dispose() {
      disposed = true;
      disarm();
      byIncident.clear();
    },
  };
}
