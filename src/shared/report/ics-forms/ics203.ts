/**
 * ICS 203, the organization assignment list: every role of the chart from
 * the IC down, who holds it (the IC for a role not delegated), whom it
 * reports to and how to reach them; then who waits in staging and who was
 * released.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import type { ChartResponder } from '../../incident/org-chart';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type IcsForm } from './model';

export function ics203(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const org = snapshot.org!;
  const byId = new Map<string, ChartResponder>(org.responders.map((r) => [r.id, r]));
  const ic = byId.get(org.icId);
  const roleById = new Map(org.roles.map((r) => [r.id, r]));
  const holderOf = (roleId: string | null): string => {
    const role = roleId === null ? undefined : roleById.get(roleId);
    if (!role) return '';
    return role.holderId === null ? `${holderOf(role.parentId) || (ic?.name ?? '')}` : (byId.get(role.holderId)?.name ?? '');
  };
  const staging = org.responders.filter((r) => r.status === 'staging');
  const released = org.responders.filter((r) => r.status === 'released');
  return {
    number: '203',
    title: FORM_TITLES['203'],
    purpose: 'Who holds which role, whom they report to, and how to reach them.',
    header,
    parts: [
      {
        heading: '',
        sections: [
          {
            kind: 'table',
            title: 'Assignments',
            columns: [
              { label: 'Role', width: 3 },
              { label: 'Held by', width: 3 },
              { label: 'Reports to', width: 3 },
              { label: 'Since', width: 2 },
              { label: 'Contact', width: 3 },
            ],
            rows: org.roles.map((r) => {
              const holder = r.holderId === null ? null : byId.get(r.holderId);
              return [
                '\u2003'.repeat(r.depth) + r.title,
                holder ? holder.name : `not delegated: the IC, ${ic?.name ?? ''}`,
                r.parentId === null ? '' : `${roleById.get(r.parentId)?.title ?? ''} (${holderOf(r.parentId)})`,
                utcStamp(r.since),
                holder?.contact ?? '',
              ];
            }),
            empty: 'Only the IC so far.',
          },
          {
            kind: 'table',
            title: 'In staging (checked in, waiting for an assignment)',
            columns: [
              { label: 'Name', width: 3 },
              { label: 'Team or skills', width: 4 },
              { label: 'Checked in', width: 2 },
              { label: 'Contact', width: 3 },
            ],
            rows: staging.map((r) => [r.name, r.skills, utcStamp(r.checkedInAt), r.contact]),
            empty: 'Nobody waiting in staging.',
          },
          { kind: 'lines', title: 'Released', lines: released.map((r) => `${r.name}, released ${utcStamp(r.releasedAt!)}`), empty: 'Nobody released yet.' },
        ],
      },
    ],
  };
}
