import { describe, expect, it } from 'vitest';
import {
  acknowledgeTask,
  addObjective,
  assignTask,
  CommandError,
  proposeDecision,
  projectionOf,
  releaseResponder,
  setTaskStatus,
} from '../../../src/shared/incident';
import {
  choiceOf,
  countdownOf,
  isOverdue,
  needsNudge,
  ownerChoices,
  ownerText,
  ownerFromChoice,
  proposalPhrase,
  taskOrder,
} from '../../../src/renderer/features/plan/plan-format';
import { planActionForKey, planOutcomeFor } from '../../../src/renderer/features/plan/plan-keys';
import { MINUTE } from '../harness/context';
import { response } from './org-fixture';

/** The fixture's response with two objectives and three tasks, each returned by id. */
function planned() {
  const r = response();
  const id = (e: { plan: object }, key: string) => (e.plan as Record<string, string>)[key]!;
  const restore = id(addObjective(r.doc, 'Restore checkout', r.ctx), 'objectiveId');
  const lag = id(
    assignTask(r.doc, { objectiveId: restore, text: 'Check replication lag', owner: { kind: 'person', responderId: r.personIds.get('Jo')! }, timeboxMinutes: 5 }, r.ctx),
    'taskId',
  );
  const dns = id(
    assignTask(r.doc, { objectiveId: restore, text: 'Flush DNS', owner: { kind: 'role', roleId: r.roleIds.get('DNS SME')! }, timeboxMinutes: 10 }, r.ctx),
    'taskId',
  );
  const tell = id(addObjective(r.doc, 'Keep customers informed', r.ctx), 'objectiveId');
  const page = id(
    assignTask(r.doc, { objectiveId: tell, text: 'Status page', owner: { kind: 'role', roleId: r.roleIds.get('Comms Lead')! }, timeboxMinutes: 15 }, r.ctx),
    'taskId',
  );
  const plan = () => projectionOf(r.doc).snapshot.plan!;
  return { ...r, plan, restore, tell, lag, dns, page };
}

describe('the plan tab keys', () => {
  it('maps single letters to actions, and nothing else', () => {
    expect(['o', 't', 'p', 'c', 'u', 'd', 'e', 'R'].map(planActionForKey)).toEqual([
      'objective',
      'task',
      'propose',
      'change',
      'understood',
      'done',
      'extend',
      'reassign',
    ]);
    expect(planActionForKey('x')).toBeNull();
    expect(planActionForKey('ArrowDown')).toBeNull();
  });

  it('t: needs an objective first; then assigns beside the selected task, or under the newest objective', () => {
    const bare = response();
    expect(planOutcomeFor('task', projectionOf(bare.doc).snapshot.plan!, null)).toEqual({ hint: 'Set an objective first (o): every task serves one.' });
    const p = planned();
    expect(planOutcomeFor('task', p.plan(), p.lag)).toEqual({ open: { kind: 'task', objectiveId: p.restore } });
    expect(planOutcomeFor('task', p.plan(), null)).toEqual({ open: { kind: 'task', objectiveId: p.tell } });
  });

  it('u, d, e, r act on the selected live task, and say why when they cannot', () => {
    const p = planned();
    expect(planOutcomeFor('understood', p.plan(), null)).toEqual({ hint: 'Select a task first (↑ ↓).' });
    expect(planOutcomeFor('understood', p.plan(), p.lag)).toEqual({ acknowledge: p.lag });
    acknowledgeTask(p.doc, p.lag, p.ctx);
    expect(planOutcomeFor('understood', p.plan(), p.lag)).toEqual({ hint: 'Jo has already said "understood".' });
    expect(planOutcomeFor('done', p.plan(), p.lag)).toEqual({ done: p.lag });
    expect(planOutcomeFor('extend', p.plan(), p.dns)).toEqual({ open: { kind: 'extend', taskId: p.dns } });
    expect(planOutcomeFor('reassign', p.plan(), p.page)).toEqual({ open: { kind: 'reassign', taskId: p.page } });
    setTaskStatus(p.doc, { taskId: p.lag, status: 'done' }, p.ctx);
    expect(planOutcomeFor('extend', p.plan(), p.lag)).toEqual({ hint: '"Check replication lag" is done.' });
  });

  it('arrow keys follow the tasks as shown: objective by objective', () => {
    const p = planned();
    expect(taskOrder(p.plan())).toEqual([p.lag, p.dns, p.page]);
  });
});

describe('the plan tab shows', () => {
  it('a countdown that turns due-soon, then overdue', () => {
    const due = 1_000_000;
    expect(countdownOf(due, due - 10 * MINUTE)).toEqual({ state: 'normal', text: '10:00 left' });
    expect(countdownOf(due, due - 90_000 - 400)).toEqual({ state: 'due-soon', text: '1:31 left' });
    expect(countdownOf(due, due + 72_000)).toEqual({ state: 'overdue', text: 'overdue by 1:12' });
    expect(countdownOf(due, due - 75 * MINUTE).text).toBe('1:15:00 left');
  });

  it('an open task past its timebox as overdue; a done one never', () => {
    const p = planned();
    const lag = () => p.plan().objectives[0]!.tasks[0]!;
    const due = lag().dueAt!;
    expect(due - lag().startedAt).toBe(5 * MINUTE);
    expect(isOverdue(lag(), due - 1)).toBe(false);
    expect(isOverdue(lag(), due)).toBe(true);
    setTaskStatus(p.doc, { taskId: p.lag, status: 'done' }, p.ctx);
    expect(isOverdue(lag(), p.ctx.time + 60 * MINUTE)).toBe(false);
  });

  it('a proposal in the IC’s words, nudged after 5 minutes open', () => {
    const p = planned();
    proposeDecision(p.doc, 'we fail over to the secondary region.', p.ctx);
    const decision = p.plan().decisions[0]!;
    expect(proposalPhrase(decision.text)).toBe('I propose we fail over to the secondary region. Are there any strong objections?');
    expect(needsNudge(decision, decision.proposedAt + 5 * MINUTE)).toBe(false);
    expect(needsNudge(decision, decision.proposedAt + 5 * MINUTE + 1)).toBe(true);
  });

  it('owners: people on duty by name and role, roles by title and holder; the released are not offered', () => {
    const p = planned();
    releaseResponder(p.doc, p.personIds.get('Rae')!, p.ctx);
    const { people, roles } = ownerChoices(p.org());
    const labels = people.map((c) => c.label);
    expect(labels).toContain('Ada — Incident Commander');
    expect(labels).toContain('Jo — Database SME');
    expect(labels).toContain('Quinn — in staging');
    expect(labels.some((l) => l.startsWith('Rae'))).toBe(false);
    expect(roles.map((c) => c.label)).toContain('Comms Lead — held by the IC (Ada)');
    expect(roles.map((c) => c.label)).toContain('DNS SME — Lea');
  });

  it('an owner choice round-trips, and no choice reaches the domain as nobody, which refuses it', () => {
    const p = planned();
    const jo = { kind: 'person', responderId: p.personIds.get('Jo')! } as const;
    expect(ownerFromChoice(choiceOf(jo))).toEqual(jo);
    expect(ownerFromChoice(choiceOf({ kind: 'role', roleId: 'r-1' }))).toEqual({ kind: 'role', roleId: 'r-1' });
    expect(ownerFromChoice('')).toBeNull();
    const nobody = ownerFromChoice('') as never;
    expect(() => assignTask(p.doc, { objectiveId: p.restore, text: 'Anything', owner: nobody, timeboxMinutes: 10 }, p.ctx)).toThrow(CommandError);
    expect(() => assignTask(p.doc, { objectiveId: p.restore, text: 'Anything', owner: nobody, timeboxMinutes: 10 }, p.ctx)).toThrow(/exactly one owner/);
  });
});

describe('a task owner', () => {
  it('is shown by incident role and name, whether given as a person or a role', () => {
    const p = planned();
    const [lag, dns] = p.plan().objectives[0]!.tasks;
    expect(ownerText(lag!, p.org())).toBe('Database SME (Jo)');
    expect(ownerText(dns!, p.org())).toBe('DNS SME (Lea)');
    const rae = p.personIds.get('Rae')!;
    assignTask(p.doc, { objectiveId: p.tell, text: 'Call the vendor', owner: { kind: 'person', responderId: rae }, timeboxMinutes: 5 }, p.ctx);
    expect(ownerText(p.plan().objectives[1]!.tasks[1]!, p.org())).toBe('Rae');
  });
});
