/**
 * The action items out to GitHub, GitLab and Jira (CSV, read back with
 * csv-parse, strict about quoting and column counts) and as a Markdown task
 * list (read back with markdown-it): the fixture incident's items round
 * trip, and items written by a hostile peer (quotes, commas, line breaks,
 * formulas, markup, quick actions) come back as text, never as a formula,
 * a second row, a second list item or a command.
 */
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { projectionOf, type ActionItem, type IncidentSnapshot } from '../../../src/shared/incident';
import {
  actionItemsCsv,
  actionItemsMarkdown,
  GITHUB_COLUMNS,
  GITLAB_COLUMNS,
  JIRA_COLUMNS,
  MAX_TRACKER_TITLE,
  ownerHandle,
} from '../../../src/shared/report/action-item-exports';
import { fixtureIncident } from '../../fixtures/postmortem/incident';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** RFC 4180 as the importers read it: CRLF records, quotes doubled, every row as long as the header. */
function readCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF'), 'an importer file has no byte-order mark').toBe(false);
  expect(text.endsWith('\r\n')).toBe(true);
  return parse(text, { record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false }) as string[][];
}

const item = (over: Partial<ActionItem>): ActionItem => ({
  id: `i-${over.text ?? 'x'}`,
  text: 'Add an alert on replication lag',
  owner: 'Jo Kim',
  dueDate: null,
  done: false,
  sourceId: null,
  createdAt: 0,
  createdBy: 'Grace Hopper',
  removed: false,
  ...over,
});

/** The fixture's snapshot with these items (as a peer's copy could hold them) and, optionally, a drill's header. */
function withItems(items: ActionItem[], { drill = false, name }: { drill?: boolean; name?: string } = {}): IncidentSnapshot {
  const snapshot = projectionOf(fixtureIncident().doc).snapshot;
  return { ...snapshot, header: { ...snapshot.header!, drill, name: name ?? snapshot.header!.name }, postmortem: { ...snapshot.postmortem, actionItems: items } };
}

const HOSTILE_TEXTS = [
  '=HYPERLINK("http://evil.example","click")',
  '+1 more retry',
  '-5% errors, "mostly" on eu-west-1',
  '@SUM(A1:A9)',
  'Add retries,\nthen /close this\r\nand "quote" it',
  '<img src=x onerror=alert(1)> *b* _i_ [l](javascript:x) # h | ~s~ `c`',
  '\tTabbed start',
];

describe('action items for the trackers', () => {
  const snapshot = projectionOf(fixtureIncident().doc).snapshot;
  const open = snapshot.postmortem.actionItems.filter((i) => !i.removed && !i.done);

  it('GitHub: title, body, labels, assignees; one row per open item, round trip', () => {
    const [head, ...rows] = readCsv(actionItemsCsv(snapshot, 'github'));
    expect(head).toEqual([...GITHUB_COLUMNS]);
    expect(rows.map((r) => r[0])).toEqual(open.map((i) => i.text));
    expect(rows.every((r) => r[2] === 'postmortem,sev-1')).toBe(true);
    // Owners are names, which GitHub cannot resolve: said in the body, no assignee.
    expect(rows.map((r) => r[3])).toEqual(open.map(() => ''));
    expect(rows[0]![1]).toContain(`Owner: ${open[0]!.owner}.`);
    expect(rows[0]![1]).toContain('Due: 2026-03-27.');
  });

  it('GitLab: title and description first, then due_date; labels as a quick action', () => {
    const [head, ...rows] = readCsv(actionItemsCsv(snapshot, 'gitlab'));
    expect(head).toEqual([...GITLAB_COLUMNS]);
    expect(rows.map((r) => [r[0], r[2]])).toEqual(open.map((i) => [i.text, i.dueDate ?? '']));
    expect(rows[0]![1]!.split('\n').filter((l) => l.startsWith('/'))).toEqual(['/label ~"postmortem" ~"sev-1"']);
  });

  it('Jira: Summary, Description, Issue Type, Assignee, Due date, Priority, a Labels column per label', () => {
    const [head, ...rows] = readCsv(actionItemsCsv(snapshot, 'jira'));
    expect(head).toEqual([...JIRA_COLUMNS, 'Labels', 'Labels']);
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5], r[6], r[7]])).toEqual(open.map((i) => [i.text, 'Task', i.owner, i.dueDate ?? '', 'Highest', 'postmortem', 'sev-1']));
  });

  it('leaves done and removed items out of every tracker', () => {
    const s = withItems([item({ text: 'Add A alert now' }), item({ text: 'Add B alert now', done: true }), item({ text: 'Add C alert now', removed: true })]);
    for (const tracker of ['github', 'gitlab', 'jira'] as const) expect(readCsv(actionItemsCsv(s, tracker)).slice(1).map((r) => r[0])).toEqual(['Add A alert now']);
  });

  it('hostile text comes back as text: one row each, formulas made text, the rest as typed on one line', () => {
    const s = withItems(HOSTILE_TEXTS.map((text, n) => item({ id: `h${n}`, text, owner: 'Jo "the DBA" Kim, Esq.\n/close' })));
    for (const tracker of ['github', 'gitlab', 'jira'] as const) {
      const rows = readCsv(actionItemsCsv(s, tracker)).slice(1);
      expect(rows).toHaveLength(HOSTILE_TEXTS.length);
      rows.forEach((row, n) => {
        const typed = HOSTILE_TEXTS[n]!.replace(/\s+/g, ' ').trim();
        // A spreadsheet runs a cell that starts with = + - @ or a tab: the apostrophe makes it text.
        expect(row[0]).toBe(/^[=+\-@]/.test(typed) ? `'${typed}` : typed);
        for (const field of row) expect(field, `${tracker}: ${field}`).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
  });

  it('GitLab: no typed text can start a line of the description, so none runs as a quick action', () => {
    const s = withItems([item({ text: `/close ${'x'.repeat(300)}`, owner: 'Jo\n/assign @mallory' })]);
    const description = readCsv(actionItemsCsv(s, 'gitlab'))[1]![1]!;
    expect(description.split('\n').filter((l) => l.startsWith('/'))).toEqual(['/label ~"postmortem" ~"sev-1"']);
  });

  it('an owner written as @login becomes the assignee on GitHub and GitLab; anything else never does', () => {
    expect(ownerHandle('@jkim')).toBe('jkim');
    expect(ownerHandle(' @j-kim ')).toBe('j-kim');
    for (const not of ['Jo Kim', '@jo kim', '@-x', '@a--b', 'jkim', '@x"y', '@x\n/close']) expect(ownerHandle(not), not).toBeNull();
    const s = withItems([item({ owner: '@jkim' })]);
    expect(readCsv(actionItemsCsv(s, 'github'))[1]![3]).toBe('jkim');
    expect(readCsv(actionItemsCsv(s, 'gitlab'))[1]![1]).toContain('\n/assign @jkim');
  });

  it("Jira: a typed link, macro, image or table in the description shows as text; a name's hyphen stays as typed", () => {
    const s = withItems([item({ owner: '[click|javascript:alert(1)] {code} !x.png! |a|' })], { name: '26-Bravo' });
    const description = readCsv(actionItemsCsv(s, 'jira'))[1]![1]!;
    expect(description).toContain('postmortem of 26-Bravo (SEV-1)');
    expect(description).toContain('Owner: \\[click\\|javascript:alert(1)\\] \\{code\\} \\!x.png\\! \\|a\\|.');
  });

  it('a title longer than a tracker takes is cut, and the description holds it in full', () => {
    const long = `Add ${'a very specific alert '.repeat(20)}`.trim();
    const [, row] = readCsv(actionItemsCsv(withItems([item({ text: long })]), 'jira'));
    expect(row![0]!.length).toBe(MAX_TRACKER_TITLE);
    expect(row![0]!.endsWith('…')).toBe(true);
    expect(row![1]).toContain(`In full: ${long}`);
  });

  it('a drill says so in every title, description and label', () => {
    const s = withItems([item({})], { drill: true });
    for (const tracker of ['github', 'gitlab', 'jira'] as const) {
      const [head, row] = readCsv(actionItemsCsv(s, tracker));
      expect(row![0]).toBe('[DRILL] Add an alert on replication lag');
      expect(row![1]).toMatch(/^DRILL: /);
      if (tracker === 'github') expect(row![2]).toBe('postmortem,sev-1,drill');
      if (tracker === 'gitlab') expect(row![1]).toContain('~"drill"');
      if (tracker === 'jira') {
        expect(head!.filter((h) => h === 'Labels')).toHaveLength(3);
        expect(row!.slice(-1)).toEqual(['drill']);
      }
    }
  });
});

/** The text of an inline token as a reader sees it (escapes resolved). */
const textOf = (inline: Token) => (inline.children ?? []).map((c) => (c.type === 'softbreak' ? '\n' : c.content)).join('');

describe('action items as a Markdown task list', () => {
  const md = new MarkdownIt();
  const listItems = (text: string) => {
    const tokens = md.parse(text, {});
    expect(tokens.filter((t) => t.type === 'bullet_list_open'), 'one list').toHaveLength(1);
    return tokens.filter((t, i) => t.type === 'inline' && tokens[i - 2]?.type === 'list_item_open').map(textOf);
  };

  it('one checkbox per item, done ones ticked, owner and due date after the text', () => {
    const items = [item({ text: 'Add an alert on lag', owner: 'Jo Kim', dueDate: '2026-03-27' }), item({ id: 'b', text: 'Remove the old runbook', owner: '@jkim', done: true }), item({ id: 'c', text: 'Document the failover', owner: '' })];
    expect(listItems(actionItemsMarkdown(withItems(items)))).toEqual([
      '[ ] Add an alert on lag — Jo Kim, due 2026-03-27',
      '[x] Remove the old runbook — @jkim',
      '[ ] Document the failover — no owner yet',
    ]);
  });

  it('hostile text stays inside its own item, as written, with no markup or HTML', () => {
    const s = withItems(HOSTILE_TEXTS.map((text, n) => item({ id: `h${n}`, text, owner: '<b>Jo</b> *Kim*\n- [x] forged' })), { name: '# 26-Bravo <script>' });
    const text = actionItemsMarkdown(s);
    const tokens = md.parse(text, {});
    expect(tokens.some((t) => t.type === 'html_block' || t.children?.some((c) => c.type === 'html_inline' || c.type === 'link_open' || c.type === 'strong_open' || c.type === 'em_open'))).toBe(false);
    expect(listItems(text)).toEqual(HOSTILE_TEXTS.map((t) => `[ ] ${t.replace(/\s+/g, ' ').trim()} — <b>Jo</b> *Kim* - [x] forged`));
    expect(textOf(tokens.find((t) => t.type === 'inline')!)).toBe('Action items: # 26-Bravo <script> (SEV-1)');
  });

  it('a drill says so in the heading and the line under it', () => {
    const text = actionItemsMarkdown(withItems([item({})], { drill: true }));
    expect(text.split('\n')[0]).toBe('## Action items: 26-Bravo (SEV-1, drill)');
    expect(text).toContain('**Drill:**');
  });
});
