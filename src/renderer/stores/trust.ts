/**
 * Who may write the open incident, as React sees it: the members and which
 * entries were refused (the trust gate's last decision), this machine's key,
 * and what that makes this machine. src/renderer/incidents/trust.ts pushes
 * it here.
 */
import { create } from 'zustand';
import type { TrustReport } from '../../shared/trust/ledger';

/**
 * unsigned: declared before signing existed (anyone holding it writes);
 * responder: a member who writes; observer: a member who reads;
 * removed: a member who was removed; outsider: not (yet) admitted, or a
 * machine that cannot sign: reads only.
 */
export type Access = 'unsigned' | 'responder' | 'observer' | 'removed' | 'outsider';

interface TrustStoreState {
  incidentId: string | null;
  access: Access;
  myKey: string | null;
  report: TrustReport | null;
}

export const useTrust = create<TrustStoreState>(() => ({ incidentId: null, access: 'unsigned', myKey: null, report: null }));

/** Whether this machine may write the open incident (as far as signatures go). */
export function mayWrite(access: Access): boolean {
  return access === 'unsigned' || access === 'responder';
}
