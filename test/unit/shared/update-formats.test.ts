/**
 * A stakeholder update as Slack mrkdwn and as Microsoft Teams text (and the
 * Markdown they share a reading with). Slack: read back by Slack's own
 * rules (every `<…>` is a link, a mention or a command; `&amp;`, `&lt;`,
 * `&gt;` are its only escapes), a typed `<!channel>`, `<@U123>` or link is
 * never one, and the text comes back word for word. Teams: read by
 * markdown-it with HTML on (Teams reads its HTML subset in a message), no
 * tag, link or emphasis that was typed survives, and the text comes back.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { DRILL_LINE, formatUpdate, readUpdate, toMarkdown, toSlack, toTeams } from '../../../src/shared/report/update-formats';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const UPDATE = [
  '26-Bravo (SEV-1): update',
  'Impact: about a third of EU checkouts fail',
  'Current objectives:',
  '- Restore checkout in the EU',
  '  - Fail over orders-db',
  '',
  'Next update: by 14:35 UTC (in 20 minutes).',
].join('\n');

const HOSTILE = [
  'Heads up <!channel> & <!here|here> <@U123ABC> <#C42> & <!subteam^S1>',
  'Impact: <https://evil.example|Reset your password> &amp; &lt;b&gt; *not bold* _nor italic_ ~x~ `y`',
  '- <at>Everyone</at> <script>alert(1)</script> [l](javascript:x) # h | a > b < c',
  '1. not a list, & "quoted"',
].join('\n');

/** Slack's reading of mrkdwn: each `<…>` a control sequence; entities decoded. */
function slackControls(text: string): string[] {
  return [...text.matchAll(/<([^>]*)>/g)].map((m) => m[1]!);
}
const slackDecode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What each line says once Slack has drawn it: the markup of ours taken off, entities decoded. */
function slackLines(mrkdwn: string): string[] {
  return mrkdwn.split('\n').map((line) =>
    slackDecode(
      line
        .replace(/^\*(.*)\*$/, '$1')
        .replace(/^\*([^*]+):\*/, '$1:')
        .replace(/^(?: {4}◦|•) /, '- '),
    ),
  );
}

describe('Slack mrkdwn', () => {
  it('bold title and labels, bullets for dashes, line breaks as they are', () => {
    expect(toSlack(UPDATE)).toBe(
      ['*26-Bravo (SEV-1): update*', '*Impact:* about a third of EU checkouts fail', '*Current objectives:*', '• Restore checkout in the EU', '    ◦ Fail over orders-db', '', '*Next update:* by 14:35 UTC (in 20 minutes).'].join('\n'),
    );
  });

  it('a typed mention, broadcast, channel or link never becomes one; & < > are escaped; the words come back', () => {
    const out = toSlack(HOSTILE);
    expect(slackControls(out)).toEqual([]);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;@U123ABC&gt;');
    expect(out).toContain('&amp;amp;');
    const typed = HOSTILE.split('\n').map((l) => l.trim());
    expect(slackLines(out)).toEqual(typed);
  });

  it('a drill starts with a line saying so', () => {
    const out = formatUpdate(UPDATE, 'slack', { drill: true });
    expect(out.split('\n')[0]).toBe(`*${DRILL_LINE}*`);
    expect(out.split('\n')[1]).toBe('*26-Bravo (SEV-1): update*');
  });
});

/** The text a reader sees in an inline token (escapes and entities resolved). */
const textOf = (inline: Token) => (inline.children ?? []).map((c) => c.content).join('');

describe('Microsoft Teams text', () => {
  const md = new MarkdownIt({ html: true, linkify: false });

  it('reads as the same Markdown as Copy Markdown, with a paragraph per line and the list kept together', () => {
    expect(toTeams(UPDATE)).toBe(toMarkdown(UPDATE));
    const tokens = md.parse(toTeams(UPDATE), {});
    expect(tokens.filter((t) => t.type === 'paragraph_open')).toHaveLength(6);
    expect(tokens.filter((t) => t.type === 'bullet_list_open')).toHaveLength(2);
  });

  it('typed HTML (an <at> mention included), links and emphasis show as text; the words come back', () => {
    const out = toTeams(HOSTILE);
    expect(out).not.toMatch(/[<>]/);
    const tokens = md.parse(out, {});
    const inline = tokens.filter((t) => t.type === 'inline');
    const kinds = new Set(inline.flatMap((t) => (t.children ?? []).map((c) => c.type)));
    for (const forbidden of ['html_inline', 'link_open', 'em_open', 's_open', 'code_inline']) expect(kinds.has(forbidden), forbidden).toBe(false);
    expect(tokens.some((t) => t.type === 'html_block' || t.type === 'ordered_list_open' || t.type === 'heading_open')).toBe(false);
    // Ours: the title and the label in bold, the dash as a list item.
    expect(inline.map(textOf)).toEqual(HOSTILE.split('\n').map((l) => l.replace(/^- /, '')));
  });

  it('a drill starts with a paragraph saying so', () => {
    const tokens = md.parse(formatUpdate(UPDATE, 'teams', { drill: true }), {});
    expect(textOf(tokens.find((t) => t.type === 'inline')!)).toBe(DRILL_LINE);
  });
});

describe('every format', () => {
  it('plain text is the text as written, a drill line first', () => {
    expect(formatUpdate(UPDATE, 'text', { drill: false })).toBe(UPDATE);
    expect(formatUpdate(UPDATE, 'text', { drill: true })).toBe(`${DRILL_LINE}\n${UPDATE}`);
    expect(formatUpdate(UPDATE, 'markdown', { drill: true }).split('\n')[0]).toBe(`**${DRILL_LINE}**`);
  });

  it('reads the lines once: title, labels, items (nested under the one above), plain lines', () => {
    expect(readUpdate('T\nImpact: x\n- a\n  - b\n\nplain').map((l) => l.kind)).toEqual(['title', 'label', 'item', 'item', 'blank', 'plain']);
    expect(readUpdate('T\r\n  - b')[1]).toEqual({ kind: 'item', text: 'b', nested: true });
  });
});
