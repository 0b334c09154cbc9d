import { formatTime } from '../../components/format';
import { onIncidentClock } from '../../incidents/clock';
import { useIncidents } from '../../stores/incident';

/** "Saved" appears only once the write has committed to disk. */
export function SaveIndicator() {
  const save = useIncidents((s) => s.save);
  const label =
    save.status === 'saving'
      ? 'Saving…'
      : save.status === 'saved'
        ? `Saved ${formatTime(onIncidentClock(save.at))}`
        : save.status === 'failed'
          ? save.message
          : 'All changes saved';
  return (
    <span className={`save save-${save.status}`} role="status" aria-label={`Save state: ${label}`} data-status={save.status}>
      {label}
    </span>
  );
}
