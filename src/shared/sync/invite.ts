/**
 * Invitations to an incident shared peer to peer.
 *
 * An invite carries what a newcomer needs to find the others with no central
 * service: the incident (its id is the room), the room secret, and the
 * signaling addresses of peers that can introduce them. The secret is y-webrtc's
 * room password: it encrypts everything that passes through signaling, so a
 * signaling server (or anyone on the LAN) learns nothing without it, and it
 * never travels in clear; the invite itself is handed over out of band (read
 * out, pasted in a chat, shown as a QR code). It may also list relays
 * (relays.ts), for responses larger than a WebRTC mesh holds; invites made
 * before relays existed, without them, stay valid.
 *
 * An invite to a signed incident also carries an admission (../trust/
 * invites.ts): a responder's signed invite statement, naming the role it
 * grants, and the secret of its admission key, with which the newcomer
 * signs themselves in. Without one, the newcomer can read but not write.
 *
 * The code is "cp1." followed by base64url of a small JSON object.
 */
import { z } from 'zod';
import { base64UrlToBytes, bytesToBase64Url } from '../base64';
import { ShortKey } from './short-code';

export const INVITE_PREFIX = 'cp1.';
/** Secrets are 128 random bits, written in base32 (no look-alike characters). */
export const SECRET_BYTES = 16;
const MAX_SIGNALING = 8;
/** Relays in an invite; the share dialog allows fewer (MAX_RELAYS). */
const MAX_INVITE_RELAYS = 8;
const MAX_INVITE_CHARS = 4096;

/** A signaling server address: ws:// or wss://, a host, an optional port and path, no credentials. */
export const SIGNALING_URL = /^wss?:\/\/[A-Za-z0-9.\-[\]:]+(:\d{1,5})?(\/[A-Za-z0-9._~\-/]*)?$/;

export function isSignalingUrl(url: string): boolean {
  return url.length <= 200 && SIGNALING_URL.test(url);
}

const SignalingUrl = z
  .string()
  .max(200)
  .regex(SIGNALING_URL, 'A signaling address is a ws:// or wss:// URL.');

export const Invite = z.object({
  incidentId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'The invite names no valid incident.'),
  name: z.string().trim().min(1).max(60),
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'The invite’s secret is not valid.'),
  signaling: z.array(SignalingUrl).min(1, 'The invite lists no signaling address.').max(MAX_SIGNALING),
  /** The key of the incident's short code, so that every peer can answer it (older invites have none). */
  shortKey: ShortKey.optional(),
  relays: z.array(z.string().max(200).regex(SIGNALING_URL, 'A relay address is a ws:// or wss:// URL.')).max(MAX_INVITE_RELAYS).optional(),
  /** The admission to a signed incident: checked in full when it is used (../trust/invites.ts). */
  admission: z
    .object({
      statement: z.record(z.string(), z.unknown()),
      secret: z.string().regex(/^[A-Za-z0-9_-]{40,200}$/, 'The invite’s admission key is not valid.'),
    })
    .optional(),
});
export type Invite = z.infer<typeof Invite>;

export type DecodedInvite = { readonly ok: true; readonly invite: Invite } | { readonly ok: false; readonly message: string };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A room secret from random bytes (the caller supplies them: crypto lives in the host). */
export function secretFromBytes(bytes: Uint8Array): string {
  if (bytes.length < SECRET_BYTES) throw new Error(`A secret needs ${SECRET_BYTES} random bytes.`);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** The y-webrtc room of an incident. */
export function roomName(incidentId: string): string {
  return `command-post/${incidentId}`;
}

/** JSON with every non-ASCII character escaped is plain ASCII: one byte per character. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toBase64Url(ascii: string): string {
  return bytesToBase64Url(Uint8Array.from(ascii, (c) => c.charCodeAt(0)));
}

function fromBase64Url(code: string): string | null {
  const bytes = base64UrlToBytes(code);
  if (!bytes) return null;
  const binary = String.fromCharCode(...bytes);
  // Invites are ASCII JSON (see asciiJson); anything else was not written by us.
  return /^[\x20-\x7e]*$/.test(binary) ? binary : null;
}

export function encodeInvite(invite: Invite): string {
  const checked = Invite.parse(invite);
  const fields: Record<string, unknown> = { i: checked.incidentId, n: checked.name, k: checked.secret, s: checked.signaling, c: checked.shortKey };
  // Only when there are any, so an invite without relays reads exactly as before.
  if (checked.relays?.length) fields.r = checked.relays;
  if (checked.admission) fields.a = checked.admission;
  return INVITE_PREFIX + toBase64Url(asciiJson(fields));
}

/** Reads a pasted invite: the code alone, or a link that ends in #/join/<code>. */
export function decodeInvite(pasted: string): DecodedInvite {
  const text = pasted.trim();
  if (text.length > MAX_INVITE_CHARS) return { ok: false, message: 'That is far too long to be an invite.' };
  const code = text.includes('#/join/') ? text.slice(text.indexOf('#/join/') + '#/join/'.length) : text;
  if (!code.startsWith(INVITE_PREFIX)) {
    return { ok: false, message: `That is not a Command Post invite: an invite starts with "${INVITE_PREFIX}".` };
  }
  const json = fromBase64Url(code.slice(INVITE_PREFIX.length));
  if (json === null) return { ok: false, message: 'The invite is damaged: some of it is missing or mistyped.' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: 'The invite is damaged: some of it is missing or mistyped.' };
  }
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parsed = Invite.safeParse({ incidentId: fields.i, name: fields.n, secret: fields.k, signaling: fields.s, shortKey: fields.c, relays: fields.r, admission: fields.a });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'The invite is not valid.' };
  const { relays, admission, ...rest } = parsed.data;
  const invite: Invite = relays?.length ? { ...rest, relays } : rest;
  return { ok: true, invite: admission ? { ...invite, admission } : invite };
}

/** A link that opens the join screen with the invite filled in. */
export function inviteLink(appUrl: string, code: string): string {
  return `${appUrl.replace(/#.*$/, '')}#/join/${code}`;
}
