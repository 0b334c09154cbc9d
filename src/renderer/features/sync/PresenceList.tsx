import { formatElapsed, formatTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { useSync } from '../../stores/sync';
import { useIncidents } from '../../stores/incident';
import { incidentRolesOf } from '../../../shared/incident/org-chart';
import { clockSkewOf } from '../../../shared/sync/clock-skew';
import { peerAgreementText } from './agreement-words';

/**
 * Who is on this incident from other machines: online now, or when they
 * were last heard from, so the IC notices a responder who dropped off; and
 * for those online, whether they hold what this machine holds.
 */
const NOBODY: readonly never[] = [];

export function PresenceList() {
  // A constant empty list: a fresh [] per call would make the store look changed on every render.
  const people = useSync((s) => s.state?.people ?? NOBODY);
  const now = useNow();
  const org = useIncidents((s) => s.snapshot?.org ?? null);
  // Presence is timed by this machine's own clock; the screen shows the incident's.
  const correction = useSync((s) => s.state?.clockCorrection ?? 0);
  if (!people.length) return <p className="muted">Nobody else has connected yet.</p>;
  return (
    <ul className="presence" aria-label="People on this incident">
      {people.map((p) => (
        <li key={p.clientId} className={p.online ? 'online' : 'gone'}>
          <span className="dot" aria-hidden="true" />
          <span className="who">{p.name}</span>
          <span className="role">{p.watching ? 'Watching the status view' : ((org && incidentRolesOf(org, p.name)) ?? 'Not checked in')}</span>
          <span className="muted">
            {p.online
              ? 'online'
              : `last seen ${formatTime(p.lastSeen + correction)} (${formatElapsed(now - p.lastSeen - correction)} ago)`}
          </span>
          {p.agreement && <span className={p.agreement.stuck ? 'agreement stuck' : 'agreement'}>{peerAgreementText(p.agreement)}</span>}
          <ClockNote offset={p.clockOffset === undefined ? undefined : p.clockOffset - correction} />
        </li>
      ))}
    </ul>
  );
}

/** A peer whose clock is off from the incident's, so the IC can tell whose machine to fix. */
function ClockNote({ offset }: { offset: number | undefined }) {
  const skew = offset === undefined ? null : clockSkewOf(-offset);
  if (!skew) return null;
  return <span className={skew.far ? 'clock-off far' : 'clock-off'}>clock {skew.by} {skew.direction}</span>;
}
