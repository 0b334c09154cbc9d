/**
 * The deadline scheduler both hosts use, against a fake clock: when it
 * notifies, that it notifies each deadline once (also after a restart with
 * the delivered keys it persisted), and what it does after the clock jumps.
 */
import { describe, expect, it } from 'vitest';
import { deliveredKeys, MAX_DELIVERED_KEYS, parseDelivered, pruneDelivered, REMEMBER_DELIVERED_MS, serializeDelivered } from '../../../src/shared/notifications/delivered';
import { createDeadlineScheduler, MAX_TIMER_MS, STALE_AFTER_MS } from '../../../src/shared/notifications/scheduler';
import { deadline, FakeClock, MINUTE, T0 } from './fake-clock';

function setup(stored = new Map<string, number>()) {
  const clock = new FakeClock();
  const shown: string[] = [];
  let persisted = serializeDelivered(stored);
  const delivered = deliveredKeys(stored, clock.now(), (entries) => {
    persisted = serializeDelivered(entries);
  });
  const scheduler = createDeadlineScheduler({ clock, delivered, deliver: (notice) => shown.push(notice.key) });
  return { clock, shown, scheduler, persisted: () => persisted };
}

describe('deadline scheduler', () => {
  it('notifies each deadline when it comes due, not before, in order', () => {
    const { clock, shown, scheduler } = setup();
    scheduler.setDeadlines('inc-1', [deadline('b', T0 + 10 * MINUTE), deadline('a', T0 + 5 * MINUTE)]);
    clock.advance(5 * MINUTE - 1);
    expect(shown).toEqual([]);
    clock.advance(1);
    expect(shown).toEqual([`task:a:${T0 + 5 * MINUTE}`]);
    clock.advance(5 * MINUTE);
    expect(shown).toEqual([`task:a:${T0 + 5 * MINUTE}`, `task:b:${T0 + 10 * MINUTE}`]);
    expect(clock.timers.size).toBe(0);
  });

  it('keeps one timer armed, never longer than a minute, however many deadlines there are', () => {
    const { clock, scheduler } = setup();
    scheduler.setDeadlines('inc-1', Array.from({ length: 500 }, (_, i) => deadline(`t${i}`, T0 + (i + 1) * 30 * 24 * 60 * MINUTE)));
    scheduler.setDeadlines('inc-2', [deadline('x', T0 + 2 * MINUTE, 'inc-2')]);
    expect(clock.timers.size).toBe(1);
    expect([...clock.timers.values()][0]?.at).toBe(T0 + MAX_TIMER_MS);
    clock.advance(MINUTE);
    expect(clock.timers.size).toBe(1);
    expect(scheduler.pendingCount()).toBe(501);
  });

  it('replaces an incident\'s deadlines: one no longer listed is not notified, other incidents keep theirs', () => {
    const { clock, shown, scheduler } = setup();
    const moved = deadline('a', T0 + 5 * MINUTE);
    scheduler.setDeadlines('inc-1', [moved, deadline('b', T0 + 6 * MINUTE)]);
    scheduler.setDeadlines('inc-2', [deadline('c', T0 + 7 * MINUTE, 'inc-2')]);
    // Task a is extended to 20 minutes: a new occurrence; b is done.
    scheduler.setDeadlines('inc-1', [deadline('a', T0 + 20 * MINUTE)]);
    clock.advance(10 * MINUTE);
    expect(shown).toEqual([`task:c:${T0 + 7 * MINUTE}`]);
    clock.advance(10 * MINUTE);
    expect(shown).toEqual([`task:c:${T0 + 7 * MINUTE}`, `task:a:${T0 + 20 * MINUTE}`]);
    scheduler.setDeadlines('inc-2', []);
    expect(clock.timers.size).toBe(0);
  });

  it('never notifies the same deadline twice, when it is sent again after a peer\'s edit', () => {
    const { clock, shown, scheduler } = setup();
    const due = deadline('a', T0 + MINUTE);
    scheduler.setDeadlines('inc-1', [due]);
    clock.advance(MINUTE);
    // A peer renames the task: same occurrence, same key.
    scheduler.setDeadlines('inc-1', [{ ...due, title: 'Renamed' }]);
    clock.advance(MINUTE);
    expect(shown).toEqual([due.key]);
  });

  it('never notifies twice across a restart, with the keys it persisted', () => {
    const first = setup();
    const due = deadline('a', T0 + MINUTE);
    first.scheduler.setDeadlines('inc-1', [due]);
    first.clock.advance(2 * MINUTE);
    expect(first.shown).toEqual([due.key]);
    first.scheduler.dispose();

    const stored = parseDelivered(first.persisted());
    if (!stored.ok) throw new Error(stored.reason);
    const second = setup(stored.entries);
    second.clock.time = T0 + 3 * MINUTE;
    second.scheduler.setDeadlines('inc-1', [due, deadline('b', T0 + 2 * MINUTE)]);
    // b passed while the app was closed, a minute ago: still worth saying; a never again.
    expect(second.shown).toEqual([`task:b:${T0 + 2 * MINUTE}`]);
  });

  it('after a clock jump or a wake, delivers what became due at once', () => {
    const { clock, shown, scheduler } = setup();
    scheduler.setDeadlines('inc-1', [deadline('a', T0 + 30 * MINUTE), deadline('b', T0 + 90 * MINUTE)]);
    clock.jump(45 * MINUTE);
    scheduler.check();
    expect(shown).toEqual([`task:a:${T0 + 30 * MINUTE}`]);
    // Without a wake event, the bounded timer still notices the next jump within a minute.
    clock.jump(60 * MINUTE);
    clock.advance(MAX_TIMER_MS);
    expect(shown).toEqual([`task:a:${T0 + 30 * MINUTE}`, `task:b:${T0 + 90 * MINUTE}`]);
  });

  it('skips, and settles, a deadline more than an hour overdue when first found due', () => {
    const { clock, shown, scheduler } = setup();
    const stale = deadline('old', T0 - STALE_AFTER_MS - 1);
    const late = deadline('late', T0 - STALE_AFTER_MS + MINUTE);
    scheduler.setDeadlines('inc-1', [stale, late]);
    expect(shown).toEqual([late.key]);
    expect(scheduler.pendingCount()).toBe(0);
    clock.advance(MINUTE);
    expect(shown).toEqual([late.key]);

    // The same after a night's sleep: only the fresh ones are said.
    scheduler.setDeadlines('inc-1', [deadline('night', T0 + 2 * MINUTE), deadline('morning', T0 + 8 * 60 * MINUTE - 10 * MINUTE)]);
    clock.jump(8 * 60 * MINUTE);
    scheduler.check();
    expect(shown).toEqual([late.key, `task:morning:${T0 + 8 * 60 * MINUTE - 10 * MINUTE}`]);
  });

  it('carries on with the next deadline when showing one fails, and stops after dispose', () => {
    const clock = new FakeClock();
    const shown: string[] = [];
    const errors: string[] = [];
    const scheduler = createDeadlineScheduler({
      clock,
      delivered: deliveredKeys(new Map(), T0, () => {}),
      deliver: (notice) => {
        if (notice.key.startsWith('task:bad')) throw new Error('no notification daemon');
        shown.push(notice.key);
      },
      logError: (message) => errors.push(message),
    });
    scheduler.setDeadlines('inc-1', [deadline('bad', T0 + MINUTE), deadline('good', T0 + MINUTE)]);
    clock.advance(MINUTE);
    expect(shown).toEqual([`task:good:${T0 + MINUTE}`]);
    expect(errors).toEqual([`could not show the notification for task:bad:${T0 + MINUTE}`]);
    scheduler.setDeadlines('inc-1', [deadline('later', T0 + 5 * MINUTE)]);
    scheduler.dispose();
    expect(clock.timers.size).toBe(0);
    clock.advance(10 * MINUTE);
    expect(shown).toHaveLength(1);
  });
});

describe('delivered keys record', () => {
  it('reads back what it wrote and refuses what it did not', () => {
    const entries = new Map([['task:a:1', T0]]);
    expect(parseDelivered(serializeDelivered(entries))).toEqual({ ok: true, entries });
    expect(parseDelivered('{"delivered": ')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(parseDelivered('{"version": 1, "delivered": {"a": "yesterday"}}')).toMatchObject({ ok: false });
    expect(parseDelivered('[]')).toMatchObject({ ok: false });
  });

  it('forgets keys older than it needs and keeps the newest beyond the cap', () => {
    const entries = new Map<string, number>([
      ['old', T0 - REMEMBER_DELIVERED_MS - 1],
      ['recent', T0 - MINUTE],
      ['future', T0 + MINUTE],
    ]);
    expect([...pruneDelivered(entries, T0).keys()].sort()).toEqual(['future', 'recent']);
    const many = new Map(Array.from({ length: MAX_DELIVERED_KEYS + 10 }, (_, i) => [`k${i}`, T0 + i] as const));
    const kept = pruneDelivered(many, T0 + MAX_DELIVERED_KEYS + 10);
    expect(kept.size).toBe(MAX_DELIVERED_KEYS);
    expect(kept.has('k0')).toBe(false);
    expect(kept.has(`k${MAX_DELIVERED_KEYS + 9}`)).toBe(true);
  });
});
