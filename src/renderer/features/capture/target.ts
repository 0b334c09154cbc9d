/**
 * Where quick capture logs: the incident open in the main window, or why it
 * cannot take an entry now. The page computes it; the desktop app's capture
 * window gets it through main, which holds no incident state of its own.
 */
import { useEffect, useMemo } from 'react';
import type { CaptureTarget } from '../../../shared/ipc';
import type { IncidentSnapshot } from '../../../shared/incident';
import { host } from '../../host';
import { useIncidents } from '../../stores/incident';
import { useIdentity } from '../../incidents/identity-store';
import { mayWrite, useTrust, type Access } from '../../stores/trust';

type Status = ReturnType<typeof useIncidents.getState>['status'];

export function captureTargetOf(openId: string | null, status: Status, snapshot: IncidentSnapshot | null, author: string, access: Access = 'unsigned'): CaptureTarget | null {
  if (!openId) return null;
  const header = snapshot?.header ?? null;
  const name = header?.name ?? 'The incident';
  if (status === 'loading' || status === 'idle' || status === 'preview') {
    return { incidentId: openId, name, refusal: `${name} is still loading; press Enter again in a moment.` };
  }
  if (status !== 'ready' || !header) return null;
  if (header.state === 'ended') return { incidentId: openId, name, refusal: `${name} has ended: its timeline is closed.` };
  if (snapshot?.compatibility === 'newer') return { incidentId: openId, name, refusal: `${name} was saved by a newer version of Command Post and is read-only here.` };
  if (!mayWrite(access)) return { incidentId: openId, name, refusal: `You ${access === 'observer' ? 'are an observer of' : 'are not a member who writes'} ${name}: it is read-only here.` };
  if (!author.trim()) {
    return { incidentId: openId, name, refusal: 'Sign in first: type your name in the entry line of Command Post’s window, so the timeline records who logged what.' };
  }
  return { incidentId: openId, name, refusal: null };
}

/** The target as the stores have it now, the same object while nothing about it changes. */
export function useCaptureTarget(): CaptureTarget | null {
  const openId = useIncidents((s) => s.openId);
  const status = useIncidents((s) => s.status);
  const header = useIncidents((s) => s.snapshot?.header ?? null);
  const compatibility = useIncidents((s) => s.snapshot?.compatibility ?? 'ok');
  const author = useIdentity((s) => s.name);
  const access = useTrust((s) => s.access);
  return useMemo(
    () => captureTargetOf(openId, status, header ? ({ header, compatibility } as IncidentSnapshot) : null, author, access),
    [openId, status, header, compatibility, author, access],
  );
}

/** Keeps the host told where capture logs (the desktop app's capture window asks main). */
export function usePublishCaptureTarget(): void {
  const target = useCaptureTarget();
  const key = target ? `${target.incidentId}\n${target.name}\n${target.refusal ?? ''}` : '';
  useEffect(() => {
    host.setCaptureTarget(target);
    // `key` stands for the target's content: the same content is not sent twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
