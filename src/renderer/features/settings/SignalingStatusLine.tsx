import type { SignalingStatus } from '../../../shared/ipc';
import { signalingUrl } from '../../../shared/sync/own-signaling';

/** The risk of opening the signaling server to the network, in one line (Settings, and the browser's instructions). */
export const LAN_RISK =
  'Anyone on the network can then connect to it; it only introduces peers, and what it passes on is encrypted with each incident’s room secret, so they cannot read an incident.';

/** Where this machine's signaling server listens now, and the addresses to read out to others. */
export function SignalingStatusLine({ status }: { status: SignalingStatus | null }) {
  return (
    <div className="signaling-status" role="status" aria-label="Signaling server status">
      <StatusText status={status} />
    </div>
  );
}

function StatusText({ status }: { status: SignalingStatus | null }) {
  if (!status) return <p className="muted">Checking the signaling server…</p>;
  if (!status.listening) {
    return (
      <p>
        <span className="status-off">Not listening.</span> {status.error ?? 'The signaling server is not running.'}
      </p>
    );
  }
  if (!status.exposedOnLan) {
    return (
      <p>
        <span className="status-on">Listening</span> on <code>{status.localUrl}</code>, for this computer only.
      </p>
    );
  }
  if (status.lanAddresses.length === 0) {
    return (
      <p>
        <span className="status-on">Listening</span> on every network interface, port {status.port}, but this computer has no
        network address yet, so no other computer can reach it.
      </p>
    );
  }
  return (
    <>
      <p>
        <span className="status-on">Listening</span> on the network, port {status.port}. Other computers reach it at:
      </p>
      <ul className="addresses">
        {status.lanAddresses.map((address) => (
          <li key={address}>
            <code>{signalingUrl(address, status.port)}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
