/**
 * Making records: a statement or an entry's seal, signed by one signer.
 * The chain (`prev`) is the caller's: sealer.ts keeps each key's head.
 */
import { bytesToBase64Url } from '../base64';
import type { Signer } from './signatures';
import { entryBytes, recordHash, statementBytes, type Seal, type Statement, type StatementBody } from './records';

export interface Signed<R> {
  readonly record: R;
  /** The hash the signer's next record names as its `prev`. */
  readonly hash: string;
}

export async function signStatement(signer: Signer, incident: string, prev: string | null, at: number, body: StatementBody): Promise<Signed<Statement>> {
  const unsigned = { key: signer.key, prev, at, body };
  const bytes = statementBytes(incident, unsigned);
  const sig = bytesToBase64Url(await signer.sign(bytes));
  return { record: { ...unsigned, sig }, hash: recordHash(bytes) };
}

export async function sealEntry(signer: Signer, incident: string, prev: string | null, entry: { readonly id: string }): Promise<Signed<Seal>> {
  const bytes = entryBytes(incident, signer.key, prev, entry);
  const sig = bytesToBase64Url(await signer.sign(bytes));
  return { record: { entry: entry.id, key: signer.key, prev, sig }, hash: recordHash(bytes) };
}
