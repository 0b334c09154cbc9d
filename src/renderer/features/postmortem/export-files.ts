/**
 * Saving the incident's files through the host: a save dialog in the
 * desktop app (through the main process), a download in a browser. The
 * postmortem's files, and those for other tools (the action items for a
 * tracker, the timeline alone, the public status). What each file holds is
 * decided in src/shared/report; this only builds it from the open incident
 * and says what happened.
 */
import type { IncidentSnapshot } from '../../../shared/incident';
import { host } from '../../host';
import { useIdentity } from '../../incidents/identity-store';
import { openDoc, openSession } from '../../incidents/open-incident';
import { addNotice } from '../../stores/notices';
import { useTrust } from '../../stores/trust';
import { useDrill } from '../../stores/drill';
import { recordFingerprint, verifiedCounts } from '../../../shared/trust/fingerprint';
import type { TrustReport } from '../../../shared/trust/ledger';
import type { VerifiedRecord } from '../../../shared/report/report-parts';
import { exportedFile, toWire, type ExportFormat, type ExportRequest } from './export-content';

export type { ExportFormat } from './export-content';

export const EXPORT_FORMATS: readonly { readonly format: ExportFormat; readonly label: string; readonly what: string }[] = [
  { format: 'markdown', label: 'Markdown (.md)', what: 'for a wiki, a repository or a chat tool' },
  { format: 'html', label: 'Web page (.html)', what: 'one self-contained file to read, send or print' },
  { format: 'json', label: 'JSON (.json)', what: 'for other tools; importing it recreates the incident' },
  { format: 'csv', label: 'Activity log (.csv)', what: 'every entry in the ICS 214 columns, for a spreadsheet' },
  { format: 'ics', label: 'Meeting (.ics)', what: 'the postmortem meeting, for any calendar' },
];

/** A drill's own file: its after-action score against the scenario (also the last section of its Markdown postmortem). */
export const DRILL_EXPORT = { format: 'after-action', label: 'After-action score (.json)', what: 'the drill’s score against its scenario, marked as a drill' } as const;

/**
 * The files for other tools, each with what it is for: the action items
 * (from the postmortem's list) for a tracker or a wiki, the timeline alone,
 * the public status. `short` names one in a menu that already says what
 * it exports.
 */
export const TOOL_EXPORTS: readonly { readonly format: ExportFormat; readonly label: string; readonly short: string; readonly what: string }[] = [
  { format: 'actions-github', label: 'Action items for GitHub (.csv)', short: 'GitHub issues (.csv)', what: 'open items: title, body, labels, assignees' },
  { format: 'actions-gitlab', label: 'Action items for GitLab (.csv)', short: 'GitLab issues (.csv)', what: "open items, for a project's Import CSV" },
  { format: 'actions-jira', label: 'Action items for Jira (.csv)', short: 'Jira issues (.csv)', what: 'open items for the CSV importer; dates are yyyy-MM-dd' },
  { format: 'actions-markdown', label: 'Action items as a task list (.md)', short: 'Markdown task list (.md)', what: 'every item as - [ ], for a wiki or a pull request' },
  { format: 'timeline', label: 'Timeline (.csv)', short: 'Timeline (.csv)', what: 'every entry as the timeline shows it, for a spreadsheet' },
  { format: 'statuspage', label: 'Public status (.json)', short: 'Statuspage JSON', what: 'Statuspage-style: the external updates and the status only' },
];

export const ACTION_ITEM_EXPORTS = TOOL_EXPORTS.filter((f) => f.format.startsWith('actions-'));

/** The files that say who exported them (the postmortem's): they need the exporter's name first. */
const NAMED: ReadonlySet<ExportFormat> = new Set([...EXPORT_FORMATS.map((f) => f.format), DRILL_EXPORT.format]);

function labelOf(format: ExportFormat): string {
  return [...EXPORT_FORMATS, ...TOOL_EXPORTS, DRILL_EXPORT].find((f) => f.format === format)?.label ?? format;
}

/** Why a format cannot be made yet, or null when it can. */
export function exportProblem(format: ExportFormat, snapshot: IncidentSnapshot): string | null {
  if (!snapshot.header) return 'No incident is open.';
  if (format === 'after-action') {
    if (!snapshot.header.drill || !useDrill.getState().drill) return 'Only a drill that plays a scenario has an after-action score.';
    if (snapshot.header.state !== 'ended') return 'The score is worked out once the end of the drill is declared.';
  }
  if (format === 'ics' && !snapshot.postmortem.meeting) return 'Schedule the postmortem meeting first (m).';
  const items = snapshot.postmortem.actionItems.filter((i) => !i.removed);
  if (format === 'actions-markdown' && !items.length) return 'No action items yet.';
  if (format.startsWith('actions-') && format !== 'actions-markdown' && !items.some((i) => !i.done)) return items.length ? 'Every action item is done: nothing to track.' : 'No action items yet.';
  return null;
}

/** What one format's file is made from, or why it cannot be made yet. */
function exportRequest(format: ExportFormat, snapshot: IncidentSnapshot, now: number, components: readonly string[]): ExportRequest | { problem: string } {
  const problem = exportProblem(format, snapshot);
  if (problem) return { problem };
  const options = { exportedAt: now, exportedBy: useIdentity.getState().name, record: verifiedRecord(useTrust.getState().report) };
  // The postmortem's files say who exported them; the export dialog asks for a name first, and nothing may slip past it.
  if (NAMED.has(format) && !options.exportedBy.trim()) return { problem: 'Give your name first (Settings, or the export dialog): every file says who exported it.' };
  return { format, snapshot, options, components };
}

/** The fingerprint and counts of the open incident's verified record, for the files' last line. */
function verifiedRecord(report: TrustReport | null): VerifiedRecord | null {
  const fingerprint = report && recordFingerprint(report);
  if (!report || !fingerprint) return null;
  return { fingerprint, ...verifiedCounts(report), members: report.members.filter((m) => !m.removed).length };
}

/** Builds and saves one file, then says where it went (or why not). `components`: the public status's (see statuspage.ts). */
export async function saveExport(format: ExportFormat, snapshot: IncidentSnapshot, components: readonly string[] = []): Promise<void> {
  const label = labelOf(format);
  try {
    // Every entry written here is signed before a file says what was verified.
    const session = openSession();
    await session?.sealer?.settled();
    // The fingerprint is made from every entry checked now, none taken on the word of an earlier check.
    await session?.trust?.complete();
    const request = exportRequest(format, snapshot, Date.now(), components);
    if ('problem' in request) {
      addNotice('error', request.problem);
      return;
    }
    // Made by the worker that holds a copy of the document, so the page keeps answering; here when it cannot.
    const file = (await session?.persistence.exportFile(toWire(request))) ?? exportedFile(request, openDoc());
    const result = await host.saveFile(file);
    if (result === 'cancelled') return;
    addNotice('info', host.kind === 'web' ? `Saved the ${label} as ${file.suggestedName} to your downloads.` : `Saved the ${label}.`);
  } catch (error) {
    addNotice('error', `The ${label} could not be saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}
