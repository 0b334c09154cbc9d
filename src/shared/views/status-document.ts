/**
 * The status document as people read it: its own fields (summary, phase,
 * impact, estimate) together with what it reads live from the rest of the
 * incident (severity from the header, objectives from the plan, roles from
 * the org chart, the next update from the timers board), and whether it has
 * gone stale. Computed from the snapshot and the time; nothing is stored.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { UpdateEvent } from '../incident/schema';
import { STATUS_PHASE_LABELS, STATUS_PHASE_MEANINGS, type StatusDoc } from '../incident/status-schema';
import { severityLevel, type Severity } from '../ics/severity';
import { timersBoard, timerState, type TimerState } from './timers-board';
import { DEFAULT_STATUS_MINUTES } from '../incident/plan-fold';
import { sentUpdates } from './sent-updates';

export { sentUpdates } from './sent-updates';

export interface StatusRole {
  readonly title: string;
  /** Who holds it; roles nobody was given are the IC's and not listed. */
  readonly holder: string;
}

/** A task of the current plan as the document shows it: what, who, and how its timebox stands. */
export interface StatusTask {
  readonly id: string;
  readonly text: string;
  /** Its one owner now ("Jo Kim", or "Database SME (Jo Kim)" for a role). */
  readonly owner: string;
  readonly status: 'open' | 'blocked';
  readonly acknowledged: boolean;
  /** When its timebox runs out; null once the incident has ended (no timebox runs then). */
  readonly dueAt: number | null;
  /** How that stands now: normal, due soon, or overdue (the IC follows up); null once ended. */
  readonly state: TimerState | null;
}

/** An open objective with the tasks still under way for it. */
export interface StatusObjective {
  readonly text: string;
  readonly tasks: readonly StatusTask[];
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
  /**
   * Where things stand, in one sentence that never contradicts the end:
   * the phase's meaning and the severity's while the incident runs; once
   * it has ended, that it has, and whether the document had reached
   * Resolved (else what it still said).
   */
  readonly situation: string;
  /** The current plan: open objectives in the order they were set, each with its open and blocked tasks. */
  readonly objectives: readonly StatusObjective[];
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
  const objectives: StatusObjective[] = (plan?.objectives ?? [])
    .filter((o) => o.closed === null)
    .map((o) => ({
      text: o.text,
      tasks: o.tasks.flatMap((t) =>
        (t.status === 'open' || t.status === 'blocked') && t.dueAt !== null
          ? [
              {
                id: t.id,
                text: t.text,
                owner: t.ownerLabel,
                status: t.status,
                acknowledged: t.acknowledged,
                dueAt: ended ? null : t.dueAt,
                state: ended ? null : timerState(t.dueAt, now),
              },
            ]
          : [],
      ),
    }));
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
    situation: ended
      ? doc.phase === 'resolved'
        ? 'The incident has ended. Service is back to normal.'
        : `The incident response has ended; the status still said “${STATUS_PHASE_LABELS[doc.phase]}” when it did.`
      : `${STATUS_PHASE_MEANINGS[doc.phase]} ${severityLevel(header.severity).meaning}`,
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
