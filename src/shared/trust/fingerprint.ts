/**
 * A fingerprint of a verified record: short enough to read out or print at
 * the end of a postmortem, and the same on every copy that holds the same
 * verified entries. Two people comparing it know they hold the same
 * record; `npm run verify` prints it for a file.
 */
import canonicalize from 'canonicalize';
import { encodeUtf8 } from 'lib0/string';
import { compareEvents } from '../incident/schema';
import type { TrustReport } from './ledger';
import { hashOf } from './signatures';

/**
 * "K7QM-2XWP-A9DE-Q4TZ": over the first member's key and every verified
 * entry's hash, in timeline order; null for an unsigned incident, and for
 * a report that took entries on an earlier check's word (their hashes are
 * not known: TrustGate.complete checks them).
 */
export function recordFingerprint(report: TrustReport): string | null {
  if (report.mode !== 'signed' || !report.root || report.presumed) return null;
  const verified = [...report.verdicts].filter(([, v]) => v.ok).sort(([a], [b]) => compareEvents(a, b));
  const hashes = [...new Set(verified.map(([, v]) => (v.ok ? v.hash : '')))];
  const digest = hashOf(encodeUtf8(canonicalize({ root: report.root, entries: hashes })!)).replace(/[-_]/g, 'X').toUpperCase();
  return digest.slice(0, 16).match(/.{4}/g)!.join('-');
}

/** How many entries a report verified, and how many it refused. */
export function verifiedCounts(report: TrustReport): { verified: number; refused: number } {
  let verified = 0;
  let refused = 0;
  for (const verdict of report.verdicts.values()) {
    if (verdict.ok) verified++;
    else refused++;
  }
  return { verified, refused };
}

