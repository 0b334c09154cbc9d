import type { IncidentSnapshot } from '../../../shared/incident';
import { useTimelineUi } from '../../stores/timeline-ui';
import { EditEntryDialog } from './dialogs/EditEntryDialog';
import { StrikeEntryDialog } from './dialogs/StrikeEntryDialog';

/** The dialog the timeline's keys or buttons opened, on the entry they name. */
export function TimelineDialogs({ snapshot }: { snapshot: IncidentSnapshot }) {
  const dialog = useTimelineUi((s) => s.dialog);
  if (!dialog) return null;
  const entry = snapshot.timeline.find((e) => e.id === dialog.eventId);
  if (!entry) return null;
  const amended = snapshot.amendments.get(entry.id);
  return dialog.kind === 'edit' ? <EditEntryDialog entry={entry} amended={amended} /> : <StrikeEntryDialog entry={entry} amended={amended} />;
}
