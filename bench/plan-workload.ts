/**
 * The timers-board workload (run by bench/plan.mjs in Node through Vite's
 * runner, on the app's own TypeScript): an incident with 2,000 tasks, 200 of
 * them still running, and the board recomputed as the renderer does once a
 * second.
 */
import { acknowledgeTask, addObjective, assignTask, checkIn, createIncidentDoc, declareIncident, projectionOf, setTaskStatus, startTimer, type CommandContext, type PlanEvent } from '../src/shared/incident';
import { timersBoard } from '../src/shared/views/timers-board';

export interface PlanBenchResult {
  readonly tasks: number;
  readonly running: number;
  readonly boardEntries: number;
  readonly seedMs: number;
  /** Milliseconds per recompute of the board, and of the floor, interleaved. */
  readonly board: number[];
  readonly floor: number[];
}

export function runPlanBench(taskCount: number, runningCount: number, samples: number): PlanBenchResult {
  let n = 0;
  let time = Date.UTC(2026, 10, 22, 3, 0);
  const ctx: CommandContext = { actor: 'Bench IC', now: () => (time += 100), newId: () => `p-${++n}` };
  const doc = createIncidentDoc('bench-plan');
  const seeded = performance.now();
  declareIncident(doc, { name: '26-Bench', severity: 'SEV-1', synopsis: 'A long plan' }, ctx);
  const people: string[] = [];
  for (let i = 0; i < 50; i++) people.push((checkIn(doc, { name: `Responder ${i + 1}` }, ctx).org as { responderId: string }).responderId);
  const objectives: string[] = [];
  for (let i = 0; i < 20; i++) objectives.push((addObjective(doc, `Objective ${i + 1}`, ctx).plan as { objectiveId: string }).objectiveId);
  for (let i = 0; i < taskCount; i++) {
    const e: PlanEvent = assignTask(
      doc,
      { objectiveId: objectives[i % objectives.length]!, text: `Task ${i + 1}`, owner: { kind: 'person', responderId: people[i % people.length]! }, timeboxMinutes: 5 + (i % 55) },
      ctx,
    );
    const taskId = (e.plan as { taskId: string }).taskId;
    acknowledgeTask(doc, taskId, ctx);
    // All but the last `runningCount` are finished: a long incident's plan.
    if (i < taskCount - runningCount) setTaskStatus(doc, { taskId, status: i % 7 ? 'done' : 'dropped' }, ctx);
  }
  for (let i = 0; i < 10; i++) startTimer(doc, { label: `Timer ${i + 1}`, minutes: 10 + i }, ctx);
  const seedMs = performance.now() - seeded;

  const snapshot = projectionOf(doc).snapshot;
  const board: number[] = [];
  const floor: number[] = [];
  let entries = 0;
  let sink = 0;
  for (let i = 0; i < samples; i++) {
    const now = time + i * 1000;
    let started = performance.now();
    entries = timersBoard(snapshot, now).length;
    board.push(performance.now() - started);
    // The floor: read every task's deadline and sort the running ones, nothing else.
    started = performance.now();
    const due: number[] = [];
    for (const objective of snapshot.plan!.objectives) for (const task of objective.tasks) if (task.dueAt !== null) due.push(task.dueAt);
    due.sort((a, b) => a - b);
    sink += due.length;
    floor.push(performance.now() - started);
  }
  if (sink === 0) throw new Error('no running tasks');
  return { tasks: taskCount, running: runningCount, boardEntries: entries, seedMs, board, floor };
}
