/**
 * Incident files that cannot rewrite history.
 *
 * A file is checked in full before anything stored is touched:
 * - every entry in it must be verified (signed by a responder, unchanged,
 *   its chain whole), and its first member's genesis must be there; one
 *   that fails is named, with what is wrong with it;
 * - the file itself is signed by whoever exported it. What a file changes
 *   beyond signed entries (the status document's text, the checklist, the
 *   postmortem) replaces what is stored only from a responder's export;
 * - a merge that changes collaborative text says so, by whom and when,
 *   instead of passing over it.
 * Incidents declared before signing existed carry none of this and are
 * merged as before.
 */
import canonicalize from 'canonicalize';
import { encodeUtf8 } from 'lib0/string';
import * as Y from 'yjs';
import { bytesToBase64Url } from '../base64';
import {
  EVENT_KIND_LABELS,
  POSTMORTEM_SECTIONS,
  STATUS_FIELD_LABELS,
  STATUS_TEXT_FIELDS,
  actionItemsOf,
  checklistOf,
  isTimelineEvent,
  postmortemMapOf,
  postmortemTextOf,
  statusMapOf,
  statusTextOf,
  timelineOf,
  type IncidentFile,
  type TimelineEvent,
} from '../incident';
import { sealsOf, statementsOf } from './doc';
import { TrustLedger, type Member, type Refusal, type TrustReport } from './ledger';
import { isSignedIncidentId } from './records';
import { sha256, verifySignature, type KeyId, type Signer } from './signatures';

/** Who exported a file, and their signature over it. */
export interface FileSignature {
  readonly key: KeyId;
  readonly sig: string;
}

const TAG_FILE = 'command-post file v1\n';

/** The bytes an export's signature covers: the incident, the time of export, and the hash of the incident data. */
export function fileBytes(incident: string, exportedAt: string, update: Uint8Array): Uint8Array {
  return encodeUtf8(TAG_FILE + canonicalize({ incident, exportedAt, update: bytesToBase64Url(sha256(update)) })!);
}

export async function signFile(signer: Signer, incident: string, exportedAt: string, update: Uint8Array): Promise<FileSignature> {
  return { key: signer.key, sig: bytesToBase64Url(await signer.sign(fileBytes(incident, exportedAt, update))) };
}

export type FileCheck =
  | {
      readonly ok: true;
      /** What the merge changes outside the timeline, in words ("Status summary changed by Chris Lee at 10:42 UTC"). */
      readonly changes: readonly string[];
      /** The verified state of the file (null for an unsigned incident). */
      readonly report: TrustReport | null;
    }
  | { readonly ok: false; readonly message: string };

/** Why an entry failed, for the person who picked the file. */
export const REFUSAL_PHRASES: Record<Refusal, string> = {
  unsigned: 'it is not signed',
  'bad-signature': 'it was changed after it was signed, or its signature is forged',
  'not-a-member': 'it is signed by someone who is not a member of the incident',
  observer: 'it is signed by an observer, who may not write',
  removed: 'it was signed after its author was removed from the incident',
  name: 'it names an author its signer never stated',
  chain: 'an earlier entry by the same author is missing or was changed',
  declaration: 'it declares the incident again, and only its first member declared it',
};

const MAX_NAMED = 3;

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

function describe(entry: TimelineEvent): string {
  const text = entry.text.length > 80 ? `${entry.text.slice(0, 79)}…` : entry.text;
  return `“${text}” (${EVENT_KIND_LABELS[entry.kind]}, ${utc(entry.at)}, by ${entry.author})`;
}

/** Checks a decoded file against this machine's copy of its incident (`current`, possibly empty). */
export async function checkIncidentFile(current: Y.Doc, file: IncidentFile, signature: FileSignature | null): Promise<FileCheck> {
  if (!isSignedIncidentId(file.incidentId)) return { ok: true, changes: [], report: null };
  const scratch = new Y.Doc({ guid: file.incidentId, gc: true });
  const merged = new Y.Doc({ guid: file.incidentId, gc: true });
  try {
    Y.applyUpdate(scratch, file.update);
    const report = await new TrustLedger(file.incidentId).assess({
      statements: statementsOf(scratch).toArray(),
      seals: sealsOf(scratch).toArray(),
      entries: timelineOf(scratch).toArray().filter(isTimelineEvent),
    });
    const refusal = refusalOf(report);
    if (refusal) return { ok: false, message: `${refusal} Nothing was imported.` };

    Y.applyUpdate(merged, Y.encodeStateAsUpdate(current));
    const before = outsideTimeline(merged);
    Y.applyUpdate(merged, file.update);
    const after = outsideTimeline(merged);
    const touched = Object.keys(after).filter((k) => after[k] !== before[k]);
    // Text already stored here is replaced only by a responder's file; an incident new to this machine replaces nothing.
    const stored = timelineOf(current).length > 0;
    if (touched.length && stored) {
      const exporter = await exporterOf(file, signature, report);
      if (exporter.role !== 'responder') {
        const what = touched.map((k) => PART_LABELS[k.split(':')[0]!] ?? k);
        return {
          ok: false,
          message: `This file changes the incident’s ${[...new Set(what)].join(' and ')}, but ${exporter.who}, and only a responder’s file may change them. Nothing was imported.`,
        };
      }
    }
    return { ok: true, changes: stored ? describeChanges(merged, touched) : [], report };
  } finally {
    scratch.destroy();
    merged.destroy();
  }
}

/** The first thing wrong with a file's records, in words; null when everything holds. */
function refusalOf(report: TrustReport): string | null {
  if (!report.root) return 'This file does not carry the signed statement of the incident’s first member, so none of it can be verified.';
  const failed = [...report.verdicts].filter(([, v]) => !v.ok);
  const declaration = failed.find(([e]) => e.kind === 'declared');
  if (declaration) {
    return `This file’s declaration of the incident (${declaration[0].text}) fails its check: ${REFUSAL_PHRASES[(declaration[1] as { reason: Refusal }).reason]}.`;
  }
  if (failed.length) {
    const named = failed.slice(0, MAX_NAMED).map(([e, v]) => `${describe(e)}: ${REFUSAL_PHRASES[(v as { reason: Refusal }).reason]}`);
    const more = failed.length > MAX_NAMED ? `; and ${failed.length - MAX_NAMED} more` : '';
    return `${failed.length === 1 ? 'An entry' : `${failed.length} entries`} in this file ${failed.length === 1 ? 'fails' : 'fail'} verification: ${named.join('; ')}${more}.`;
  }
  const statement = report.refusedStatements.find((r) => r.statement.body.type !== 'name');
  if (statement) return `This file holds a membership statement (${statement.statement.body.type}) that does not hold (${statement.reason}).`;
  return null;
}

async function exporterOf(file: IncidentFile, signature: FileSignature | null, report: TrustReport): Promise<{ role: 'responder' | 'other'; who: string }> {
  if (!signature) return { role: 'other', who: 'it is not signed by whoever exported it' };
  const ok = await verifySignature(signature.key, fileBytes(file.incidentId, file.exportedAt, file.update), signature.sig);
  if (!ok) return { role: 'other', who: 'its export signature does not hold (the file was changed after it was exported)' };
  const member: Member | undefined = report.members.find((m) => m.key === signature.key);
  if (!member) return { role: 'other', who: 'it was exported by someone who is not a member of the incident' };
  if (member.removed) return { role: 'other', who: `it was exported by ${member.name}, who was removed from the incident` };
  if (member.role !== 'responder') return { role: 'other', who: `it was exported by ${member.name}, an observer` };
  return { role: 'responder', who: member.name };
}

const PART_LABELS: Record<string, string> = { status: 'status document', checklist: 'checklists', postmortem: 'postmortem' };

/** Everything a file can change besides signed records, one comparable string per part. */
function outsideTimeline(doc: Y.Doc): Record<string, string> {
  const parts: Record<string, string> = {
    'status:map': canonicalize(statusMapOf(doc).toJSON())!,
    'checklist:map': canonicalize(checklistOf(doc).toJSON())!,
    'postmortem:map': canonicalize(postmortemMapOf(doc).toJSON())!,
    'postmortem:items': canonicalize(actionItemsOf(doc).toJSON())!,
  };
  for (const field of STATUS_TEXT_FIELDS) parts[`status:${field}`] = statusTextOf(doc, field).toString();
  for (const section of POSTMORTEM_SECTIONS) parts[`postmortem:${section}`] = postmortemTextOf(doc, section).toString();
  return parts;
}

/** "Status summary changed by Chris Lee at 10:42 UTC", for each text the merge changes. */
function describeChanges(merged: Y.Doc, touched: readonly string[]): string[] {
  const status = statusMapOf(merged);
  const by = status.get('editedBy');
  const at = status.get('editedAt');
  const whoWhen = typeof by === 'string' && typeof at === 'number' ? ` by ${by} at ${utc(at)}` : '';
  const changes: string[] = [];
  for (const key of touched) {
    const [part, name] = key.split(':') as [string, string];
    if (part === 'status' && name !== 'map') changes.push(`Status ${STATUS_FIELD_LABELS[name as (typeof STATUS_TEXT_FIELDS)[number]].toLowerCase()} changed${whoWhen}`);
    else if (part === 'postmortem' && name !== 'map' && name !== 'items') changes.push(`Postmortem section “${name}” changed`);
  }
  return changes;
}
