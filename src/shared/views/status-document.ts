/**
 * The status document as people read it: its own fields (summary, phase,
 * impact, estimate) together with what it reads live from the rest of the
 * incident (severity from the header, objectives from the plan, roles from
 * the org chart, the next update from the timers board), and whether it has
 * gone stale. Computed from the snapshot and the time; nothing is stored.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { UpdateEvent } from '../incident/schema';
import { STATUS_PHASE_LABELS, type StatusDoc } from '../incident/status-schema';
import { severityLevel, type Severity } from '../ics/severity';
import { timersBoard, type TimerState } from './timers-board';
import { DEFAULT_STATUS_MINUTES } from '../incident/plan-fold';
import { sentUpdates } from './sent-updates';

export { sentUpdates } from './sent-updates';

export interface StatusRole {
  readonly title: string;
  /** Who holds it; roles nobody was given are the IC's and not listed. */
  readonly holder: string;
}

export interface StatusDocumentView {
  readonly name: string;
  readonly severity: Severity;
  readonly severityMeaning: string;
  readonly drill: boolean;
  readonly ended: boolean;
  readonly declaredAt: number;
  readonly doc: StatusDoc;
  readonly phaseLabel: string;
  /** Open objectives, in the order they were set. */
  readonly objectives: readonly string[];
  readonly roles: readonly StatusRole[];
  /** When the next update is due and how close that is; null once the incident has ended. */
  readonly nextUpdateAt: number | null;
  readonly nextUpdateState: TimerState | null;
  /** The update cadence at the current severity. */
  readonly cadenceMinutes: number;
  /** When the document was last changed (the declaration, before anyone wrote in it). */
  readonly updatedAt: number;
  readonly updatedBy: string;
  /** Older than the update cadence while the incident is active: it says what it said too long ago. */
  readonly stale: boolean;
  readonly lastUpdate: UpdateEvent | null;
}

export function statusDocumentOf(snapshot: IncidentSnapshot, now: number): StatusDocumentView | null {
  const header = snapshot.header;
  if (!header) return null;
  const doc = snapshot.status;
  const org = snapshot.org;
  const plan = snapshot.plan;
  const ended = header.state === 'ended';

  const roles: StatusRole[] = [];
  if (org) {
    const nameOf = (id: string | null) => org.responders.find((r) => r.id === id)?.name ?? '';
    for (const role of org.roles) {
      const holder = role.depth === 0 ? nameOf(org.icId) : role.holderId === null ? '' : nameOf(role.holderId);
      if (holder) roles.push({ title: role.title, holder });
    }
  }
  const objectives = plan ? plan.objectives.filter((o) => o.closed === null).map((o) => o.text) : [];
  const cadenceMinutes = plan?.statusMinutes[header.severity] ?? DEFAULT_STATUS_MINUTES[header.severity] ?? 30;
  const timer = ended ? undefined : timersBoard(snapshot, now).find((t) => t.kind === 'status-update');
  const updatedAt = doc.editedAt ?? header.declaredAt;
  const sent = sentUpdates(snapshot.timeline);

  return {
    name: header.name,
    severity: header.severity,
    severityMeaning: severityLevel(header.severity).meaning,
    drill: header.drill,
    ended,
    declaredAt: header.declaredAt,
    doc,
    phaseLabel: STATUS_PHASE_LABELS[doc.phase],
    objectives,
    roles,
    nextUpdateAt: timer?.dueAt ?? null,
    nextUpdateState: timer?.state ?? null,
    cadenceMinutes,
    updatedAt,
    updatedBy: doc.editedBy ?? header.declaredBy,
    stale: !ended && now - updatedAt > cadenceMinutes * 60_000,
    lastUpdate: sent[0] ?? null,
  };
}
