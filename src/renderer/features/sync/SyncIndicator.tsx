import { formatTime } from '../../components/format';
import { useSync } from '../../stores/sync';
import { useUi } from '../../stores/ui';

/**
 * Always visible in the incident header: whether this incident is shared,
 * how many peers are connected, whether they are in sync, and when the
 * last change from a peer arrived.
 */
export function SyncIndicator({ readOnly }: { readOnly: boolean }) {
  const share = useSync((s) => s.share);
  const state = useSync((s) => s.state);
  const openShare = () => useUi.getState().openDialog('share');
  if (!share || !state) {
    return readOnly ? null : (
      <button className="sync sync-local" onClick={openShare} aria-label="Share this incident with other responders">
        Local only · Share…
      </button>
    );
  }
  const label =
    state.status === 'online'
      ? `${state.connectedPeers} peer${state.connectedPeers === 1 ? '' : 's'} · ${state.synced ? 'in sync' : 'syncing…'}`
      : state.status === 'connecting'
        ? 'Waiting for peers'
        : state.status === 'paused'
          ? 'Sync paused: working alone'
          : 'Offline: no signaling server reachable';
  const last = state.lastRemoteChangeAt ? ` · last change received ${formatTime(state.lastRemoteChangeAt)}` : '';
  const people = state.people
    .filter((p) => p.online)
    .map((p) => p.name)
    .join(', ');
  return (
    <button
      className={`sync sync-${state.status}`}
      onClick={openShare}
      data-status={state.status}
      data-peers={state.connectedPeers}
      aria-label={`Sync: ${label}${last}${people ? `. Connected: ${people}` : ''}. Open sharing`}
      title={people ? `Connected: ${people}` : undefined}
    >
      <span className="dot" aria-hidden="true" />
      {label}
      {last}
    </button>
  );
}
