/**
 * The postmortem as Markdown (CommonMark with GitHub's tables), in its
 * layout's order: for a wiki, a repository or a chat tool. Everything
 * people typed is escaped so it reads exactly as written: a name with an
 * asterisk stays a name, "<b>" stays five characters, a line starting with
 * "#" is not a heading. Only a section's own "- " lines become a list.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { STATUS_PHASE_LABELS, UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS } from '../incident/status-schema';
import { formatYmd } from '../ics/business-days';
import { LAYOUTS, SECTION_PROMPTS, type FactBlock, type LayoutBlock } from './postmortem-layouts';
import { formatDuration, phaseFigures, utcClockSecond, utcSecond, utcStamp, utcStampSecond, utcTime, utcTimeSecond } from './postmortem-draft';
import { postmortemFacts, type PostmortemFacts } from './postmortem-facts';
import { metaLines, recordSentence, reportingText, rolesText, textBlocks, type ExportOptions } from './report-parts';
import { byline } from '../incident/schema';

export const MARKDOWN_MIME = 'text/markdown';

const MARKDOWN_SYNTAX = /[\\`*_[\]{}<>|~#&!]|^\s*[-+=>]|^\s*\d+[.)]/m;

/** Escapes text so Markdown shows it as written. */
export function mdEscape(text: string): string {
  // Most entries hold nothing to escape: one test instead of three replacements.
  if (!MARKDOWN_SYNTAX.test(text)) return text;
  return text
    .replace(/([\\`*_[\]{}<>|~#&!])/g, '\\$1')
    .replace(/^(\s*)([-+=>])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** One table cell: escaped, on one line. */
function cell(text: string): string {
  return mdEscape(text.includes('\n') || text.includes('\r') ? text.replace(/\s*[\r\n]+\s*/g, ' / ') : text);
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function section(text: string, prompt: string): string {
  if (!text.trim()) return `_Not written yet. ${mdEscape(prompt)}_`;
  return textBlocks(text)
    .map((b) => (b.kind === 'list' ? b.items.map((i) => `- ${mdEscape(i)}`).join('\n') : b.lines.map(mdEscape).join('  \n')))
    .join('\n\n');
}

function facts(fact: FactBlock, f: PostmortemFacts): string {
  switch (fact) {
    case 'severities':
      return table(
        ['Severity', 'From (UTC)', 'To (UTC)', 'For'],
        f.incident.severities.map((p) => [p.severity, utcStamp(p.from), utcStamp(p.to), formatDuration(p.to - p.from)]),
      );
    case 'phases': {
      if (!f.incident.phases.length) return '_The phase was not logged while it changed (an incident kept by an earlier version)._';
      const figures = phaseFigures(f.incident);
      const head = figures.length
        ? `From the declaration at ${utcTime(f.incident.declaredAt)}:\n\n${figures.map((x) => `- **${x.label}:** ${x.value} (${x.detail})`).join('\n')}`
        : '_No change of phase tells when the cause was identified or the fix was in._';
      return `${head}\n\n${table(
        ['Phase', 'From (UTC)', 'To (UTC)', 'For'],
        f.incident.phases.map((p) => [STATUS_PHASE_LABELS[p.phase], utcStamp(p.from), utcStamp(p.to), formatDuration(p.to - p.from)]),
      )}`;
    }
    case 'responders':
      if (!f.responders.length) return '_Nobody checked in._';
      return table(
        ['Name', 'Team', 'Roles (UTC)', 'Reported to (UTC)', 'Checked in (UTC)', 'Released (UTC)', 'Entries'],
        f.responders.map((r) => [
          cell(r.name),
          cell(r.team),
          cell(rolesText(r)) || (r.checkedInAt === null ? 'did not check in' : 'staging'),
          cell(reportingText(r)),
          r.checkedInAt === null ? '' : utcClockSecond(r.checkedInAt),
          r.releasedAt === null ? '' : utcClockSecond(r.releasedAt),
          String(r.entries),
        ]),
      );
    case 'timeline': {
      const note = `Facts in the order they happened. ★ marks a key event, ◆ a milestone.${f.struck ? ` ${f.struck} struck-through entr${f.struck === 1 ? 'y is' : 'ies are'} left out.` : ''}`;
      return `${note}\n\n${table(
        ['Time (UTC)', '', 'What', 'Entry', 'By'],
        f.timeline.map((t) => [utcSecond(t.at), t.key ? '★' : t.milestone ? '◆' : '', cell(t.label), cell(t.text) + (t.edited ? ' _(edited)_' : ''), cell(t.author)]),
      )}`;
    }
    case 'decisions':
      if (!f.decisions.length) return '_No decisions were proposed or logged._';
      return f.decisions
        .map((d) => {
          const outcome = { adopted: 'Adopted', withdrawn: 'Withdrawn', open: 'Never decided', logged: 'Logged' }[d.outcome];
          const extra = [d.objections.length ? `objections: ${d.objections.join('; ')}` : '', d.note ? `note: ${d.note}` : ''].filter(Boolean).join('; ');
          return `- **${utcTimeSecond(d.at)}** ${outcome}: ${cell(d.text)} (${cell(d.by)}${extra ? `; ${cell(extra)}` : ''})`;
        })
        .join('\n');
    case 'action-items':
      if (!f.actionItems.length) return '_No action items._';
      return table(
        ['', 'Action item', 'Owner', 'Due', 'Done'],
        f.actionItems.map((a, n) => [String(n + 1), cell(a.text), cell(a.owner) || '_nobody yet_', a.dueDate ? formatYmd(a.dueDate) : '', a.done ? 'yes' : 'no']),
      );
    case 'updates':
      if (!f.updates.length) return '_No update was sent during the incident._';
      return f.updates
        .map((u) => {
          const what = u.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[u.audience]}: ${UPDATE_TEMPLATE_LABELS[u.template]}`;
          const body = u.body
            .replace(/\r\n?/g, '\n')
            .split('\n')
            .map((l) => `  > ${mdEscape(l)}`)
            .join('\n');
          return `- **${utcStampSecond(u.at)}** ${what} (${cell(byline(u))})\n\n${body}`;
        })
        .join('\n\n');
  }
}

export function postmortemMarkdown(snapshot: IncidentSnapshot, options: ExportOptions, given?: PostmortemFacts): string {
  const f = given ?? postmortemFacts(snapshot, options.exportedAt);
  const pm = snapshot.postmortem;
  const out: string[] = [`# Postmortem: ${mdEscape(f.incident.name)}`, metaLines(f, pm, options).map((m) => `- **${m.label}:** ${cell(m.value)}`).join('\n')];
  const walk = (blocks: readonly LayoutBlock[], depth: number) => {
    for (const b of blocks) {
      out.push(`${'#'.repeat(depth)} ${b.title}`);
      if (b.kind === 'group') walk(b.children, depth + 1);
      else if (b.kind === 'text') out.push(section(pm.sections[b.section].text, SECTION_PROMPTS[b.section]));
      else out.push(facts(b.fact, f));
    }
  };
  walk(LAYOUTS[pm.layout], 2);
  const record = recordSentence(options.record);
  if (record) out.push('---', `_${mdEscape(record)}_`);
  return `${out.join('\n\n')}\n`;
}
