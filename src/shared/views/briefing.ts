/**
 * The handover briefing, drafted from the incident document in the order of
 * the ICS 201 incident briefing: situation, objectives, current actions,
 * organization, resources. The outgoing holder edits it before offering the
 * handover, and the incoming person acknowledges it; it is stored with the
 * handover, so the postmortem shows what each new holder was told. The
 * printed ICS 201 (report/ics-forms/ics201.ts) reads the same parts.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { creditOf, type TimelineEvent } from '../incident/schema';
import { severityLevel } from '../ics/severity';
import { roleSpec, type RoleKind } from '../ics/roles';
import { count } from '../plural';
import { fallbackChain } from '../incident/comms-schema';

const LATEST = 5;

function clock(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

/** The latest entries of a kind, as they read now: edited ones in their latest version, struck ones left out. */
export function latestOf(snapshot: IncidentSnapshot, kind: TimelineEvent['kind'], count = LATEST): string[] {
  const { timeline, amendments } = snapshot;
  const found: string[] = [];
  for (const event of timeline.backwards()) {
    if (found.length >= count) break;
    if (event.kind !== kind) continue;
    const amended = amendments.get(event.id);
    if (!amended?.struck) found.push(`- ${amended?.text ?? event.text} (${creditOf(event)})`);
  }
  return found.reverse();
}

function section(title: string, lines: string[], empty: string): string {
  return [`${title}`, ...(lines.length ? lines : [`- ${empty}`])].join('\n');
}

export interface BriefingFor {
  /** The role being handed over. */
  readonly roleId: string;
  /** Who takes it. */
  readonly toName: string;
  readonly now: number;
}

/**
 * The facts of an ICS 201 briefing, one list of lines per part, each line
 * "- ..." (indented for the org chart's depth): the handover briefing's
 * text and the printed ICS 201 read them here, so the two say the same.
 */
export interface BriefingParts {
  readonly situation: readonly string[];
  readonly objectives: readonly string[];
  readonly actions: readonly string[];
  readonly organization: readonly string[];
  readonly resources: readonly string[];
  /** Where the response talks and what to use when that is down (the ICS 205), empty without a plan. */
  readonly communications: readonly string[];
}

export function briefingParts(snapshot: IncidentSnapshot, now: number): BriefingParts | null {
  const header = snapshot.header;
  const org = snapshot.org;
  if (!header || !org) return null;
  const nameOf = (id: string | null) => org.responders.find((r) => r.id === id)?.name ?? 'the IC';
  const level = severityLevel(header.severity);
  const active = org.responders.filter((r) => r.status !== 'released');
  const staging = active.filter((r) => r.status === 'staging');
  const comms = snapshot.comms.channels;
  return {
    situation: [
      `- ${header.name}, ${header.severity} (${level.meaning})${header.drill ? ', a drill' : ''}: ${header.synopsis}`,
      `- Declared ${clock(now - header.declaredAt)} ago by ${header.declaredBy}.`,
      ...latestOf(snapshot, 'status', 3),
      ...latestOf(snapshot, 'impact', 3),
    ],
    objectives: latestOf(snapshot, 'decision'),
    actions: latestOf(snapshot, 'action'),
    organization: org.roles.map((r) => `${'  '.repeat(r.depth)}- ${r.title}: ${r.holderId === null ? `held by the IC (${nameOf(org.icId)})` : nameOf(r.holderId)}`),
    resources: [
      `- ${count(active.length, 'responder')} on duty, ${org.responders.length - active.length} released.`,
      staging.length ? `- Waiting in staging: ${staging.map((r) => r.name + (r.skills ? ` (${r.skills})` : '')).join(', ')}.` : '- Nobody waiting in staging.',
    ],
    communications: comms.length
      ? [
          ...comms.map((c, i) => `- ${i === 0 ? 'Talk on' : 'Then'} ${c.name}${c.address ? `: ${c.address}` : ''}${c.reachable ? ` (${c.reachable})` : ''}`),
          ...fallbackChain(snapshot.comms).map((line) => `- ${line}`),
        ]
      : [],
  };
}

export function draftBriefing(snapshot: IncidentSnapshot, { roleId, toName, now }: BriefingFor): string {
  const parts = briefingParts(snapshot, now);
  const org = snapshot.org;
  if (!parts || !org) return '';
  const role = org.roles.find((r) => r.id === roleId);
  const duties = role ? roleSpec(role.role.kind as RoleKind).checklist.map((item) => `- ${item.text}`) : [];

  return [
    `Briefing for ${toName}, taking over as ${role?.title ?? 'this role'}.`,
    section('SITUATION', [...parts.situation], 'No status given yet.'),
    section('OBJECTIVES AND DECISIONS', [...parts.objectives], 'No decisions logged yet.'),
    section('CURRENT ACTIONS', [...parts.actions], 'No actions logged yet.'),
    section('ORGANIZATION', [...parts.organization], 'Only the IC so far.'),
    section('RESOURCES', [...parts.resources], ''),
    ...(parts.communications.length ? [section('COMMUNICATIONS', [...parts.communications], '')] : []),
    ...(duties.length ? [section(`YOUR DUTIES AS ${role!.title.toUpperCase()}`, duties, '')] : []),
  ].join('\n\n');
}
