/**
 * The open incident as React sees it: the projection's snapshot and the
 * save state, pushed here by the open incident's session
 * (src/renderer/incidents/open-incident.ts; never pulled by components),
 * plus the catalog. Components change the incident through the bound
 * commands (src/renderer/incidents/commands.ts); they never write the doc.
 */
import { create } from 'zustand';
import type { IncidentSnapshot } from '../../shared/incident';
import type { CatalogEntry } from '../incidents/db';
import type { SharedSummary } from '../incidents';
import type { KnownIncidentName } from '../../shared/ics/codename';
import type { SaveState } from '../incidents/persistence';

export interface IncidentStoreState {
  catalog: readonly CatalogEntry[] | null;
  /** Incidents this machine shares with peers, by id (incidents/index.ts). */
  shared: ReadonlyMap<string, SharedSummary>;
  /** The names invites gave the incidents joined here (see watchInvitedNames): a codename proposed here avoids them. */
  invitedNames: readonly KnownIncidentName[];
  damagedIncidents: ReadonlySet<string>;
  openId: string | null;
  /**
   * 'preview': the stored first view (header and latest events) is shown
   * while the incident's doc loads; nothing can be changed yet.
   * 'waiting': nothing of it is here yet, but it is shared: its peers will send it.
   */
  status: 'idle' | 'loading' | 'preview' | 'ready' | 'waiting' | 'missing';
  /** While previewing: how many events the whole timeline holds. */
  previewTotal: number | null;
  snapshot: IncidentSnapshot | null;
  save: SaveState;
}

export const useIncidents = create<IncidentStoreState>(() => ({
  catalog: null,
  shared: new Map(),
  invitedNames: [],
  damagedIncidents: new Set(),
  openId: null,
  status: 'idle',
  previewTotal: null,
  snapshot: null,
  save: { status: 'idle' },
}));
