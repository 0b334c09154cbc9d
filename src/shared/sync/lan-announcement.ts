/**
 * What a command post says about itself on the local network (mDNS/DNS-SD,
 * issue 23), and how what others say is read.
 *
 * One service of type `_command-post._tcp` per incident shared on the LAN.
 * Its instance name and host name are an opaque identifier, random and
 * rotated (every 15 minutes and at each new share), so nothing in the
 * records ties two announcements, or an announcement and an incident,
 * together. The SRV record carries the signaling server's port. The TXT
 * record is built by `announcementTxt` alone, from a typed `ShareAnnouncement`:
 *
 *   v  the protocol version ("1")
 *   id the opaque identifier (also the instance name)
 *   n  the machine's display name, when the user chose one in Settings
 *      (never the operating system's host name, which often names a person)
 *   c  the incident's codename    } only when the IC turned on "show this
 *   s  the incident's severity    } incident's name to the network" for this share
 *
 * Nothing else: no incident id, no organisation, no person's name.
 *
 * Everything read from the network is untrusted: `parseAnnouncement` checks
 * it with zod, bounds every string, drops control, format and
 * direction-changing characters, and returns null for what is not ours.
 */
import { z } from 'zod';

export const DISCOVERY_SERVICE_TYPE = 'command-post';
/** As DNS-SD writes it (bonjour-service takes the bare name and the protocol). */
export const DISCOVERY_SERVICE = `_${DISCOVERY_SERVICE_TYPE}._tcp`;
export const DISCOVERY_PROTOCOL_VERSION = 1;

/** 16 random bytes as 32 lowercase hex digits: a valid DNS label, case-insensitive as DNS is. */
export const ANNOUNCED_ID_BYTES = 16;
export const AnnouncedId = z.string().regex(/^[0-9a-f]{32}$/, 'Not an announced id.');

/** Longest display name a machine announces or a list shows (code points). */
export const MAX_DISPLAY_NAME = 40;
export const MAX_CODENAME = 40;
export const ANNOUNCED_SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5'] as const;
export type AnnouncedSeverity = (typeof ANNOUNCED_SEVERITIES)[number];

/** What main announces for one share. `incident` is present only when the IC allowed it. */
export interface ShareAnnouncement {
  readonly id: string;
  readonly port: number;
  readonly displayName: string | null;
  readonly incident: { readonly codename: string; readonly severity: AnnouncedSeverity | null } | null;
}

/** The TXT record, key by key (strings only, as DNS-SD stores them). */
export type AnnouncementTxt = Readonly<Record<string, string>>;

/** A random announced id from the caller's random bytes (crypto lives in the host). */
export function announcedIdFromBytes(bytes: Uint8Array): string {
  if (bytes.length < ANNOUNCED_ID_BYTES) throw new Error(`An announced id needs ${ANNOUNCED_ID_BYTES} random bytes.`);
  return [...bytes.subarray(0, ANNOUNCED_ID_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Text fit to show and to announce: Unicode-normalised, with control
 * characters and invisible format characters (zero-width, direction marks
 * and overrides, which make "abc\u202Efdp" read backwards) removed, white
 * space collapsed, and at most `max` code points. Empty becomes null.
 */
export function displayText(value: string, max: number): string | null {
  const cleaned = value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const capped = [...cleaned].slice(0, max).join('').trim();
  return capped === '' ? null : capped;
}

/** The one function that decides what goes into the TXT record. */
export function announcementTxt(announcement: ShareAnnouncement): AnnouncementTxt {
  const txt: Record<string, string> = { v: String(DISCOVERY_PROTOCOL_VERSION), id: AnnouncedId.parse(announcement.id) };
  const name = announcement.displayName === null ? null : displayText(announcement.displayName, MAX_DISPLAY_NAME);
  if (name !== null) txt.n = name;
  if (announcement.incident) {
    const codename = displayText(announcement.incident.codename, MAX_CODENAME);
    if (codename !== null) txt.c = codename;
    if (announcement.incident.severity !== null) txt.s = announcement.incident.severity;
  }
  return txt;
}

/** A TXT value as bonjour-service decodes it: a string, `true` for a key without "=", or bytes. */
const TxtText = (max: number) =>
  z
    .string()
    .max(max * 4 + 16)
    .transform((value) => displayText(value, max));

const TxtRecord = z.object({
  v: z.union([z.string(), z.number()]).transform(String),
  id: AnnouncedId,
  n: TxtText(MAX_DISPLAY_NAME).optional().catch(undefined),
  c: TxtText(MAX_CODENAME).optional().catch(undefined),
  s: z.enum(ANNOUNCED_SEVERITIES).optional().catch(undefined),
});

/** What a peer's announcement says, once checked. */
export interface PeerAnnouncement {
  readonly id: string;
  readonly port: number;
  readonly displayName: string | null;
  readonly codename: string | null;
  readonly severity: AnnouncedSeverity | null;
}

/**
 * Reads a peer's announcement: its instance name, SRV port and decoded TXT.
 * Null for anything that is not a command post speaking this protocol
 * version, whose instance name is not its id, or whose port is not one.
 * A bad optional field is dropped, not the whole peer.
 */
export function parseAnnouncement(service: { name?: unknown; port?: unknown; txt?: unknown }): PeerAnnouncement | null {
  const port = service.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) return null;
  if (typeof service.txt !== 'object' || service.txt === null || Array.isArray(service.txt)) return null;
  const txt = TxtRecord.safeParse(service.txt);
  if (!txt.success || txt.data.v !== String(DISCOVERY_PROTOCOL_VERSION)) return null;
  if (typeof service.name !== 'string' || service.name.toLowerCase() !== txt.data.id) return null;
  const codename = txt.data.c ?? null;
  return {
    id: txt.data.id,
    port,
    displayName: txt.data.n ?? null,
    codename,
    // A severity without the name it belongs to says nothing a list can show.
    severity: codename === null ? null : (txt.data.s ?? null),
  };
}
