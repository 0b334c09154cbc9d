/**
 * Golden files: every format of the postmortem, written from the fixture
 * incident (a fixed clock and ids), compared byte for byte with
 * test/fixtures/postmortem/golden/. A change to a format shows up here as
 * a diff to read; `UPDATE_GOLDEN=1 npx vitest run <this file>` rewrites them.
 *
 * Then the same incident with HTML, script, Markdown, CSV and iCalendar
 * syntax in every string a person types: each format must show it as text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { projectionOf, setPostmortemLayout } from '../../../src/shared/incident';
import { meetingCalendar } from '../../../src/shared/report/calendar';
import { csvField } from '../../../src/shared/report/csv';
import { ICS214_COLUMNS, activityLogCsv } from '../../../src/shared/report/ics214';
import { postmortemHtml } from '../../../src/shared/report/postmortem-html';
import { postmortemJson, postmortemJsonSchema } from '../../../src/shared/report/postmortem-json';
import { mdEscape, postmortemMarkdown } from '../../../src/shared/report/postmortem-markdown';
import { FIXTURE_EXPORTED_AT, HOSTILE, HOSTILE_NAME, fixtureIncident } from '../../fixtures/postmortem/incident';

const GOLDEN = join(__dirname, '../../fixtures/postmortem/golden');
const options = { exportedAt: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper' };

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it; read the diff first)`).toBe(readFileSync(path, 'utf8'));
}

function files(layout: 'pagerduty' | 'google', fixture = fixtureIncident()) {
  if (layout === 'google') setPostmortemLayout(fixture.doc, 'google', { actor: 'Grace Hopper', now: () => FIXTURE_EXPORTED_AT, newId: () => 'x' });
  const snapshot = projectionOf(fixture.doc).snapshot;
  return {
    snapshot,
    markdown: postmortemMarkdown(snapshot, options),
    html: postmortemHtml(snapshot, options),
    json: postmortemJson(fixture.doc, options),
    csv: activityLogCsv(snapshot, options),
    ics: meetingCalendar({ header: snapshot.header!, postmortem: snapshot.postmortem, now: FIXTURE_EXPORTED_AT, exportedBy: 'Grace Hopper', overview: snapshot.postmortem.sections.overview.text }),
  };
}

describe('golden files of the fixture incident', () => {
  const pd = files('pagerduty');
  const google = files('google');
  it('Markdown, in both layouts', () => {
    golden('postmortem.pagerduty.md', pd.markdown);
    golden('postmortem.google.md', google.markdown);
  });
  it('HTML, in both layouts', () => {
    golden('postmortem.pagerduty.html', pd.html);
    golden('postmortem.google.html', google.html);
  });
  it('JSON', () => golden('postmortem.json', pd.json));
  it('the ICS 214 activity log (CSV)', () => golden('activity-log.csv', pd.csv));
  it('the meeting (iCalendar)', () => golden('meeting.ics', pd.ics));
  it('the activity log gives a release or a handover out the role it ended, not Staging', () => {
    const rows = readCsv(pd.csv.replace(/^\uFEFF/, ''));
    const row = (name: string, text: RegExp) => rows.find((r) => r[3] === name && text.test(r[7] ?? ''))!;
    expect(row('Jo Kim', /^Jo Kim released/)[4]).toBe('Database SME');
    expect(row('Ada Lovelace', /^Handover: Grace Hopper/)[4]).toBe('Incident Commander');
    expect(row('Grace Hopper', /^Handover: Grace Hopper/)[4]).toBe('Incident Commander');
    expect(row('Cal Scribe', /checked in/)[4]).toBe('Staging');
  });
  it('the activity log lists each change of phase in the log of whoever made it, as Phase, in the role they held', () => {
    const rows = readCsv(pd.csv.replace(/^\uFEFF/, '')).filter((r) => r[8] === 'Phase');
    expect(rows.map((r) => [r[3], r[4], r[6], r[7]])).toEqual([
      ['Ada Lovelace', 'Incident Commander', '2026-03-14 09:54', 'Investigating → Identified'],
      ['Ada Lovelace', 'Incident Commander', '2026-03-14 09:55', 'Identified → Mitigating'],
      ['Ada Lovelace', 'Incident Commander', '2026-03-14 10:00', 'Mitigating → Monitoring'],
      ['Grace Hopper', 'Incident Commander', '2026-03-14 10:26', 'Monitoring → Resolved'],
    ]);
  });
  it('are the same on every run', () => {
    const again = files('pagerduty');
    expect(again.markdown).toBe(pd.markdown);
    expect(again.json).toBe(pd.json);
  });
  it('the JSON Schema in docs/ is the schema the code checks', () => {
    const path = join(__dirname, '../../../docs/postmortem-file.schema.json');
    const schema = `${JSON.stringify(postmortemJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, schema);
    expect(schema).toBe(readFileSync(path, 'utf8'));
  });
});

/** A tiny RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('strings with HTML and script in every field', () => {
  const hostile = files('pagerduty', fixtureIncident({ say: HOSTILE, sayName: HOSTILE_NAME, incidentName: '<b>26</b><script>x</script>' }));

  it('are text in the HTML file: only our own tags, no script, no handler, nothing fetched', () => {
    const html = hostile.html;
    const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
    const names = new Set(tags.map((t) => t[1]!.toLowerCase()));
    for (const name of names) expect(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'section', 'p', 'br', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'span', 'blockquote', 'footer', 'div']).toContain(name);
    for (const [, , attributes] of tags) expect(attributes).not.toMatch(/\b(?:on\w+|src|href|action|srcset|background)\s*=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<title>Postmortem: &lt;b&gt;26&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/url\(|@import|https?:/i);
  });

  it('are text in the Markdown file, as a Markdown renderer (with HTML allowed) shows it', () => {
    const rendered = new MarkdownIt({ html: true, linkify: true }).render(hostile.markdown);
    expect(rendered).not.toMatch(/<(?:script|img|b)[\s>]/i);
    expect(rendered).not.toMatch(/href="javascript:/i);
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;Checkout fails for EU customers');
    // Escaping round-trips: the renderer shows exactly what was typed.
    expect(new MarkdownIt().renderInline(mdEscape('# *b* _i_ [l](javascript:x) <b> & 1. x | ~y~ `c`'))).toBe('# *b* _i_ [l](javascript:x) &lt;b&gt; &amp; 1. x | ~y~ `c`');
  });

  it('are data in the CSV: every row has the ICS 214 columns, and nothing starts like a formula', () => {
    const rows = readCsv(hostile.csv.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...ICS214_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(ICS214_COLUMNS.length);
    for (const row of rows.slice(1)) for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
    expect(rows.some((r) => r[7]!.includes('<script>alert(1)</script>') && r[7]!.includes('"q"'))).toBe(true);
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('-5% errors, "mostly"')).toBe(`"'-5% errors, ""mostly"""`);
  });

  it('are escaped values in the calendar file', () => {
    const lines = hostile.ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines.filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:VCALENDAR', 'BEGIN:VEVENT']);
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toContain('\\;\\,\\\\');
  });
});
