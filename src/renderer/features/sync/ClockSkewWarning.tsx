import { clockSkewOf } from '../../../shared/sync/clock-skew';
import { useSync } from '../../stores/sync';

/**
 * Shown under the incident header when this machine's clock is far from
 * the other responders': the countdowns are already corrected, but the
 * responder should know (their other tools still show the wrong time) and
 * fix it.
 */
export function ClockSkewWarning() {
  const correction = useSync((s) => s.state?.clockCorrection ?? 0);
  const skew = clockSkewOf(correction);
  if (!skew?.far) return null;
  return (
    <p className="clock-skew" role="alert">
      <strong>
        This computer&apos;s clock is {skew.by} {skew.direction} of the other responders&apos;.
      </strong>{' '}
      Command Post keeps this incident on their time, so deadlines agree on every machine. Set the system clock right (turn on
      automatic time) so your other tools agree too.
    </p>
  );
}
