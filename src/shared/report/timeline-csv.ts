/**
 * The timeline by itself, as CSV: one row per entry, oldest first, as the
 * Timeline tab shows it. The text is the latest version of an edited entry
 * (marked as edited), a struck entry stays with the reason it was struck,
 * key events are marked, and each entry carries the type the tab shows
 * ("Decision", "Change", "Phase"…), who it is credited to, the incident
 * role they held at that moment (as the tab's role filter reads it) and
 * who typed it. Times are ISO 8601: in UTC, and in the exporting computer's
 * zone with its offset, so a spreadsheet sorts them and a reader elsewhere
 * knows which is which.
 *
 * Deadlines that passed and the org chart's warnings are worked out by the
 * tab, never stored, so they are not rows here. Every row names the
 * incident and says whether it was a drill. For spreadsheets: with a
 * byte-order mark, and written as csv.ts writes every CSV.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { creditOf, type TimelineEvent } from '../incident/schema';
import { authorRoles } from '../views/author-roles';
import { rowLabel } from '../views/entry-types';
import { csvText } from './csv';
import { readEntry } from './entries';

export const TIMELINE_COLUMNS = [
  'Incident',
  'Drill',
  'Time (UTC)',
  'Time (local)',
  'Type',
  'Author',
  'Role at the time',
  'Logged by',
  'Logged at (UTC)',
  'Text',
  'Message sent',
  'Key event',
  'Edited',
  'Struck through',
] as const;

/** Minutes east of UTC at a moment, for the local times (this computer's zone unless a test says otherwise). */
export type ZoneOffset = (at: number) => number;

const localOffset: ZoneOffset = (at) => -new Date(at).getTimezoneOffset();

/** "2026-03-14T09:30:05Z": to the second, as the timeline shows it. */
export function isoUtc(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2026-03-14T10:30:05+01:00": the wall-clock time in a zone, with its offset. */
export function isoLocal(at: number, offsetMinutes: number): string {
  const wall = new Date(at + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function timelineCsv(snapshot: IncidentSnapshot, offset: ZoneOffset = localOffset): string {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has a timeline to export.');
  const roles = authorRoles(snapshot.timeline);
  const rows: string[][] = [];
  for (const event of snapshot.timeline) {
    // An amendment is shown folded into the entry it amends, never as a row.
    if (event.kind === 'amend') continue;
    const reading = readEntry(event, snapshot.amendments);
    rows.push([
      header.name,
      header.drill ? 'yes' : 'no',
      isoUtc(event.at),
      isoLocal(event.at, offset(event.at)),
      rowLabel(event),
      creditOf(event),
      (roles.byEvent.get(event.id) ?? []).join('; '),
      event.author,
      isoUtc(event.loggedAt),
      reading.text,
      messageOf(event),
      reading.key ? 'yes' : '',
      reading.edited ? 'yes' : '',
      reading.struck ? reading.struck.reason || 'yes' : '',
    ]);
  }
  return csvText(TIMELINE_COLUMNS, rows, { bom: true });
}

/** What an update entry sent, word for word (the row's text only says that it was sent). */
function messageOf(event: TimelineEvent): string {
  return event.kind === 'update' ? event.body : '';
}
