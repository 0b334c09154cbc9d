import { useIdentity } from '../../incidents/identity-store';
import { useAttribution } from '../../stores/attribution';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { describeAttribution } from './choices';

/**
 * In a dialog that acts for the open incident (ending it, a handover, a
 * release): whom the change will be recorded for, when the person typing
 * logs for someone else. Nothing when they act for themselves.
 */
export function ActingFor() {
  const route = useUi((s) => s.route);
  const attribution = useAttribution((s) => (route.view === 'incident' ? (s.byIncident[route.id] ?? null) : null));
  const chart = useIncidents((s) => s.snapshot?.org ?? null);
  const me = useIdentity((s) => s.name);
  const forWhom = describeAttribution(attribution, chart, me);
  if (!forWhom) return null;
  return (
    <p className="acting-for">
      Recorded for <strong>{forWhom}</strong>, logged by {me}. Alt+A, outside this dialog, changes for whom.
    </p>
  );
}
