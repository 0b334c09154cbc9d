/**
 * ICS 202, the incident objectives: what the response means to achieve
 * ("what", not "how"), each with the tasks under it, their one owner, their
 * timebox and where they stand; then the standing orders of the response
 * (severity, cadence of updates and reviews) and the latest decisions.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { severityLevel } from '../../ics/severity';
import { count } from '../../plural';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type FormSection, type IcsForm } from './model';

const CLOSED = { met: 'met', dropped: 'dropped' } as const;

export function ics202(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const plan = snapshot.plan;
  const h = snapshot.header!;
  const objectives = plan?.objectives ?? [];
  const tasks: FormSection = {
    kind: 'table',
    title: 'Tasks under each objective',
    columns: [
      { label: 'Objective', width: 3 },
      { label: 'Task', width: 4 },
      { label: 'Owner', width: 2 },
      { label: 'Timebox ends', width: 2 },
      { label: 'Status', width: 1.5 },
    ],
    rows: objectives.flatMap((o) =>
      o.tasks.map((t) => [o.text, t.text, t.ownerLabel, t.dueAt === null ? '' : utcStamp(t.dueAt), t.status + (t.acknowledged ? '' : ', not acknowledged')]),
    ),
    empty: 'No tasks yet.',
  };
  const adopted = (plan?.decisions ?? []).filter((d) => d.outcome === 'adopted');
  const statusMinutes = Object.entries(plan?.statusMinutes ?? {}).map(([audience, m]) => `${audience} every ${m} min`);
  return {
    number: '202',
    title: FORM_TITLES['202'],
    purpose: 'The objectives of this operational period, and the tasks that serve them, each with one owner and a timebox.',
    header,
    parts: [
      {
        heading: '',
        sections: [
          {
            kind: 'table',
            title: 'Objectives',
            columns: [
              { label: '#', width: 0.5 },
              { label: 'Objective', width: 7 },
              { label: 'Set', width: 2 },
              { label: 'Tasks', width: 1.5 },
              { label: 'Standing', width: 1.5 },
            ],
            rows: objectives.map((o, i) => [String(i + 1), o.text, utcStamp(o.addedAt), String(o.tasks.length), o.closed ? CLOSED[o.closed] : 'open']),
            empty: 'No objectives set yet.',
          },
          tasks,
          {
            kind: 'fields',
            title: 'Standing orders',
            fields: [
              { label: 'Severity', value: `${h.severity}: ${severityLevel(h.severity).meaning}` },
              { label: 'Status updates', value: statusMinutes.length ? statusMinutes.join('; ') : 'as the IC sets them' },
              { label: 'Reviews', value: plan ? `every ${plan.reviewMinutes} min` : '' },
              { label: 'Changes in flight', value: plan?.inFlight.length ? `${count(plan.inFlight.length, 'change')}: ${plan.inFlight.map((c) => c.text).join('; ')}` : 'none' },
            ],
          },
          { kind: 'lines', title: 'Decisions adopted', lines: adopted.map((d) => `${utcStamp(d.decidedAt ?? d.proposedAt)}: ${d.text}`), empty: 'No decisions adopted yet.' },
        ],
      },
    ],
  };
}
