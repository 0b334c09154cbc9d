/**
 * Feeds the open incident's trust decisions to the UI (src/renderer/stores/
 * trust.ts), and tells the members, once each, about every change refused
 * after the incident was opened ("a change from an observer was refused").
 * What was refused before it was opened is listed in the incident itself.
 */
import type { TimelineEvent } from '../../shared/incident';
import type { Refusal, TrustReport } from '../../shared/trust/ledger';
import { addNotice } from '../stores/notices';
import { useTrust, type Access } from '../stores/trust';
import type { IncidentSession } from './sessions';

const WHO: Record<Refusal, string> = {
  unsigned: 'An unsigned change',
  'bad-signature': 'A change whose signature does not hold',
  'not-a-member': 'A change from someone who is not a member',
  observer: 'A change from an observer',
  removed: 'A change from a removed member',
  name: 'A change under a name its signer never stated',
  chain: 'A change whose earlier entries are missing',
  declaration: 'A second declaration of the incident',
};

export function accessOf(report: TrustReport | null, key: string | null): Access {
  if (!report || report.mode === 'unsigned') return 'unsigned';
  const me = key ? report.members.find((m) => m.key === key) : undefined;
  if (!me) return 'outsider';
  if (me.removed) return 'removed';
  return me.role;
}

/** Follows the session's trust gate until the returned function is called. */
export function followTrust(session: IncidentSession): () => void {
  const key = session.sealer?.key ?? null;
  const gate = session.trust;
  if (!gate) {
    useTrust.setState({ incidentId: session.id, access: 'unsigned', myKey: key, report: null });
    return () => useTrust.setState({ incidentId: null, access: 'unsigned', myKey: null, report: null });
  }
  let told: Set<TimelineEvent> | null = null;
  let latest: TrustReport | null = null;
  let recheck: ReturnType<typeof setTimeout> | null = null;
  /** Settled refusals: an entry whose seal has not arrived yet is only late, for a moment. */
  const refusedIn = (report: TrustReport, graceOver: boolean) =>
    [...report.verdicts].filter(([entry, v]) => !v.ok && (v.reason !== 'unsigned' || (graceOver && !session.sealer?.wrote(entry)))) as [TimelineEvent, { ok: false; reason: Refusal; key: string | null }][];
  const tell = (report: TrustReport, graceOver: boolean) => {
    const refused = refusedIn(report, graceOver);
    if (told) {
      for (const [entry, verdict] of refused) {
        if (told.has(entry)) continue;
        const who = report.members.find((m) => m.key === verdict.key)?.name;
        addNotice('warning', `${WHO[verdict.reason]}${who ? ` (${who})` : ''} was refused: “${entry.text.slice(0, 80)}”. It is listed in the timeline and changes nothing.`);
      }
    }
    told = new Set([...(told ?? []), ...refused.map(([e]) => e)]);
  };
  const off = gate.onReport((report) => {
    latest = report;
    useTrust.setState({ incidentId: session.id, access: accessOf(report, key), myKey: key, report });
    // What is refused when the incident opens is listed in it, not announced.
    if (!told) told = new Set(refusedIn(report, true).map(([e]) => e));
    tell(report, false);
    if (recheck) clearTimeout(recheck);
    recheck = setTimeout(() => latest && tell(latest, true), UNSIGNED_GRACE_MS);
  });
  return () => {
    off();
    if (recheck) clearTimeout(recheck);
    useTrust.setState({ incidentId: null, access: 'unsigned', myKey: null, report: null });
  };
}

/** How long a peer's entry may wait for its seal before it counts as unsigned. */
const UNSIGNED_GRACE_MS = 3_000;
