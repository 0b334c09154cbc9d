/**
 * A stakeholder update (or CAN report, or closing notice) in the markup of
 * the tools it is posted to. The drafts (updates.ts) are plain text that
 * reads well as it is: a title line, then lines that start with a label
 * ("Impact: …") or a dash. Each format reads the text into those lines
 * once (readUpdate) and writes them in its own markup:
 *
 * - Markdown: the title and each label in bold, dashes as a list, every
 *   other character that Markdown reads escaped with a backslash;
 * - Slack mrkdwn, for a webhook, a workflow or an app (Slack's message box
 *   takes plain text): `*bold*`, `•` items, and `&`, `<` and `>` written
 *   as `&amp;`, `&lt;` and `&gt;`, as Slack's formatting reference asks,
 *   since `<…>` is how mrkdwn writes a link or a mention (`<!channel>`,
 *   `<@U123>`, `<https://…|text>`): escaped, a typed one shows as text.
 *   mrkdwn has no escape for `*`, `_`, `~` or backticks; typed, they can
 *   only change emphasis, never notify or link, so they are left as typed.
 * - Microsoft Teams, which renders a subset of Markdown in messages (bold,
 *   italic, lists, links) and reads `<…>` as its HTML subset (`<at>` is a
 *   mention): the Markdown, with `&`, `<` and `>` as HTML entities.
 *
 * A drill's update starts with a line that says so, in every format.
 */

export type UpdateFormat = 'text' | 'markdown' | 'slack' | 'teams';

export const UPDATE_FORMATS: readonly UpdateFormat[] = ['text', 'markdown', 'slack', 'teams'];

export const UPDATE_FORMAT_LABELS: Record<UpdateFormat, string> = {
  text: 'plain text',
  markdown: 'Markdown',
  slack: 'Slack mrkdwn',
  teams: 'Microsoft Teams text',
};

/** The line a drill's update starts with, so a practice message is never read as a real one. */
export const DRILL_LINE = 'DRILL: this is a practice incident, not a real one.';

/** One line of an update, as its plain text reads. */
export type UpdateLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'item'; readonly text: string; readonly nested: boolean }
  | { readonly kind: 'label'; readonly label: string; readonly rest: string }
  | { readonly kind: 'plain'; readonly text: string };

/** The lines of an update's text: the first line is its title; dashes are items (indented ones under the item above); "Label: …" a labelled line. */
export function readUpdate(text: string): UpdateLine[] {
  const out: UpdateLine[] = [];
  let title = true;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) out.push({ kind: 'blank' });
    else if (title) {
      out.push({ kind: 'title', text: trimmed });
      title = false;
    } else {
      const item = /^[-•*]\s+(.*)$/.exec(trimmed);
      const label = /^([A-Z][A-Za-z ]{1,40}):(\s|$)(.*)$/.exec(trimmed);
      if (item) out.push({ kind: 'item', text: item[1]!, nested: /^\s{2,}/.test(line) });
      else if (label) out.push({ kind: 'label', label: label[1]!, rest: label[3] ?? '' });
      else out.push({ kind: 'plain', text: trimmed });
    }
  }
  return out;
}

/** Characters that would change a Markdown line's meaning. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|~#])/g, '\\$1');
}

/** Markdown joins adjacent lines into one paragraph: a blank line keeps each line its own, except inside a list. */
function paragraphs(out: readonly string[]): string {
  const joined: string[] = [];
  const isItem = (l: string | undefined) => l !== undefined && /^\s*- /.test(l);
  out.forEach((line, i) => {
    const prev = out[i - 1];
    if (i > 0 && line !== '' && prev !== '' && !(isItem(line) && isItem(prev))) joined.push('');
    joined.push(line);
  });
  return joined.join('\n');
}

/** Markdown with the given escape for text (Teams swaps `<`, `>` and `&` for entities). */
function markdownWith(lines: readonly UpdateLine[], escape: (text: string) => string): string {
  const out = lines.map((line) => {
    switch (line.kind) {
      case 'blank':
        return '';
      case 'title':
        return `**${escape(line.text)}**`;
      case 'item':
        return `${line.nested ? '  ' : ''}- ${escape(line.text)}`;
      case 'label':
        return `**${escape(line.label)}:**${line.rest ? ` ${escape(line.rest)}` : ''}`;
      case 'plain':
        // Keep a leading number from turning into a list.
        return escape(line.text).replace(/^(\d+)\.(\s)/, '$1\\.$2');
    }
  });
  return paragraphs(out);
}

/** The update as Markdown: the title in bold, each "Label:" in bold, dashes as a list, everything else escaped so it reads as written. */
export function toMarkdown(text: string): string {
  return markdownWith(readUpdate(text), escapeMarkdown);
}

/** Slack's three control characters, as its formatting reference says to write them. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The update as Slack mrkdwn: line breaks are kept as they are, so no blank lines are added. */
export function toSlack(text: string): string {
  return readUpdate(text)
    .map((line) => {
      switch (line.kind) {
        case 'blank':
          return '';
        case 'title':
          return `*${escapeSlack(line.text)}*`;
        case 'item':
          return `${line.nested ? '    ◦' : '•'} ${escapeSlack(line.text)}`;
        case 'label':
          return `*${escapeSlack(line.label)}:*${line.rest ? ` ${escapeSlack(line.rest)}` : ''}`;
        case 'plain':
          return escapeSlack(line.text);
      }
    })
    .join('\n');
}

/** Markdown escapes, with the characters Teams reads as HTML written as entities (a backslash does not stop its HTML). */
function escapeTeams(text: string): string {
  return text
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The update as Microsoft Teams message text. */
export function toTeams(text: string): string {
  return markdownWith(readUpdate(text), escapeTeams);
}

/** The update in a format, marked first when it comes from a drill. */
export function formatUpdate(text: string, format: UpdateFormat, { drill }: { readonly drill: boolean }): string {
  switch (format) {
    case 'text':
      return drill ? `${DRILL_LINE}\n${text}` : text;
    case 'markdown':
      return drill ? `**${escapeMarkdown(DRILL_LINE)}**\n\n${toMarkdown(text)}` : toMarkdown(text);
    case 'slack':
      return drill ? `*${escapeSlack(DRILL_LINE)}*\n${toSlack(text)}` : toSlack(text);
    case 'teams':
      return drill ? `**${escapeTeams(DRILL_LINE)}**\n\n${toTeams(text)}` : toTeams(text);
  }
}
