/**
 * The words for whether this machine holds what its peers hold
 * (shared/sync/agreement.ts), the same in the header, "Who is here" and the
 * observer's view.
 */
import type { PeerAgreement } from '../../../shared/sync/agreement';
import type { PeerPresence, SyncState } from '../../incidents/sync/connection';
import { formatTime } from '../../components/format';
import { onIncidentClock } from '../../incidents/clock';
import { count } from '../../../shared/plural';

function changes(n: number): string {
  return count(n, 'change');
}

/** What is missing on each side: "4 changes to receive, 1 to send"; null when it cannot be counted (deletions, or not heard yet). */
export function missingText(toReceive: number, toSend: number): string | null {
  if (toReceive && toSend) return `${changes(toReceive)} to receive, ${toSend} to send`;
  if (toReceive) return `${changes(toReceive)} to receive`;
  if (toSend) return `${changes(toSend)} to send`;
  return null;
}

/** A moment on this machine's clock, as the incident's clock shows it: "03:12". */
export function incidentTime(at: number): string {
  return formatTime(onIncidentClock(at));
}

/** "not in sync since 03:12". */
export function notInSyncText(since: number): string {
  return `not in sync since ${incidentTime(since)}`;
}

/** The header's part: "in sync", "syncing: 3 changes to receive", "not in sync since 03:12". */
export function proofText(state: SyncState): string {
  if (state.proof === 'in-sync' && state.synced) return 'in sync';
  if (state.proof === 'not-in-sync' && state.notInSyncSince !== null) return notInSyncText(state.notInSyncSince);
  const online = state.people.filter((p) => p.agreement);
  const missing = missingText(Math.max(0, ...online.map((p) => p.agreement!.toReceive)), Math.max(0, ...online.map((p) => p.agreement!.toSend)));
  return missing ? `syncing: ${missing}` : 'syncing…';
}

/** One peer's part in "Who is here": "in sync", "syncing: 2 changes to send", "not in sync since 03:12". */
export function peerAgreementText(agreement: PeerAgreement): string {
  if (agreement.agrees) return 'in sync';
  if (agreement.stuck && agreement.since !== null) return notInSyncText(agreement.since);
  if (agreement.unknown) return 'syncing: not heard yet';
  const missing = missingText(agreement.toReceive, agreement.toSend);
  return missing ? `syncing: ${missing}` : 'syncing…';
}

/** Those online whose difference is stuck, for the warning's "with …". */
export function stuckPeers(people: readonly PeerPresence[]): PeerPresence[] {
  return people.filter((p) => p.online && p.agreement?.stuck);
}
