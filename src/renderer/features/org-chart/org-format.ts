/**
 * Words and levels the org views show, kept out of the components so they
 * can be tested: time on duty, span of control, the rotation prompt.
 */
import { SPAN_IDEAL, SPAN_MAX, type RotationRule } from '../../../shared/incident/org-fold';
import { rotationDue, type ChartResponder } from '../../../shared/incident/org-chart';
import { count } from '../../../shared/plural';

/** "1:32": hours and minutes on duty, the way a person says it. */
export function formatDuty(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

export type SpanLevel = 'ok' | 'caution' | 'over';

/** Span of control: up to 5 reports is fine, 6 or 7 is a stretch, more is too many. */
export function spanLevel(reports: number): SpanLevel {
  if (reports > SPAN_MAX) return 'over';
  if (reports > SPAN_IDEAL) return 'caution';
  return 'ok';
}

export function reportsLabel(reports: number): string {
  return count(reports, 'report');
}

/** Time on duty, and whether it is time to rotate them out. */
export function dutyOf(responder: ChartResponder, rotation: RotationRule, now: number): { clock: string; text: string; due: boolean } {
  const clock = formatDuty(now - responder.checkedInAt);
  const due = rotationDue(responder, rotation, now);
  return { clock, text: due ? `On duty ${clock} — rotate?` : `On duty ${clock}`, due };
}

/** The rotation time field: what is typed in it, and the stored value it was last in step with. */
export interface RotationField {
  readonly typed: string;
  readonly stored: number;
}

/**
 * The field once the stored rotation time is `stored`: it shows a change
 * made elsewhere (a peer, another window) unless something else is typed in
 * it and not set yet, which is kept: a person's typing is never replaced
 * under them. The same object while nothing changes.
 */
export function followStored(field: RotationField, stored: number): RotationField {
  if (field.stored === stored) return field;
  const editing = field.typed.trim() !== String(field.stored);
  return { typed: editing ? field.typed : String(stored), stored };
}
