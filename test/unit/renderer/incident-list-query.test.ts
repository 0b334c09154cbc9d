import { describe, expect, it } from 'vitest';
import { NO_FILTERS, groupCatalog, localYmd, peopleOf, type ListFilters } from '../../../src/renderer/features/incident-list/list-query';
import type { CatalogEntry } from '../../../src/renderer/incidents/db';
import type { Severity } from '../../../src/shared/ics/severity';

const DAY = 24 * 3_600_000;
const T0 = new Date(2026, 11, 1, 9, 0).getTime();
const TODAY = '2026-12-07';

function incident(id: string, over: Partial<CatalogEntry> & { severity?: Severity } = {}): CatalogEntry {
  return {
    id,
    name: `26-${id}`,
    severity: 'SEV-2',
    state: 'active',
    drill: false,
    synopsis: '',
    declaredAt: T0,
    endedAt: null,
    lastChangeAt: T0,
    commander: 'Ada',
    nextUpdateAt: null,
    phase: 'investigating',
    ...over,
  };
}

const ended = (id: string, endedAt: number, postmortem: CatalogEntry['postmortem'], over: Partial<CatalogEntry> = {}) =>
  incident(id, { state: 'ended', declaredAt: endedAt - 3_600_000, endedAt, phase: 'resolved', postmortem, ...over });

const CATALOG: CatalogEntry[] = [
  incident('Alfa', { severity: 'SEV-3', declaredAt: T0 }),
  incident('Bravo', { severity: 'SEV-1', declaredAt: T0 + DAY, commander: 'Bo', phase: 'mitigating', nextUpdateAt: T0 + DAY + 20 * 60_000 }),
  incident('Charlie', { severity: 'SEV-1', declaredAt: T0 + 2 * DAY }),
  ended('Delta', T0 + 3 * DAY, { owner: 'Cy', dueDate: '2026-12-04', status: 'draft', openActionItems: 2 }, { severity: 'SEV-2', commander: 'Dee' }),
  ended('Echo', T0 + 4 * DAY, { owner: 'Ada', dueDate: '2026-12-10', status: 'reviewed', openActionItems: 0 }),
  ended('Foxtrot', T0 + 5 * DAY, undefined),
  incident('Golf', { drill: true, declaredAt: T0 - 5 * DAY }),
  ended('Hotel', T0 + DAY, { owner: null, dueDate: null, status: null, openActionItems: 0 }, { drill: true }),
];

const group = (filters: Partial<ListFilters> = {}, sort: Parameters<typeof groupCatalog>[1]['sort'] = null) => {
  const g = groupCatalog(CATALOG, { filters: { ...NO_FILTERS, ...filters }, sort, today: TODAY, shared: new Set(['Charlie']) });
  return { active: g.active.map((e) => e.id), ended: g.ended.map((e) => e.id), drills: g.drills.map((e) => e.id), hidden: g.hidden };
};

describe('the incident list’s groups, filters and order', () => {
  it('puts active incidents first (most severe, then newest), ended ones by latest end, and drills apart', () => {
    expect(group()).toEqual({ active: ['Charlie', 'Bravo', 'Alfa'], ended: ['Foxtrot', 'Echo', 'Delta'], drills: ['Golf', 'Hotel'], hidden: 0 });
  });

  it('filters by severity, phase and person, and counts what it hides', () => {
    expect(group({ severities: ['SEV-1'] })).toMatchObject({ active: ['Charlie', 'Bravo'], ended: [], drills: [], hidden: 6 });
    expect(group({ phase: 'mitigating' }).active).toEqual(['Bravo']);
    // IC or postmortem owner, whatever the case.
    expect(group({ person: 'cy' })).toMatchObject({ active: [], ended: ['Delta'] });
    expect(group({ person: 'Ada' })).toMatchObject({ active: ['Charlie', 'Alfa'], ended: ['Foxtrot', 'Echo'] });
  });

  it('filters by the local date of the declaration, both ends included', () => {
    const from = localYmd(T0 + DAY);
    const to = localYmd(T0 + 3 * DAY);
    expect(group({ from, to })).toEqual({ active: ['Charlie', 'Bravo'], ended: ['Delta'], drills: ['Hotel'], hidden: 4 });
  });

  it('filters by the postmortem’s state, overdue ones being found both as overdue and by their status', () => {
    expect(group({ postmortem: 'overdue' })).toMatchObject({ active: [], ended: ['Delta'], drills: [] });
    expect(group({ postmortem: 'draft' }).ended).toEqual(['Delta']);
    expect(group({ postmortem: 'not-started' })).toMatchObject({ ended: ['Foxtrot'], drills: ['Hotel'] });
    expect(group({ postmortem: 'reviewed' }).ended).toEqual(['Echo']);
  });

  it('hides drills, or shows only them', () => {
    expect(group({ drills: 'hide' })).toMatchObject({ drills: [], hidden: 2 });
    expect(group({ drills: 'only' })).toEqual({ active: [], ended: [], drills: ['Golf', 'Hotel'], hidden: 6 });
  });

  it('sorts by any column either way, incidents without a value last both ways', () => {
    expect(group({}, { key: 'name', descending: true }).active).toEqual(['Charlie', 'Bravo', 'Alfa']);
    expect(group({}, { key: 'name', descending: false }).active).toEqual(['Alfa', 'Bravo', 'Charlie']);
    expect(group({}, { key: 'next-update', descending: false }).active[0]).toBe('Bravo');
    expect(group({}, { key: 'next-update', descending: true }).active[0]).toBe('Bravo');
    expect(group({}, { key: 'pm-due', descending: false }).ended).toEqual(['Delta', 'Echo', 'Foxtrot']);
    expect(group({}, { key: 'pm-due', descending: true }).ended).toEqual(['Echo', 'Delta', 'Foxtrot']);
    expect(group({}, { key: 'sync', descending: false }).active[0]).toBe('Charlie');
    expect(group({}, { key: 'commander', descending: true }).active).toEqual(['Bravo', 'Charlie', 'Alfa']);
    expect(group({}, { key: 'severity', descending: true }).active).toEqual(['Alfa', 'Charlie', 'Bravo']);
  });

  it('offers every IC and postmortem owner once as a person to filter by', () => {
    expect(peopleOf([...CATALOG, incident('India', { commander: ' ada ' })])).toEqual(['Ada', 'Bo', 'Cy', 'Dee']);
  });
});
