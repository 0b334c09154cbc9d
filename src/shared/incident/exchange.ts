/**
 * Incident files (".cpinc"): moving an incident between machines that share
 * no network, on a USB stick or as an e-mail attachment once a network is
 * back.
 *
 * The format is a JSON envelope around the incident's whole Y.Doc state:
 *
 *   {
 *     "format": "command-post-incident",   what this file is
 *     "version": 1,                         of this envelope (not of the doc schema)
 *     "incidentId": "…",                    the doc's id, so the importer knows what to merge with
 *     "name": "26-Bravo",                   for people looking at the file; the doc is authoritative
 *     "exportedAt": "2026-03-14T09:30:00.000Z",
 *     "exportedBy": "Dana Scully",
 *     "crc32": 123456789,                   of the decoded update bytes
 *     "signature": { "key", "sig" },         who exported it, signed (../trust/files.ts);
 *                                           absent from files of unsigned incidents
 *     "admission": { "statement", "secret" } only in a file exported for another
 *                                           responder: it lets them sign in
 *     "update": "<base64 of Y.encodeStateAsUpdate(doc)>"
 *   }
 *
 * JSON rather than a binary container: someone at 3 a.m. (or a mail filter)
 * can open the file and see what incident it is, when and by whom it was
 * exported, and the cost (base64 makes the update a third larger) is small
 * next to the cap. The CRC tells a file damaged in transit from one written
 * by something else; it is no defence against a hostile file, which is what
 * the checks in decodeIncidentFile and planIncidentImport are for.
 *
 * Because the payload is the full CRDT state, importing a file merges: an
 * older or newer copy of an incident already on this machine adds whatever
 * events are missing on either side and duplicates nothing.
 *
 * Everything here is pure (no DOM, no Node): the renderer reads and writes
 * the bytes, the domain decides what they mean.
 */
import CRC32 from 'crc-32';
import * as Y from 'yjs';
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../base64';
import { MAX_EVENT_TEXT, MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from './commands';
import { projectIncident, type IncidentSnapshot } from './projection';
import { MEMBERS_ROOT, SCHEMA_VERSION, SEALS_ROOT, metaOf, timelineOf, type TimelineEvent } from './schema';
import { STATUS_ROOT, STATUS_TEXT_ROOTS, isStatusPhase, statusMapOf } from './status-schema';
import { COMMS_ROOT, commsProblem } from './comms-schema';
import { ACTION_ITEMS_ROOT, POSTMORTEM_ROOT, POSTMORTEM_TEXT_ROOTS, postmortemProblem } from './postmortem-schema';
import { INCIDENT_FILE_EXTENSION, INCIDENT_FILE_FORMAT, INCIDENT_FILE_VERSION, MAX_INCIDENT_FILE_BYTES } from './file-format';

export {
  INCIDENT_FILE_ACCEPT,
  INCIDENT_FILE_EXTENSION,
  INCIDENT_FILE_FORMAT,
  INCIDENT_FILE_MIME,
  INCIDENT_FILE_VERSION,
  MAX_INCIDENT_FILE_BYTES,
} from './file-format';

/** The transaction origin of updates applied from an incident file. */
export const IMPORT_ORIGIN = 'command-post:import';

/** Incident ids as the router accepts them (see routeFromHash). */
const INCIDENT_ID = /^[A-Za-z0-9-]{1,64}$/;
/** Event fields longer than any command writes: not from Command Post. */
const MAX_ID = 100;
const MAX_STORED_TEXT = MAX_EVENT_TEXT + 100;

/** The root types of an incident doc (see schema.ts); anything else is foreign. */
const KNOWN_ROOTS = new Set(['meta', 'timeline', 'checklist', MEMBERS_ROOT, SEALS_ROOT, STATUS_ROOT, ...Object.values(STATUS_TEXT_ROOTS), POSTMORTEM_ROOT, ACTION_ITEMS_ROOT, ...Object.values(POSTMORTEM_TEXT_ROOTS), COMMS_ROOT]);

// Base64 lives in ../base64.ts; re-exported for the file format's users.
export { base64ToBytes, bytesToBase64 } from '../base64';

function crc32(bytes: Uint8Array): number {
  return CRC32.buf(bytes) >>> 0;
}

// ---- file names -------------------------------------------------------------

/**
 * A file name for an exported incident, safe on every desktop OS: the
 * incident's name with anything but letters, digits, dot, dash and
 * underscore replaced, then the local date and time of the export, so two
 * exports of one incident do not overwrite each other.
 */
export function incidentFileName(incidentName: string, exportedAt: number): string {
  const base =
    incidentName
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'incident';
  const t = new Date(exportedAt);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())}_${two(t.getHours())}${two(t.getMinutes())}`;
  return `${base}_${stamp}${INCIDENT_FILE_EXTENSION}`;
}

// ---- encoding ---------------------------------------------------------------

export interface ExportMeta {
  /** When it is exported (ms since epoch). */
  readonly exportedAt: number;
  /** Who exports it (display name; may be empty). */
  readonly exportedBy: string;
  /** The update to write, when the caller has already encoded (and signed) it. */
  readonly update?: Uint8Array;
  /** The exporter's signature over the file (../trust/files.ts). */
  readonly signature?: FileSignatureField;
  /** An admission for whoever opens the file (a file exported for another responder). */
  readonly admission?: FileAdmissionField;
}

/** The exporter's key and signature, carried as they are; checked by ../trust/files.ts. */
export interface FileSignatureField {
  readonly key: string;
  readonly sig: string;
}

/** An invite statement and its admission key's secret, carried as they are; checked when used. */
export interface FileAdmissionField {
  readonly statement: Record<string, unknown>;
  readonly secret: string;
}

/** The text of an incident file holding the doc's whole state. */
export function encodeIncidentFile(doc: Y.Doc, meta: ExportMeta): string {
  const header = projectIncident(doc).header;
  if (!header) throw new Error('Only a declared incident can be exported.');
  const update = meta.update ?? Y.encodeStateAsUpdate(doc);
  const envelope: Envelope = {
    format: INCIDENT_FILE_FORMAT,
    version: INCIDENT_FILE_VERSION,
    incidentId: doc.guid,
    name: header.name,
    exportedAt: new Date(meta.exportedAt).toISOString(),
    exportedBy: meta.exportedBy.slice(0, MAX_PERSON),
    crc32: crc32(update),
    ...(meta.signature ? { signature: { key: meta.signature.key, sig: meta.signature.sig } } : {}),
    ...(meta.admission ? { admission: { statement: meta.admission.statement, secret: meta.admission.secret } } : {}),
    update: bytesToBase64(update),
  };
  // One field per line, the update last: the readable part fits on a screen.
  return `{\n${Object.entries(envelope)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(',\n')}\n}\n`;
}

// ---- decoding ---------------------------------------------------------------

const Envelope = z.object({
  format: z.literal(INCIDENT_FILE_FORMAT),
  version: z.literal(INCIDENT_FILE_VERSION),
  incidentId: z.string({ error: 'the incident id is missing' }).regex(INCIDENT_ID, 'the incident id is not valid'),
  name: z.string({ error: 'the incident name is missing' }).max(MAX_NAME, 'the incident name is too long'),
  exportedAt: z.string({ error: 'the export time is missing' }).max(64, 'the export time is not valid'),
  exportedBy: z.string({ error: 'who exported it is missing' }).max(MAX_PERSON, 'the name of who exported it is too long'),
  crc32: z
    .number({ error: 'the checksum is missing' })
    .int('the checksum is not valid')
    .min(0, 'the checksum is not valid')
    .max(0xffffffff, 'the checksum is not valid'),
  signature: z.object({ key: z.string().max(64), sig: z.string().max(128) }, { error: 'the export signature is not valid' }).optional(),
  admission: z
    .object({ statement: z.record(z.string(), z.unknown()), secret: z.string().regex(/^[A-Za-z0-9_-]{40,200}$/) }, { error: 'the admission it carries is not valid' })
    .optional(),
  update: z.string({ error: 'the incident data is missing' }).min(1, 'the incident data is missing'),
});
type Envelope = z.infer<typeof Envelope>;

/** A file that passed every check: safe to merge into this machine's incidents. */
export interface IncidentFile {
  readonly incidentId: string;
  /** The incident's name as its doc declares it. */
  readonly name: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly update: Uint8Array;
  /** Valid events in the file. */
  readonly events: number;
  /** Entries in the file's timeline that are not valid events (not shown, kept). */
  readonly malformedEntries: number;
  /** The id of the file's declaration event. */
  readonly declarationId: string;
  /** Who exported it, signed; null in a file of an unsigned incident (or an older version). */
  readonly signature: FileSignatureField | null;
  /** An admission for whoever opens it, in a file exported for another responder. */
  readonly admission: FileAdmissionField | null;
}

export type IncidentFileProblem =
  | 'too-large'
  | 'not-json'
  | 'wrong-format'
  | 'newer-version'
  | 'unsupported-version'
  | 'missing-fields'
  | 'bad-encoding'
  | 'checksum'
  | 'unreadable'
  | 'incomplete'
  | 'foreign-data'
  | 'no-declaration'
  | 'id-mismatch'
  | 'newer-schema'
  | 'not-from-command-post';

export type DecodeResult =
  | { readonly ok: true; readonly file: IncidentFile }
  | { readonly ok: false; readonly problem: IncidentFileProblem; readonly message: string };

const fail = (problem: IncidentFileProblem, message: string): DecodeResult => ({ ok: false, problem, message });

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

/** The message for a file (or text) over the cap. */
export function tooLargeMessage(size: number): string {
  return `The file is ${megabytes(size)}; an incident file is at most ${megabytes(MAX_INCIDENT_FILE_BYTES)}. It was not imported.`;
}

/**
 * Reads an incident file, checking everything that can be checked without
 * this machine's copy of the incident: the envelope, the encoding and
 * checksum, that Yjs can apply the update on its own (to a scratch doc, never
 * to a stored one), and that what it holds is one declared incident, written
 * the way Command Post writes incidents. The message of a refusal is written
 * for the person who picked the file.
 */
export function decodeIncidentFile(text: string): DecodeResult {
  if (text.length > MAX_INCIDENT_FILE_BYTES) return fail('too-large', tooLargeMessage(text.length));

  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return fail('not-json', 'This is not a Command Post incident file: it is not JSON text. Nothing was imported.');
  }
  const head = z.object({ format: z.unknown().optional(), version: z.unknown().optional() }).safeParse(raw);
  if (!head.success || head.data.format !== INCIDENT_FILE_FORMAT) {
    return fail('wrong-format', 'This is not a Command Post incident file (it does not say "command-post-incident"). Nothing was imported.');
  }
  const version = head.data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > INCIDENT_FILE_VERSION) {
    return fail(
      'newer-version',
      `This incident file was written by a newer version of Command Post (file format ${version}; this version reads format ${INCIDENT_FILE_VERSION}). Update Command Post on this machine to import it.`,
    );
  }
  if (version !== INCIDENT_FILE_VERSION) {
    const what = version === undefined ? 'no file format version' : 'a file format version this Command Post does not know';
    return fail('unsupported-version', `This incident file has ${what}, so it cannot be read. Nothing was imported.`);
  }

  const parsed = Envelope.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('missing-fields', `This incident file is damaged or incomplete: ${issue?.message ?? 'a field is not valid'}. Nothing was imported.`);
  }
  const envelope = parsed.data;

  const update = base64ToBytes(envelope.update);
  if (!update) return fail('bad-encoding', 'This incident file is damaged: its incident data is not valid base64. Nothing was imported.');
  if (crc32(update) !== envelope.crc32) {
    return fail('checksum', 'This incident file is damaged: its checksum does not match (it was changed or cut short after it was exported). Nothing was imported.');
  }

  const doc = new Y.Doc({ guid: envelope.incidentId, gc: true });
  try {
    return inspect(doc, envelope, update);
  } finally {
    doc.destroy();
  }
}

function inspect(doc: Y.Doc, envelope: Envelope, update: Uint8Array): DecodeResult {
  try {
    Y.applyUpdate(doc, update, IMPORT_ORIGIN);
  } catch {
    return fail('unreadable', 'This incident file is damaged: its incident data cannot be read. Nothing was imported.');
  }
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  if (store.pendingStructs || store.pendingDs) {
    return fail('incomplete', 'This incident file is incomplete: it refers to changes it does not contain. Nothing was imported.');
  }
  // Checked before the roots: a newer version may keep its incident in roots this one does not know.
  const meta = metaOf(doc);
  const schemaVersion = meta.get('schemaVersion');
  if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) {
    return fail('newer-schema', 'This incident was saved by a newer version of Command Post. Update Command Post on this machine to import it.');
  }
  const foreign = [...doc.share.keys()].filter((key) => !KNOWN_ROOTS.has(key));
  if (foreign.length || doc.getSubdocs().size > 0) {
    return fail('foreign-data', 'This file holds data that is not part of a Command Post incident. Nothing was imported.');
  }
  const snapshot = projectIncident(doc);
  const declarations = snapshot.timeline.filter((e) => e.kind === 'declared');
  const first = declarations[0];
  if (!snapshot.header || !first) {
    return fail('no-declaration', 'This incident file holds no declared incident. Nothing was imported.');
  }
  const docId = meta.get('incidentId');
  if (docId !== envelope.incidentId) {
    return fail('id-mismatch', 'This incident file contradicts itself: the incident inside is not the one its label names. Nothing was imported.');
  }

  // What Command Post never writes: a second declaration, a removed timeline
  // entry (the timeline is append-only), fields longer than a command allows.
  const notOurs = (why: string) => fail('not-from-command-post', `This file was not written by Command Post: ${why}. Nothing was imported.`);
  if (declarations.length > 1) return notOurs('it declares its incident more than once');
  for (let item = timelineOf(doc)._start; item; item = item.right) {
    if (item.deleted) return notOurs('it removes timeline entries');
  }
  if (snapshot.timeline.some(oversized)) return notOurs('a timeline entry is longer than Command Post allows');
  const statusProblem = statusDocProblem(doc, snapshot);
  if (statusProblem) return notOurs(statusProblem);
  const postmortem = postmortemProblem(doc, snapshot.postmortem);
  if (postmortem) return notOurs(postmortem);
  const comms = commsProblem(doc);
  if (comms) return notOurs(comms);

  return {
    ok: true,
    file: {
      incidentId: envelope.incidentId,
      name: snapshot.header.name,
      exportedAt: envelope.exportedAt,
      exportedBy: envelope.exportedBy,
      update,
      events: snapshot.timeline.length,
      malformedEntries: snapshot.malformedEntries,
      declarationId: first.id,
      signature: envelope.signature ?? null,
      admission: envelope.admission ?? null,
    },
  };
}

/** What in the status document Command Post would never have written, if anything. */
function statusDocProblem(doc: Y.Doc, snapshot: IncidentSnapshot): string | null {
  if (snapshot.status.summary.damaged || snapshot.status.impact.damaged || snapshot.status.eta.damaged) {
    return 'its status document holds formatting, objects or more text than Command Post allows';
  }
  for (const [key, value] of statusMapOf(doc).entries()) {
    const fits =
      key === 'phase'
        ? isStatusPhase(value)
        : key === 'impactSince'
          ? value === null || (typeof value === 'number' && Number.isFinite(value))
          : key === 'editedAt'
            ? typeof value === 'number' && Number.isFinite(value)
            : key === 'editedBy'
              ? typeof value === 'string' && value.length <= MAX_PERSON
              : false;
    if (!fits) return 'its status document holds a value Command Post does not write';
  }
  return null;
}

function oversized(event: TimelineEvent): boolean {
  if (event.id.length > MAX_ID || event.author.length > MAX_PERSON || event.text.length > MAX_STORED_TEXT) return true;
  return event.kind === 'declared' && (event.name.length > MAX_NAME || event.synopsis.length > MAX_SYNOPSIS);
}

// ---- merging ----------------------------------------------------------------

export type ImportPlan =
  | {
      readonly ok: true;
      /** new: the incident was not on this machine; merged: the file added something; unchanged: it added nothing. */
      readonly kind: 'new' | 'merged' | 'unchanged';
      readonly name: string;
      /** Valid events before and after. */
      readonly before: number;
      readonly after: number;
    }
  | { readonly ok: false; readonly message: string };

function stateOf(snapshot: IncidentSnapshot): { declarationId: string | null; ids: Set<string> } {
  return {
    declarationId: snapshot.timeline.find((e) => e.kind === 'declared')?.id ?? null,
    ids: new Set(snapshot.timeline.map((e) => e.id)),
  };
}

/**
 * What importing `file` into `current` (this machine's doc of the same
 * incident, possibly empty) would do, worked out on a scratch copy so that
 * `current` is untouched. Refuses a file that holds a different incident
 * under the same id, and a merge that would lose any event this machine has.
 */
export function planIncidentImport(current: Y.Doc, file: IncidentFile): ImportPlan {
  if (current.guid !== file.incidentId) throw new Error('planIncidentImport: the doc is not the file’s incident');
  const before = projectIncident(current);
  const mine = stateOf(before);
  if (!before.header) return { ok: true, kind: 'new', name: file.name, before: before.timeline.length, after: file.events };
  if (mine.declarationId !== file.declarationId) {
    return {
      ok: false,
      message: `This file holds a different incident (${file.name}) under the same id as ${before.header.name} on this machine. Nothing was imported.`,
    };
  }

  const scratch = new Y.Doc({ guid: current.guid, gc: true });
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
    const vectorBefore = Y.encodeStateVector(scratch);
    Y.applyUpdate(scratch, file.update, IMPORT_ORIGIN);
    const after = projectIncident(scratch);
    const theirs = stateOf(after);
    const store = scratch.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
    const lost = [...mine.ids].some((id) => !theirs.ids.has(id));
    if (lost || theirs.declarationId !== mine.declarationId || after.compatibility !== 'ok' || store.pendingStructs || store.pendingDs) {
      return { ok: false, message: `Merging this file would change ${before.header.name} in a way Command Post never does, so it was not imported.` };
    }
    const unchanged = equalBytes(vectorBefore, Y.encodeStateVector(scratch));
    return {
      ok: true,
      kind: unchanged ? 'unchanged' : 'merged',
      name: after.header?.name ?? before.header.name,
      before: before.timeline.length,
      after: after.timeline.length,
    };
  } finally {
    scratch.destroy();
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Imports a decoded file into `doc` (this machine's doc of that incident):
 * plans it first, and only if the plan holds applies the file's update in
 * one transaction with IMPORT_ORIGIN. An unchanged plan applies nothing.
 */
export function importIncidentFile(doc: Y.Doc, file: IncidentFile): ImportPlan {
  const plan = planIncidentImport(doc, file);
  if (plan.ok && plan.kind !== 'unchanged') Y.applyUpdate(doc, file.update, IMPORT_ORIGIN);
  return plan;
}
