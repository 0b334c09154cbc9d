/**
 * Playing a drill's scenario: attaching it to the practice incident, the
 * exercise control's hold / release / deliver now and speed, and the
 * player's tick that delivers what has come due.
 *
 * Every machine that has the drill open and may write runs the player
 * (there is no server, and a facilitator's laptop may close), so delivery
 * must be idempotent: an inject's entry has the inject's own id, a machine
 * delivers only what it has not seen delivered, and when two deliver at
 * once the projection counts the id once (as it does any duplicate). The
 * arrival's check-in takes ids derived from the inject's too, so it
 * collapses the same way. A hold is written to the doc, so every machine's
 * player skips the inject as soon as the hold reaches it.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { activeHeader, parse, stampOf, type CommandContext } from './commands';
import { appendChange, LOCAL_ORIGIN } from './append';
import { CommandError } from './errors';
import { checkIn } from './org-commands';
import { projectionOf } from './projection';
import type { InjectEvent } from './schema';
import { checkScenario, injectsInOrder, type Inject, type Scenario } from './drill-scenario';
import { DRILL_MINUTE, drillElapsedMs, wallTimeReached } from './drill-clock';
import { DRILL_SCHEMA_VERSION, DRILL_SPEEDS, drillClockOf, drillMapOf, holdKey, injectEntryId, readDrill, type DrillSpeed, type DrillState } from './drill-schema';
import { metaOf } from './schema';

const Speed = z.union(
  DRILL_SPEEDS.map((s) => z.literal(s)),
  { error: `The speed is one of ${DRILL_SPEEDS.map((s) => `×${s}`).join(', ')}.` },
);

function raiseVersion(doc: Y.Doc): void {
  const meta = metaOf(doc);
  const version = meta.get('schemaVersion');
  if (typeof version !== 'number' || version < DRILL_SCHEMA_VERSION) meta.set('schemaVersion', DRILL_SCHEMA_VERSION);
}

/** The running drill this doc plays; refused with why when it plays none. */
function runningDrill(doc: Y.Doc): DrillState {
  const header = activeHeader(doc);
  if (!header.drill) throw new CommandError(`${header.name} is a real incident, not a drill.`);
  const drill = readDrill(doc);
  if (!drill) throw new CommandError(`${header.name} plays no scenario.`);
  return drill;
}

function injectOf(drill: DrillState, injectId: string): Inject {
  const inject = drill.scenario.injects.find((i) => i.id === injectId);
  if (!inject) throw new CommandError('That inject is not in this drill’s scenario.');
  return inject;
}

/**
 * Plays a scenario in a practice incident just declared: the script is
 * stored and the drill's clock starts at the declaration, at `speed`.
 */
export function startScenario(doc: Y.Doc, input: { scenario: Scenario; speed: DrillSpeed }, ctx: CommandContext): void {
  const checked = checkScenario(input.scenario);
  if (!checked.ok) throw new CommandError(checked.message);
  const speed = parse(Speed, input.speed) as DrillSpeed;
  const { author } = stampOf(doc, ctx);
  const header = activeHeader(doc);
  if (!header.drill) throw new CommandError(`${header.name} is a real incident; a scenario plays only in a drill.`);
  if (readDrill(doc)) throw new CommandError(`${header.name} already plays a scenario.`);
  doc.transact(() => {
    raiseVersion(doc);
    drillMapOf(doc).set('scenario', checked.scenario);
    drillClockOf(doc).push([{ id: ctx.newId(), at: header.declaredAt, speed, paused: false, by: author }]);
  }, LOCAL_ORIGIN);
}

/** Changes the drill's speed or pauses it, from now on (drill time already passed stays). */
export function setDrillClock(doc: Y.Doc, input: { speed: DrillSpeed; paused: boolean }, ctx: CommandContext): void {
  const speed = parse(Speed, input.speed) as DrillSpeed;
  const { author } = stampOf(doc, ctx);
  const drill = runningDrill(doc);
  // After every change seen, so it applies after them on every replica even on a slow clock.
  const at = Math.max(ctx.now(), (drill.clock.at(-1)?.at ?? 0) + 1);
  doc.transact(() => drillClockOf(doc).push([{ id: ctx.newId(), at, speed, paused: input.paused, by: author }]), LOCAL_ORIGIN);
}

/** Holds an inject: no machine delivers it until it is released (or delivered now). */
export function holdInject(doc: Y.Doc, injectId: string, ctx: CommandContext): void {
  setHold(doc, injectId, true, ctx);
}

/** Releases a held inject: it arrives at once if its time has passed, else at its time. */
export function releaseInject(doc: Y.Doc, injectId: string, ctx: CommandContext): void {
  setHold(doc, injectId, false, ctx);
}

function setHold(doc: Y.Doc, injectId: string, held: boolean, ctx: CommandContext): void {
  const { author } = stampOf(doc, ctx);
  const drill = runningDrill(doc);
  const inject = injectOf(drill, injectId);
  if (isDelivered(doc, inject.id)) throw new CommandError(`“${inject.id}” has already been delivered.`);
  doc.transact(() => drillMapOf(doc).set(holdKey(inject.id), { held, by: author, at: ctx.now() }), LOCAL_ORIGIN);
}

export function isDelivered(doc: Y.Doc, injectId: string): boolean {
  return projectionOf(doc).event(injectEntryId(injectId)) !== undefined;
}

/** The line the timeline shows for an inject. */
export function injectText(inject: Inject): string {
  switch (inject.type) {
    case 'message':
      return `Message to the IC from ${inject.from}: ${inject.text}`;
    case 'system':
      return `${inject.system} is ${inject.status}: ${inject.text}`;
    case 'arrival':
      return `${inject.person} arrives${inject.skills ? ` (${inject.skills})` : ''}: ${inject.text}`;
    case 'stakeholder':
      return `${inject.from} asks the IC for an update: ${inject.text}`;
  }
}

function fromOf(inject: Inject): string {
  switch (inject.type) {
    case 'message':
    case 'stakeholder':
      return inject.from;
    case 'system':
      return inject.system;
    case 'arrival':
      return inject.person;
  }
}

/**
 * Delivers an inject now, whatever its time or hold (the facilitator's
 * "deliver now"); null when it was delivered already. A person arriving is
 * also checked in, to staging, unless someone already checked them in.
 */
export function deliverInject(doc: Y.Doc, injectId: string, ctx: CommandContext): InjectEvent | null {
  return deliver(doc, injectId, ctx, false);
}

/**
 * Writes an inject's entry. One that came due by the clock is dated when it
 * came due (or when its hold was lifted, if later), so the timeline keeps
 * the script's order and replicas date it alike; one delivered by hand,
 * when it was.
 */
function deliver(doc: Y.Doc, injectId: string, ctx: CommandContext, byClock: boolean): InjectEvent | null {
  const stamp = stampOf(doc, ctx);
  const drill = runningDrill(doc);
  const inject = injectOf(drill, injectId);
  if (isDelivered(doc, inject.id)) return null;
  const id = injectEntryId(inject.id);
  const now = ctx.now();
  const header = activeHeader(doc);
  const due = byClock ? Math.max(wallTimeReached(drill.clock, inject.at * DRILL_MINUTE) ?? now, drill.holds.get(inject.id)?.at ?? 0, header.declaredAt) : now;
  const event: InjectEvent = { id, kind: 'inject', at: Math.min(due, now), loggedAt: now, ...stamp, text: injectText(inject), injectId: inject.id, inject: inject.type, from: fromOf(inject) };
  doc.transact(() => {
    appendChange(doc, event, DRILL_SCHEMA_VERSION);
    if (inject.type === 'arrival') arrive(doc, inject, id, ctx);
  }, LOCAL_ORIGIN);
  return event;
}

function arrive(doc: Y.Doc, inject: Extract<Inject, { type: 'arrival' }>, entryId: string, ctx: CommandContext): void {
  const already = [...projectionOf(doc).orgFold.responders.values()].some((r) => r.releasedAt === null && r.name.toLowerCase() === inject.person.toLowerCase());
  if (already) return;
  let n = 0;
  // Ids from the inject's, so two machines delivering at once check in one person.
  const derived: CommandContext = { ...ctx, onBehalfOf: null, newId: () => `${entryId}:${++n}` };
  checkIn(doc, { name: inject.person, skills: inject.skills ?? '' }, derived);
}

/** The injects due at `now` that no hold stops and nobody has delivered, in script order. */
export function dueInjects(doc: Y.Doc, drill: DrillState, now: number): readonly Inject[] {
  const elapsed = drillElapsedMs(drill.clock, now);
  return injectsInOrder(drill.scenario).filter((i) => i.at * DRILL_MINUTE <= elapsed && !drill.holds.get(i.id)?.held && !isDelivered(doc, i.id));
}

/**
 * The player's tick: delivers every inject that has come due. Nothing on a
 * doc that plays no scenario, on an ended drill, or where this version may
 * not write.
 */
export function deliverDueInjects(doc: Y.Doc, ctx: CommandContext): readonly InjectEvent[] {
  const header = projectionOf(doc).snapshot.header;
  if (!header?.drill || header.state !== 'active' || projectionOf(doc).snapshot.compatibility !== 'ok') return [];
  const drill = readDrill(doc);
  if (!drill) return [];
  const delivered: InjectEvent[] = [];
  for (const inject of dueInjects(doc, drill, ctx.now())) {
    const event = deliver(doc, inject.id, ctx, true);
    if (event) delivered.push(event);
  }
  return delivered;
}
