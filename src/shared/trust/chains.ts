/**
 * Each key's records, linked by the hash each names as its previous: two
 * chains per key (statements, entries), so a record dropped from the middle
 * of someone's history shows, and a removal can name where a member's
 * history stops.
 */
import type { KeyId } from './signatures';

export interface ChainLink {
  readonly key: KeyId;
  readonly prev: string | null;
  /** Statements and entries are two chains per key: membership can be decided from statements alone. */
  readonly kind: 'statement' | 'entry';
  /** The record's time (a statement's, an entry's logging): the latest of a forked chain's heads is the one to continue. */
  readonly at: number;
}

/**
 * Whether a record's chain reaches its key's first record (of its kind)
 * through records that are held, signed, by the same key and of the same
 * kind. Walked without recursion (a responder's chain can be thousands
 * long). `whole` remembers the records already found whole across calls:
 * links are only ever added, so a whole chain stays whole; a broken one may
 * be mended by a record that arrives later, so it is not remembered.
 */
export function chainChecker(links: ReadonlyMap<string, ChainLink>, whole: Set<string> = new Set()): (hash: string) => boolean {
  const broken = new Set<string>();
  return (start) => {
    const path: string[] = [];
    let hash: string | null = start;
    let result: boolean | undefined;
    while (result === undefined) {
      if (hash === null) {
        result = true;
        break;
      }
      if (broken.has(hash)) {
        result = false;
        break;
      }
      const link = links.get(hash);
      const previous: ChainLink | undefined = path.length ? links.get(path[path.length - 1]!) : undefined;
      // Checked before the memo: a key cannot continue another key's chain, however whole that one is.
      if (!link || (previous && (previous.key !== link.key || previous.kind !== link.kind))) {
        result = false;
        break;
      }
      if (whole.has(hash)) {
        result = true;
        break;
      }
      path.push(hash);
      hash = link.prev;
    }
    for (const h of path) (result ? whole : broken).add(h);
    return result;
  };
}

/** Each key's latest records: the ones no other record of the key names as its previous. */
export function headsOf(links: ReadonlyMap<string, ChainLink>): Map<KeyId, string[]> {
  const named = new Set<string>();
  for (const link of links.values()) if (link.prev) named.add(link.prev);
  const heads = new Map<KeyId, string[]>();
  for (const [hash, link] of links) {
    if (named.has(hash)) continue;
    const list = heads.get(link.key);
    if (list) list.push(hash);
    else heads.set(link.key, [hash]);
  }
  return heads;
}

/** The heads of every key's chain of one kind, with their times. */
export function chainHeads(links: ReadonlyMap<string, ChainLink>, kind: ChainLink['kind']): { key: KeyId; hash: string; at: number }[] {
  const named = new Set<string>();
  for (const link of links.values()) if (link.kind === kind && link.prev) named.add(link.prev);
  const heads: { key: KeyId; hash: string; at: number }[] = [];
  for (const [hash, link] of links) if (link.kind === kind && !named.has(hash)) heads.push({ key: link.key, hash, at: link.at });
  return heads;
}

/** The latest of `key`'s records of one kind (the latest in time where a second window forked the chain), or null. */
export function headOf(links: ReadonlyMap<string, ChainLink>, key: KeyId, kind: ChainLink['kind']): string | null {
  let head: { hash: string; at: number } | null = null;
  for (const h of chainHeads(links, kind)) if (h.key === key && (!head || h.at > head.at)) head = h;
  return head?.hash ?? null;
}

/** The records a removal keeps: the heads it names (of the removed key) and all their ancestors. */
export function ancestors(links: ReadonlyMap<string, ChainLink>, heads: readonly string[], key: KeyId): Set<string> {
  const kept = new Set<string>();
  for (const head of heads) {
    let hash: string | null = head;
    while (hash !== null && !kept.has(hash)) {
      const link = links.get(hash);
      if (!link || link.key !== key) break;
      kept.add(hash);
      hash = link.prev;
    }
  }
  return kept;
}
