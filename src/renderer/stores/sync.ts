/**
 * The open incident's sharing as React sees it: the share and the live
 * connection's state for the sync indicator, and who else is typing where.
 * The connection itself runs in src/renderer/incidents/sync/share.ts, which
 * pushes its state here.
 */
import { create } from 'zustand';
import type { ShareEntry } from '../incidents/db';
import type { PeerEditing, SyncState } from '../incidents/sync/connection';

interface SyncStoreState {
  incidentId: string | null;
  share: ShareEntry | null;
  state: SyncState | null;
}

export const useSync = create<SyncStoreState>(() => ({ incidentId: null, share: null, state: null }));

/** Who else is typing in the open incident's status document, and where (from the awareness protocol). */
export const useEditors = create<{ editors: readonly PeerEditing[] }>(() => ({ editors: [] }));
