/**
 * Saving the postmortem's files through the host: a save dialog in the
 * desktop app (through the main process), a download in a browser. What
 * each file holds is decided in src/shared/report; this only builds it from
 * the open incident and says what happened.
 */
import type { IncidentSnapshot } from '../../../shared/incident';
import { CALENDAR_MIME, meetingCalendar } from '../../../shared/report/calendar';
import { reportFileName } from '../../../shared/report/file-names';
import { host } from '../../host';
import type { TextFile } from '../../host/types';
import { addNotice } from '../../stores/incident';
import { useIdentity } from '../../stores/identity';

export type ExportFormat = 'ics';

export const EXPORT_FORMATS: readonly { readonly format: ExportFormat; readonly label: string; readonly what: string }[] = [
  { format: 'ics', label: 'Meeting (.ics)', what: 'the postmortem meeting, for any calendar' },
];

/** Why a format cannot be made yet, or null when it can. */
export function exportProblem(format: ExportFormat, snapshot: IncidentSnapshot): string | null {
  if (!snapshot.header) return 'No incident is open.';
  if (format === 'ics' && !snapshot.postmortem.meeting) return 'Schedule the postmortem meeting first (m).';
  return null;
}

/** The file of one format, or why it cannot be made yet. */
export function buildFile(format: ExportFormat, snapshot: IncidentSnapshot, now: number): TextFile | { problem: string } {
  const problem = exportProblem(format, snapshot);
  if (problem) return { problem };
  const header = snapshot.header!;
  const pm = snapshot.postmortem;
  switch (format) {
    case 'ics':
      return {
        suggestedName: reportFileName(header.name, 'meeting', 'ics', now),
        mimeType: CALENDAR_MIME,
        content: meetingCalendar({ header, postmortem: pm, now, exportedBy: useIdentity.getState().name, overview: pm.sections.overview.text }),
      };
  }
}

/** Builds and saves one file, then says where it went (or why not). */
export async function saveExport(format: ExportFormat, snapshot: IncidentSnapshot): Promise<void> {
  const label = EXPORT_FORMATS.find((f) => f.format === format)?.label ?? format;
  try {
    const file = buildFile(format, snapshot, Date.now());
    if ('problem' in file) {
      addNotice('error', file.problem);
      return;
    }
    const result = await host.saveFile(file);
    if (result === 'cancelled') return;
    addNotice('info', host.kind === 'web' ? `Saved the ${label} as ${file.suggestedName} to your downloads.` : `Saved the ${label}.`);
  } catch (error) {
    addNotice('error', `The ${label} could not be saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}
