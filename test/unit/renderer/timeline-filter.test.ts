import { describe, expect, it } from 'vitest';
import {
  addObjective,
  addRole,
  assignTask,
  checkIn,
  createIncidentDoc,
  closeObjective,
  declareIncident,
  editEntry,
  logEvent,
  projectionOf,
  proposeDecision,
  setKeyEntry,
  setStatusPhase,
  strikeEntry,
} from '../../../src/shared/incident';
import { authorRoles } from '../../../src/shared/views/author-roles';
import { deadlineHistory, expiredBy } from '../../../src/shared/views/expiries';
import { orgWatchHistory } from '../../../src/shared/views/org-watch';
import { ENTRY_TYPE_LABELS, ENTRY_TYPES, entryType, rowLabel } from '../../../src/shared/views/entry-types';
import { filterAdded, filterTimeline, NO_FILTERS, splitMatches, type FilterInput, type TimelineFilters } from '../../../src/renderer/features/timeline/filter';
import { Rng } from '../harness/random';
import { adoptable, rowStep, timelineActionForKey, timelineOutcome } from '../../../src/renderer/features/timeline/timeline-keys';
import { MINUTE, T0, testContext } from '../harness/context';

function incident() {
  const doc = createIncidentDoc('incident-1');
  const dana = testContext('Dana', T0, 'd');
  const jo = testContext('Jo', T0, 'j');
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, dana);
  const joId = (checkIn(doc, { name: 'Jo' }, dana).org as { responderId: string }).responderId;
  addRole(doc, { role: { kind: 'scribe' }, holderId: joId }, dana);
  dana.advance(MINUTE);
  jo.time = dana.time;
  const note = logEvent(doc, { kind: 'note', text: 'Error rate 12% on checkout' }, jo);
  const decision = logEvent(doc, { kind: 'decision', text: 'Fail over to the replica' }, dana);
  addObjective(doc, 'Restore writes', dana);
  proposeDecision(doc, 'Roll back release 4.2', dana);
  editEntry(doc, { eventId: note.id, text: 'Error RATE 14% on checkout' }, jo);
  setKeyEntry(doc, { eventId: decision.id, key: true }, dana);
  const wrong = logEvent(doc, { kind: 'action', text: 'Paged the wrong team' }, jo);
  strikeEntry(doc, { eventId: wrong.id, reason: 'Duplicate' }, jo);
  return { doc, note, decision, wrong, dana };
}

function run(filters: Partial<TimelineFilters>, now = T0 + 10 * MINUTE) {
  const { doc } = incident();
  const snapshot = projectionOf(doc).snapshot;
  const expired = expiredBy(deadlineHistory(snapshot), now);
  const result = filterTimeline({ events: snapshot.timeline, amendmentCount: snapshot.amendmentCount, amendments: snapshot.amendments, expired, filters: { ...NO_FILTERS, ...filters }, roles: authorRoles(snapshot.timeline) });
  const texts = result.rows.map((r) => ('derived' in r ? r.text : (snapshot.amendments.get(r.id)?.text ?? r.text)));
  return { ...result, texts, snapshot };
}

describe('the timeline filter', () => {
  it('shows every entry and none of the amendments as rows; derived rows merge in by time', () => {
    const { rows, total, entries, snapshot } = run({}, T0 + 31 * MINUTE);
    const amendments = snapshot.timeline.filter((e) => e.kind === 'amend').length;
    expect(amendments).toBe(3);
    expect(rows.some((r) => r.kind === 'amend')).toBe(false);
    // 8 entries and the status update that fell overdue at 30 minutes, last.
    expect(total).toBe(snapshot.timeline.length - amendments + 1);
    // The log's own entries, for "N events": a derived row is not one.
    expect(entries).toBe(total - 1);
    expect(rows.at(rows.length - 1)).toMatchObject({ derived: true, kind: 'status-update' });
    const times = rows.map((r) => r.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('returns the events themselves when nothing is filtered, amended or derived', () => {
    const doc = createIncidentDoc('plain');
    declareIncident(doc, { name: '26-Echo', severity: 'SEV-3', synopsis: 'x' }, testContext());
    const { timeline, amendments, amendmentCount } = projectionOf(doc).snapshot;
    expect(filterTimeline({ events: timeline, amendmentCount, amendments, expired: [], filters: NO_FILTERS }).rows).toBe(timeline);
  });

  it('filters by type, telling the plan’s decisions and tasks apart', () => {
    expect(run({ type: 'decision' }).texts).toEqual(['Fail over to the replica', 'Proposed: Roll back release 4.2. Any strong objections?']);
    expect(run({ type: 'task' }).texts).toEqual(['Objective: Restore writes']);
    expect(run({ type: 'org' }).texts).toEqual(['Jo checked in.', 'Jo assigned as Scribe, reporting to Dana (Incident Commander).']);
  });

  it('filters by author and by the role the author held at the time', () => {
    expect(run({ author: 'Jo' }).texts).toEqual(['Error RATE 14% on checkout', 'Paged the wrong team']);
    expect(run({ role: 'Scribe' }).texts).toEqual(['Error RATE 14% on checkout', 'Paged the wrong team']);
    expect(run({ role: 'Incident Commander' }).texts).toHaveLength(6);
    // Derived rows have no author and no role.
    expect(run({ author: 'Dana' }, T0 + 31 * MINUTE).rows.some((r) => 'derived' in r)).toBe(false);
  });

  it('searches what each entry says now, in any case; finds derived rows too', () => {
    expect(run({ query: 'rate 14' }).texts).toEqual(['Error RATE 14% on checkout']);
    // The original text is history, not what the entry says.
    expect(run({ query: '12%' }).texts).toEqual([]);
    expect(run({ query: '  OVERDUE ' }, T0 + 31 * MINUTE).texts).toEqual(['Status update overdue: SEV-2 calls for one every 30 minutes.']);
  });

  it('keeps key events only, and combines filters', () => {
    expect(run({ keyOnly: true }).texts).toEqual(['Fail over to the replica']);
    expect(run({ keyOnly: true, author: 'Jo' }).texts).toEqual([]);
    const { rows, total } = run({ type: 'action' });
    expect(rows.length).toBe(1);
    expect(total).toBe(8);
  });

  it('shows a phase change as its own type, found by that type and by the role of whoever changed it', () => {
    const { doc } = incident();
    const jo = testContext('Jo', T0 + 5 * MINUTE, 'jp');
    const change = setStatusPhase(doc, 'identified', jo);
    logEvent(doc, { kind: 'status', text: 'Cause found; next update 10:00' }, jo);
    const snapshot = projectionOf(doc).snapshot;
    expect(ENTRY_TYPES).toContain('phase');
    expect(entryType(change)).toBe('phase');
    expect(`${rowLabel(change)}: ${change.text}`).toBe('Phase: Investigating → Identified');
    const filtered = (filters: Partial<TimelineFilters>) =>
      filterTimeline({ events: snapshot.timeline, amendmentCount: snapshot.amendmentCount, amendments: snapshot.amendments, expired: [], filters: { ...NO_FILTERS, ...filters }, roles: authorRoles(snapshot.timeline) }).rows.map((r) =>
        'derived' in r ? r.text : r.text,
      );
    expect(ENTRY_TYPE_LABELS.phase).toBe('Phase');
    expect(filtered({ type: 'phase' })).toEqual(['Investigating → Identified']);
    // Not a status update given: the hand-logged status type does not include it.
    expect(filtered({ type: 'status' })).toEqual(['Cause found; next update 10:00']);
    // Jo held the Scribe role when they moved the phase.
    expect(filtered({ type: 'phase', role: 'Scribe' })).toEqual(['Investigating → Identified']);
    expect(filtered({ type: 'phase', role: 'Incident Commander' })).toEqual([]);
  });

  it('puts each event logged among the rows shown, as filtering the whole log would, without a pass over it', () => {
    const filterings: Array<Partial<TimelineFilters>> = [{}, { type: 'decision' }, { author: 'Jo' }, { role: 'Scribe' }, { query: 'rate' }, { keyOnly: true }];
    for (let seed = 1; seed <= 12; seed++) {
      const rng = new Rng(seed);
      const { doc, dana } = incident();
      const filters = { ...NO_FILTERS, ...rng.pick(filterings) };
      const inputOf = (): FilterInput => {
        const snapshot = projectionOf(doc).snapshot;
        // Deadlines come due as the clock moves on: derived rows join the rows shown.
        const expired = expiredBy(deadlineHistory(snapshot), dana.time);
        return { events: snapshot.timeline, amendmentCount: snapshot.amendmentCount, amendments: snapshot.amendments, expired, filters, roles: authorRoles(snapshot.timeline) };
      };
      let last = { input: inputOf(), result: filterTimeline(inputOf()) };
      let incremental = 0;
      for (let step = 0; step < 40; step++) {
        dana.advance(rng.between(1, 6) * MINUTE);
        const back = rng.chance(0.3) ? rng.int(20) * 60_000 : 0;
        const author = rng.pick(['Dana', 'Jo']);
        const entry = logEvent(doc, { kind: rng.pick(['note', 'decision'] as const), text: `error rate ${step}`, at: Math.max(T0, dana.time - back) }, { ...dana, actor: author });
        if (rng.chance(0.15)) setKeyEntry(doc, { eventId: entry.id, key: true }, dana);
        const input = inputOf();
        const added = filterAdded(last, input);
        if (added) incremental++;
        const result = added ?? filterTimeline(input);
        const whole = filterTimeline(input);
        expect(result.rows.toArray(), `seed ${seed}, step ${step}`).toEqual(whole.rows.toArray());
        expect([result.total, result.entries]).toEqual([whole.total, whole.entries]);
        last = { input, result };
      }
      expect(last.input.expired.length, 'deadlines came due on the way').toBeGreaterThan(0);
      // Only a text or key filter meeting an amendment needs the whole log again.
      expect(incremental, `seed ${seed}`).toBeGreaterThan(filters.keyOnly || filters.query ? 10 : 35);
    }
  });

  it('marks matches for highlighting', () => {
    expect(splitMatches('Error rate, RATE limit', 'rate')).toEqual(['Error ', 'rate', ', ', 'RATE', ' limit']);
    expect(splitMatches('nothing here', 'rate')).toEqual(['nothing here']);
    expect(splitMatches('anything', '   ')).toEqual(['anything']);
  });
});

describe('the timeline keys', () => {
  it('move the selection from the newest, as the timeline opens at the bottom', () => {
    expect(rowStep(5, -1, 'ArrowUp')).toBe(4);
    expect(rowStep(5, -1, 'j')).toBe(4);
    expect(rowStep(5, 4, 'ArrowDown')).toBe(4);
    expect(rowStep(5, 2, 'k')).toBe(1);
    expect(rowStep(5, 2, 'Home')).toBe(0);
    expect(rowStep(50, 30, 'PageUp')).toBe(20);
    expect(rowStep(5, 2, 'x')).toBeNull();
    expect(rowStep(0, -1, 'ArrowUp')).toBeNull();
    expect(timelineActionForKey('*')).toBe('key');
    expect(timelineActionForKey('Delete')).toBe('strike');
    expect(timelineActionForKey('E')).toBe('edit');
    expect(timelineActionForKey('?')).toBeNull();
  });

  it('say why when they have nothing to act on', () => {
    const { doc, note, decision, wrong } = incident();
    const snapshot = projectionOf(doc).snapshot;
    const declared = snapshot.timeline.at(0)!;
    const derived = expiredBy(deadlineHistory(snapshot), T0 + 31 * MINUTE)[0]!;
    expect(timelineOutcome('edit', null, undefined, 'write')).toEqual({ hint: 'Select an entry first (↑ ↓ or j k).' });
    expect(timelineOutcome('edit', declared, undefined, 'write')).toMatchObject({ hint: expect.stringMatching(/Only entries logged by hand/) });
    expect(timelineOutcome('strike', wrong, snapshot.amendments.get(wrong.id), 'write')).toEqual({ hint: 'That entry is already struck through: Duplicate' });
    expect(timelineOutcome('key', derived, undefined, 'write')).toMatchObject({ hint: expect.stringMatching(/worked out from the log/) });
    expect(timelineOutcome('edit', note, snapshot.amendments.get(note.id), 'review')).toMatchObject({ hint: expect.stringMatching(/closed.*Key events can still be marked/) });
    expect(timelineOutcome('key', note, snapshot.amendments.get(note.id), 'review')).toEqual({ setKey: { eventId: note.id, key: true } });
    expect(timelineOutcome('key', note, snapshot.amendments.get(note.id), 'read')).toMatchObject({ hint: expect.stringMatching(/read-only/) });
    expect(timelineOutcome('edit', note, snapshot.amendments.get(note.id), 'write')).toEqual({ open: { kind: 'edit', eventId: note.id } });
    expect(timelineOutcome('key', decision, snapshot.amendments.get(decision.id), 'write')).toEqual({ setKey: { eventId: decision.id, key: false } });
    expect(timelineOutcome('history', decision, snapshot.amendments.get(decision.id), 'write')).toMatchObject({ hint: expect.stringMatching(/never been edited/) });
    expect(timelineOutcome('history', note, snapshot.amendments.get(note.id), 'read')).toEqual({ history: note.id });
    expect(timelineOutcome('activity', note, undefined, 'read')).toEqual({ activity: { name: 'Jo' } });
    expect(entryType(derived)).toBe('timer');
  });

  it('shows the chart’s warnings as Organization rows, each right after the change that caused it', () => {
    const doc = createIncidentDoc('incident-1');
    const dana = testContext('Dana', T0, 'd');
    declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails' }, dana);
    for (let i = 1; i <= 8; i++) {
      const id = (checkIn(doc, { name: `R${i}` }, dana).org as { responderId: string }).responderId;
      addRole(doc, { role: { kind: 'sme', area: `Area ${i}` }, holderId: id }, dana);
    }
    const snapshot = projectionOf(doc).snapshot;
    const expired = expiredBy(orgWatchHistory(snapshot), T0 + MINUTE);
    const { rows } = filterTimeline({ events: snapshot.timeline, amendmentCount: snapshot.amendmentCount, amendments: snapshot.amendments, expired, filters: { ...NO_FILTERS, type: 'org' } });
    const texts = rows.map((r) => r.text);
    const eighth = texts.indexOf('R8 assigned as Area 8 SME, reporting to Dana (Incident Commander).');
    expect(texts[eighth + 1]).toBe('Span of control: Dana now has 8 people reporting directly (7 at most); add a level.');
    expect(rowLabel(rows.at(eighth + 1)!)).toBe('Span of control');
  });

  it('offer a logged decision or action to the plan once (p), with its text as it reads now', () => {
    const { doc, note, decision, wrong, dana } = incident();
    const action = logEvent(doc, { kind: 'action', text: 'Paused the batch jobs' }, dana);
    editEntry(doc, { eventId: decision.id, text: 'Fail over to the replica in zone B' }, dana);
    const at = () => projectionOf(doc).snapshot;
    const outcome = (row: typeof note) => timelineOutcome('adopt', row, at().amendments.get(row.id), 'write', at().plan);
    expect(timelineActionForKey('p')).toBe('adopt');
    expect(outcome(decision)).toEqual({ adopt: { kind: 'propose', source: decision.id, text: 'Fail over to the replica in zone B' } });
    expect(outcome(action)).toEqual({ adopt: { kind: 'task', source: action.id, text: 'Paused the batch jobs' } });
    expect(outcome(note)).toEqual({ hint: 'Only a decision (d:) or an action (a:) logged in the timeline can go into the plan.' });
    expect(outcome(wrong)).toEqual({ hint: 'That entry is struck through: Duplicate' });
    expect(timelineOutcome('adopt', action, undefined, 'review', at().plan)).toMatchObject({ hint: expect.stringMatching(/closed/) });
    expect(adoptable(decision, at().amendments.get(decision.id), at().plan)).toBe(true);
    expect(adoptable(note, at().amendments.get(note.id), at().plan)).toBe(false);

    proposeDecision(doc, { text: 'Fail over to the replica in zone B', source: decision.id }, dana);
    expect(outcome(decision)).toEqual({ hint: 'That entry is already in the plan, as a decision.' });
    expect(adoptable(decision, at().amendments.get(decision.id), at().plan)).toBe(false);
    const jo = (at().org!.responders.find((r) => r.name === 'Jo')!).id;
    const objective = at().plan!.objectives[0]!.id;
    assignTask(doc, { objectiveId: objective, text: 'Keep them paused', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 15, source: action.id }, dana);
    expect(outcome(action)).toEqual({ hint: 'That entry is already in the plan, as a task.' });

    // A task serves an objective: with none open, p says so instead of opening a form that cannot succeed.
    const another = logEvent(doc, { kind: 'action', text: 'Drained node 3' }, dana);
    closeObjective(doc, { objectiveId: objective, outcome: 'met' }, dana);
    expect(outcome(another)).toEqual({ hint: 'Set an objective first (Plan tab, Alt+P, then o): every task serves one.' });
  });
});
