/**
 * The activity log as CSV, in the columns of the ICS 214 (Activity Log):
 * for each person, the incident's name and their operational period (block
 * 1 and 2), their name, ICS position and home agency and unit (3 to 5),
 * then each notable activity with its date and time (7), and who prepared
 * the log and when (8). One row per entry, grouped by person in the order
 * they came, then by time, so a spreadsheet (or the form) takes each
 * person's log as one block. The position is the role they held when they
 * logged the entry.
 *
 * Unlike the draft, this is the record: an entry struck through in the
 * timeline stays, marked with the reason, and an edited entry shows its
 * current text.
 *
 * CSV after RFC 4180 (CRLF, fields quoted when they hold a comma, a quote
 * or a line break, quotes doubled), with a byte-order mark so spreadsheet
 * programs read it as UTF-8. A field that starts like a formula (=, +, -,
 * @) is prefixed with an apostrophe, so a spreadsheet shows it as text and
 * never runs it.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { EVENT_KIND_LABELS, type TimelineEvent } from '../incident/schema';
import { OrgFold, titleOf } from '../ics/org-chart';
import { amendmentsOf, isAmendment, readEntry } from './entries';
import type { ExportOptions } from './report-parts';

export const CSV_MIME = 'text/csv';

export const ICS214_COLUMNS = [
  'Incident Name',
  'Operational Period From (UTC)',
  'Operational Period To (UTC)',
  'Name',
  'ICS Position',
  'Home Agency and Unit',
  'Date/Time (UTC)',
  'Notable Activities',
  'Entry Type',
  'Key Event',
  'Struck Through',
  'Prepared By',
  'Prepared Date/Time (UTC)',
] as const;

export const NO_POSITION = 'No incident role';
export const STAGING = 'Staging';

/** One CSV field. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const stamp = (at: number | null) => (at === null ? '' : new Date(at).toISOString().slice(0, 16).replace('T', ' '));

interface Person {
  name: string;
  team: string;
  checkedInAt: number | null;
  releasedAt: number | null;
  rows: Array<{ event: TimelineEvent; position: string }>;
}

/**
 * Each entry's author and the position they held at that moment, replaying
 * the org chart as the projection folds it: people are known by the name
 * they log under (as presence and the chart know them).
 */
function peopleOf(snapshot: IncidentSnapshot): Person[] {
  const fold = new OrgFold();
  let declared = false;
  let ended = false;
  let positions: Map<string, string> | null = null;
  const people = new Map<string, Person>();
  const person = (name: string) => {
    let p = people.get(name);
    if (!p) people.set(name, (p = { name, team: '', checkedInAt: null, releasedAt: null, rows: [] }));
    return p;
  };
  for (const event of snapshot.timeline) {
    if (isAmendment(event)) continue;
    if (event.kind === 'declared' && !declared) {
      fold.declare(event.id, event.at, event.author);
      declared = true;
      positions = null;
    } else if (event.kind === 'org' && declared && !ended) {
      fold.apply(event);
      positions = null;
    } else if (event.kind === 'ended' && declared) ended = true;
    positions ??= positionsByName(fold);
    person(event.author).rows.push({ event, position: positions.get(event.author) ?? NO_POSITION });
  }
  // Check-in details from the chart as it ended; the order is who came first.
  for (const r of fold.responders.values()) {
    const p = person(r.name);
    if (!p.team) p.team = r.skills;
    p.checkedInAt = p.checkedInAt === null ? r.checkedInAt : Math.min(p.checkedInAt, r.checkedInAt);
    p.releasedAt = r.releasedAt;
  }
  const start = (p: Person) => Math.min(p.checkedInAt ?? Infinity, p.rows[0]?.event.at ?? Infinity);
  return [...people.values()].sort((a, b) => start(a) - start(b) || (a.name < b.name ? -1 : 1));
}

/** Everyone on duty by name → the roles they hold ("Staging" without one). */
function positionsByName(fold: OrgFold): Map<string, string> {
  const held = new Map<string, string[]>();
  for (const role of fold.roles.values()) {
    if (role.holderId === null) continue;
    const list = held.get(role.holderId) ?? [];
    list.push(titleOf(role.role));
    held.set(role.holderId, list);
  }
  const out = new Map<string, string>();
  for (const r of fold.responders.values()) {
    if (r.releasedAt !== null) continue;
    out.set(r.name, held.get(r.id)?.join('; ') || STAGING);
  }
  return out;
}

export function activityLogCsv(snapshot: IncidentSnapshot, options: ExportOptions): string {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has an activity log.');
  const amendments = amendmentsOf(snapshot);
  const prepared = [options.exportedBy, stamp(options.exportedAt)];
  const lines: string[] = [ICS214_COLUMNS.map(csvField).join(',')];
  for (const p of peopleOf(snapshot)) {
    if (!p.rows.length && p.checkedInAt === null) continue;
    const from = Math.min(p.checkedInAt ?? Infinity, p.rows[0]?.event.at ?? Infinity);
    const last = p.rows[p.rows.length - 1]?.event.at ?? null;
    const to = p.releasedAt ?? header.endedAt ?? last;
    const period = [header.name, stamp(Number.isFinite(from) ? from : null), stamp(to === null ? null : Math.max(to, last ?? to))];
    if (!p.rows.length) {
      lines.push([...period, p.name, STAGING, p.team, '', 'Checked in; logged nothing.', '', '', '', ...prepared].map(csvField).join(','));
      continue;
    }
    for (const { event, position } of p.rows) {
      const reading = readEntry(event, amendments);
      lines.push(
        [
          ...period,
          p.name,
          position,
          p.team,
          stamp(event.at),
          reading.text,
          EVENT_KIND_LABELS[event.kind] ?? event.kind,
          reading.key ? 'yes' : '',
          reading.struck ? `yes: ${reading.struck.reason}` : '',
          ...prepared,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
