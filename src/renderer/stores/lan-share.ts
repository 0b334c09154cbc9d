/**
 * 'Share on this network' as React sees it: which incident this machine
 * announces (the open one, while it stays open), main's answer, and the
 * knocks waiting for the IC. src/renderer/incidents/sync/lan-share.ts keeps
 * it; nothing here outlives the page, so after a restart no incident is
 * announced until its IC turns the switch on again.
 */
import { create } from 'zustand';
import type { AnnouncedShare } from '../../shared/ipc';
import type { KnockRole } from '../../shared/sync/knock';
import type { WaitingKnock } from '../incidents/sync/lan-knocks';

export interface LanShareState {
  /** The incident announced, or being announced. */
  incidentId: string | null;
  /** Main's share once it announces: the ids, and whether the name goes with them. */
  share: AnnouncedShare | null;
  /** Asking main right now. */
  busy: boolean;
  /** Why it is not shared (main refused, the incident ended), in words. */
  message: string | null;
  /** The roles a knock can be admitted with here (lan-knocks.ts admitRoles). */
  roles: readonly KnockRole[];
  /** Whether the incident is signed: a role then means something to the others. */
  signed: boolean;
  knocks: readonly WaitingKnock[];
}

export const useLanShare = create<LanShareState>(() => ({ incidentId: null, share: null, busy: false, message: null, roles: [], signed: false, knocks: [] }));
