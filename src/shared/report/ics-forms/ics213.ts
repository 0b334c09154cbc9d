/**
 * ICS 213, general messages: every stakeholder update and CAN report sent
 * (views/sent-updates.ts), oldest first, one message a page, as it was sent:
 * to whom, from whom, when, what it said and when it promised the next.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { byline } from '../../incident/schema';
import { UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS } from '../../incident/status-schema';
import { sentUpdates } from '../../views/sent-updates';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type FormPart, type IcsForm } from './model';

export function ics213(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const sent = [...sentUpdates(snapshot.timeline)].reverse();
  const parts: FormPart[] = sent.map((u, i) => ({
    heading: `Message ${i + 1} of ${sent.length}`,
    sections: [
      {
        kind: 'fields',
        title: 'Message',
        fields: [
          { label: 'To', value: u.template === 'can' ? 'Up the chain (CAN report)' : `${UPDATE_AUDIENCE_LABELS[u.audience]} stakeholders` },
          { label: 'From', value: byline(u) },
          { label: 'Subject', value: `${header.incidentName}: ${UPDATE_TEMPLATE_LABELS[u.template]}` },
          { label: 'Sent', value: utcStamp(u.at) },
          { label: 'Next update', value: u.nextAt === null ? 'none planned' : utcStamp(u.nextAt) },
        ],
      },
      { kind: 'text', title: 'Text as sent', text: u.body },
      { kind: 'blank', title: 'Reply', note: 'Whoever answers writes here, with their name and the time.' },
    ],
  }));
  return {
    number: '213',
    title: FORM_TITLES['213'],
    purpose: 'The updates sent to people outside the response, one message a page.',
    header,
    parts: parts.length ? parts : [{ heading: '', sections: [{ kind: 'lines', title: 'Messages', lines: [], empty: 'No updates sent yet.' }] }],
  };
}
