/**
 * The open incident's drill, as React sees it: its script, clock and holds
 * (shared/incident/drill-schema.ts), pushed here by the drill's player
 * (src/renderer/incidents/drill-player.ts); null on a real incident and on
 * a drill that plays no scenario.
 */
import { create } from 'zustand';
import type { DrillState } from '../../shared/incident/drill-schema';

export const useDrill = create<{ drill: DrillState | null }>(() => ({ drill: null }));

/** Whether the open incident is a drill that plays a scenario (it then has an exercise control). */
export function scriptedDrillOpen(): boolean {
  return useDrill.getState().drill !== null;
}
