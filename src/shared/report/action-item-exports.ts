/**
 * The postmortem's action items, out to the tools where follow-up work is
 * tracked: a CSV for each issue tracker's own importer, and a Markdown task
 * list for a wiki, a pull request or a chat tool.
 *
 * - GitHub has no CSV import of its own; the common importer
 *   (github-csv-tools) reads `title`, `body`, `labels` (comma-separated in
 *   one field) and `assignees` (GitHub logins).
 * - GitLab's issue import reads `title` and `description` (the first two
 *   columns, in that order) and `due_date` (YYYY-MM-DD); labels and an
 *   assignee go in as quick actions in the description, which the import
 *   runs.
 * - Jira's CSV importer maps columns by their header: `Summary` (required,
 *   at most 255 characters), `Description`, `Issue Type`, `Assignee`,
 *   `Due date` (the wizard asks for the date format: yyyy-MM-dd), `Priority`,
 *   and one `Labels` column per label (a Jira label has no spaces).
 *
 * Only the open items go to a tracker: one already done would open as new
 * work. The task list keeps every item, ticked when done.
 *
 * An owner is one person's name, which no tracker can resolve to an
 * account, so it is said in the description; it becomes the assignee only
 * where it can be: a GitHub or GitLab handle written as `@login`, and Jira,
 * whose importer lets the user map each name to an account. A drill's
 * items say so in the title and carry a `drill` label, so they are never
 * mistaken for real work once they are in a tracker.
 */
import type { ActionItem } from '../incident/postmortem-schema';
import type { IncidentHeader, IncidentSnapshot } from '../incident/projection';
import type { Severity } from '../ics/severity';
import { csvText } from './csv';
import { mdEscape } from './postmortem-markdown';

export type ActionItemTracker = 'github' | 'gitlab' | 'jira';

export const ACTION_ITEM_TRACKERS: readonly ActionItemTracker[] = ['github', 'gitlab', 'jira'];

export const ACTION_ITEM_TRACKER_LABELS: Record<ActionItemTracker, string> = { github: 'GitHub', gitlab: 'GitLab', jira: 'Jira' };

/** The columns of each tracker's file, in order (Jira's Labels repeat, one per label). */
export const GITHUB_COLUMNS = ['title', 'body', 'labels', 'assignees'] as const;
export const GITLAB_COLUMNS = ['title', 'description', 'due_date'] as const;
export const JIRA_COLUMNS = ['Summary', 'Description', 'Issue Type', 'Assignee', 'Due date', 'Priority'] as const;

/** The longest title every tracker takes (Jira's summary; GitHub's is 256). */
export const MAX_TRACKER_TITLE = 255;

export const DRILL_TITLE_PREFIX = '[DRILL] ';

/** Jira's default priorities, by severity: how urgent the follow-up of an incident that bad is. */
const JIRA_PRIORITY: Record<Severity, string> = { 'SEV-1': 'Highest', 'SEV-2': 'High', 'SEV-3': 'Medium', 'SEV-4': 'Low', 'SEV-5': 'Lowest' };

/** A GitHub or GitLab login written as `@login`: letters, digits, and single dashes, dots or underscores between them. */
const HANDLE = /^@([A-Za-z0-9](?:[A-Za-z0-9]|[-._](?=[A-Za-z0-9])){0,38})$/;

/** The login in an owner written as `@login`, else null (a name, which no tracker can resolve). */
export function ownerHandle(owner: string): string | null {
  return HANDLE.exec(owner.trim())?.[1] ?? null;
}

/** The labels every item carries: where it came from, how bad the incident was, and whether it was a drill. */
export function actionItemLabels(header: IncidentHeader): string[] {
  return ['postmortem', header.severity.toLowerCase(), ...(header.drill ? ['drill'] : [])];
}

/** Text on one line: whatever a peer's copy holds, a title or list item never breaks in two. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The item's title: on one line, marked when it comes from a drill, cut to what every tracker takes. */
export function trackerTitle(item: Pick<ActionItem, 'text'>, header: Pick<IncidentHeader, 'drill'>): string {
  const title = `${header.drill ? DRILL_TITLE_PREFIX : ''}${oneLine(item.text)}`;
  return title.length > MAX_TRACKER_TITLE ? `${title.slice(0, MAX_TRACKER_TITLE - 1)}…` : title;
}

/**
 * Characters Jira's wiki markup reads as a link, an image, a macro, a table
 * or bold and italic; a backslash shows each as itself. Its rarer marks
 * (-strike-, +underline+, ^sup^) only restyle a few words and are left, so
 * "26-Bravo" reads as typed.
 */
function jiraEscape(text: string): string {
  return text.replace(/([\\[\]{}|!*_])/g, '\\$1');
}

/** The description's lines, each escaped for the tracker's markup. */
function descriptionLines(item: ActionItem, header: IncidentHeader, escape: (text: string) => string): string[] {
  const title = trackerTitle(item, header);
  return [
    ...(header.drill ? ['DRILL: this action item comes from a practice incident, not a real one.'] : []),
    `Action item from the postmortem of ${escape(header.name)} (${header.severity}${header.drill ? ', a drill' : ''}), declared ${new Date(header.declaredAt).toISOString().slice(0, 10)}.`,
    // The whole text when the title had to be cut.
    ...(oneLine(item.text).length + (header.drill ? DRILL_TITLE_PREFIX.length : 0) > title.length ? [`In full: ${escape(oneLine(item.text))}`] : []),
    `Owner: ${item.owner.trim() ? escape(oneLine(item.owner)) : 'nobody yet'}.`,
    ...(item.dueDate ? [`Due: ${item.dueDate}.`] : []),
    ...(item.sourceId ? ['Gathered from a follow-up logged in the incident timeline.'] : []),
  ];
}

const openItems = (snapshot: IncidentSnapshot) => snapshot.postmortem.actionItems.filter((i) => !i.removed && !i.done);

function headerOf(snapshot: IncidentSnapshot): IncidentHeader {
  if (!snapshot.header) throw new Error('Only a declared incident has action items to export.');
  return snapshot.header;
}

/** The open action items as the tracker's importer reads them. */
export function actionItemsCsv(snapshot: IncidentSnapshot, tracker: ActionItemTracker): string {
  const header = headerOf(snapshot);
  const items = openItems(snapshot);
  const labels = actionItemLabels(header);
  switch (tracker) {
    case 'github':
      return csvText(
        GITHUB_COLUMNS,
        items.map((item) => [trackerTitle(item, header), descriptionLines(item, header, mdEscape).join('\n\n'), labels.join(','), ownerHandle(item.owner) ?? '']),
        { bom: false },
      );
    case 'gitlab':
      return csvText(
        GITLAB_COLUMNS,
        items.map((item) => {
          const handle = ownerHandle(item.owner);
          const actions = [`/label ${labels.map((l) => `~"${l}"`).join(' ')}`, ...(handle ? [`/assign @${handle}`] : [])];
          // Every line of text starts with words of ours, so nothing typed runs as a quick action: only these do.
          const text = descriptionLines(item, header, mdEscape);
          return [trackerTitle(item, header), [...text, actions.join('\n')].join('\n\n'), item.dueDate ?? ''];
        }),
        { bom: false },
      );
    case 'jira':
      return csvText(
        [...JIRA_COLUMNS, ...labels.map(() => 'Labels')],
        items.map((item) => [
          trackerTitle(item, header),
          descriptionLines(item, header, jiraEscape).join('\n'),
          'Task',
          oneLine(item.owner),
          item.dueDate ?? '',
          JIRA_PRIORITY[header.severity],
          ...labels,
        ]),
        { bom: false },
      );
  }
}

/**
 * Every action item as a Markdown task list (GitHub, GitLab and most wikis
 * render `- [ ]` as a checkbox), under a heading that names the incident:
 * `- [ ] Add an alert on the 5xx rate — Jo Kim, due 2026-03-20` (or
 * `— @jkim` for an owner written as a handle). Each
 * item is one line, escaped, so no text can end the list or start another.
 */
export function actionItemsMarkdown(snapshot: IncidentSnapshot): string {
  const header = headerOf(snapshot);
  const items = snapshot.postmortem.actionItems.filter((i) => !i.removed);
  const lines = [
    `## Action items: ${mdEscape(header.name)} (${header.severity}${header.drill ? ', drill' : ''})`,
    '',
    ...(header.drill ? ['**Drill:** these come from a practice incident, not a real one.', ''] : []),
    ...(items.length
      ? items.map((item) => {
          // A handle stays one (a mention where the list is pasted); a name is text.
          const handle = ownerHandle(item.owner);
          const who = handle ? `@${handle}` : mdEscape(oneLine(item.owner)) || 'no owner yet';
          return `- [${item.done ? 'x' : ' '}] ${mdEscape(oneLine(item.text))} — ${who}${item.dueDate ? `, due ${item.dueDate}` : ''}`;
        })
      : ['_No action items._']),
  ];
  return `${lines.join('\n')}\n`;
}
