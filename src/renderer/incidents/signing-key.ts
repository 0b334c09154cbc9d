/**
 * This machine's signing key: made on first use, kept in the settings table
 * as WebCrypto key objects. The private key is made non-extractable, so it
 * signs but its bytes can never be read, by this page or any other script.
 * One key per machine (per browser profile): the person at this keyboard
 * renames themselves with a signed statement, not a new key, and a person
 * on two machines is two keys, each admitted on its own.
 */
import { generateKeyPair, signerOf, type KeyPair, type Signer } from '../../shared/trust/signatures';
import type { CommandPostDb, MachineSetting, SigningKeySetting } from './db';

const loading = new WeakMap<CommandPostDb, Promise<Signer>>();

function isKeyPair(value: unknown): value is KeyPair {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.key === 'string' && typeof p.privateKey === 'object' && p.privateKey !== null;
}

async function loadOrCreate(db: CommandPostDb, now: () => number): Promise<Signer> {
  const row = await db.settings.get('signing-key');
  if (row?.key === 'signing-key' && isKeyPair(row.pair)) return signerOf(row.pair);
  const pair = await generateKeyPair();
  try {
    // add, not put: a second window making its own key at the same moment loses, and takes the first.
    const row: SigningKeySetting = { key: 'signing-key', pair, createdAt: now() };
    await db.settings.add(row as MachineSetting & SigningKeySetting);
    return signerOf(pair);
  } catch (error) {
    const again = await db.settings.get('signing-key');
    if (again?.key === 'signing-key' && isKeyPair(again.pair)) return signerOf(again.pair);
    throw error;
  }
}

/** This machine's signer; rejects where WebCrypto cannot sign (a browser over plain http on a network address). */
export function machineSigner(db: CommandPostDb, now: () => number = Date.now): Promise<Signer> {
  let signer = loading.get(db);
  if (!signer) {
    signer = loadOrCreate(db, now);
    // A failure is not remembered: the next incident opened tries again.
    signer.catch(() => loading.delete(db));
    loading.set(db, signer);
  }
  return signer;
}
