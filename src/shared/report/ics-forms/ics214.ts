/**
 * ICS 214, an activity log per responder, one person a page (or more): who
 * they are, the positions they held and when, and, in time order, what they
 * logged and every change that concerned them, each entry with the position
 * held at the time. The same people and positions as the CSV export
 * (report/ics214.ts), from the same activity logs (views/activity-log.ts).
 */
import type { IncidentSnapshot } from '../../incident/projection';
import { EVENT_KIND_LABELS } from '../../incident/schema';
import { activityLog } from '../../views/activity-log';
import { positionAt, subjects } from '../ics214';
import { utcStamp } from '../postmortem-draft';
import { formHeader, type PreparedFor } from './header';
import { FORM_TITLES, type FormPart, type IcsForm } from './model';

export function ics214Form(snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  const header = formHeader(snapshot, prepared);
  const parts: FormPart[] = [];
  for (const subject of subjects(snapshot)) {
    const log = activityLog(snapshot, subject);
    if (!log) continue;
    const checkedIn = 'responderId' in subject;
    parts.push({
      heading: log.name,
      sections: [
        {
          kind: 'fields',
          title: 'Responder',
          fields: [
            { label: 'Name', value: log.name },
            { label: 'Positions held', value: log.roles.map((r) => `${r.title} from ${utcStamp(r.from)}${r.to === null ? '' : ` to ${utcStamp(r.to)}`}`).join('; ') || 'none' },
            { label: 'Home team or skills', value: log.skills },
            { label: 'Contact', value: log.contact },
            { label: 'On duty', value: `${utcStamp(log.from)} to ${log.to === null ? 'now' : utcStamp(log.to)}` },
          ],
        },
        {
          kind: 'table',
          title: 'Notable activities',
          columns: [
            { label: 'Date and time', width: 2.2 },
            { label: 'Position', width: 2 },
            { label: 'Activity', width: 7 },
            { label: 'Type', width: 1.5 },
          ],
          rows: log.entries.map((e) => [
            utcStamp(e.at),
            positionAt(log, e.at, checkedIn && e.at >= log.from),
            e.struck ? `[struck through: ${e.struck.reason}] ${e.text}` : e.text + (e.own ? '' : ` (by ${e.author})`),
            EVENT_KIND_LABELS[e.kind],
          ]),
          empty: 'Nothing logged.',
        },
      ],
    });
  }
  return {
    number: '214',
    title: FORM_TITLES['214'],
    purpose: 'What each responder did and when, one person a page.',
    header,
    parts: parts.length ? parts : [{ heading: '', sections: [{ kind: 'lines', title: 'Responders', lines: [], empty: 'Nobody has logged anything yet.' }] }],
  };
}
