/**
 * The activity log as CSV, in the columns of the ICS 214 (Activity Log):
 * every responder's log (src/shared/views/activity-log.ts: what they logged
 * and every change that concerned them) one after the other, each row
 * carrying the incident's name and that person's operational period
 * (blocks 1 and 2), their name, ICS position and home agency and unit (3 to
 * 5), then one notable activity with its date and time (7), and who
 * prepared the log and when (8). The position is the role they held at the
 * moment of the entry. A spreadsheet (or the form) takes each person's log
 * as one block.
 *
 * Unlike the draft, this is the record: an entry struck through in the
 * timeline stays, marked with the reason, and an edited entry shows its
 * current text.
 *
 * CSV as csv.ts writes it (RFC 4180, a field that starts like a formula
 * made text), with a byte-order mark so spreadsheet programs read it as
 * UTF-8.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { creditOf, EVENT_KIND_LABELS } from '../incident/schema';
import { activityLog, type ActivityLog, type ActivitySubject } from '../views/activity-log';
import { NO_ROLE as NO_POSITION, STAGING } from '../views/author-roles';
import { personKey } from '../views/replay';
import { utcMinute } from './postmortem-draft';
import type { ExportOptions } from './report-parts';
import { csvText } from './csv';

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
  'Logged By',
  'Key Event',
  'Struck Through',
  'Prepared By',
  'Prepared Date/Time (UTC)',
] as const;

/** The positions of someone checked in without a role, and of an author who never checked in (as the timeline's role filter names them). */
export { NO_ROLE as NO_POSITION, STAGING } from '../views/author-roles';

const stamp = (at: number | null) => (at === null ? '' : utcMinute(at));

/** Everyone with a log (the printed ICS 214 lists the same people): the responders in the order they came, then whoever logged without checking in. */
export function subjects(snapshot: IncidentSnapshot): ActivitySubject[] {
  const seen = new Set<string>();
  const out: ActivitySubject[] = [];
  for (const r of [...(snapshot.org?.responders ?? [])].sort((a, b) => a.checkedInAt - b.checkedInAt)) {
    if (seen.has(personKey(r.name))) continue;
    seen.add(personKey(r.name));
    out.push({ responderId: r.id });
  }
  for (const e of snapshot.timeline) {
    if (e.kind === 'amend' || seen.has(personKey(creditOf(e)))) continue;
    seen.add(personKey(creditOf(e)));
    out.push({ name: creditOf(e) });
  }
  return out;
}

/**
 * The role (or roles) the person held at `at`, by their log's roles and when
 * they held them. The entry that ends a role (a release, a handover out) is
 * the last act in it, so it carries that role rather than "Staging".
 */
export function positionAt(log: ActivityLog, at: number, checkedIn: boolean): string {
  const held = log.roles.filter((r) => r.from <= at && (r.to === null || at < r.to));
  const ending = held.length ? [] : log.roles.filter((r) => r.to === at && r.from < at);
  const titles = (held.length ? held : ending).map((r) => r.title);
  return titles.length ? titles.join('; ') : checkedIn ? STAGING : NO_POSITION;
}

export function activityLogCsv(snapshot: IncidentSnapshot, options: ExportOptions): string {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident has an activity log.');
  const prepared = [options.exportedBy, stamp(options.exportedAt)];
  const rows: string[][] = [];
  for (const subject of subjects(snapshot)) {
    const log = activityLog(snapshot, subject);
    if (!log) continue;
    const checkedIn = 'responderId' in subject;
    const last = log.entries[log.entries.length - 1]?.at ?? null;
    const period = [header.name, stamp(log.from), stamp(log.to ?? last)];
    for (const entry of log.entries) {
      rows.push([
        ...period,
        log.name,
        positionAt(log, entry.at, checkedIn && entry.at >= log.from),
        log.skills,
        stamp(entry.at),
        entry.text,
        EVENT_KIND_LABELS[entry.kind],
        entry.author,
        entry.key ? 'yes' : '',
        entry.struck ? `yes: ${entry.struck.reason}` : '',
        ...prepared,
      ]);
    }
  }
  return csvText(ICS214_COLUMNS, rows, { bom: true });
}
