/**
 * What each exported file holds, made from the incident's snapshot (and,
 * for the JSON, its document). Pure, and free of the app's stores, so that
 * the worker holding a copy of the document (incidents/snapshot-worker.ts)
 * can make it: at 20,000 events a format takes 50 to 100 ms to write, which
 * on the main thread is a click that freezes the page.
 */
import type * as Y from 'yjs';
import type { IncidentSnapshot, TimelineEvent } from '../../../shared/incident';
import { Sequence } from '../../../shared/sequence';
import { CALENDAR_MIME, meetingCalendar } from '../../../shared/report/calendar';
import { reportFileName } from '../../../shared/report/file-names';
import { CSV_MIME } from '../../../shared/report/csv';
import { activityLogCsv } from '../../../shared/report/ics214';
import { HTML_MIME, postmortemHtml } from '../../../shared/report/postmortem-html';
import { JSON_MIME, postmortemJson } from '../../../shared/report/postmortem-json';
import { MARKDOWN_MIME, postmortemMarkdown } from '../../../shared/report/postmortem-markdown';
import type { ExportOptions } from '../../../shared/report/report-parts';
import { actionItemsCsv, actionItemsMarkdown } from '../../../shared/report/action-item-exports';
import { statuspageJson } from '../../../shared/report/statuspage';
import { timelineCsv } from '../../../shared/report/timeline-csv';
import type { TextFile } from '../../host/types';
import { readDrill } from '../../../shared/incident/drill-schema';
import { afterActionJson, afterActionMarkdown, afterActionScore } from '../../../shared/report/after-action';

/** The postmortem's own files, then the files for other tools: the action items for a tracker or a wiki, the timeline alone, the public status. */
export type ExportFormat = 'markdown' | 'html' | 'json' | 'csv' | 'ics' | 'actions-github' | 'actions-gitlab' | 'actions-jira' | 'actions-markdown' | 'timeline' | 'statuspage' | 'after-action';

/** Everything a file is made from; `snapshot` must hold a declared incident (exportProblem says so first). */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly snapshot: IncidentSnapshot;
  readonly options: ExportOptions;
  /** The public status's affected components, as the status page names them (the statuspage format only). */
  readonly components?: readonly string[];
}

/**
 * A request as it crosses to the worker: structured cloning keeps data and
 * drops classes, so the timeline (a Sequence) travels as a plain array.
 */
export interface WireExportRequest extends Omit<ExportRequest, 'snapshot'> {
  readonly snapshot: Omit<IncidentSnapshot, 'timeline'> & { readonly timeline: readonly TimelineEvent[] };
}

export function toWire(request: ExportRequest): WireExportRequest {
  return { ...request, snapshot: { ...request.snapshot, timeline: request.snapshot.timeline.toArray() } };
}

export function fromWire(request: WireExportRequest): ExportRequest {
  return { ...request, snapshot: { ...request.snapshot, timeline: Sequence.from(request.snapshot.timeline) } };
}

/** The file made in the worker: its text as a Blob, which crosses back to the page without a copy. */
export function exportedBlobFile(request: WireExportRequest, doc: Y.Doc): TextFile {
  const file = exportedFile(fromWire(request), doc);
  return { ...file, content: new Blob([file.content], { type: file.mimeType }) };
}

/** The file of one format. `doc` is the incident's document (or a copy of it proven the same). */
export function exportedFile({ format, snapshot, options, components = [] }: ExportRequest, doc: Y.Doc): TextFile & { readonly content: string } {
  const header = snapshot.header;
  if (!header) throw new Error('Only a declared incident can be exported.');
  const pm = snapshot.postmortem;
  const name = (what: string, extension: string) => reportFileName(header.name, what, extension, options.exportedAt);
  switch (format) {
    case 'markdown': {
      // A drill's postmortem carries its after-action score as its last section.
      const score = afterActionScore(snapshot, readDrill(doc));
      const content = postmortemMarkdown(snapshot, options);
      return { suggestedName: name('postmortem', 'md'), mimeType: MARKDOWN_MIME, content: score ? `${content}\n${afterActionMarkdown(score)}\n` : content };
    }
    case 'after-action': {
      const score = afterActionScore(snapshot, readDrill(doc));
      if (!score) throw new Error('Only an ended drill that played a scenario has an after-action score.');
      return { suggestedName: name('drill-after-action', 'json'), mimeType: JSON_MIME, content: afterActionJson(score, { id: header.id, name: header.name }) };
    }
    case 'html':
      return { suggestedName: name('postmortem', 'html'), mimeType: HTML_MIME, content: postmortemHtml(snapshot, options) };
    case 'json':
      return { suggestedName: name('postmortem', 'json'), mimeType: JSON_MIME, content: postmortemJson(doc, options, { snapshot }) };
    case 'csv':
      return { suggestedName: name('activity-log', 'csv'), mimeType: CSV_MIME, content: activityLogCsv(snapshot, options) };
    case 'ics':
      return {
        suggestedName: name('meeting', 'ics'),
        mimeType: CALENDAR_MIME,
        content: meetingCalendar({ header, postmortem: pm, now: options.exportedAt, exportedBy: options.exportedBy, overview: pm.sections.overview.text }),
      };
    case 'actions-github':
      return { suggestedName: name('action-items-github', 'csv'), mimeType: CSV_MIME, content: actionItemsCsv(snapshot, 'github') };
    case 'actions-gitlab':
      return { suggestedName: name('action-items-gitlab', 'csv'), mimeType: CSV_MIME, content: actionItemsCsv(snapshot, 'gitlab') };
    case 'actions-jira':
      return { suggestedName: name('action-items-jira', 'csv'), mimeType: CSV_MIME, content: actionItemsCsv(snapshot, 'jira') };
    case 'actions-markdown':
      return { suggestedName: name('action-items', 'md'), mimeType: MARKDOWN_MIME, content: actionItemsMarkdown(snapshot) };
    case 'timeline':
      return { suggestedName: name('timeline', 'csv'), mimeType: CSV_MIME, content: timelineCsv(snapshot) };
    case 'statuspage':
      return { suggestedName: name('statuspage', 'json'), mimeType: JSON_MIME, content: statuspageJson(snapshot, { exportedAt: options.exportedAt, components }) };
  }
}
