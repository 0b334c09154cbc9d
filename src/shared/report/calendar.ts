/**
 * The postmortem meeting as an iCalendar file (RFC 5545), for any calendar
 * program: one VEVENT in a VCALENDAR published as it is (METHOD:PUBLISH).
 *
 * What the RFC asks and this does:
 * - lines end in CRLF and are folded at 75 octets (of UTF-8, never inside
 *   a character) by a CRLF and a space (3.1);
 * - TEXT values escape backslash, semicolon and comma, and write a line
 *   break as \n (3.3.11); other control characters are dropped;
 * - times are UTC ("…Z", 3.3.5), so the meeting is at the same instant in
 *   every zone and no VTIMEZONE is needed;
 * - UID is the same for every export of one incident's meeting, and
 *   SEQUENCE rises with each change, so importing a newer file updates the
 *   event instead of adding a second one (3.8.4.7, 3.8.7.4);
 * - DTSTAMP is when the file was made (required with METHOD).
 */
import type { IncidentHeader } from '../incident/projection';
import type { PostmortemDoc } from '../incident/postmortem-schema';

export const CALENDAR_MIME = 'text/calendar';

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    // Control characters other than the line break have no place in a calendar's text.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** The octets a character takes in UTF-8. */
function utf8Size(char: string): number {
  const cp = char.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

function utf8Length(text: string): number {
  let n = 0;
  for (const char of text) n += utf8Size(char);
  return n;
}

/** Folds one content line at 75 octets, never splitting a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line: string): string {
  if (utf8Length(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation starts with a space, so holds 74 more.
  let limit = 75;
  for (const char of line) {
    const size = utf8Size(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A UTC date-time as iCalendar writes it: 20260318T140000Z. */
export function icsTime(at: number): string {
  return new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export interface MeetingFileInput {
  readonly header: IncidentHeader;
  readonly postmortem: PostmortemDoc;
  /** When the file is made (DTSTAMP). */
  readonly now: number;
  /** Who sends it, for the description. */
  readonly exportedBy: string;
  /** The postmortem's overview, if written, for the description. */
  readonly overview?: string;
}

/** The .ics text of the postmortem meeting; throws when no meeting is scheduled. */
export function meetingCalendar(input: MeetingFileInput): string {
  const { header, postmortem: pm } = input;
  const meeting = pm.meeting;
  if (!meeting) throw new Error('No postmortem meeting is scheduled.');
  const description = [
    `Postmortem review of ${header.name} (${header.severity}${header.drill ? ', drill' : ''}): ${header.synopsis}`,
    pm.owner ? `Postmortem owner: ${pm.owner}${pm.dueDate ? `, due ${pm.dueDate}` : ''}.` : 'No postmortem owner yet.',
    pm.where ? `The postmortem: ${pm.where}` : '',
    input.overview?.trim() ? `Overview: ${input.overview.trim()}` : '',
    'Agenda: agree on the timeline (worked forward from the start), the impact, the contributing factors, what went well and what did not, and the action items. Blameless: what and how, never who.',
  ]
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Command Post//Postmortem meeting//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${uidPart(header.id)}-postmortem-meeting@command-post.invalid`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${icsTime(input.now)}`,
    `DTSTART:${icsTime(meeting.at)}`,
    `DTEND:${icsTime(meeting.at + meeting.minutes * 60_000)}`,
    `SUMMARY:${escapeText(`Postmortem review: ${header.name} (${header.severity})`)}`,
    meeting.where ? `LOCATION:${escapeText(meeting.where)}` : null,
    `DESCRIPTION:${escapeText(description)}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines
    .filter((l): l is string => l !== null)
    .map(foldLine)
    .join('\r\n')}\r\n`;
}

/** The incident id in a UID: letters, digits and dashes only (ids are already that; this keeps it so). */
function uidPart(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '-');
}
