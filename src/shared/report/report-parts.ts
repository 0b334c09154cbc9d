/**
 * What the Markdown and HTML postmortems share: the facts at the top of the
 * document, and how a section's plain text is read into paragraphs and
 * lists (a line starting with "- " or "* " is a list item, a blank line
 * ends a paragraph; nothing else in the text is markup, whatever it looks
 * like).
 */
import { POSTMORTEM_LAYOUT_LABELS, POSTMORTEM_STATUS_LABELS, type PostmortemDoc } from '../incident/postmortem-schema';
import { formatYmd } from '../ics/business-days';
import { formatDuration, utcClockSecond, utcStamp } from './postmortem-draft';
import type { PostmortemFacts, ResponderFacts } from './postmortem-facts';

export interface ExportOptions {
  /** When the file is made (ms since epoch). */
  readonly exportedAt: number;
  /** Who makes it (display name; may be empty). */
  readonly exportedBy: string;
  /** The verified record behind it (a signed incident): its fingerprint ends the Markdown and HTML. */
  readonly record?: VerifiedRecord | null;
}

/** What a reader needs to check a postmortem against its record (../trust/fingerprint.ts). */
export interface VerifiedRecord {
  readonly fingerprint: string;
  readonly verified: number;
  readonly refused: number;
  readonly members: number;
}

/** The closing line about the record, in plain words; null for an unsigned incident. */
export function recordSentence(record: VerifiedRecord | null | undefined): string | null {
  if (!record) return null;
  const refused = record.refused ? ` ${record.refused} refused ${record.refused === 1 ? 'entry is' : 'entries are'} left out.` : '';
  return `Record fingerprint ${record.fingerprint}: ${record.verified} ${record.verified === 1 ? 'entry' : 'entries'}, each signed by its author (${record.members} ${record.members === 1 ? 'member' : 'members'}).${refused} Check the incident or JSON file with npm run verify.`;
}

export interface MetaLine {
  readonly label: string;
  readonly value: string;
}

/** The facts a reader wants before the first section. */
export function metaLines(facts: PostmortemFacts, pm: PostmortemDoc, options: ExportOptions): MetaLine[] {
  const i = facts.incident;
  const lines: MetaLine[] = [
    { label: 'Postmortem owner', value: pm.owner ?? 'Not assigned yet' },
    { label: 'Due', value: pm.dueDate ? formatYmd(pm.dueDate) : 'Not set' },
    { label: 'Meeting', value: pm.meeting ? `${utcStamp(pm.meeting.at)}, ${pm.meeting.minutes} min${pm.meeting.where ? `, ${pm.meeting.where}` : ''}` : 'Not scheduled' },
    { label: 'Status', value: POSTMORTEM_STATUS_LABELS[pm.status] },
    { label: 'Incident', value: `${i.name}${i.formerNames.length ? ` (formerly ${i.formerNames.join(', ')})` : ''}${i.drill ? ' (drill)' : ''}: ${i.synopsis}` },
    { label: 'Severity', value: i.worstSeverity === i.severity ? i.severity : `${i.severity} at the end, ${i.worstSeverity} at worst` },
    { label: 'Declared', value: `${utcStamp(i.declaredAt)} by ${i.declaredBy}` },
    { label: 'Ended', value: i.endedAt === null ? 'Not yet' : `${utcStamp(i.endedAt)} by ${i.endedBy ?? ''}` },
    { label: 'Duration', value: `${formatDuration(i.durationMs)}${i.endedAt === null ? ' so far' : ''}` },
  ];
  if (pm.where) lines.push({ label: 'Shared at', value: pm.where });
  lines.push({ label: 'Layout', value: `${POSTMORTEM_LAYOUT_LABELS[pm.layout]}; exported ${utcStamp(options.exportedAt)}${options.exportedBy ? ` by ${options.exportedBy}` : ''}` });
  return lines;
}

export type TextBlock = { readonly kind: 'paragraph'; readonly lines: readonly string[] } | { readonly kind: 'list'; readonly items: readonly string[] };

/** A section's text as paragraphs (consecutive lines) and lists (consecutive "- " lines). */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] | null = null;
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', items: list });
    paragraph = null;
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    const item = /^[-*•]\s+(.*)$/.exec(line);
    if (item) {
      if (paragraph) flush();
      (list ??= []).push(item[1]!);
    } else {
      if (list) flush();
      (paragraph ??= []).push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * Whom a responder reported to, from the chart at each moment: "Sam Ortiz,
 * Network Team Lead (09:31:05–10:02:11); Ana Ruiz, LAN Team Lead
 * (10:02:11–end)". Empty for the IC and for whoever held no role.
 */
export function reportingText(r: ResponderFacts): string {
  return r.reportsTo.map((l) => `${l.lead}, ${l.leadRole} (${utcClockSecond(l.from)}–${l.to === null ? 'end' : utcClockSecond(l.to)})`).join('; ');
}

/** What a responder's roles column says: each role with when it was held. */
export function rolesText(r: ResponderFacts): string {
  return r.roles.map((x) => `${x.title} (${utcClockSecond(x.from)}–${x.to === null ? 'end' : utcClockSecond(x.to)})`).join('; ');
}
