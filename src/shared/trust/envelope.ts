/**
 * What every sync message between two machines travels in: the message,
 * the sender's key and signature when the message changes the document,
 * and, when it opens an exchange, the membership statements the sender
 * holds (its proof: a newcomer holds nothing yet, and must be able to tell
 * a responder's changes from anyone else's before applying any of them).
 *
 * The signature covers the incident and the message's hash, so a message
 * cannot be replayed into another incident or altered on the way. Whether
 * its sender may write is decided by the receiver from the statements
 * (guard.ts), never taken from the envelope.
 *
 *   varUint   ENVELOPE_VERSION
 *   varString key ('' when the sender cannot sign)
 *   varString signature ('' when unsigned)
 *   varString proof (JSON array of statements; '' when none)
 *   varUint8Array the y-webrtc message
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { encodeUtf8 } from 'lib0/string';
import { bytesToBase64Url } from '../base64';
import { sha256 } from './signatures';

export const ENVELOPE_VERSION = 0xc5;
/** A proof longer than this is not from an honest peer (some thousand members). */
export const MAX_PROOF_CHARS = 2 * 1024 * 1024;

export interface Envelope {
  readonly key: string;
  readonly sig: string;
  /** Statements, unchecked: parsed and checked by whoever uses them. */
  readonly proof: readonly unknown[];
  readonly message: Uint8Array;
}

export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ENVELOPE_VERSION);
  encoding.writeVarString(encoder, envelope.key);
  encoding.writeVarString(encoder, envelope.sig);
  encoding.writeVarString(encoder, envelope.proof.length ? JSON.stringify(envelope.proof) : '');
  encoding.writeVarUint8Array(encoder, envelope.message);
  return encoding.toUint8Array(encoder);
}

/** The envelope, or null for anything else (a peer of another version, or one sending garbage). */
export function decodeEnvelope(bytes: Uint8Array): Envelope | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== ENVELOPE_VERSION) return null;
    const key = decoding.readVarString(decoder);
    const sig = decoding.readVarString(decoder);
    const proofText = decoding.readVarString(decoder);
    const message = decoding.readVarUint8Array(decoder);
    if (key.length > 64 || sig.length > 128 || proofText.length > MAX_PROOF_CHARS) return null;
    const proof: unknown = proofText ? JSON.parse(proofText) : [];
    if (!Array.isArray(proof)) return null;
    return { key, sig, proof, message };
  } catch {
    return null;
  }
}

const TAG_SYNC = 'command-post sync v1\n';

/** The bytes a message's signature covers. */
export function messageBytes(incident: string, message: Uint8Array): Uint8Array {
  return encodeUtf8(`${TAG_SYNC}${incident}\n${bytesToBase64Url(sha256(message))}`);
}

/** y-webrtc's message types, and y-protocols' sync steps. */
const MESSAGE_SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/**
 * What a y-webrtc message does: 'ask' (sync step 1: a state vector, changes
 * nothing), 'change' (step 2 or an update: applied to the document), or
 * 'other' (presence and the like, never in the document).
 */
export function messageKind(message: Uint8Array): 'ask' | 'change' | 'other' {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return 'other';
    const step = decoding.readVarUint(decoder);
    if (step === STEP1) return 'ask';
    if (step === STEP2 || step === UPDATE) return 'change';
    // An unknown step: y-protocols would throw on it; treat it as a change, which must then be signed.
    return 'change';
  } catch {
    return 'change';
  }
}
