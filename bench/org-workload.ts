/**
 * The org chart workload (run by bench/org.mjs in Node, through Vite's
 * runner so it uses the app's own TypeScript sources): an incident with a
 * large response, then single changes timed from the command's call to the
 * updated snapshot being readable, which is when React can render it.
 */
import * as Y from 'yjs';
import {
  addRole,
  assignRole,
  checkIn,
  createIncidentDoc,
  declareIncident,
  logEvent,
  moveRole,
  projectionOf,
  IC_ROLE_ID,
  type CommandContext,
  type OrgEvent,
} from '../src/shared/incident';

export interface OrgBenchResult {
  readonly responders: number;
  readonly roles: number;
  readonly timelineEvents: number;
  readonly seedMs: number;
  /** Milliseconds per operation, one entry per sample. */
  readonly samples: Record<'assign' | 'addRoleWithHolder' | 'move' | 'logNote', number[]>;
}

function context(): CommandContext {
  let n = 0;
  let time = Date.UTC(2026, 10, 22, 3, 0);
  return {
    actor: 'Bench IC',
    now: () => (time += 1000),
    newId: () => `b-${++n}`,
  };
}

const roleIdOf = (e: OrgEvent) => (e.org as { roleId: string }).roleId;
const responderIdOf = (e: OrgEvent) => (e.org as { responderId: string }).responderId;

/**
 * Builds a response of `responders` people the way a big one grows: a Tech
 * Lead, team leads under it, sub-team leads under them, members under those
 * (at most 7 each, as span of control asks), and everyone else in staging.
 */
function seed(doc: Y.Doc, responders: number, ctx: CommandContext): { staging: string[]; vacant: string[]; leads: string[] } {
  declareIncident(doc, { name: '26-Bench', severity: 'SEV-1', synopsis: 'A large response' }, ctx);
  const people: string[] = [];
  for (let i = 0; i < responders; i++) people.push(responderIdOf(checkIn(doc, { name: `Responder ${i + 1}`, skills: 'SRE' }, ctx)));
  const next = () => people.shift()!;
  const tech = roleIdOf(addRole(doc, { role: { kind: 'tech-lead' }, holderId: next() }, ctx));
  const leads: string[] = [tech];
  const vacant: string[] = [];
  for (let t = 0; t < 6; t++) {
    const team = roleIdOf(addRole(doc, { role: { kind: 'team-lead', team: `Team ${t + 1}`, parentId: tech }, holderId: next() }, ctx));
    leads.push(team);
    for (let s = 0; s < 6; s++) {
      const sub = roleIdOf(addRole(doc, { role: { kind: 'team-lead', team: `Team ${t + 1}.${s + 1}`, parentId: team }, holderId: next() }, ctx));
      leads.push(sub);
      for (let m = 0; m < 5; m++) {
        if (people.length < 130) break;
        addRole(doc, { role: { kind: 'member', parentId: sub }, holderId: next() }, ctx);
      }
      // One open seat per sub-team, for the assignment samples.
      vacant.push(roleIdOf(addRole(doc, { role: { kind: 'member', parentId: sub } }, ctx)));
    }
  }
  return { staging: people, vacant, leads };
}

/** Times `run` from the call until the projection's snapshot shows its effect. */
function timed(doc: Y.Doc, run: () => unknown): number {
  const projection = projectionOf(doc);
  const before = projection.snapshot;
  const started = performance.now();
  run();
  const after = projection.snapshot;
  const ms = performance.now() - started;
  if (after === before) throw new Error('the snapshot did not change');
  return ms;
}

export function runOrgBench(responders: number, samplesPerOp: number): OrgBenchResult {
  const doc = createIncidentDoc('bench-org');
  const ctx = context();
  const seeded = performance.now();
  const { staging, vacant, leads } = seed(doc, responders, ctx);
  const seedMs = performance.now() - seeded;
  const samples: OrgBenchResult['samples'] = { assign: [], addRoleWithHolder: [], move: [], logNote: [] };
  const count = Math.min(samplesPerOp, Math.floor(staging.length / 2), vacant.length);
  for (let i = 0; i < count; i++) {
    // Interleaved, so that any drift in the machine's speed hits every series alike.
    samples.assign.push(timed(doc, () => assignRole(doc, { roleId: vacant[i]!, responderId: staging.pop()! }, ctx)));
    const parent = leads[1 + (i % (leads.length - 1))]!;
    samples.addRoleWithHolder.push(timed(doc, () => addRole(doc, { role: { kind: 'member', parentId: parent }, holderId: staging.pop()! }, ctx)));
    // A restructure: a sub-team moves up to report to the IC, and later back under its team.
    const t = i % 6;
    const sub = leads[2 + t * 7 + (Math.floor(i / 6) % 6)]!;
    const team = leads[1 + t * 7]!;
    const target = projectionOf(doc).orgFold.roles.get(sub)!.parentId === team ? IC_ROLE_ID : team;
    samples.move.push(timed(doc, () => moveRole(doc, { roleId: sub, parentId: target }, ctx)));
    samples.logNote.push(timed(doc, () => logEvent(doc, { kind: 'note', text: `Sample note ${i}` }, ctx)));
  }
  const org = projectionOf(doc).snapshot.org!;
  return {
    responders: org.responders.length,
    roles: org.roles.length,
    timelineEvents: projectionOf(doc).snapshot.timeline.length,
    seedMs,
    samples,
  };
}
