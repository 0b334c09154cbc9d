import { formatTime } from '../../components/format';
import { onIncidentClock } from '../../incidents/clock';
import type { SyncState } from '../../incidents/sync/connection';
import type { RelayNode } from '../../incidents/sync/relay-link';
import { useSync } from '../../stores/sync';
import { useUi } from '../../stores/ui';
import { proofText } from './agreement-words';
import { count } from '../../../shared/plural';

/**
 * Always visible in the incident header: whether this incident is shared,
 * how many peers are connected directly, how it stands with each relay
 * (when the share lists any: the count in the label, each node in the
 * tooltip and the accessible name), whether they are in sync (every peer's digest equal to
 * ours; otherwise what is missing), and when the last change from a peer
 * arrived. data-digest and data-proof carry the comparison for tests and
 * the chaos benchmark.
 */
export function SyncIndicator({ readOnly }: { readOnly: boolean }) {
  const share = useSync((s) => s.share);
  const state = useSync((s) => s.state);
  const openShare = () => useUi.getState().openDialog('share');
  if (!share || !state) {
    return readOnly ? null : (
      <button className="sync sync-local" onClick={openShare} aria-label="Local only · Share this incident with other responders">
        Local only · Share…
      </button>
    );
  }
  const relay = relayState(state);
  const peers = count(state.connectedPeers, 'peer');
  const label =
    state.status === 'online'
      ? [
          state.connectedPeers > 0 || relay !== 'connected' ? peers : null,
          relayText(state),
          // Through a relay, who is there shows only in presence.
          relay === 'connected' ? `${count(state.people.length, 'other')} here` : null,
          proofText(state),
        ]
          .filter(Boolean)
          .join(' · ')
      : state.status === 'connecting'
        ? ['Waiting for peers', relayText(state)].filter(Boolean).join(' · ')
        : state.status === 'paused'
          ? 'Sync paused: working alone'
          : [unreachableText(state.signalingUnreachable), relayText(state), 'retrying'].filter(Boolean).join(' · ');
  const last = state.lastRemoteChangeAt ? ` · last change received ${formatTime(onIncidentClock(state.lastRemoteChangeAt))}` : '';
  const people = state.people
    .filter((p) => p.online)
    .map((p) => p.name)
    .join(', ');
  const stuck = state.status === 'online' && state.proof === 'not-in-sync';
  const nodes = state.relayNodes.length ? `Relays: ${state.relayNodes.map((node) => `${node.url} ${nodeText(node)}`).join('; ')}` : '';
  const details = [people ? `Connected: ${people}` : '', nodes].filter(Boolean).join('. ');
  return (
    <button
      className={`sync sync-${state.status}${stuck ? ' sync-stuck' : ''}`}
      onClick={openShare}
      data-status={state.status}
      data-peers={state.connectedPeers}
      data-relay={relay}
      data-proof={state.status === 'online' ? state.proof : undefined}
      data-digest={state.digest}
      aria-label={`Sync: ${label}${last}${details ? `. ${details}` : ''}. Open sharing`}
      title={details || undefined}
    >
      <span className="dot" aria-hidden="true" />
      {label}
      {last}
    </button>
  );
}

type RelayConnection = 'none' | 'connected' | 'unreachable';

function relayState(state: SyncState): RelayConnection {
  if (state.relaysTotal === 0) return 'none';
  return state.relaysUp > 0 ? 'connected' : 'unreachable';
}

function relayText(state: SyncState): string | null {
  const { relaysTotal: total, relaysUp: up, relayNodes: nodes } = state;
  if (total === 0) return null;
  if (total > 1) return `${up} of ${total} relays connected`;
  if (up > 0) return 'relay connected';
  return nodes[0]?.state === 'refused' ? 'relay refused' : 'relay unreachable';
}

/** One relay's state, in words: in the tooltip, and beside it in the share dialog. */
export function nodeText(node: RelayNode): string {
  switch (node.state) {
    case 'synced':
      return 'connected, up to date';
    case 'up':
      return 'connected, receiving';
    case 'refused':
      return `refused: ${node.reason ?? 'no reason given'}`;
    default:
      return 'unreachable, retrying';
  }
}

/**
 * Said once, in the header, while the servers are retried with a backoff:
 * which one (the address to check or to change in the share dialog), not
 * a bare "Offline".
 */
function unreachableText(urls: readonly string[]): string {
  if (urls.length === 0) return 'No signaling server reachable';
  const address = urls[0]!.replace(/^wss?:\/\//, '');
  return urls.length === 1 ? `Can't reach signaling at ${address}` : `Can't reach signaling at ${address} or ${count(urls.length - 1, 'other')}`;
}
