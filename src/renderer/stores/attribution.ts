/**
 * Whom the person at this keyboard logs for, per incident: the Scribe
 * switches to the IC with Alt+A (or "ic>" in the entry line) and every
 * entry and change after it is the IC's, until switched back. Kept in
 * memory only: after a reload the app logs as the person typing again,
 * rather than for someone who may have left the room since.
 */
import { create } from 'zustand';
import type { Attribution } from '../../shared/incident/commands';

interface AttributionState {
  /** Incident id → whom its entries are for; absent: the person typing. */
  readonly byIncident: Readonly<Record<string, Attribution>>;
  set(incidentId: string, attribution: Attribution | null): void;
}

export const useAttribution = create<AttributionState>((set) => ({
  byIncident: {},
  set: (incidentId, attribution) =>
    set((s) => {
      const byIncident = { ...s.byIncident };
      if (attribution) byIncident[incidentId] = attribution;
      else delete byIncident[incidentId];
      return { byIncident };
    }),
}));

/** Whom the open incident's commands are for right now (null: the person typing). */
export function attributionOf(incidentId: string | null): Attribution | null {
  return incidentId ? (useAttribution.getState().byIncident[incidentId] ?? null) : null;
}
