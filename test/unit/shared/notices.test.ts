import { describe, expect, it } from 'vitest';
import { addObjective, addRole, assignTask, checkIn, projectionOf } from '../../../src/shared/incident';
import { deadlineNotices, localResponder } from '../../../src/shared/views/notices';
import { timersBoard } from '../../../src/shared/views/timers-board';
import { declaredIncident } from '../harness/incident';

function incident() {
  const { doc, ctx } = declaredIncident();
  const jo = (checkIn(doc, { name: 'Jo' }, ctx).org as { responderId: string }).responderId;
  const dee = (checkIn(doc, { name: 'Dee' }, ctx).org as { responderId: string }).responderId;
  checkIn(doc, { name: 'Sam' }, ctx);
  addRole(doc, { role: { kind: 'deputy' }, holderId: dee }, ctx);
  const objective = (addObjective(doc, 'Restore writes', ctx).plan as { objectiveId: string }).objectiveId;
  assignTask(doc, { objectiveId: objective, text: 'Check replication lag', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 5 }, ctx);
  const snapshot = projectionOf(doc).snapshot;
  return { snapshot, board: timersBoard(snapshot, ctx.time), incident: { id: 'incident-1', name: '26-Bravo' } };
}

describe('deadline notifications', () => {
  it('tell a responder about their own tasks, and the IC and Deputy about everything due', () => {
    const { snapshot, board, incident: inc } = incident();
    const kinds = (name: string) => deadlineNotices(board, localResponder(snapshot.org, name), inc).map((n) => n.body);
    // Their own task and their own rotation (every on-duty responder's is on the board).
    expect(kinds('Jo')).toEqual(['Jo: Check replication lag', 'Rotate Jo (after 90 min on duty)']);
    expect(kinds('Sam')).toEqual(['Rotate Sam (after 90 min on duty)']);
    expect(kinds('ada')).toHaveLength(board.length);
    expect(kinds('Dee')).toHaveLength(board.length);
    expect(kinds('Somebody else')).toEqual([]);
  });

  it('name each occurrence of a deadline by what it is and when, and target the incident', () => {
    const { snapshot, board, incident: inc } = incident();
    const [task] = deadlineNotices(board, localResponder(snapshot.org, 'Jo'), inc);
    const timer = board.find((t) => t.kind === 'task')!;
    expect(task).toEqual({
      key: `${timer.id}:${timer.dueAt}`,
      incidentId: 'incident-1',
      title: '26-Bravo: Timebox up',
      body: 'Jo: Check replication lag',
      dueAt: timer.dueAt,
      target: { view: 'incident', incidentId: 'incident-1', item: timer.id },
    });
  });
});
