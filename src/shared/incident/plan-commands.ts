/**
 * Commands on the action plan. Each checks its change against the plan as
 * this replica folds it (the rule the fold applies, see incident/plan-fold.ts) and
 * appends it as a 'plan' event whose text says what happened, in the words
 * the IC would use on the call.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { ownerOf } from './plan-fold';
import { activeHeader, parse, stampOf, type CommandContext } from './commands';
import { appendChange, causalTime } from './append';
import { CommandError } from './errors';
import type { PlanChange, TaskOwner, TaskStatus } from './plan-schema';
import { projectionOf } from './projection';
import type { LoggableKind, PlanEvent } from './schema';
import { count, every } from '../plural';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not part of this incident.');
const Text = (what: string, max = 500) =>
  z
    .string({ error: `${what} is required.` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `${what} is required.`).max(max, `${what} is at most ${max} characters.`));
const Minutes = z
  .number({ error: 'Give the timebox in minutes.' })
  .int('Give the timebox in whole minutes.')
  .min(1, 'A timebox is at least 1 minute.')
  .max(24 * 60, 'A timebox is at most 24 hours; split the work.');

/** Exactly one owner. Anything else (a team by name, "everyone", nobody) is refused with the reason. */
export const Owner = z.union(
  [
    z.object({ kind: z.literal('person'), responderId: Id }),
    z.object({ kind: z.literal('role'), roleId: Id }),
  ],
  { error: 'A task needs exactly one owner: a person, or a role held by one person. Not a group, not nobody.' },
);

function write(doc: Y.Doc, ctx: CommandContext, change: PlanChange, text: string): PlanEvent {
  const stamp = stampOf(doc, ctx);
  activeHeader(doc);
  const projection = projectionOf(doc);
  const refusal = projection.planFold.check(change, projection.orgFold);
  if (refusal) throw new CommandError(refusal);
  const now = ctx.now();
  return appendChange<PlanEvent>(doc, { id: ctx.newId(), kind: 'plan', at: causalTime(doc, now), loggedAt: now, ...stamp, text, plan: change });
}

const plan = (doc: Y.Doc) => projectionOf(doc).planFold;
const org = (doc: Y.Doc) => projectionOf(doc).orgFold;

function taskOf(doc: Y.Doc, taskId: string) {
  const task = plan(doc).tasks.get(parse(Id, taskId));
  if (!task) throw new CommandError('That task is not part of this plan.');
  return task;
}

function ownerLabel(doc: Y.Doc, owner: TaskOwner): string {
  return ownerOf(owner, org(doc)).label;
}

/** An objective: what, not how ("Restore checkout for EU customers"). */
export function addObjective(doc: Y.Doc, text: string, ctx: CommandContext): PlanEvent {
  const data = parse(Text('The objective', 200), text);
  return write(doc, ctx, { change: 'objective-add', objectiveId: ctx.newId(), text: data }, `Objective: ${data}`);
}

export function closeObjective(doc: Y.Doc, input: { objectiveId: string; outcome: 'met' | 'dropped' }, ctx: CommandContext): PlanEvent {
  const objective = plan(doc).objectives.get(parse(Id, input.objectiveId));
  if (!objective) throw new CommandError('That objective is not part of this plan.');
  return write(
    doc,
    ctx,
    { change: 'objective-close', objectiveId: objective.id, outcome: input.outcome },
    `Objective ${input.outcome === 'met' ? 'met' : 'dropped'}: ${objective.text}`,
  );
}

/**
 * The timeline entry a plan item is adopted from: one logged by hand as the
 * kind the item is (an action becomes a task, a decision a proposal), not
 * struck through, and not in the plan already (the fold's rule, checked on
 * write, so two peers adopting it at once keep one).
 */
function checkSource(doc: Y.Doc, source: string | undefined, kind: LoggableKind & ('action' | 'decision')): void {
  if (source === undefined) return;
  const projection = projectionOf(doc);
  const entry = projection.event(source);
  if (!entry || entry.kind === 'amend') throw new CommandError('That entry is not in this timeline.');
  if (entry.kind !== kind) throw new CommandError(`Only ${kind === 'action' ? 'an action' : 'a decision'} logged in the timeline can become a ${kind === 'action' ? 'task' : 'proposal'} this way.`);
  const struck = projection.snapshot.amendments.get(source)?.struck;
  if (struck) throw new CommandError(`That entry is struck through (${struck.reason}); it cannot go into the plan.`);
}

export const AssignTaskInput = z.object({
  objectiveId: Id,
  text: Text('The task'),
  owner: Owner,
  timeboxMinutes: Minutes,
  /** The action logged in the timeline that this task adopts, if any. */
  source: Id.optional(),
});
/**
 * What a form hands in. Its owner may still be unchosen (null): `Owner`
 * refuses that in its own words, like any other owner that is not one.
 */
export type AssignTaskInput = Omit<z.input<typeof AssignTaskInput>, 'owner'> & { owner: TaskOwner | null };

/** One owner, one timebox: "Jo, check replication lag; back to me in 5 minutes." */
export function assignTask(doc: Y.Doc, input: AssignTaskInput, ctx: CommandContext): PlanEvent {
  const { source, ...data } = parse(AssignTaskInput, input);
  checkSource(doc, source, 'action');
  return write(
    doc,
    ctx,
    { change: 'task-add', taskId: ctx.newId(), ...data, ...(source ? { source } : {}) },
    `Task for ${ownerLabel(doc, data.owner)}: ${data.text} (timebox ${data.timeboxMinutes} min${source ? '; from an action in the timeline' : ''}).`,
  );
}

/**
 * "Understood": the owner of the moment has the task. Stored with who that
 * is, so it counts for them and only for them, whatever reaches the other
 * machines first (see the fold's 'task-ack').
 */
export function acknowledgeTask(doc: Y.Doc, taskId: string, ctx: CommandContext): PlanEvent {
  const task = taskOf(doc, taskId);
  const owner = ownerOf(task.owner, org(doc));
  return write(doc, ctx, { change: 'task-ack', taskId: task.id, ownerId: owner.responderId }, `${owner.label}: understood, "${task.text}".`);
}

export function setTaskStatus(doc: Y.Doc, input: { taskId: string; status: TaskStatus; note?: string }, ctx: CommandContext): PlanEvent {
  const task = taskOf(doc, input.taskId);
  const note = input.note?.trim() ?? '';
  const words: Record<TaskStatus, string> = { open: 'reopened', done: 'done', blocked: 'blocked', dropped: 'dropped' };
  return write(
    doc,
    ctx,
    { change: 'task-status', taskId: task.id, status: input.status, note },
    `Task ${words[input.status]}: ${task.text}${note ? ` (${note})` : ''}.`,
  );
}

/** "How much time do you need?" A new timebox from now, logged. */
export function extendTask(doc: Y.Doc, input: { taskId: string; minutes: number }, ctx: CommandContext): PlanEvent {
  const task = taskOf(doc, input.taskId);
  const minutes = parse(Minutes, input.minutes);
  return write(
    doc,
    ctx,
    { change: 'task-extend', taskId: task.id, minutes },
    `${ownerLabel(doc, task.owner)} needs ${count(minutes, 'more minute', 'more minutes')} for "${task.text}".`,
  );
}

export function reassignTask(doc: Y.Doc, input: { taskId: string; owner: TaskOwner | null; timeboxMinutes: number }, ctx: CommandContext): PlanEvent {
  const task = taskOf(doc, input.taskId);
  const owner = parse(Owner, input.owner);
  const timeboxMinutes = parse(Minutes, input.timeboxMinutes);
  return write(
    doc,
    ctx,
    { change: 'task-reassign', taskId: task.id, owner, timeboxMinutes },
    `Task "${task.text}" moves from ${ownerLabel(doc, task.owner)} to ${ownerLabel(doc, owner)} (timebox ${timeboxMinutes} min).`,
  );
}

const ProposeInput = z.union([Text('The proposal'), z.object({ text: Text('The proposal'), source: Id.optional() })]);

/**
 * "I propose X. Are there any strong objections?" The text alone, or with
 * the decision logged in the timeline that it adopts (`source`).
 */
export function proposeDecision(doc: Y.Doc, input: string | { text: string; source?: string }, ctx: CommandContext): PlanEvent {
  const data = parse(ProposeInput, input);
  const { text, source } = typeof data === 'string' ? { text: data, source: undefined } : data;
  checkSource(doc, source, 'decision');
  return write(
    doc,
    ctx,
    { change: 'decision-propose', decisionId: ctx.newId(), text, ...(source ? { source } : {}) },
    `Proposed${source ? ' (from a decision in the timeline)' : ''}: ${text}. Any strong objections?`,
  );
}

export function recordObjection(doc: Y.Doc, input: { decisionId: string; text: string }, ctx: CommandContext): PlanEvent {
  const decision = plan(doc).decisions.get(parse(Id, input.decisionId));
  if (!decision) throw new CommandError('That proposal is not part of this incident.');
  const text = parse(Text('The objection'), input.text);
  return write(doc, ctx, { change: 'decision-object', decisionId: decision.id, text }, `Objection to "${decision.text}": ${text}`);
}

/**
 * The decision and its outcome are logged, never the vote: "Hearing none, we
 * go ahead with X" when nobody objected, "Decided: X" when objections were heard.
 */
export function decide(doc: Y.Doc, input: { decisionId: string; outcome: 'adopted' | 'withdrawn'; note?: string }, ctx: CommandContext): PlanEvent {
  const decision = plan(doc).decisions.get(parse(Id, input.decisionId));
  if (!decision) throw new CommandError('That proposal is not part of this incident.');
  const note = input.note?.trim() ?? '';
  const text =
    input.outcome === 'withdrawn'
      ? `Proposal withdrawn: ${decision.text}${note ? ` (${note})` : ''}.`
      : decision.objections.length
        ? `Decided: ${decision.text}${note ? ` (${note})` : ''}.`
        : `Hearing no strong objections, we go ahead: ${decision.text}${note ? ` (${note})` : ''}.`;
  return write(doc, ctx, { change: 'decision-decide', decisionId: decision.id, outcome: input.outcome, note }, text);
}

/** Announce a change to production before making it; it is in flight until its result is observed. */
export function announceChange(doc: Y.Doc, text: string, ctx: CommandContext): PlanEvent {
  const data = parse(Text('The change'), text);
  const inFlight = plan(doc).inFlight();
  const warning = inFlight.length ? ` While ${inFlight.length === 1 ? 'another change is' : `${inFlight.length} changes are`} in flight: one change at a time.` : '';
  return write(doc, ctx, { change: 'change-announce', changeId: ctx.newId(), text: data }, `Change announced: ${data}.${warning}`);
}

export function observeChange(doc: Y.Doc, input: { changeId: string; result: string; worked: boolean }, ctx: CommandContext): PlanEvent {
  const change = plan(doc).changes.get(parse(Id, input.changeId));
  if (!change) throw new CommandError('That change was never announced.');
  const result = parse(Text('What was observed'), input.result);
  return write(
    doc,
    ctx,
    { change: 'change-observe', changeId: change.id, result, worked: input.worked === true },
    `Result of "${change.text}": ${result} (${input.worked ? 'it worked' : 'it did not work'}).`,
  );
}

/** A custom timer with a label ("Vendor promised a call back"). */
export function startTimer(doc: Y.Doc, input: { label: string; minutes: number }, ctx: CommandContext): PlanEvent {
  const label = parse(Text('The timer label', 120), input.label);
  const minutes = parse(Minutes, input.minutes);
  return write(doc, ctx, { change: 'timer-add', timerId: ctx.newId(), label, minutes }, `Timer: ${label}, ${minutes} min.`);
}

export function cancelTimer(doc: Y.Doc, timerId: string, ctx: CommandContext): PlanEvent {
  const timer = plan(doc).timers.get(parse(Id, timerId));
  if (!timer) throw new CommandError('That timer is not running.');
  return write(doc, ctx, { change: 'timer-cancel', timerId: timer.id }, `Timer cancelled: ${timer.label}.`);
}

const CadenceInput = z.object({
  statusMinutes: z.record(z.string().regex(/^SEV-[1-5]$/, 'Severities are SEV-1 to SEV-5.'), Minutes),
  reviewMinutes: Minutes,
});

/** How often status updates and reviews come, by severity. */
export function setCadence(doc: Y.Doc, input: z.input<typeof CadenceInput>, ctx: CommandContext): PlanEvent {
  const data = parse(CadenceInput, input);
  const list = Object.entries(data.statusMinutes)
    .map(([sev, m]) => `${sev} ${every(m, 'min')}`)
    .join(', ');
  return write(
    doc,
    ctx,
    { change: 'cadence', statusMinutes: data.statusMinutes, reviewMinutes: data.reviewMinutes },
    `Update cadence: ${list || 'defaults'}; reviews ${every(data.reviewMinutes, 'min')}.`,
  );
}
