import type { Sequence } from '../../../shared/sequence';
import { useEffect } from 'react';
import type { EntryAmendments } from '../../../shared/incident';
import type { PlanView } from '../../../shared/incident/plan-view';
import { attempt } from '../../components/attempt';
import { useTabKeys } from '../../components/keys/useTabKeys';
import { useTimelineUi } from '../../stores/timeline-ui';
import type { TimelineRow } from '../../../shared/views/entry-types';
import { TIMELINE_KEY_TABLE, rowStep, timelineOutcome, type TimelineAccess } from './timeline-keys';
import { commands } from '../../incidents/commands';
import { adoptIntoPlan } from '../plan/plan-links';

/**
 * The Timeline tab's keys: ↑ ↓ (j k), Home, End, Page Up/Down move the
 * selection; s or * marks it a key event, e edits, x or Delete strikes it
 * through, p offers a decision or an action to the plan (adoptIntoPlan),
 * h shows its history, a its author's activity log; f goes to the
 * search field, u switches between local time and UTC. Every key acts
 * whatever the access: one the access forbids says why (timelineOutcome).
 */
export function useTimelineKeys(
  rows: Sequence<TimelineRow>,
  amendments: ReadonlyMap<string, EntryAmendments>,
  access: TimelineAccess,
  plan: PlanView | null,
  scrollTo: (index: number) => void,
): void {
  const selected = () => {
    const id = useTimelineUi.getState().selectedId;
    return id ? rows.findIndex((r) => r.id === id) : -1;
  };
  useTabKeys(TIMELINE_KEY_TABLE, {
    move: (event) => {
      const next = rowStep(rows.length, selected(), event.key);
      if (next === null) return false;
      scrollTo(next);
      useTimelineUi.getState().select(rows.at(next)!.id, true);
      return true;
    },
    run: (action) => {
      const ui = useTimelineUi.getState();
      const current = selected();
      const row = current >= 0 ? rows.at(current)! : null;
      const outcome = timelineOutcome(action, row, row ? amendments.get(row.id) : undefined, access, plan);
      if ('open' in outcome) ui.open(outcome.open);
      else if ('hint' in outcome) ui.say(outcome.hint);
      else if ('adopt' in outcome) adoptIntoPlan(outcome.adopt);
      else if ('setKey' in outcome) attempt(() => commands.setKeyEntry(outcome.setKey));
      else if ('history' in outcome) ui.toggleHistory(outcome.history);
      else if ('activity' in outcome) ui.showActivity(outcome.activity);
      else if ('search' in outcome) ui.focusSearch();
      else ui.setUtc(!ui.utc);
    },
  });
}

/**
 * Puts focus on the selected row when asked (after a move key, or when a
 * dialog closes). The row may not be rendered yet, being virtualized: it
 * is scrolled to, and focused once it is there.
 */
export function useRowFocus(rows: Sequence<TimelineRow>, scrollTo: (index: number) => void): void {
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

/**
 * Opens the timeline at an entry asked for from outside it (a search
 * result): once the rows hold it (an old entry of a long incident comes
 * with the whole log, after the first view), it is scrolled to, selected
 * and focused, and the request is cleared.
 */
export function useReveal(rows: Sequence<TimelineRow>, scrollTo: (index: number) => void): void {
  const reveal = useTimelineUi((s) => s.reveal);
  useEffect(() => {
    if (!reveal) return;
    const index = rows.findIndex((r) => r.id === reveal);
    if (index < 0) return;
    scrollTo(index);
    const ui = useTimelineUi.getState();
    ui.revealed();
    ui.select(reveal, true);
  }, [reveal, rows]); // eslint-disable-line react-hooks/exhaustive-deps
}
