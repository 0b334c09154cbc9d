/** Where an incident's doc keeps its signatures (the roots are listed in ../incident/schema.ts). */
import type * as Y from 'yjs';
import { MEMBERS_ROOT, SEALS_ROOT } from '../incident/schema';
import type { Seal, Statement } from './records';

/** Signed statements of membership, append-only. Read as unknown: a peer may have written anything. */
export function statementsOf(doc: Y.Doc): Y.Array<Statement> {
  return doc.getArray<Statement>(MEMBERS_ROOT);
}

/** Seals of timeline entries, append-only. */
export function sealsOf(doc: Y.Doc): Y.Array<Seal> {
  return doc.getArray<Seal>(SEALS_ROOT);
}
