import { clockAt, drillElapsedMs, drillMinuteLabel } from '../../../shared/incident/drill-clock';
import { useNow } from '../../components/useNow';
import { useDrill } from '../../stores/drill';

/**
 * The header's drill time beside the DRILL mark, while a scripted drill
 * runs: the players' reference for the injects ("T+12 ×5"), without the
 * script, which stays in the exercise control.
 */
export function DrillClockPill() {
  const drill = useDrill((s) => s.drill);
  const now = useNow();
  if (!drill) return null;
  const { speed, paused } = clockAt(drill.clock, now);
  const label = `${drillMinuteLabel(drillElapsedMs(drill.clock, now))} ×${speed}${paused ? ' paused' : ''}`;
  return (
    <span className="pill drill" title="Drill time: minutes since the declaration on the scenario’s clock, and its speed" aria-label={`Drill time ${label}`}>
      {label}
    </span>
  );
}
