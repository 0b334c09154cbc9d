/**
 * Incident files on this machine's side: reading a picked file, merging it
 * into the stored incident through its session, and writing an export.
 * What a file means and whether it is safe is decided by the domain
 * (src/shared/incident/exchange.ts); this module only connects it to
 * storage and says what happened.
 */
import * as Y from 'yjs';
import {
  INCIDENT_FILE_MIME,
  MAX_INCIDENT_FILE_BYTES,
  decodeIncidentFile,
  encodeIncidentFile,
  importIncidentFile,
  incidentFileName,
  projectIncident,
  timelineTally,
  tooLargeMessage,
} from '../../shared/incident';
import { decodePostmortemJson, isPostmortemFileText } from '../../shared/report/postmortem-json';
import type { TextFile } from '../host/types';
import type { IncidentSessions } from './sessions';
import { count } from '../../shared/plural';
import { checkIncidentFile, signFile } from '../../shared/trust/files';
import { acceptInvitation, type Invitation } from '../../shared/trust/invites';
import type { Sealer } from '../../shared/trust/sealer';

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly kind: 'new' | 'merged' | 'unchanged';
      readonly incidentId: string;
      readonly name: string;
      /** Timeline entries on this machine after the import (amendments not counted). */
      readonly events: number;
      /** Entries the import added. */
      readonly added: number;
      readonly message: string;
    }
  | { readonly ok: false; readonly message: string };

/** "37 entries" or "37 entries, 4 amendments": what the timeline shows, and the edits, strikes and key marks to it. */
export function tallyPhrase({ entries, amendments }: { entries: number; amendments: number }, fresh = ''): string {
  const rows = count(entries, `${fresh}entry`, `${fresh}entries`);
  return amendments ? `${rows}, ${count(amendments, `${fresh}amendment`)}` : rows;
}

/**
 * Reads a picked or dropped file as text, refusing one over the cap before
 * reading a byte of it.
 */
export async function readIncidentFile(file: Pick<File, 'size' | 'text'>): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_INCIDENT_FILE_BYTES) return { ok: false, message: tooLargeMessage(file.size) };
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Imports the text of an incident file: checks all of it first, then opens
 * (or creates) the incident's session, merges the file into its doc and waits
 * until the result is stored. A refused file changes nothing on this machine.
 */
export interface ImportOptions {
  /** Who is at this keyboard: a file exported for another responder signs them in under this name. */
  readonly name: string;
  readonly machine: () => Promise<string>;
}

export async function importIncidentText(sessions: IncidentSessions, text: string, options: ImportOptions = { name: '', machine: async () => 'this machine' }): Promise<ImportOutcome> {
  // A postmortem's JSON holds the whole incident too: it recreates one that is not here.
  const postmortem = isPostmortemFileText(text);
  const decoded = postmortem ? decodePostmortemJson(text) : decodeIncidentFile(text);
  if (!decoded.ok) return { ok: false, message: decoded.message };
  const file = decoded.file;

  const handle = sessions.acquire(file.incidentId);
  try {
    const session = await handle.ready;
    const present = projectIncident(session.doc);
    const here = present.header;
    const before = timelineTally(present);
    if (postmortem && here) {
      return {
        ok: false,
        message: `${here.name} is already on this machine, so this postmortem file was not imported (it recreates an incident that is not here). To bring two copies of an incident together, import its .cpinc incident file.`,
      };
    }
    // Every signature in the file is checked before anything stored is touched.
    const trust = await checkIncidentFile(session.doc, file, file.signature);
    if (!trust.ok) return { ok: false, message: trust.message };
    const plan = importIncidentFile(session.doc, file);
    if (!plan.ok) return { ok: false, message: plan.message };
    const signedIn = file.admission ? await signIn(session.doc, session.sealer, file.admission as unknown as Invitation, options) : '';
    await session.persistence.flushed();
    const saved = session.persistence.saveState;
    if (saved.status === 'failed') return { ok: false, message: `${plan.name} was read but could not be stored. ${saved.message}` };

    const after = timelineTally(session.projection.snapshot);
    const added = { entries: Math.max(0, after.entries - before.entries), amendments: Math.max(0, after.amendments - before.amendments) };
    const invalid = file.malformedEntries
      ? ` ${count(file.malformedEntries, 'entry', 'entries')} in the file ${file.malformedEntries === 1 ? 'is' : 'are'} not valid and not shown.`
      : '';
    // Collaborative text a merge changes is said, never passed over.
    const changed = trust.changes.length ? ` ${trust.changes.join('; ')}.` : '';
    const message =
      (plan.kind === 'new'
        ? `Imported ${plan.name} (new, ${tallyPhrase(after)}).${invalid}`
        : plan.kind === 'merged'
          ? `Merged ${plan.name}: ${added.entries || added.amendments ? tallyPhrase(added, 'new ') : 'nothing new in the timeline'}.${changed}${invalid}`
          : `${plan.name} is already up to date: the file holds nothing new.`) + signedIn;
    return { ok: true, kind: plan.kind, incidentId: file.incidentId, name: plan.name, events: after.entries, added: added.entries, message };
  } catch (error) {
    return { ok: false, message: `The incident could not be imported: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    handle.release();
  }
}

/**
 * A file exported for another responder carries an invitation: opening it
 * signs this machine in, so what is written here is accepted back home.
 * Returns what to add to the import's message.
 */
async function signIn(doc: Y.Doc, sealer: Sealer | null, admission: Invitation, options: ImportOptions): Promise<string> {
  if (!sealer) return ' This machine cannot sign, so it reads the incident but cannot write to it.';
  if (!options.name.trim()) return ' Give your name (Settings) and import the file again to write to it.';
  try {
    await acceptInvitation(doc, sealer, admission, options.name, await options.machine());
    await sealer.settled();
    return ` You are signed in as ${admission.statement.body.type === 'invite' && admission.statement.body.role === 'observer' ? 'an observer' : 'a responder'}.`;
  } catch (error) {
    return ` The invitation in it could not be used (${error instanceof Error ? error.message : String(error)}): you can read the incident but not write to it.`;
  }
}

export interface ExportOptions {
  /** Signs the file as this machine's export (an incident declared before signing has none). */
  readonly sealer: Sealer | null;
  /** An invitation for whoever opens the file: for moving the response to another responder's machine. */
  readonly admission?: Invitation;
}

/** The file an export of `doc` writes, signed by this machine when it can sign. */
export async function exportIncident(
  doc: Y.Doc,
  exportedBy: string,
  now: number,
  options: ExportOptions = { sealer: null },
): Promise<TextFile & { content: string; name: string; tally: { entries: number; amendments: number } }> {
  const snapshot = projectIncident(doc);
  if (!snapshot.header) throw new Error('Only a declared incident can be exported.');
  const update = Y.encodeStateAsUpdate(doc);
  const signature = options.sealer?.signs ? await signFile(options.sealer.signer, doc.guid, new Date(now).toISOString(), update) : undefined;
  const admission = options.admission ? { statement: { ...options.admission.statement }, secret: options.admission.secret } : undefined;
  const content = encodeIncidentFile(doc, { exportedAt: now, exportedBy, update, signature, admission });
  if (content.length > MAX_INCIDENT_FILE_BYTES) {
    const mb = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;
    throw new Error(`${snapshot.header.name} is too large to export as one file: ${mb(content.length)}, where the limit is ${mb(MAX_INCIDENT_FILE_BYTES)}.`);
  }
  return {
    name: snapshot.header.name,
    tally: timelineTally(snapshot),
    suggestedName: incidentFileName(snapshot.header.name, now),
    mimeType: INCIDENT_FILE_MIME,
    content,
  };
}
