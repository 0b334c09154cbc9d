import { describe, expect, it } from 'vitest';
import { assignPostmortemOwner, createIncidentDoc, declareIncident, projectionOf, schedulePostmortemMeeting } from '../../../src/shared/incident';
import { escapeText, foldLine, icsTime, meetingCalendar } from '../../../src/shared/report/calendar';
import { HOUR, T0, testContext } from '../harness/context';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Unfolds and splits an .ics text into its content lines, as a calendar program reads it. */
function contentLines(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
}

function meeting(name = '26-Bravo', where = 'Room 4, floor 2; bring coffee') {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext('Ada Lovelace');
  declareIncident(doc, { name, severity: 'SEV-1', synopsis: 'Primary database down' }, ctx);
  assignPostmortemOwner(doc, { owner: 'Grace Hopper', dueDate: '2026-03-18' }, ctx);
  schedulePostmortemMeeting(doc, { at: T0 + 48 * HOUR, minutes: 45, where }, ctx);
  return { doc, ctx, snapshot: () => projectionOf(doc).snapshot };
}

describe('the postmortem meeting as iCalendar (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'é'.repeat(50)}${'😀'.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(utf8(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('writes one event in UTC with a stable UID, a sequence, CRLF line ends, and the text escaped', () => {
    const { snapshot } = meeting();
    const text = meetingCalendar({ header: snapshot().header!, postmortem: snapshot().postmortem, now: T0 + HOUR, exportedBy: 'Ada' });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(utf8(line)).toBeLessThanOrEqual(75);
    const lines = contentLines(text);
    expect(lines.slice(0, 6)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Command Post//Postmortem meeting//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT']);
    expect(lines).toContain('UID:incident-1-postmortem-meeting@command-post.invalid');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain(`DTSTAMP:${icsTime(T0 + HOUR)}`);
    expect(lines).toContain('DTSTART:20260316T093000Z');
    expect(lines).toContain('DTEND:20260316T101500Z');
    expect(lines).toContain('SUMMARY:Postmortem review: 26-Bravo (SEV-1)');
    expect(lines).toContain('LOCATION:Room 4\\, floor 2\\; bring coffee');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Postmortem owner: Grace Hopper\\, due 2026-03-18.');
    expect(lines.slice(-2)).toEqual(['END:VEVENT', 'END:VCALENDAR']);
  });

  it('updates the same event when the meeting moves: same UID, higher sequence', () => {
    const { doc, ctx, snapshot } = meeting();
    const first = contentLines(meetingCalendar({ header: snapshot().header!, postmortem: snapshot().postmortem, now: T0, exportedBy: 'Ada' }));
    schedulePostmortemMeeting(doc, { at: T0 + 72 * HOUR, minutes: 30, where: '' }, ctx);
    const second = contentLines(meetingCalendar({ header: snapshot().header!, postmortem: snapshot().postmortem, now: T0, exportedBy: 'Ada' }));
    expect(second.find((l) => l.startsWith('UID:'))).toBe(first.find((l) => l.startsWith('UID:')));
    expect(second).toContain('SEQUENCE:1');
    expect(second.some((l) => l.startsWith('LOCATION:'))).toBe(false);
  });

  it('cannot be injected into: a name with line breaks and property syntax stays one escaped value', () => {
    const { snapshot } = meeting('Evil:END:VEVENT', 'x;BEGIN:VALARM');
    const overview = 'Fine.\r\nEND:VEVENT\r\nBEGIN:VALARM\nTRIGGER:-PT5M';
    const lines = contentLines(meetingCalendar({ header: snapshot().header!, postmortem: snapshot().postmortem, now: T0, exportedBy: 'Ada', overview }));
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('BEGIN:VALARM') || l.startsWith('TRIGGER'))).toBe(false);
    expect(lines).toContain('LOCATION:x\\;BEGIN:VALARM');
  });

  it('needs a scheduled meeting', () => {
    const doc = createIncidentDoc('incident-1');
    declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'x' }, testContext());
    const s = projectionOf(doc).snapshot;
    expect(() => meetingCalendar({ header: s.header!, postmortem: s.postmortem, now: T0, exportedBy: '' })).toThrow(/No postmortem meeting/);
  });
});
