/**
 * A drill's script and clock, kept in the practice incident's own doc, so a
 * facilitator on another machine who joined the incident sees the script,
 * holds an inject for everyone, and the score is worked out from the doc:
 *
 *   drill        Y.Map   'scenario' → the validated scenario (a plain value,
 *                        written once); 'hold:<injectId>' → HoldState, the
 *                        last write wins (hold, then release)
 *   drill:clock  Y.Array append-only ClockChange: the drill's start, each
 *                        change of speed, each pause and resume
 *
 * Whether an inject was delivered is not stored here: its timeline entry
 * (kind 'inject', id `inject:<id>`) says so, so the record and the script
 * cannot disagree.
 *
 * The clock is the drill's own: drill time runs from the declaration at the
 * speed in force (×1, ×2, ×5), stands still while paused, and a change
 * applies from the moment it is made. Kept as a log of changes rather than
 * a "current" value so concurrent changes merge in time order on every
 * replica, and so the score can turn any stretch of wall time into drill
 * minutes after the end.
 */
import type * as Y from 'yjs';
import { checkScenario, type Scenario } from './drill-scenario';

/** The version that knows drills (see SCHEMA_VERSION). */
export const DRILL_SCHEMA_VERSION = 12;

export const DRILL_ROOT = 'drill';
export const DRILL_CLOCK_ROOT = 'drill:clock';

export const DRILL_SPEEDS = [1, 2, 5] as const;
export type DrillSpeed = (typeof DRILL_SPEEDS)[number];

export interface ClockChange {
  readonly id: string;
  /** Wall time it applies from (ms since epoch). */
  readonly at: number;
  readonly speed: DrillSpeed;
  readonly paused: boolean;
  readonly by: string;
}

export interface HoldState {
  readonly held: boolean;
  readonly by: string;
  readonly at: number;
}

export interface DrillState {
  readonly scenario: Scenario;
  /** In the order they apply. */
  readonly clock: readonly ClockChange[];
  /** Inject id → its last hold or release. */
  readonly holds: ReadonlyMap<string, HoldState>;
}

export function drillMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(DRILL_ROOT);
}

export function drillClockOf(doc: Y.Doc): Y.Array<ClockChange> {
  return doc.getArray<ClockChange>(DRILL_CLOCK_ROOT);
}

export const injectEntryId = (injectId: string) => `inject:${injectId}`;
export const holdKey = (injectId: string) => `hold:${injectId}`;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isClockChange(value: unknown): value is ClockChange {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    c.id.length <= 64 &&
    isTime(c.at) &&
    (DRILL_SPEEDS as readonly unknown[]).includes(c.speed) &&
    typeof c.paused === 'boolean' &&
    typeof c.by === 'string'
  );
}

function isHoldState(value: unknown): value is HoldState {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  return typeof h.held === 'boolean' && typeof h.by === 'string' && isTime(h.at);
}

/** A scenario read from a doc is checked like a file: a peer's doc can hold anything. Checked once per stored object. */
const checked = new WeakMap<object, Scenario | null>();
function storedScenario(value: unknown): Scenario | null {
  if (typeof value !== 'object' || value === null) return null;
  let scenario = checked.get(value);
  if (scenario === undefined) {
    const result = checkScenario(value);
    checked.set(value, (scenario = result.ok ? result.scenario : null));
  }
  return scenario;
}

/** The drill's script, clock and holds; null when the doc plays no scenario (a plain practice incident, or any real one). */
export function readDrill(doc: Y.Doc): DrillState | null {
  const map = drillMapOf(doc);
  const scenario = storedScenario(map.get('scenario'));
  if (!scenario) return null;
  const clock = drillClockOf(doc)
    .toArray()
    .filter(isClockChange)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const holds = new Map<string, HoldState>();
  for (const [key, value] of map.entries()) {
    if (key.startsWith('hold:') && isHoldState(value)) holds.set(key.slice('hold:'.length), value);
  }
  return { scenario, clock, holds };
}
