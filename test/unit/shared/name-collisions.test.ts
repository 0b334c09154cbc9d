import { describe, expect, it } from 'vitest';
import { knownIncidentNames, nameCollisions, newCollisions } from '../../../src/shared/views/name-collisions';

const row = (id: string, name: string, declaredAt: number, declaredBy?: string) => ({ id, name, declaredAt, declaredBy });

describe('nameCollisions', () => {
  it('is empty when every name is its own', () => {
    expect(nameCollisions([row('a', '26-Alfa', 1), row('b', '26-Bravo', 2)]).size).toBe(0);
  });

  it('marks both incidents of a shared name, each with the other', () => {
    const here = row('here', '26-Alfa', 10, 'Sue Park');
    const imported = row('there', '26-alfa ', 20, 'Raj Patel');
    const collisions = nameCollisions([here, imported, row('c', '26-Bravo', 5)]);
    expect(collisions.get('here')).toEqual([imported]);
    expect(collisions.get('there')).toEqual([here]);
    expect(collisions.has('c')).toBe(false);
  });

  it('lists every other holder of the name, oldest declaration first, for three or more', () => {
    const collisions = nameCollisions([row('c', '26-Alfa', 30), row('a', '26-ALFA', 10), row('b', '26-\u200bAlfa', 20)]);
    expect(collisions.get('c')!.map((o) => o.id)).toEqual(['a', 'b']);
    expect(collisions.get('a')!.map((o) => o.id)).toEqual(['b', 'c']);
  });

  it('never says an incident collides with itself (the same row twice)', () => {
    expect(nameCollisions([row('a', '26-Alfa', 1), row('a', '26-Alfa', 1)]).size).toBe(0);
  });

  it('ends when one of them is renamed: nothing is remembered between reads', () => {
    const before = nameCollisions([row('a', '26-Alfa', 1), row('b', '26-Alfa', 2)]);
    expect(before.size).toBe(2);
    expect(nameCollisions([row('a', '26-Alfa', 1), row('b', '26-Alfa-2', 2)]).size).toBe(0);
  });
});

describe('newCollisions: what to tell the person once', () => {
  const a = row('a', '26-Alfa', 1);
  const b = row('b', '26-Alfa', 2);
  const c = row('c', '26-Alfa', 3);

  it('names the incidents whose collision is new', () => {
    expect(newCollisions(nameCollisions([a]), nameCollisions([a, b])).sort()).toEqual(['a', 'b']);
  });

  it('says nothing for a collision already known', () => {
    expect(newCollisions(nameCollisions([a, b]), nameCollisions([a, b]))).toEqual([]);
  });

  it('names the incidents that gained another holder of their name', () => {
    expect(newCollisions(nameCollisions([a, b]), nameCollisions([a, b, c])).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('knownIncidentNames', () => {
  it('adds the names invites gave to incidents not yet here, and prefers the catalog’s name once one is', () => {
    const catalog = [{ id: 'a', name: '26-Alfa-2' }];
    const invited = [
      { id: 'a', name: '26-Alfa' },
      { id: 'b', name: '26-Bravo' },
    ];
    expect(knownIncidentNames(catalog, invited).map((k) => k.name)).toEqual(['26-Alfa-2', '26-Bravo']);
  });
});
