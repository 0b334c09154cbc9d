import { describe, expect, it } from 'vitest';
import { kindForDigit, parseEntry, parseTimedEntry } from '../../../src/renderer/features/timeline/parseEntry';
import { intentForKey } from '../../../src/renderer/host/web';
import { hashFromRoute, routeFromHash } from '../../../src/renderer/stores/ui';

describe('the quick-entry grammar', () => {
  it.each([
    ['d: fail over to the replica', 'decision', 'fail over to the replica'],
    ['Decision: fail over', 'decision', 'fail over'],
    ['a: restart pgbouncer', 'action', 'restart pgbouncer'],
    ['s: error rate normal', 'status', 'error rate normal'],
    ['f: write the runbook', 'followup', 'write the runbook'],
    ['todo: write the runbook', 'followup', 'write the runbook'],
    ['i: 40% of EU checkouts failing', 'impact', '40% of EU checkouts failing'],
    ['n: paged the on-call', 'note', 'paged the on-call'],
  ])('%s logs a %s', (line, kind, text) => {
    expect(parseEntry(line, 'note')).toEqual({ kind, text });
  });

  it('uses the chosen type when there is no known prefix', () => {
    expect(parseEntry('paged the on-call', 'action')).toEqual({ kind: 'action', text: 'paged the on-call' });
    expect(parseEntry('http://status.example.com is down', 'note').kind).toBe('note');
    expect(parseEntry('x: unknown prefix', 'note')).toEqual({ kind: 'note', text: 'x: unknown prefix' });
    // A prefix needs a space after the colon, so times and URLs are left alone.
    expect(parseEntry('d:30 minutes in', 'note')).toEqual({ kind: 'note', text: 'd:30 minutes in' });
  });

  it('takes when it happened from "@09:30 " or "@-10m " at the start, before or after the type prefix', () => {
    expect(parseTimedEntry('@09:30 d: fail over', 'note')).toEqual({ kind: 'decision', text: 'fail over', when: '09:30' });
    expect(parseTimedEntry('i: @-10m checkout failing', 'note')).toEqual({ kind: 'impact', text: 'checkout failing', when: '-10m' });
    expect(parseTimedEntry('  @9:30:15 UPS alarm', 'action')).toEqual({ kind: 'action', text: 'UPS alarm', when: '9:30:15' });
    expect(parseTimedEntry('@now paged', 'note')).toEqual({ kind: 'note', text: 'paged', when: 'now' });
    // A time with nothing after it: the text is empty, and logging says to write what happened.
    expect(parseTimedEntry('@09:30', 'note')).toEqual({ kind: 'note', text: '', when: '09:30' });
    // What does not start like a time is text: a mention, an address.
    expect(parseTimedEntry('@alice can you check', 'note')).toEqual({ kind: 'note', text: '@alice can you check' });
    expect(parseTimedEntry('paged @ 09:30', 'note')).toEqual({ kind: 'note', text: 'paged @ 09:30' });
    // Something that starts like a time but is not one is handed on as typed, so the parser says why.
    expect(parseTimedEntry('@9h30 restart', 'note')).toEqual({ kind: 'note', text: 'restart', when: '9h30' });
  });

  it('maps Alt+1…6 to the types in order', () => {
    expect(['1', '2', '3', '4', '5', '6'].map(kindForDigit)).toEqual(['note', 'decision', 'action', 'status', 'followup', 'impact']);
    expect(kindForDigit('7')).toBeUndefined();
  });
});

describe('the web host shortcuts', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it('mirror the desktop menu accelerators', () => {
    expect(intentForKey(key('l', { ctrlKey: true }))).toEqual({ type: 'focus-quick-entry' });
    expect(intentForKey(key('D', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'declare-incident' });
    expect(intentForKey(key('H', { metaKey: true, shiftKey: true }))).toEqual({ type: 'show-incident-list' });
    expect(intentForKey(key(',', { ctrlKey: true }))).toEqual({ type: 'open-settings' });
    expect(intentForKey(key(',', { metaKey: true }))).toEqual({ type: 'open-settings' });
  });
  it('leave plain typing alone', () => {
    expect(intentForKey(key('l'))).toBeNull();
    expect(intentForKey(key('d', { shiftKey: true }))).toBeNull();
    expect(intentForKey(key('l', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(intentForKey(key(','))).toBeNull();
  });
});

describe('routes', () => {
  it('round-trip through the location hash', () => {
    const route = { view: 'incident', id: '3f1c2a4e-1111-4222-8333-444455556666' } as const;
    expect(routeFromHash(hashFromRoute(route))).toEqual(route);
    expect(routeFromHash('#/')).toEqual({ view: 'list' });
  });
  it('round-trip the printed forms, a form or paper not known read as all forms on Letter', () => {
    const route = { view: 'forms', id: 'inc-7', form: '205', paper: 'a4' } as const;
    expect(hashFromRoute(route)).toBe('#/forms/inc-7?form=205&paper=a4');
    expect(routeFromHash(hashFromRoute(route))).toEqual(route);
    expect(routeFromHash('#/forms/inc-7?form=999&paper=a3')).toEqual({ view: 'forms', id: 'inc-7', form: 'all', paper: 'letter' });
    expect(routeFromHash('#/forms/inc-7')).toEqual({ view: 'forms', id: 'inc-7', form: 'all', paper: 'letter' });
    expect(routeFromHash('#/forms/../x?form=201')).toEqual({ view: 'list' });
  });
  it('ignore hashes that are not ours', () => {
    expect(routeFromHash('#/incident/../../etc')).toEqual({ view: 'list' });
    expect(routeFromHash('#/incident/<script>')).toEqual({ view: 'list' });
  });
});
