import { useEffect } from 'react';
import type { EntryAmendments } from '../../../shared/incident';
import { isTyping } from '../../components/keys/typing';
import { incidentActions } from '../../stores/incident';
import { useTimelineUi } from '../../stores/timeline-ui';
import { attempt } from '../../components/attempt';
import type { TimelineRow } from './entry-types';
import { rowStep, timelineActionForKey, timelineOutcome, type TimelineAccess } from './timeline-keys';

/**
 * The Timeline tab's keys: ↑ ↓ (j k), Home, End, Page Up/Down move the
 * selection; s or * marks it a key event, e edits, x or Delete strikes it
 * through, h shows its history, a its author's activity log; f goes to the
 * search field, u switches between local time and UTC. Ignored while
 * typing, with a modifier, or with a dialog open.
 */
export function useTimelineKeys(
  rows: readonly TimelineRow[],
  amendments: ReadonlyMap<string, EntryAmendments>,
  access: TimelineAccess,
  scrollTo: (index: number) => void,
): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const ui = useTimelineUi.getState();
      const current = ui.selectedId ? rows.findIndex((r) => r.id === ui.selectedId) : -1;
      const next = rowStep(rows.length, current, event.key);
      if (next !== null) {
        event.preventDefault();
        scrollTo(next);
        ui.select(rows[next]!.id, true);
        return;
      }
      const action = timelineActionForKey(event.key);
      if (!action) return;
      event.preventDefault();
      const row = current >= 0 ? rows[current]! : null;
      const outcome = timelineOutcome(action, row, row ? amendments.get(row.id) : undefined, access);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else if ('setKey' in outcome) attempt(() => incidentActions.setKey(outcome.setKey));
      else if ('history' in outcome) ui.toggleHistory(outcome.history);
      else if ('activity' in outcome) ui.showActivity(outcome.activity);
      else if ('search' in outcome) ui.focusSearch();
      else ui.setUtc(!ui.utc);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [rows, amendments, access, scrollTo]);
}

/**
 * Puts focus on the selected row when asked (after a move key, or when a
 * dialog closes). The row may not be rendered yet, being virtualized: it
 * is scrolled to, and focused once it is there.
 */
export function useRowFocus(rows: readonly TimelineRow[], scrollTo: (index: number) => void): void {
  const request = useTimelineUi((s) => s.focusRequest);
  useEffect(() => {
    if (!request) return;
    const id = useTimelineUi.getState().selectedId;
    if (!id) return;
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const el = document.querySelector<HTMLElement>(`[data-entry="${CSS.escape(id)}"]`);
      if (el) {
        el.focus({ preventScroll: true });
        return;
      }
      if (tries++ === 0) {
        const index = rows.findIndex((r) => r.id === id);
        if (index >= 0) scrollTo(index);
      }
      if (tries < 10) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
    // Only when asked: rows changing under a focused row must not steal focus back.
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps
}
