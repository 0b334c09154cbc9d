import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db, watchInvitedNames } from '../../../src/renderer/incidents';
import type { KnownIncidentName } from '../../../src/shared/ics/codename';

/** The next list of names the watch hands over that satisfies `done`. */
function namesWhen(done: (names: readonly KnownIncidentName[]) => boolean): Promise<readonly KnownIncidentName[]> {
  return new Promise((resolve, reject) => {
    const stop = watchInvitedNames((names) => {
      if (!done(names)) return;
      queueMicrotask(stop);
      resolve(names);
    }, reject);
  });
}

describe('names seen in invites', () => {
  it('are the names the invites of joined incidents gave, and only those (shares made here carry none)', async () => {
    await db.shares.bulkPut([
      { incidentId: 'joined', secret: 'S', signaling: [], name: '26-Alfa', sharedAt: 1 },
      { incidentId: 'shared-here', secret: 'S', signaling: [], sharedAt: 2 },
    ]);
    expect(await namesWhen((n) => n.length > 0)).toEqual([{ id: 'joined', name: '26-Alfa' }]);
    await db.shares.put({ incidentId: 'joined-later', secret: 'S', signaling: [], name: '26-Bravo', sharedAt: 3 });
    expect(await namesWhen((n) => n.length > 1)).toEqual([
      { id: 'joined', name: '26-Alfa' },
      { id: 'joined-later', name: '26-Bravo' },
    ]);
  });
});
