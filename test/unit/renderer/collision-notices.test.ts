import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchCollisionNotices } from '../../../src/renderer/features/incident-list/collisions';
import type { CatalogEntry } from '../../../src/renderer/incidents/db';
import { useIncidents } from '../../../src/renderer/stores/incident';
import { useNotices } from '../../../src/renderer/stores/notices';

const T0 = Date.UTC(2026, 11, 7, 3, 0);

function row(id: string, name: string, commander: string, lastChangeAt = T0): CatalogEntry {
  return { id, name, severity: 'SEV-2', state: 'active', drill: false, synopsis: 's', declaredAt: T0, declaredBy: commander, commander, endedAt: null, lastChangeAt };
}

const warnings = () => useNotices.getState().notices.filter((n) => n.tone === 'warning');

describe('the notice about two incidents of one name', () => {
  let stop: () => void = () => {};
  beforeEach(() => {
    useNotices.setState({ notices: [] });
    useIncidents.setState({ catalog: null });
  });
  afterEach(() => stop());

  it('says nothing about what the catalog held when the app started: the list marks it', () => {
    useIncidents.setState({ catalog: [row('a', '26-Alfa', 'Dana Scully'), row('b', '26-Alfa', 'Fox Mulder')] });
    stop = watchCollisionNotices(() => 'Fox Mulder');
    useIncidents.setState({ catalog: [row('a', '26-Alfa', 'Dana Scully'), row('b', '26-Alfa', 'Fox Mulder', T0 + 1)] });
    expect(warnings()).toEqual([]);
  });

  it('tells of a collision an import brings, once, offering to rename the one this person commands', () => {
    stop = watchCollisionNotices(() => 'fox mulder ');
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder')] });
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder'), row('a', '26-alfa', 'Dana Scully', T0 + 5)] });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.message).toMatch(/^2 incidents on this machine are now called .+: declared .+ by (Dana Scully|Fox Mulder); declared .+ by (Dana Scully|Fox Mulder)\. Rename one/);
    expect(warnings()[0]!.action?.label).toBe('Rename yours…');
    // The same collision again (another save) is not told twice.
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder', T0 + 9), row('a', '26-alfa', 'Dana Scully', T0 + 5)] });
    expect(warnings()).toHaveLength(1);
  });

  it('offers the newest when this person commands neither', () => {
    stop = watchCollisionNotices(() => 'Walter Skinner');
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder')] });
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder'), row('a', '26-Alfa', 'Dana Scully', T0 + 5)] });
    expect(warnings()[0]!.action?.label).toBe('Rename the newest…');
  });

  it('leaves once either incident has a name of its own', () => {
    stop = watchCollisionNotices(() => 'Fox Mulder');
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder')] });
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder'), row('a', '26-Alfa', 'Dana Scully')] });
    expect(warnings()).toHaveLength(1);
    useIncidents.setState({ catalog: [row('b', '26-Alfa-2', 'Fox Mulder'), row('a', '26-Alfa', 'Dana Scully')] });
    expect(warnings()).toEqual([]);
  });

  it('gives way to one notice about all of them when a third arrives', () => {
    stop = watchCollisionNotices(() => 'Fox Mulder');
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder')] });
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder'), row('a', '26-Alfa', 'Dana Scully')] });
    useIncidents.setState({ catalog: [row('b', '26-Alfa', 'Fox Mulder'), row('a', '26-Alfa', 'Dana Scully'), row('c', '26-ALFA', 'Walter Skinner')] });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.message).toMatch(/^3 incidents on this machine are now called/);
  });
});
