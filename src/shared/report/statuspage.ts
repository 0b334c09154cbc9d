/**
 * The public status of an incident as JSON in the shape of Atlassian
 * Statuspage's incident (its REST API's `incident` object: name, status,
 * impact, the times it was created, went to monitoring and was resolved,
 * its updates newest first, each with the status it was posted under and
 * its body, and the components it affects), for teams that post the status
 * to a page of their own or to Statuspage itself with a script.
 *
 * Only what was already said in public goes in: the updates sent to the
 * external audience, word for word, and the status fields a status page
 * shows. Internal updates, CAN reports, the status document's own text,
 * names of responders and the incident's id stay out: the document is
 * made from the header's name, severity and times, the phase and its
 * logged changes, when the impact began, and the external updates, and
 * from nothing else. A drill says so at the top (`drill`) and in its name,
 * so a script that posts it cannot make it look real.
 *
 * Command Post's phases map onto Statuspage's four statuses; "mitigating"
 * (a fix going in) is still "identified" there. The impact comes from the
 * severity. The components are the ones the person exporting names (the
 * incident itself holds no list of them), each at the status the
 * severity and phase give it.
 */
import type { IncidentSnapshot } from '../incident/projection';
import type { UpdateEvent } from '../incident/schema';
import type { StatusPhase } from '../incident/status-schema';
import type { Severity } from '../ics/severity';
import { sentUpdates } from '../views/sent-updates';

export const STATUSPAGE_SCHEMA = 'command-post/statuspage-incident';
export const STATUSPAGE_SCHEMA_VERSION = 1;

export type StatuspageStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';
export type StatuspageImpact = 'none' | 'minor' | 'major' | 'critical';
export type StatuspageComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';

export const STATUSPAGE_STATUS: Record<StatusPhase, StatuspageStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  mitigating: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};

/** Statuspage's impact, by PagerDuty's meaning of each severity. */
export const STATUSPAGE_IMPACT: Record<Severity, StatuspageImpact> = {
  'SEV-1': 'critical',
  'SEV-2': 'major',
  'SEV-3': 'minor',
  'SEV-4': 'minor',
  'SEV-5': 'none',
};

const COMPONENT_STATUS: Record<StatuspageImpact, StatuspageComponentStatus> = {
  critical: 'major_outage',
  major: 'partial_outage',
  minor: 'degraded_performance',
  none: 'operational',
};

export const DRILL_NAME_PREFIX = '[DRILL] ';

export interface StatuspageUpdate {
  readonly status: StatuspageStatus;
  readonly body: string;
  readonly created_at: string;
  readonly display_at: string;
}

export interface StatuspageComponent {
  readonly name: string;
  readonly status: StatuspageComponentStatus;
}

export interface StatuspageDocument {
  readonly schema: typeof STATUSPAGE_SCHEMA;
  readonly schema_version: typeof STATUSPAGE_SCHEMA_VERSION;
  readonly drill: boolean;
  readonly exported_at: string;
  readonly incident: {
    readonly name: string;
    readonly status: StatuspageStatus;
    readonly impact: StatuspageImpact;
    readonly created_at: string;
    readonly started_at: string;
    readonly updated_at: string;
    readonly monitoring_at: string | null;
    readonly resolved_at: string | null;
    readonly components: readonly StatuspageComponent[];
    readonly incident_updates: readonly StatuspageUpdate[];
  };
}

export const STATUSPAGE_MAX_COMPONENTS = 50;
export const STATUSPAGE_MAX_COMPONENT_NAME = 100;

/**
 * The component names typed one per line (or comma-separated): trimmed,
 * blanks and repeats dropped. Throws with what to change when a name or
 * the list is longer than a status page takes.
 */
export function componentNames(typed: string): string[] {
  const names = [...new Set(typed.split(/[\n,]/).map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  const long = names.find((n) => n.length > STATUSPAGE_MAX_COMPONENT_NAME);
  if (long) throw new Error(`"${long.slice(0, 30)}…" is longer than ${STATUSPAGE_MAX_COMPONENT_NAME} characters: use the name your status page gives the component.`);
  if (names.length > STATUSPAGE_MAX_COMPONENTS) throw new Error(`${names.length} components is more than ${STATUSPAGE_MAX_COMPONENTS}: name the ones affected.`);
  return names;
}

const iso = (at: number) => new Date(at).toISOString();

/** The phase at each moment, from the logged changes of phase (the first phase is always investigating). */
function phaseAt(changes: readonly { readonly at: number; readonly to: StatusPhase }[], at: number): StatusPhase {
  let phase: StatusPhase = 'investigating';
  for (const c of changes) {
    if (c.at > at) break;
    phase = c.to;
  }
  return phase;
}

export interface StatuspageOptions {
  readonly exportedAt: number;
  /** The affected components, as the status page names them (see componentNames). */
  readonly components: readonly string[];
}

export function statuspageDocument(snapshot: IncidentSnapshot, { exportedAt, components }: StatuspageOptions): StatuspageDocument {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has a public status.');
  const changes: { at: number; to: StatusPhase }[] = [];
  for (const e of snapshot.timeline) if (e.kind === 'phase') changes.push({ at: e.at, to: e.to });
  const firstAt = (status: StatuspageStatus) => changes.find((c) => STATUSPAGE_STATUS[c.to] === status)?.at ?? null;
  const phase = snapshot.status.phase;
  const status = STATUSPAGE_STATUS[phase];
  const impact = STATUSPAGE_IMPACT[header.severity];
  // Newest first, as Statuspage lists them; each under the status the incident had when it was sent.
  const external: readonly UpdateEvent[] = sentUpdates(snapshot.timeline).filter((u) => u.audience === 'external');
  const updates = external.map((u) => ({ status: STATUSPAGE_STATUS[phaseAt(changes, u.at)], body: u.body, created_at: iso(u.at), display_at: iso(u.at) }));
  const monitoringAt = status === 'monitoring' || status === 'resolved' ? firstAt('monitoring') : null;
  const resolvedAt = status === 'resolved' ? (changes.filter((c) => c.to === 'resolved').at(-1)?.at ?? null) : null;
  const lastChange = Math.max(header.declaredAt, external[0]?.at ?? 0, changes.at(-1)?.at ?? 0);
  return {
    schema: STATUSPAGE_SCHEMA,
    schema_version: STATUSPAGE_SCHEMA_VERSION,
    drill: header.drill,
    exported_at: iso(exportedAt),
    incident: {
      name: `${header.drill ? DRILL_NAME_PREFIX : ''}${header.name}`,
      status,
      impact,
      created_at: iso(header.declaredAt),
      started_at: iso(snapshot.status.impactSince ?? header.declaredAt),
      updated_at: iso(lastChange),
      monitoring_at: monitoringAt === null ? null : iso(monitoringAt),
      resolved_at: resolvedAt === null ? null : iso(resolvedAt),
      components: components.map((name) => ({ name, status: status === 'resolved' ? 'operational' : COMPONENT_STATUS[impact] })),
      incident_updates: updates,
    },
  };
}

export function statuspageJson(snapshot: IncidentSnapshot, options: StatuspageOptions): string {
  return `${JSON.stringify(statuspageDocument(snapshot, options), null, 2)}\n`;
}
