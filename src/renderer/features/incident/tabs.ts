import type { IncidentTab } from '../../stores/ui';

/**
 * The views of an open incident. Adding one is an entry here and its panel
 * in IncidentView; the tab strip, Alt+<key> and the ARIA wiring follow.
 * The keys avoid the desktop menu's access keys (Alt+F, I, E, V, W).
 */
export interface IncidentTabSpec {
  readonly id: IncidentTab;
  readonly label: string;
  /** Alt plus this letter shows the tab, even while typing in the quick-entry line. */
  readonly key: string;
  /** Shown only in a drill that plays a scenario. */
  readonly drillOnly?: boolean;
}

export const INCIDENT_TABS: readonly IncidentTabSpec[] = [
  { id: 'timeline', label: 'Timeline', key: 'T' },
  { id: 'org', label: 'Org chart', key: 'O' },
  { id: 'plan', label: 'Plan', key: 'P' },
  { id: 'timers', label: 'Timers', key: 'M' },
  { id: 'status', label: 'Status', key: 'S' },
  // R for review: the other letters of "postmortem" are taken.
  { id: 'postmortem', label: 'Postmortem', key: 'R' },
  // X for exercise: the facilitator's script, holds and speed, then the after-action score.
  { id: 'drill', label: 'Exercise control', key: 'X', drillOnly: true },
];

/** The tabs of an incident: the exercise control only in a drill that plays a scenario. */
export function incidentTabs(scripted: boolean): readonly IncidentTabSpec[] {
  return scripted ? INCIDENT_TABS : INCIDENT_TABS.filter((tab) => !tab.drillOnly);
}

/**
 * The tab an Alt+letter press asks for. Reads the physical key (event.code),
 * since Option+T on a Mac types "†" rather than "t".
 */
export function tabForKey(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, scripted = false): IncidentTab | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return incidentTabs(scripted).find((tab) => event.code === `Key${tab.key}`)?.id ?? null;
}

export const tabId = (tab: IncidentTab) => `incident-tab-${tab}`;
export const panelId = (tab: IncidentTab) => `incident-panel-${tab}`;
