import { EVENT_KIND_LABELS } from '../../../shared/incident';
import { formatClock, zoneOf } from '../../components/format';
import type { PadNote } from '../../incidents/db';
import { useTimelineUi } from '../../stores/timeline-ui';
import '../incident-list/note-pad.css';

/**
 * In the declare dialog: the observations the pad holds, which become the
 * incident's first entries (before the declaration, with their times)
 * unless left out; left out, they stay in the pad.
 */
export function PadNotes({ notes, included, onInclude }: { notes: readonly PadNote[]; included: boolean; onInclude(included: boolean): void }) {
  const utc = useTimelineUi((s) => s.utc);
  const first = notes[0]!;
  return (
    <fieldset className="pad-notes">
      <legend>Observations noted before declaring</legend>
      <label className="checkbox">
        <input type="checkbox" checked={included} onChange={(e) => onInclude(e.target.checked)} />
        Log the {notes.length === 1 ? 'note' : `${notes.length} notes`} from the pad as the first {notes.length === 1 ? 'entry' : 'entries'} (from {formatClock(first.at, utc)}{' '}
        {zoneOf(first.at, utc)})
      </label>
      <ul className="pad-notes-list">
        {notes.slice(0, 3).map((n) => (
          <li key={n.id}>
            <span className="mono">{formatClock(n.at, utc)}</span> {EVENT_KIND_LABELS[n.kind]}: {n.text.length > 80 ? `${n.text.slice(0, 79)}…` : n.text}
          </li>
        ))}
        {notes.length > 3 && <li className="muted">and {notes.length - 3} more</li>}
      </ul>
    </fieldset>
  );
}
