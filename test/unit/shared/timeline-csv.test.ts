/**
 * The timeline by itself as CSV, read back with csv-parse (strict quoting
 * and column counts): one row per entry as the Timeline tab shows it
 * (latest text, struck with its reason, key events, the type and the
 * author's role at the time), times in ISO 8601 in UTC and with the zone's
 * offset, and a hostile incident's text back word for word, formulas made
 * text.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { projectionOf, type IncidentSnapshot } from '../../../src/shared/incident';
import { isoLocal, isoUtc, TIMELINE_COLUMNS, timelineCsv } from '../../../src/shared/report/timeline-csv';
import { FIXTURE_T0, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../../fixtures/postmortem/incident';

type Row = Record<(typeof TIMELINE_COLUMNS)[number], string>;

function readCsv(text: string): Row[] {
  expect(text.startsWith('\uFEFF'), 'a byte-order mark, for spreadsheets').toBe(true);
  const [head, ...rows] = parse(text, { bom: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false }) as string[][];
  expect(head).toEqual([...TIMELINE_COLUMNS]);
  return rows.map((r) => Object.fromEntries(TIMELINE_COLUMNS.map((c, i) => [c, r[i]!])) as Row);
}

const plusOne = () => 60;

describe('the timeline as CSV', () => {
  const snapshot = projectionOf(fixtureIncident().doc).snapshot;
  const rows = readCsv(timelineCsv(snapshot, plusOne));
  const entries = snapshot.timeline.toArray().filter((e) => e.kind !== 'amend');

  it('has a row per entry, oldest first, amendments folded into their entries', () => {
    expect(rows).toHaveLength(entries.length);
    expect(rows.map((r) => r['Time (UTC)'])).toEqual(entries.map((e) => isoUtc(e.at)));
    expect(rows.every((r) => r.Incident === '26-Bravo' && r.Drill === 'no')).toBe(true);
  });

  it('times in UTC and local, both ISO 8601', () => {
    expect(rows[0]!['Time (UTC)']).toBe('2026-03-14T09:30:00Z');
    expect(rows[0]!['Time (local)']).toBe('2026-03-14T10:30:00+01:00');
    expect(rows[0]!.Type).toBe('Declared');
    expect(isoLocal(FIXTURE_T0, -330)).toBe('2026-03-14T04:00:00-05:30');
    for (const r of rows) expect(Date.parse(r['Time (local)'])).toBe(Date.parse(r['Time (UTC)']));
  });

  it('shows an edited entry in its latest text, a struck one with its reason, key events marked', () => {
    const edited = rows.find((r) => r.Text.startsWith('Error rate on checkout-api'))!;
    expect(edited).toMatchObject({ Text: 'Error rate on checkout-api at 42% in eu-west-1, from the edge dashboard', Edited: 'yes', Author: 'Cal Scribe', 'Role at the time': 'Scribe', Type: 'Note' });
    expect(rows.find((r) => r.Text === 'Disk full on orders-db')!['Struck through']).toBe('That was the staging cluster');
    expect(rows.filter((r) => r['Key event'] === 'yes').map((r) => r.Type)).toEqual(['Severity', 'Decision']);
    expect(rows.filter((r) => r.Type === 'Phase').map((r) => [r['Role at the time'], r.Author])).toEqual([
      ['Incident Commander', 'Ada Lovelace'],
      ['Incident Commander', 'Ada Lovelace'],
      ['Incident Commander', 'Ada Lovelace'],
      ['Incident Commander', 'Grace Hopper'],
    ]);
  });

  it('carries what each update sent, word for word', () => {
    const sent = rows.filter((r) => r['Message sent']);
    expect(sent.map((r) => r['Message sent'])[1]).toBe('We are investigating a problem with checkout.\nNext update: in 20 minutes.');
  });

  it('a drill says so on every row', () => {
    const drill: IncidentSnapshot = { ...snapshot, header: { ...snapshot.header!, drill: true } };
    expect(readCsv(timelineCsv(drill, plusOne)).every((r) => r.Drill === 'yes')).toBe(true);
  });

  it('brings hostile text back as typed, on its own row, formulas made text', () => {
    const hostile = projectionOf(fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '=cmd|26-Bravo' }).doc).snapshot;
    const back = readCsv(timelineCsv(hostile, plusOne));
    expect(back).toHaveLength(hostile.timeline.toArray().filter((e) => e.kind !== 'amend').length);
    expect(back.every((r) => r.Incident === "'=cmd|26-Bravo")).toBe(true);
    const edited = back.find((r) => r.Edited === 'yes')!;
    expect(edited.Text).toBe(HOSTILE('Error rate on checkout-api at 42% in eu-west-1, from the edge dashboard'));
    expect(edited.Author).toBe(HOSTILE_NAME('Cal Scribe'));
    for (const r of back) for (const field of Object.values(r)) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });
});
