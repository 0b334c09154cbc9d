/** A fake wall clock with timers, and deadlines to schedule on it, for the notification tests. */
import type { DeadlineNotice } from '../../../src/shared/ipc';

export const T0 = Date.UTC(2026, 2, 14, 14, 0);
export const MINUTE = 60_000;

/** A wall clock and timers under the test's control. */
export class FakeClock {
  time = T0;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; callback: () => void }>();

  now = (): number => this.time;
  setTimer = (callback: () => void, delayMs: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + delayMs, callback });
    return id;
  };
  clearTimer = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Lets time pass, firing timers in order as they come due. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      const next = [...this.timers].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    this.time = end;
  }

  /** The wall clock jumps (NTP, a sleeping laptop) without any timer firing. */
  jump(ms: number): void {
    this.time += ms;
  }
}

export function deadline(id: string, dueAt: number, incidentId = 'inc-1'): DeadlineNotice {
  return {
    key: `task:${id}:${dueAt}`,
    incidentId,
    title: `Task ${id} is due`,
    body: `Owner: Dana`,
    dueAt,
    target: { view: 'incident', incidentId, item: id },
  };
}

