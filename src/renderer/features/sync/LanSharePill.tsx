import { useIncidents } from '../../stores/incident';
import './lan-share.css';
import { useLanShare } from '../../stores/lan-share';
import { useUi } from '../../stores/ui';

/**
 * In the incident header while the incident is shared on this network:
 * other command posts here list it and can ask to join, and this machine's
 * signaling server is open to the LAN. Opens the Share dialog, where it is
 * turned off.
 */
export function LanSharePill() {
  const openId = useIncidents((s) => s.openId);
  const share = useLanShare((s) => (s.incidentId === openId ? s.share : null));
  const waiting = useLanShare((s) => (s.incidentId === openId ? s.knocks.length : 0));
  if (!share) return null;
  const named = share.showsIncident ? 'its name shown' : 'its name not shown';
  return (
    <button
      type="button"
      className="pill lan-pill"
      onClick={() => useUi.getState().openDialog('share')}
      aria-label={`On this network: command posts here can ask to join (${named}); the signaling server is open to the network. Open sharing`}
      title={`Shared on this network, ${named}. Other command posts here can ask to join; this machine's signaling server is open to the network.`}
    >
      On this network{waiting ? ` · ${waiting} asking` : ''}
    </button>
  );
}
