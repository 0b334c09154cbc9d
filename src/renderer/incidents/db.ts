/**
 * The IndexedDB database, through Dexie.
 *
 *   incidents  the catalog: one row per incident, derived from its doc and
 *              written in the same transaction as the doc's record, so the
 *              list never disagrees with what is stored
 *   records    each incident's Y.Doc, as snapshots and overlapping deltas
 *              (see persistence.ts), each with a CRC-32 of its bytes
 *   backups    a second copy of each snapshot, written in the same
 *              transaction; read only when the snapshot itself is damaged,
 *              so the redundancy costs disk space, not opening time
 *   damaged    records that failed their check, moved aside and never
 *              deleted, so nothing stored is thrown away
 *   shares     how this machine shares an incident with peers (room secret,
 *              signaling addresses, relays); local only, never in the doc or
 *              a file
 *   views      what the first screen of an incident shows (its header and
 *              latest events), written with every record, so opening a long
 *              incident paints at once while its doc loads behind it
 *   settings   this machine's own settings, one row each: who is at the
 *              keyboard (see identity.ts), kept here rather than in
 *              localStorage so that it is as durable as the incidents it
 *              signs, and the key it signs them with (signing-key.ts)
 *   pad        observations noted before any incident was declared (see
 *              note-pad.ts): one row each, until an incident declared from
 *              the pad holds them
 *   searchDocs what search across incidents finds, one row per entry,
 *              status field, postmortem section and action item, written
 *              as the incident changes (search-docs-writer.ts); derived,
 *              so it can always be written again from the incidents
 *   searchState which version of those rows each incident has written
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Severity } from '../../shared/ics/severity';
import type { EntryAmendments, IncidentHeader, IncidentState, LoggableKind, TimelineEvent } from '../../shared/incident';
import type { StatusPhase } from '../../shared/incident/status-schema';
import type { Assignment, PostmortemSummary } from '../../shared/views/list-summary';
import type { LinkedIncident } from '../../shared/incident/schema';
import type { IncidentMetrics } from '../../shared/report/incident-metrics';
import type { SearchDoc } from '../../shared/report/search-docs';
import type { IceServer } from '../../shared/sync/ice';
import type { TrustCheckpoint } from '../../shared/trust/checkpoint';
import type { KeyPair } from '../../shared/trust/signatures';
import type { Invitation } from '../../shared/trust/invites';
import type { MemberRole, Statement } from '../../shared/trust/records';

export interface CatalogEntry {
  id: string;
  name: string;
  severity: Severity;
  state: IncidentState;
  drill: boolean;
  synopsis: string;
  declaredAt: number;
  endedAt: number | null;
  /** When the incident last changed (a write committed). */
  lastChangeAt: number;
  /**
   * The list's summary (shared/views/list-summary.ts), kept here so the list
   * needs no document. Not indexed, so no new database version; absent in
   * rows written before it existed, until the catalog refresh
   * (catalog-refresh.ts) or the next save brings the row up to date.
   */
  summaryVersion?: number;
  commander?: string;
  /** The incoming IC of a handover of command not yet acknowledged; null when none is waiting. */
  icHandoverTo?: string | null;
  nextUpdateAt?: number | null;
  phase?: StatusPhase;
  postmortem?: PostmortemSummary;
  umbrella?: LinkedIncident;
  children?: readonly LinkedIncident[];
  assigned?: readonly Assignment[];
  /** An ended incident's figures for the metrics view (shared/report/incident-metrics.ts). */
  metrics?: IncidentMetrics;
  /**
   * Who declared it, and the names it went by before a rename (absent when
   * never renamed): for the list to say which of two incidents that share a
   * name is which, and to find one by the name said on the call. Absent in
   * rows written before they were kept, until the incident is next saved.
   */
  declaredBy?: string;
  formerNames?: readonly string[];
}

export type RecordKind = 'snapshot' | 'delta';

export interface StoredRecord {
  seq?: number;
  incidentId: string;
  kind: RecordKind;
  bytes: Uint8Array;
  /** CRC-32 of `bytes`. */
  crc: number;
  /** Snapshots: the state vector they cover. Deltas: unused. */
  stateVector?: Uint8Array;
  /** Deltas: the seq of the snapshot they are relative to. */
  base?: number;
  /**
   * Deltas: the seq of the delta whose changes this one repeats (null for
   * the first of a session). Absent in deltas written before deltas
   * overlapped, which each held everything since their snapshot.
   */
  covers?: number | null;
  savedAt: number;
}

export interface SnapshotBackup {
  /** The seq of the snapshot record this copies. */
  snapshot: number;
  incidentId: string;
  bytes: Uint8Array;
  crc: number;
  stateVector: Uint8Array;
}

export interface ShareEntry {
  incidentId: string;
  secret: string;
  signaling: string[];
  /** STUN/TURN servers for networks that have them; none on a LAN. */
  iceServers?: IceServer[];
  /** The key of the incident's short code (src/shared/sync/short-code.ts); shares made before short codes have none. */
  shortKey?: string;
  /**
   * Relays (y-websocket servers) the incident also syncs through, for
   * responses larger than a WebRTC mesh holds; in the invite. Shares stored
   * before relays existed have none, which is the same as an empty list.
   */
  relays?: string[];
  /**
   * This machine's invitations to the incident, one per role, made the first
   * time a responder here shares it (see shared/trust/invites.ts); each
   * invite shown for that role carries it.
   */
  invitations?: Partial<Record<MemberRole, Invitation>>;
  /**
   * The incident's name as the invite gave it (absent in shares made here,
   * and before it was kept): a name this machine has seen before the
   * incident's document arrives, so a codename proposed meanwhile avoids it.
   */
  name?: string;
  /** The admission an invite brought, until this machine has signed itself in with it. */
  admission?: Invitation;
  /** An observer's signed admission (and its invite), sent to the responders until one of them writes it. */
  observerAdmission?: Statement[];
  sharedAt: number;
}

export interface IncidentView {
  incidentId: string;
  header: IncidentHeader;
  /** The newest events, oldest first. */
  latest: TimelineEvent[];
  /** How many entries the whole timeline holds (amendments are not entries). */
  total: number;
  /** What amendments made of the newest entries (absent in views stored before amendments existed). */
  amendments?: ReadonlyMap<string, EntryAmendments>;
}

export interface DamagedRecord {
  id?: number;
  incidentId: string;
  record: unknown;
  reason: string;
  foundAt: number;
}

/** Who is at this keyboard: the display name every entry, edit and postmortem line records. */
export interface IdentitySetting {
  key: 'identity';
  name: string;
  savedAt: number;
}

/**
 * This machine's signing key (see signing-key.ts): WebCrypto key objects,
 * which IndexedDB stores whole; the private one cannot be exported, so no
 * page script can read its bytes.
 */
export interface SigningKeySetting {
  key: 'signing-key';
  pair: KeyPair;
  createdAt: number;
}

/**
 * The organisation's default communications plan, kept on this machine and
 * applied to each incident declared here (default-comms-plan.ts): the
 * channels as a person filled them in, checked again when read.
 */
export interface CommsPlanSetting {
  key: 'comms-plan';
  channels: unknown;
  savedAt: number;
  savedBy: string;
}

/** A row of the settings table; each kind of setting has a key of its own. */
export type MachineSetting = IdentitySetting | SigningKeySetting | CommsPlanSetting;

/** An observation in the pad: what was seen, when it happened and when it was noted. */
export interface PadNote {
  id: string;
  kind: LoggableKind;
  text: string;
  at: number;
  loggedAt: number;
}

export type CommandPostDb = Dexie & {
  incidents: EntityTable<CatalogEntry, 'id'>;
  records: EntityTable<StoredRecord, 'seq'>;
  damaged: EntityTable<DamagedRecord, 'id'>;
  backups: EntityTable<SnapshotBackup, 'snapshot'>;
  shares: EntityTable<ShareEntry, 'incidentId'>;
  views: EntityTable<IncidentView, 'incidentId'>;
  settings: EntityTable<MachineSetting, 'key'>;
  pad: EntityTable<PadNote, 'id'>;
  /** What this machine last verified of each signed incident (shared/trust/checkpoint.ts); read as unknown, checked before use. */
  verified: EntityTable<TrustCheckpoint, 'incidentId'>;
  /** What search across incidents finds (shared/report/search-docs.ts), written as each incident changes. */
  searchDocs: EntityTable<SearchDoc, 'id'>;
  /** Which version of its search documents each incident has written (search-docs-writer.ts). */
  searchState: EntityTable<SearchState, 'incidentId'>;
};

export interface SearchState {
  incidentId: string;
  version: number;
  writtenAt: number;
}

export const DB_NAME = 'command-post';

export function openDatabase(name = DB_NAME): CommandPostDb {
  // 'strict' durability: a transaction reports complete only once the data is
  // flushed to disk, so "saved" in the UI survives a power cut, not only a crash.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as CommandPostDb;
  db.version(1).stores({
    incidents: '&id, state, lastChangeAt',
    records: '++seq, incidentId',
    damaged: '++id, incidentId',
    backups: '&snapshot, incidentId',
  });
  db.version(2).stores({ shares: '&incidentId' });
  db.version(3).stores({ views: '&incidentId' });
  db.version(4).stores({ settings: '&key' });
  db.version(5).stores({ pad: '&id' });
  db.version(6).stores({ verified: '&incidentId' });
  db.version(7).stores({ searchDocs: '&id, incidentId', searchState: '&incidentId' });
  return db;
}
