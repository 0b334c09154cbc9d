/**
 * What is signed, and how: the records that make an incident's history
 * verifiable by anyone holding a copy, in the app or outside it.
 *
 * Two kinds of record, both signed by one person's key on one machine and
 * chained per key and kind (each names the hash of that key's previous
 * record of its kind, so a record dropped from the middle of someone's
 * history shows; two chains, so membership is decided from statements
 * alone, without the timeline):
 *
 * - a **seal** signs one timeline entry as it is stored (the entry itself is
 *   unchanged; its seal sits beside it, in the doc's `seals` array);
 * - a **statement** says who belongs to the incident: the genesis that
 *   declares its first member, invites, admissions, removals, revocations
 *   and renames (in the doc's `members` array).
 *
 * The bytes signed are a domain tag and the canonical JSON (RFC 8785) of the
 * record with the incident's id, so a record cannot be replayed into another
 * incident, and a seal cannot be passed off as a statement.
 *
 * An incident declared since signing exists has an id derived from its
 * first member's key (incidentIdFor): no one can present another first
 * member without finding a second key with the same hash. Its UUID version
 * is 8, so an id alone says whether the incident must carry signatures;
 * older incidents (version 4 ids) are shown as unsigned.
 */
import canonicalize from 'canonicalize';
import { encodeUtf8 } from 'lib0/string';
import { bytesToBase64Url } from '../base64';
import { hashOf, sha256, type KeyId } from './signatures';

export type MemberRole = 'responder' | 'observer';
export const MEMBER_ROLES: readonly MemberRole[] = ['responder', 'observer'];

/** The longest name or machine label a statement may carry. */
export const MAX_LABEL = 120;
/** The most heads a removal can list (keys with more concurrent heads are not honest). */
export const MAX_HEADS = 64;
const MAX_ADMITTED = 1_024;

export type StatementBody =
  /** The incident's first member: its key and nonce derive the incident's id. */
  | { readonly type: 'genesis'; readonly nonce: string; readonly name: string; readonly machine: string }
  /** An invite made by a responder: whoever proves they hold its admission key may join, with its role. */
  | { readonly type: 'invite'; readonly admissionKey: KeyId; readonly role: MemberRole }
  /** Joining: the invite's hash, and the joiner's key signed by the invite's admission key (`proof`). */
  | { readonly type: 'admit'; readonly invite: string; readonly name: string; readonly machine: string; readonly proof: string }
  /** A responder removes a member: of the member's records, only those up to `heads` (as the remover saw them) stand. */
  | { readonly type: 'remove'; readonly member: KeyId; readonly heads: readonly string[] }
  /** A responder closes an invite: only the keys listed (already admitted through it) stay admitted. */
  | { readonly type: 'revoke'; readonly invite: string; readonly admitted: readonly KeyId[] }
  /** A member's new display name (a typo fixed in Settings); their entries may carry any name they had. */
  | { readonly type: 'name'; readonly name: string };

export type StatementType = StatementBody['type'];

export interface Statement {
  readonly key: KeyId;
  /** The hash of this key's previous statement; null for its first. */
  readonly prev: string | null;
  /** When it was signed, by the signer's clock. */
  readonly at: number;
  readonly body: StatementBody;
  readonly sig: string;
}

/** The signature of one timeline entry, stored beside it. */
export interface Seal {
  /** The entry's id. */
  readonly entry: string;
  readonly key: KeyId;
  /** The hash of this key's previous sealed entry; null for its first. */
  readonly prev: string | null;
  readonly sig: string;
}

const TAG_STATEMENT = 'command-post statement v1\n';
const TAG_ENTRY = 'command-post entry v1\n';
const TAG_ADMISSION = 'command-post admission v1\n';
const TAG_INCIDENT = 'command-post incident v1\n';

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Nothing to sign.');
  return text;
}

/** The bytes a statement's signature covers. */
export function statementBytes(incident: string, s: Pick<Statement, 'key' | 'prev' | 'at' | 'body'>): Uint8Array {
  return encodeUtf8(TAG_STATEMENT + canonical({ incident, key: s.key, prev: s.prev, at: s.at, body: s.body }));
}

/** The bytes an entry's seal covers: the entry exactly as stored, with its signer and chain. */
export function entryBytes(incident: string, key: KeyId, prev: string | null, entry: unknown): Uint8Array {
  return encodeUtf8(TAG_ENTRY + canonical({ incident, key, prev, entry }));
}

/** What an invite's admission key signs to admit one key through one invite. */
export function admissionBytes(incident: string, invite: string, key: KeyId): Uint8Array {
  return encodeUtf8(TAG_ADMISSION + canonical({ incident, invite, key }));
}

/** The hash by which later records name this one (its signed bytes). */
export const recordHash = hashOf;

/**
 * The id of an incident whose first member has `key`: UUID-shaped (the
 * router, file names and rooms take it as before), version 8.
 */
export function incidentIdFor(key: KeyId, nonce: string): string {
  const b = sha256(encodeUtf8(`${TAG_INCIDENT}${key}\n${nonce}`)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether an id is one incidentIdFor makes: such an incident must carry signatures. */
export function isSignedIncidentId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id);
}

/** A fresh nonce for a genesis: 16 random bytes, base64url. */
export function newNonce(random: (bytes: Uint8Array) => Uint8Array): string {
  return bytesToBase64Url(random(new Uint8Array(16)));
}

// ---- shapes read from a doc or a file (a hostile peer may write anything) -----

const B64URL = /^[A-Za-z0-9_-]+$/;
const isKey = (v: unknown): v is KeyId => typeof v === 'string' && v.length === 43 && B64URL.test(v);
const isHash = isKey;
const isSig = (v: unknown): v is string => typeof v === 'string' && v.length === 86 && B64URL.test(v);
const isLabel = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_LABEL;
const isPrev = (v: unknown): v is string | null => v === null || isHash(v);

function isBody(value: unknown): value is StatementBody {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  switch (b.type) {
    case 'genesis':
      return typeof b.nonce === 'string' && b.nonce.length > 0 && b.nonce.length <= 64 && isLabel(b.name) && isLabel(b.machine);
    case 'invite':
      return isKey(b.admissionKey) && (MEMBER_ROLES as readonly unknown[]).includes(b.role);
    case 'admit':
      return isHash(b.invite) && isLabel(b.name) && isLabel(b.machine) && isSig(b.proof);
    case 'remove':
      return isKey(b.member) && Array.isArray(b.heads) && b.heads.length <= MAX_HEADS && b.heads.every(isHash);
    case 'revoke':
      return isHash(b.invite) && Array.isArray(b.admitted) && b.admitted.length <= MAX_ADMITTED && b.admitted.every(isKey);
    case 'name':
      return isLabel(b.name);
    default:
      return false;
  }
}

export function isStatement(value: unknown): value is Statement {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return isKey(s.key) && isPrev(s.prev) && typeof s.at === 'number' && Number.isFinite(s.at) && isSig(s.sig) && isBody(s.body);
}

export function isSeal(value: unknown): value is Seal {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.entry === 'string' && s.entry.length > 0 && s.entry.length <= 100 && isKey(s.key) && isPrev(s.prev) && isSig(s.sig);
}
