/**
 * The responders panel's sections and their order: staging by how long they
 * have waited, assigned in the order the chart reads, released most recent
 * first.
 */
import type { ChartResponder, OrgChart } from '../../../shared/incident/org-chart';

export interface ResponderSections {
  readonly staging: readonly ChartResponder[];
  readonly assigned: readonly ChartResponder[];
  readonly released: readonly ChartResponder[];
}

export function responderSections(org: OrgChart, chartOrder: readonly string[]): ResponderSections {
  const position = new Map(chartOrder.map((id, i) => [id, i]));
  const rank = (r: ChartResponder) => Math.min(...r.roleIds.map((id) => position.get(id) ?? Infinity));
  const of = (status: ChartResponder['status']) => org.responders.filter((r) => r.status === status);
  return {
    staging: of('staging').sort((a, b) => a.checkedInAt - b.checkedInAt),
    assigned: of('assigned').sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)),
    released: of('released').sort((a, b) => (b.releasedAt ?? 0) - (a.releasedAt ?? 0)),
  };
}

/** Everyone in panel order, which the arrow keys follow. */
export function panelOrder(sections: ResponderSections): string[] {
  return [...sections.staging, ...sections.assigned, ...sections.released].map((r) => r.id);
}

/** Everyone who can take a role or a handover: staging first, then by chart order. */
export function activeResponders(sections: ResponderSections): ChartResponder[] {
  return [...sections.staging, ...sections.assigned];
}

/**
 * Who to select once `id` has left staging: the next person waiting, so
 * the IC can work down the queue with one key, or the one before.
 */
export function nextInStaging(staging: readonly ChartResponder[], id: string): string | null {
  const i = staging.findIndex((r) => r.id === id);
  if (i < 0) return null;
  return staging[i + 1]?.id ?? staging[i - 1]?.id ?? null;
}
