/**
 * ICS 201, the incident briefing: the situation, space for a map or sketch,
 * the objectives, the current actions, the organization and the resources,
 * as the handover briefing tells them (views/briefing.ts), with the
 * communications plan in short.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { briefingParts } from '../../views/briefing';
import { STATUS_PHASE_LABELS } from '../../incident/status-schema';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type FormSection, type IcsForm } from './model';

/** The briefing's "- " bullets and depth indents, as the printed lines show them (the view draws its own bullets). */
const unbullet = (lines: readonly string[]) => lines.map((l) => l.replace(/^(\s*)- /, (_, indent: string) => '\u2003'.repeat(indent.length / 2)));

export function ics201(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const parts = briefingParts(snapshot, prepared.now)!;
  const status = snapshot.status;
  const situation: FormSection[] = [
    {
      kind: 'fields',
      title: 'Situation',
      fields: [
        { label: 'Phase', value: STATUS_PHASE_LABELS[status.phase] },
        { label: 'Summary', value: status.summary.text },
        { label: 'Impact', value: status.impact.text },
        { label: 'Estimated time to resolution', value: status.eta.text },
      ],
    },
    { kind: 'lines', title: 'Situation as logged', lines: unbullet(parts.situation), empty: 'No status given yet.' },
    { kind: 'blank', title: 'Map or sketch', note: 'Draw the affected systems, the blast radius and where the response is working.' },
  ];
  return {
    number: '201',
    title: FORM_TITLES['201'],
    purpose: 'What a person taking over, or joining, needs to know: situation, objectives, actions, organization, resources.',
    header,
    parts: [
      {
        heading: '',
        sections: [
          ...situation,
          {
            kind: 'lines',
            title: 'Objectives',
            lines: (snapshot.plan?.objectives ?? []).filter((o) => o.closed === null).map((o) => o.text),
            empty: 'No objectives set yet.',
          },
          {
            kind: 'lines',
            title: 'Decisions',
            lines: [
              ...(snapshot.plan?.decisions ?? []).filter((d) => d.outcome === 'adopted').map((d) => `Adopted: ${d.text}`),
              ...unbullet(parts.objectives),
            ],
            empty: 'No decisions yet.',
          },
          {
            kind: 'lines',
            title: 'Current actions',
            // The tasks under way, each with its one owner and when it is due back, then the latest actions logged.
            lines: [
              ...(snapshot.plan?.objectives ?? []).flatMap((o) =>
                o.tasks.filter((t) => t.dueAt !== null).map((t) => `Task: ${t.text} (${t.ownerLabel}, due back ${utcStamp(t.dueAt!)}${t.status === 'blocked' ? ', blocked' : ''})`),
              ),
              ...unbullet(parts.actions),
            ],
            empty: 'No tasks under way and no actions logged yet.',
          },
          { kind: 'lines', title: 'Organization', lines: unbullet(parts.organization), empty: 'Only the IC so far.' },
          { kind: 'lines', title: 'Resources', lines: unbullet(parts.resources), empty: '' },
          { kind: 'lines', title: 'Communications', lines: unbullet(parts.communications), empty: 'No communications plan yet (ICS 205).' },
        ],
      },
    ],
  };
}
