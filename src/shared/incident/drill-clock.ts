/**
 * The drill's clock as arithmetic over its log of changes (drill-schema.ts):
 * how much drill time has passed at a wall time, and when (on the wall) a
 * moment of drill time comes. Pure, so the player, the exercise control
 * view and the score read the same clock.
 */
import type { ClockChange, DrillSpeed } from './drill-schema';

export const DRILL_MINUTE = 60_000;

/** Drill time passed at wall time `now` (ms); 0 before the drill starts. */
export function drillElapsedMs(clock: readonly ClockChange[], now: number): number {
  let elapsed = 0;
  let previous: ClockChange | null = null;
  for (const change of clock) {
    if (change.at > now) break;
    if (previous && !previous.paused) elapsed += (change.at - previous.at) * previous.speed;
    previous = change;
  }
  if (previous && !previous.paused) elapsed += (now - previous.at) * previous.speed;
  return elapsed;
}

/** The speed and pause in force at `now`. */
export function clockAt(clock: readonly ClockChange[], now: number): { speed: DrillSpeed; paused: boolean } {
  let current: ClockChange | undefined;
  for (const change of clock) {
    if (change.at > now) break;
    current = change;
  }
  return current ? { speed: current.speed, paused: current.paused } : { speed: 1, paused: false };
}

/**
 * When drill time reaches `drillMs`, on the wall, if nothing changes the
 * clock from `now`: now when it has passed; null while the drill is paused.
 */
export function wallTimeOf(clock: readonly ClockChange[], drillMs: number, now: number): number | null {
  const elapsed = drillElapsedMs(clock, now);
  if (elapsed >= drillMs) return now;
  const { speed, paused } = clockAt(clock, now);
  return paused ? null : now + Math.ceil((drillMs - elapsed) / speed);
}

/**
 * The wall time at which drill time reached `drillMs` by the clock's log:
 * the moment an inject came due, the same on every replica that holds the
 * same log. Null when the log never reaches it (paused before it).
 */
export function wallTimeReached(clock: readonly ClockChange[], drillMs: number): number | null {
  let elapsed = 0;
  for (let i = 0; i < clock.length; i++) {
    const change = clock[i]!;
    const next = clock[i + 1];
    if (change.paused) continue;
    const span = next ? (next.at - change.at) * change.speed : Infinity;
    if (elapsed + span >= drillMs) return change.at + Math.ceil((drillMs - elapsed) / change.speed);
    elapsed += span;
  }
  return null;
}

/** "T+12": drill minutes as the script and the view write them. */
export function drillMinuteLabel(ms: number): string {
  return `T+${Math.floor(ms / DRILL_MINUTE)}`;
}
