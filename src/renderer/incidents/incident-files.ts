/**
 * Incident files from the user's side: importing the files they picked or
 * dropped, and exporting the open incident, each saying what it did in a
 * notice. The reading, merging and writing themselves are in ./exchange.ts.
 */
import { INCIDENT_FILE_ACCEPT } from '../../shared/incident';
import { host } from '../host';
import { addNotice } from '../stores/notices';
import { sessions } from './registry';
import { exportIncident, importIncidentText, readIncidentFile, tallyPhrase } from './exchange';
import { useIdentity } from './identity-store';
import { openSession } from './open-incident';
import { machineName } from './machine';
import { createInvitation } from '../../shared/trust/invites';

/**
 * Imports incident files one after the other and says what each did; a
 * refused file is reported by name and changes nothing.
 */
export async function importIncidentFiles(files: readonly File[]): Promise<void> {
  for (const file of files) {
    const read = await readIncidentFile(file);
    const outcome = read.ok ? await importIncidentText(sessions, read.text, { name: useIdentity.getState().name, machine: machineName }) : read;
    if (outcome.ok) addNotice('info', outcome.message);
    else addNotice('error', `Could not import ${file.name}: ${outcome.message}`);
  }
}

/**
 * Asks for incident files with the system's file picker, then imports them:
 * for the command palette, which has no file input of its own (the incident
 * list's button and drop zone keep theirs, to show they are busy).
 */
export function pickAndImportIncidentFiles(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = INCIDENT_FILE_ACCEPT;
  input.multiple = true;
  input.addEventListener('change', () => void importIncidentFiles(Array.from(input.files ?? [])), { once: true });
  input.click();
}

/**
 * Exports the open incident as an incident file, through the host (a save
 * dialog or a download). For another responder, the file also carries an
 * invitation: whoever opens it can write to the incident (moving the
 * response between rooms with no network); without one, it is a record
 * that can be read, and merged, but grants nothing.
 */
export async function exportOpenIncident(forResponder = false): Promise<void> {
  try {
    const session = openSession();
    if (!session) throw new Error('No incident is open.');
    const sealer = session.sealer;
    if (forResponder && !sealer?.signs) throw new Error('This incident was declared before signing existed, so a file needs no invitation: export it as it is.');
    const admission = forResponder && sealer ? await createInvitation(sealer, 'responder') : undefined;
    const file = await exportIncident(session.doc, useIdentity.getState().name, Date.now(), { sealer, admission });
    const result = await host.saveFile(file);
    if (result === 'cancelled') return;
    const events = tallyPhrase(file.tally);
    const grants = admission ? ' Whoever opens it can write to the incident: hand it only to a responder.' : '';
    addNotice(
      'info',
      (host.kind === 'web'
        ? `Exported ${file.name} (${events}) as ${file.suggestedName} to your downloads.`
        : `Exported ${file.name} (${events}).`) + grants,
    );
  } catch (error) {
    addNotice('error', `The incident could not be exported: ${error instanceof Error ? error.message : String(error)}`);
  }
}
