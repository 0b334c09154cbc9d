import { useSync } from '../../stores/sync';
import { incidentTime, missingText, stuckPeers } from './agreement-words';
import { exportOpenIncident } from '../../incidents/incident-files';
import { reconnectSync } from '../../incidents/sync/share';

/**
 * Shown under the incident header when a difference with a peer has not
 * closed for ten seconds, although sync keeps healing it: the responder must
 * not believe both screens agree. Offers the two ways out: a fresh
 * connection, and a file to carry over (sneakernet) when no network will do.
 */
export function NotInSyncWarning() {
  const state = useSync((s) => s.state);
  if (!state || state.status !== 'online' || state.proof !== 'not-in-sync' || state.notInSyncSince === null) return null;
  const stuck = stuckPeers(state.people);
  const names = stuck.map((p) => p.name).join(', ');
  const missing = stuck.length === 1 ? missingText(stuck[0]!.agreement!.toReceive, stuck[0]!.agreement!.toSend) : null;
  return (
    <div className="not-in-sync" role="alert">
      <p>
        <strong>
          {names ? `Not in sync with ${names}` : 'Not in sync'} since {incidentTime(state.notInSyncSince)}
          {missing ? ` (${missing})` : ''}.
        </strong>{' '}
        Their screen and yours may disagree. Command Post keeps retrying; if it does not clear, reconnect, or export the incident
        to a file and import it on their machine.
      </p>
      <div className="actions">
        <button onClick={reconnectSync}>Reconnect</button>
        <button onClick={() => void exportOpenIncident()}>Export to a file</button>
      </div>
    </div>
  );
}
