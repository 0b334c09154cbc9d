import { describe, expect, it } from 'vitest';
import {
  admitRoles,
  askerText,
  decisionNote,
  enqueueKnock,
  idChanges,
  knockNotices,
  knockQuestion,
  MAX_WAITING_KNOCKS,
  withoutKnock,
  type WaitingKnock,
} from '../../../src/renderer/incidents/sync/lan-knocks';

const knock = (requestId: string, over: Partial<WaitingKnock> = {}): WaitingKnock => ({
  requestId,
  name: 'Dana',
  machine: 'DANA-LAPTOP',
  code: '482 193',
  incidentName: '26-Bravo',
  arrivedAt: Date.UTC(2026, 11, 7, 3, 12),
  ...over,
});

describe('the knocks waiting for the IC', () => {
  it('queue in arrival order, each request once', () => {
    let queue = enqueueKnock([], knock('a'));
    queue = enqueueKnock(queue, knock('b'));
    queue = enqueueKnock(queue, knock('a', { name: 'Again' }));
    expect(queue.map((k) => k.requestId)).toEqual(['a', 'b']);
    expect(queue[0]!.name).toBe('Dana');
    expect(withoutKnock(queue, 'a').map((k) => k.requestId)).toEqual(['b']);
  });

  it('keep those already waiting when the queue is full', () => {
    let queue: readonly WaitingKnock[] = [];
    for (let i = 0; i < MAX_WAITING_KNOCKS + 5; i++) queue = enqueueKnock(queue, knock(`r${i}`));
    expect(queue).toHaveLength(MAX_WAITING_KNOCKS);
    expect(queue.at(-1)!.requestId).toBe(`r${MAX_WAITING_KNOCKS - 1}`);
  });
});

describe('following the announced ids', () => {
  it('starts at a rotated-in id, keeps the previous one while main lists it, stops at one dropped', () => {
    expect(idChanges(['old'], ['new', 'old'])).toEqual({ start: ['new'], stop: [] });
    expect(idChanges(['old', 'new'], ['new'])).toEqual({ start: [], stop: ['old'] });
    expect(idChanges([], ['a'])).toEqual({ start: ['a'], stop: [] });
  });
});

describe('the roles a knock can be admitted with', () => {
  it('are both for a responder of a signed incident, who holds an invitation per role', () => {
    expect(admitRoles({ invitations: { responder: {}, observer: {} } }, true)).toEqual(['responder', 'observer']);
  });
  it('are observer only for anyone else of a signed incident: the room alone, which writes nothing accepted', () => {
    expect(admitRoles({}, true)).toEqual(['observer']);
    expect(admitRoles({ invitations: { observer: {} } }, true)).toEqual(['observer']);
  });
  it('is one for an unsigned incident, whose invite writes', () => {
    expect(admitRoles(null, false)).toEqual(['responder']);
  });
});

describe('the words', () => {
  it('name who asks for what, with stand-ins for what they did not give', () => {
    expect(knockQuestion(knock('a'))).toBe('Dana on DANA-LAPTOP asks to join 26-Bravo');
    expect(askerText({ name: null, machine: null })).toBe('Someone who gave no name (machine not named)');
  });

  it('clean an incident name that turns text around', () => {
    expect(knockQuestion(knock('a', { incidentName: 'Bravo\u202Etxt.exe' }))).toBe('Dana on DANA-LAPTOP asks to join Bravotxt.exe');
  });

  it('say in the timeline who came in from the network, as what, and who was refused', () => {
    expect(decisionNote(knock('a'), 'observer', true)).toBe('Dana on DANA-LAPTOP was admitted from this network as an observer (code 482 193).');
    expect(decisionNote(knock('a'), 'responder', false)).toBe('Dana on DANA-LAPTOP was admitted from this network (code 482 193).');
    expect(decisionNote(knock('a'), 'refused', true)).toBe('Dana on DANA-LAPTOP asked to join from this network and was refused (code 482 193).');
  });
});

describe('the notices of knocks waiting', () => {
  it('ask the IC by OS notification, due when each came, once per request, opening the incident', async () => {
    const { DeadlineNotice } = await import('../../../src/shared/ipc');
    const notices = knockNotices([knock('a'), knock('b', { name: 'x'.repeat(500), arrivedAt: Date.UTC(2026, 11, 7, 3, 13) })], 'inc-7');
    expect(notices.map((n) => n.key)).toEqual(['knock:a', 'knock:b']);
    expect(notices[0]).toEqual({
      key: 'knock:a',
      incidentId: 'inc-7',
      title: 'Dana on DANA-LAPTOP asks to join 26-Bravo',
      body: 'Check that their screen shows 482 193, then admit or refuse in Command Post.',
      dueAt: Date.UTC(2026, 11, 7, 3, 12),
      target: { view: 'incident', incidentId: 'inc-7' },
    });
    // A long name is cut to what main accepts, and every notice passes main's contract.
    expect([...notices[1]!.title]).toHaveLength(120);
    expect(notices[1]!.title.endsWith('…')).toBe(true);
    for (const notice of notices) expect(DeadlineNotice.safeParse(notice).success).toBe(true);
  });
});
