import { useMemo } from 'react';
import { samePerson } from '../../../shared/views/shift-change';
import { useIdentity } from '../../incidents/identity-store';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { activeOrder } from '../incident-list/list-query';

/**
 * On the incident list, for the incoming IC: the handovers of command
 * offered to the person at this keyboard and not yet acknowledged, from the
 * catalog rows (each says whom a handover is waiting for), so nobody takes
 * command by arriving and nobody misses that it was offered.
 */
export function HandoversWaiting() {
  const me = useIdentity((s) => s.name);
  const catalog = useIncidents((s) => s.catalog);
  const waiting = useMemo(
    () => (me.trim() ? (catalog ?? []).filter((e) => e.state === 'active' && e.icHandoverTo && samePerson(e.icHandoverTo, me)).sort(activeOrder) : []),
    [catalog, me],
  );
  if (!waiting.length) return null;
  const names = waiting.map((e) => e.name).join(', ');
  return (
    <section className="notice warning handovers-waiting" aria-label="Handovers offered to you">
      <span>
        <strong>{waiting.length === 1 ? 'A handover of command is' : `${waiting.length} handovers of command are`} offered to you, {me}:</strong> {names}. Command changes only when you acknowledge each briefing.
      </span>
      <button type="button" className="primary" onClick={() => useUi.getState().openDialog('shift-acknowledge')}>
        Read the {waiting.length === 1 ? 'briefing' : 'briefings'} and take command…
      </button>
    </section>
  );
}

/** How many active incidents the person at this keyboard commands, as the list's rows say. */
export function useCommandedCount(): number {
  const me = useIdentity((s) => s.name);
  const catalog = useIncidents((s) => s.catalog);
  return useMemo(() => (me.trim() ? (catalog ?? []).filter((e) => e.state === 'active' && e.commander && samePerson(e.commander, me)).length : 0), [catalog, me]);
}
