/**
 * ICS 205, the communications plan: every channel in fallback order, where
 * to find it and who is reachable there, then the fallback chain in words,
 * and who changed the plan last.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { CHANNEL_KIND_LABELS, fallbackChain } from '../../incident/comms-schema';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type IcsForm } from './model';

export function ics205(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const plan = snapshot.comms;
  return {
    number: '205',
    title: FORM_TITLES['205'],
    purpose: 'Where the response talks, who is reachable where, and what to use when a channel is down.',
    header,
    parts: [
      {
        heading: '',
        sections: [
          {
            kind: 'table',
            title: 'Channels, in the order to use them',
            columns: [
              { label: '#', width: 0.5 },
              { label: 'Kind', width: 2 },
              { label: 'Channel', width: 2.5 },
              { label: 'Where (number, room, frequency)', width: 3 },
              { label: 'Who is reachable there', width: 3 },
              { label: 'Notes', width: 2.5 },
            ],
            rows: plan.channels.map((c, i) => [String(i + 1), CHANNEL_KIND_LABELS[c.kind], c.name, c.address, c.reachable, c.notes]),
            empty: 'No channels yet: the Comms Lead (or the IC) adds them in the status document.',
          },
          { kind: 'lines', title: 'When a channel is down', lines: fallbackChain(plan), empty: 'No fallback: the plan has fewer than two channels.' },
          {
            kind: 'fields',
            title: 'Plan kept by',
            fields: [{ label: 'Last changed', value: plan.editedBy && plan.editedAt !== null ? `${utcStamp(plan.editedAt)} by ${plan.editedBy}` : 'never' }],
          },
        ],
      },
    ],
  };
}
