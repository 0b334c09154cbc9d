/**
 * Finding what was added to an array since a state vector, from the doc's
 * own record of each client's structs rather than by walking the array, so
 * that the cost is that of what was added, not of the incident.
 */
import * as Y from 'yjs';

/** Pushes onto `into` the values of `array` (not deleted) that `since` does not cover; returns how many. */
export function valuesSince<T>(doc: Y.Doc, array: Y.Array<T>, since: ReadonlyMap<number, number>, into: unknown[]): number {
  let added = 0;
  doc.store.clients.forEach((structs, client) => {
    const from = since.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= from) return;
    for (let i = from > 0 ? Y.findIndexSS(structs, from) : 0; i < structs.length; i++) {
      const struct = structs[i];
      if (!(struct instanceof Y.Item) || struct.parent !== (array as unknown) || struct.deleted || !struct.countable) continue;
      const values = struct.content.getContent() as unknown[];
      const fresh = struct.id.clock < from ? values.slice(from - struct.id.clock) : values;
      added += fresh.length;
      for (const value of fresh) into.push(value);
    }
  });
  return added;
}

/** Whether this transaction took away any value `array` held before it. */
export function removedFrom<T>(array: Y.Array<T>, transaction: Y.Transaction): boolean {
  let removed = false;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent === (array as unknown) && struct.countable && struct.id.clock < (transaction.beforeState.get(struct.id.client) ?? 0)) removed = true;
  });
  return removed;
}
