import { useEffect, useRef } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { deadlineNotices, localResponder } from '../../../shared/views/notices';
import { timersBoard } from '../../../shared/views/timers-board';
import { useNow } from '../../components/useNow';
import { host } from '../../host';
import { clockCorrection } from '../../incidents/clock';
import { useIdentity } from '../../incidents/identity-store';
import { knockNotices } from '../../incidents/sync/lan-knocks';
import { useLanShare } from '../../stores/lan-share';

/**
 * Hands the host the deadlines this machine's responder should be told about
 * (see shared/views/notices.ts), whenever that list changes. The host notifies
 * when each comes due, also while the window is hidden, and never twice.
 * Leaving the incident (for the list, or another incident) keeps its list
 * armed: the IC who looks at something else still hears the status update
 * come due. The list is as of leaving, which is all this machine knows then:
 * an incident syncs with its peers only while it is open. An incident that
 * ends sends an empty list, which stops them.
 *
 * Requests to join from this network (issue 23) ride along, due at once:
 * each waiting knock is told once, a click bringing the window up on its
 * prompt.
 */
export function useDeadlineNotices(snapshot: IncidentSnapshot | null): void {
  const now = useNow();
  const name = useIdentity((s) => s.name);
  const sent = useRef<{ incidentId: string; keys: string } | null>(null);
  const header = snapshot?.header ?? null;
  const lanIncident = useLanShare((s) => s.incidentId);
  const knocks = useLanShare((s) => s.knocks);

  useEffect(() => {
    if (!snapshot || !header) return;
    // Deadlines are in the incident's clock; the host fires them by this machine's own.
    const correction = clockCorrection();
    const notices = deadlineNotices(timersBoard(snapshot, now), localResponder(snapshot.org, name), { id: header.id, name: header.name }).map(
      (notice) => ({ ...notice, dueAt: Math.max(0, notice.dueAt - correction) }),
    );
    if (lanIncident === header.id) notices.push(...knockNotices(knocks, header.id));
    const keys = `${Math.round(correction / 1000)}|${notices.map((n) => n.key).join('|')}`;
    if (sent.current?.incidentId === header.id && sent.current.keys === keys) return;
    sent.current = { incidentId: header.id, keys };
    void host.setDeadlines(header.id, notices).catch(() => {
      // A refused list (main validates it) must not break the view; the next change sends again.
      sent.current = null;
    });
  }, [snapshot, header, now, name, lanIncident, knocks]);
}
