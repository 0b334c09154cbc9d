import { useEffect, useReducer, useRef } from 'react';
import type { DiscoveredPeer } from '../../../shared/ipc';
import type { DiscoveryControl } from '../../host/types';
import { FormError } from '../../components/FormError';
import { useUi } from '../../stores/ui';
import { useIdentity } from '../../incidents/identity-store';
import { machineName } from '../../incidents/machine';
import { knockOnPeer, type KnockOnPeer } from '../../incidents/sync/lan-knock';
import { acceptKnockInvite } from '../../incidents/sync/share';
import { askReducer, IDLE } from './lan-ask';
import { orderPeers, peerName } from './lan-peers';
import { LanPeerList } from './LanPeerList';
import { useLanDiscovery } from './useLanDiscovery';

/** What the Join dialog can ask of this section: Esc stops a knock before it closes anything; an arrow key from the empty text field comes here. */
export interface LanJoinHandle {
  /** Stops asking, if asking; true when it did (the dialog then stays open). */
  cancelAsk(): boolean;
  /** Puts focus on the list; false when it has no entries. */
  focusList(): boolean;
}

/**
 * "On this network": the command posts main finds while the dialog is open,
 * and asking one of them to let us in. Nothing is sent to a machine before
 * its entry is picked; what it sends back is sealed for this machine only
 * (src/shared/sync/knock.ts).
 */
export function LanJoin({
  discovery,
  handle,
  onJoined,
  focusTextField,
}: {
  discovery: DiscoveryControl;
  handle: { current: LanJoinHandle | null };
  onJoined: () => void;
  focusTextField: () => void;
}) {
  const { status, error } = useLanDiscovery(discovery);
  const [ask, dispatch] = useReducer(askReducer, IDLE);
  const knock = useRef<KnockOnPeer | null>(null);
  const list = useRef<{ focus: (peerId?: string) => boolean } | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const peers = orderPeers(status?.peers ?? []);
  const asking = ask.phase === 'asking' || ask.phase === 'joining';

  // The dialog closing stops a knock under way: nobody would see the answer.
  useEffect(() => () => knock.current?.cancel(), []);

  // Asking: the next key is Esc, or Enter on Stop asking. Back from asking: the entry asked, to ask again, else the text field.
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (asking) {
      cancelButton.current?.focus();
      return;
    }
    if (returnTo.current === null) return;
    const peerId = returnTo.current;
    returnTo.current = null;
    if (!list.current?.focus(peerId)) focusTextField();
  }, [asking, focusTextField]);

  handle.current = {
    cancelAsk() {
      if (ask.phase !== 'asking') return false;
      knock.current?.cancel();
      return true;
    },
    focusList: () => !asking && (list.current?.focus() ?? false),
  };

  async function pick(peer: DiscoveredPeer) {
    if (asking) return;
    const name = peerName(peer);
    returnTo.current = peer.id;
    dispatch({ type: 'ask', peerId: peer.id, name });
    const machine = status?.settings.displayName.trim() || (await machineName());
    const attempt = knockOnPeer(peer, { name: useIdentity.getState().name ?? '', machine }, { onPending: (code) => dispatch({ type: 'pending', code }) });
    knock.current = attempt;
    const outcome = await attempt.outcome;
    knock.current = null;
    dispatch({ type: 'answered', outcome });
    if (outcome.kind !== 'admitted') return;
    const joined = await acceptKnockInvite(outcome.invite, outcome.role);
    if (!joined.ok) {
      dispatch({ type: 'join-failed', message: joined.message });
      return;
    }
    onJoined();
    useUi.getState().navigate({ view: 'incident', id: joined.invite.incidentId });
  }

  return (
    <section className="lan-join" aria-labelledby="lan-join-title">
      <h3 id="lan-join-title">On this network</h3>
      <FormError message={error ?? status?.error} />
      {ask.phase === 'failed' && <FormError message={ask.message} />}
      {asking ? (
        <div className="lan-ask" role="status">
          <p>
            {ask.phase === 'joining' ? 'Let in by ' : 'Asking '}
            <bdi className="lan-ask-name">{ask.name}</bdi>
            {ask.phase === 'joining' ? '. Opening the incident…' : ' to let you in…'}
          </p>
          {ask.phase === 'asking' &&
            (ask.code ? (
              <>
                <p>Check that their screen shows</p>
                <p className="lan-code" aria-label={`Verification code ${ask.code}`}>
                  {ask.code}
                </p>
                <p className="muted">If their screen shows another code, someone else answered: stop asking.</p>
              </>
            ) : (
              <p className="muted">Waiting for their screen to show your request.</p>
            ))}
          <div className="actions">
            <button type="button" ref={cancelButton} disabled={ask.phase === 'joining'} onClick={() => knock.current?.cancel()}>
              Stop asking <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      ) : (
        <>
          {peers.length > 0 ? (
            <p className="muted lan-hint">
              <span className="lan-keys">
                <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to ask to join.
              </span>{' '}
              The Incident Commander there lets you in.
            </p>
          ) : (
            <LanEmpty enabled={status?.enabled ?? true} reason={status?.disabledReason ?? null} byEnvironment={!!status?.envOverride} />
          )}
          {/* Mounted while empty too: it hands focus back to the text field when its last entry goes. */}
          <LanPeerList peers={peers} onPick={(peer) => void pick(peer)} onEmptied={focusTextField} handle={list} />
        </>
      )}
      <p className="sr-only" role="status">
        {status === null || asking ? '' : `${peers.length} command ${peers.length === 1 ? 'post' : 'posts'} found on this network.`}
      </p>
    </section>
  );
}

function LanEmpty({ enabled, reason, byEnvironment }: { enabled: boolean; reason: string | null; byEnvironment: boolean }) {
  if (!enabled) {
    // Main's reason is a sentence of its own; Settings can turn discovery back on only when the environment did not turn it off.
    return (
      <p className="muted lan-empty">
        {reason ?? 'Discovery is off.'} {byEnvironment ? '' : 'Settings → Discovery turns it back on.'}
      </p>
    );
  }
  return (
    <p className="muted lan-empty">
      Looking for command posts on this network… One appears here when its Incident Commander chooses <q>Share on this network</q>.
    </p>
  );
}
