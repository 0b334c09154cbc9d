/**
 * The postmortem as one self-contained HTML file: to open in any browser,
 * attach to an e-mail, or print. It holds everything it shows (its style
 * inline; no script, no font, no image, no link out), and its own
 * Content-Security-Policy forbids loading anything, so opening it makes no
 * network request even if something slipped in. Every string is escaped
 * (the five characters HTML gives meaning to), so what people typed is
 * shown as text, whatever it holds.
 *
 * Light on white, for reading and printing; a print style keeps table rows
 * and headings with what follows them, and repeats table headers.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { STATUS_PHASE_LABELS, UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS } from '../incident/status-schema';
import { formatYmd } from '../ics/business-days';
import { LAYOUTS, SECTION_PROMPTS, type FactBlock, type LayoutBlock } from './postmortem-layouts';
import { formatDuration, phaseFigures, utcClockSecond, utcSecond, utcStamp, utcStampSecond, utcTime, utcTimeSecond } from './postmortem-draft';
import { postmortemFacts, type PostmortemFacts } from './postmortem-facts';
import { metaLines, recordSentence, reportingText, rolesText, textBlocks, type ExportOptions } from './report-parts';
import { byline } from '../incident/schema';

export const HTML_MIME = 'text/html';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
const HTML_SYNTAX = /[&<>"']/;

export function esc(text: string): string {
  return HTML_SYNTAX.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1d22; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 0.8rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #d8dbe2; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
p { margin: 0.4rem 0; }
ul, ol { margin: 0.4rem 0; padding-left: 1.4rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 1rem; padding: 0.7rem 1rem; background: #f4f5f8; border-radius: 6px; }
.meta dt { font-weight: 600; color: #4a4f5c; }
.meta dd { margin: 0; }
.blank { color: #6a6f7c; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 0.4rem 0; font-size: 0.9rem; }
/* Words stay whole (a column is at least its longest word wide); a table wider than a phone scrolls in its own box, never the page. */
.table { overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e1e4ea; overflow-wrap: break-word; }
td.text { overflow-wrap: anywhere; }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: #4a4f5c; }
td.time { white-space: nowrap; overflow-wrap: normal; font-variant-numeric: tabular-nums; }
td.time span { white-space: nowrap; }
/* Names and labels break only between words: a squeezed column grows to its longest word instead of splitting "Lovelace" into "Lovel-ace". */
td.name, td.label { overflow-wrap: normal; word-break: normal; hyphens: none; }
tr.key td, tr.milestone td { background: #fff7e6; }
td.mark { color: #b26a00; width: 1.2rem; }
blockquote { margin: 0.3rem 0 0.6rem; padding: 0.3rem 0.8rem; border-left: 3px solid #d8dbe2; white-space: pre-wrap; color: #333; }
.outcome { font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 0 0.35rem; border: 1px solid #c4c8d2; border-radius: 3px; }
footer { margin-top: 2.5rem; font-size: 0.8rem; color: #6a6f7c; }
/* On a phone, a date and its time go on two lines, so five columns fit without the page scrolling sideways. */
@media (max-width: 40rem) {
  body { padding: 1.2rem 0.8rem 2rem; }
  th, td { padding: 0.25rem 0.3rem; }
  td.time { white-space: normal; }
  /* The timeline's rows stack: when, what and by whom on one line, the entry below at full width, so its words are never split. */
  table.timeline thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.timeline tr { display: grid; grid-template-columns: max-content 1.2rem max-content 1fr; border-bottom: 1px solid #e1e4ea; padding: 0.2rem 0; }
  table.timeline td { border: 0; }
  table.timeline td.time { white-space: nowrap; }
  table.timeline td.name { grid-row: 1; grid-column: 4; text-align: right; }
  table.timeline td.text { grid-row: 2; grid-column: 1 / -1; overflow-wrap: break-word; }
}
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, blockquote, .meta { break-inside: avoid; page-break-inside: avoid; }
  .table { overflow: visible; }
  thead { display: table-header-group; }
  tr.key td, tr.milestone td, .meta { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/** Forbids every fetch: the file shows only what it holds. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function section(text: string, prompt: string): string {
  if (!text.trim()) return `<p class="blank">Not written yet. ${esc(prompt)}</p>`;
  return textBlocks(text)
    .map((b) => (b.kind === 'list' ? `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : `<p>${b.lines.map(esc).join('<br>')}</p>`))
    .join('\n');
}

function table(head: readonly string[], rows: readonly string[], className?: string): string {
  return `<div class="table"><table${className ? ` class="${className}"` : ''}><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

/** A cell; a time's date and clock are kept whole each ("2026-03-14", "09:30:07"), so a narrow column breaks only between them. */
const td = (text: string, className?: string) =>
  className === 'time'
    ? `<td class="time">${text
        .split(' ')
        .map((part) => `<span>${esc(part)}</span>`)
        .join(' ')}</td>`
    : `<td${className ? ` class="${className}"` : ''}>${esc(text)}</td>`;

function facts(fact: FactBlock, f: PostmortemFacts): string {
  switch (fact) {
    case 'severities':
      return table(
        ['Severity', 'From (UTC)', 'To (UTC)', 'For'],
        f.incident.severities.map((p) => `<tr>${td(p.severity)}${td(utcStamp(p.from), 'time')}${td(utcStamp(p.to), 'time')}${td(formatDuration(p.to - p.from))}</tr>`),
      );
    case 'phases': {
      if (!f.incident.phases.length) return '<p class="blank">The phase was not logged while it changed (an incident kept by an earlier version).</p>';
      const figures = phaseFigures(f.incident);
      const head = figures.length
        ? `<p>From the declaration at ${esc(utcTime(f.incident.declaredAt))}:</p><ul>${figures.map((x) => `<li><strong>${esc(x.label)}:</strong> ${esc(x.value)} (${esc(x.detail)})</li>`).join('')}</ul>`
        : '<p class="blank">No change of phase tells when the cause was identified or the fix was in.</p>';
      return (
        head +
        table(
          ['Phase', 'From (UTC)', 'To (UTC)', 'For'],
          f.incident.phases.map((p) => `<tr>${td(STATUS_PHASE_LABELS[p.phase])}${td(utcStamp(p.from), 'time')}${td(utcStamp(p.to), 'time')}${td(formatDuration(p.to - p.from))}</tr>`),
        )
      );
    }
    case 'responders':
      if (!f.responders.length) return '<p class="blank">Nobody checked in.</p>';
      return table(
        ['Name', 'Team', 'Roles (UTC)', 'Reported to (UTC)', 'Checked in (UTC)', 'Released (UTC)', 'Entries'],
        f.responders.map((r) => {
          const roles = rolesText(r);
          return `<tr>${td(r.name, 'name')}${td(r.team)}${td(roles || (r.checkedInAt === null ? 'did not check in' : 'staging'))}${td(reportingText(r))}${td(r.checkedInAt === null ? '' : utcClockSecond(r.checkedInAt), 'time')}${td(r.releasedAt === null ? '' : utcClockSecond(r.releasedAt), 'time')}${td(String(r.entries))}</tr>`;
        }),
      );
    case 'timeline': {
      const note = `<p>Facts in the order they happened. ★ marks a key event, ◆ a milestone.${f.struck ? ` ${f.struck} struck-through entr${f.struck === 1 ? 'y is' : 'ies are'} left out.` : ''}</p>`;
      const rows = f.timeline.map((t) => {
        const kind = t.key ? ' class="key"' : t.milestone ? ' class="milestone"' : '';
        const mark = t.key ? '<td class="mark" title="key event">★</td>' : t.milestone ? '<td class="mark" title="milestone">◆</td>' : '<td class="mark"></td>';
        return `<tr${kind}>${td(utcSecond(t.at), 'time')}${mark}${td(t.label, 'label')}<td class="text">${esc(t.text)}${t.edited ? ' <em>(edited)</em>' : ''}</td>${td(t.author, 'name')}</tr>`;
      });
      return note + table(['Time (UTC)', '', 'What', 'Entry', 'By'], rows, 'timeline');
    }
    case 'decisions':
      if (!f.decisions.length) return '<p class="blank">No decisions were proposed or logged.</p>';
      return `<ul>${f.decisions
        .map((d) => {
          const outcome = { adopted: 'Adopted', withdrawn: 'Withdrawn', open: 'Never decided', logged: 'Logged' }[d.outcome];
          const extra = [d.objections.length ? `objections: ${d.objections.join('; ')}` : '', d.note ? `note: ${d.note}` : ''].filter(Boolean).join('; ');
          return `<li><strong>${esc(utcTimeSecond(d.at))}</strong> <span class="outcome">${esc(outcome)}</span> ${esc(d.text)} (${esc(d.by)}${extra ? `; ${esc(extra)}` : ''})</li>`;
        })
        .join('\n')}</ul>`;
    case 'action-items':
      if (!f.actionItems.length) return '<p class="blank">No action items.</p>';
      return table(
        ['', 'Action item', 'Owner', 'Due', 'Done'],
        f.actionItems.map((a, n) => `<tr>${td(String(n + 1))}${td(a.text)}${td(a.owner || 'nobody yet')}${td(a.dueDate ? formatYmd(a.dueDate) : '')}${td(a.done ? 'yes' : 'no')}</tr>`),
      );
    case 'updates':
      if (!f.updates.length) return '<p class="blank">No update was sent during the incident.</p>';
      return `<ul>${f.updates
        .map((u) => {
          const what = u.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[u.audience]}: ${UPDATE_TEMPLATE_LABELS[u.template]}`;
          return `<li><strong>${esc(utcStampSecond(u.at))}</strong> ${esc(what)} (${esc(byline(u))})<blockquote>${esc(u.body)}</blockquote></li>`;
        })
        .join('\n')}</ul>`;
  }
}

export function postmortemHtml(snapshot: IncidentSnapshot, options: ExportOptions, given?: PostmortemFacts): string {
  const f = given ?? postmortemFacts(snapshot, options.exportedAt);
  const pm = snapshot.postmortem;
  const title = `Postmortem: ${f.incident.name}`;
  const body: string[] = [
    `<h1>${esc(title)}</h1>`,
    `<dl class="meta">${metaLines(f, pm, options)
      .map((m) => `<dt>${esc(m.label)}</dt><dd>${esc(m.value)}</dd>`)
      .join('')}</dl>`,
  ];
  const walk = (blocks: readonly LayoutBlock[], level: 2 | 3) => {
    for (const b of blocks) {
      if (b.kind === 'group') {
        body.push(`<section><h${level}>${esc(b.title)}</h${level}>`);
        walk(b.children, 3);
        body.push('</section>');
        continue;
      }
      body.push(`<section><h${level}>${esc(b.title)}</h${level}>`);
      body.push(b.kind === 'text' ? section(pm.sections[b.section].text, SECTION_PROMPTS[b.section]) : facts(b.fact, f));
      body.push('</section>');
    }
  };
  walk(LAYOUTS[pm.layout], 2);
  const record = recordSentence(options.record);
  body.push(`<footer>Written with Command Post. Blameless: it asks what happened and how, never who. Times are UTC.${record ? `<p class="record">${esc(record)}</p>` : ''}</footer>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
