import { useRef, type KeyboardEvent } from 'react';
import { STATUS_PHASE_LABELS, STATUS_PHASE_MEANINGS, STATUS_PHASES, type StatusPhase } from '../../../shared/incident';
import { attempt } from '../../components/attempt';
import { shortcutFor } from '../../components/keys/key-table';
import { STATUS_KEY_TABLE } from './status-key-list';
import { commands } from '../../incidents/commands';

/** The id the Status tab's `p` key focuses (STATUS_KEY_TABLE). */
export const PHASE_PICKER_ID = 'status-phase';

/**
 * The phase of the response, one button per phase. Every change is logged
 * in the timeline, so moving through the phases must not change anything:
 * the arrows move the focus only, and Enter, Space or a click moves the
 * response to the focused phase (a select would log every phase the arrows
 * passed through).
 */
export function PhasePicker({ phase, readOnly }: { phase: StatusPhase; readOnly: boolean }) {
  const group = useRef<HTMLDivElement>(null);
  const buttons = () => [...(group.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(all.length - 1, at + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? all.length - 1
              : null;
    if (to === null) return;
    event.preventDefault();
    all[to]!.focus();
  };
  if (readOnly) {
    // Nothing to change here (an observer, an ended incident): the phase as a badge, in the same colours.
    return (
      <>
        <div className="phase-picker">
          <span className={`phase-current phase-${phase}`}>{STATUS_PHASE_LABELS[phase]}</span>
        </div>
        <span className="muted" id="status-phase-meaning">
          {STATUS_PHASE_MEANINGS[phase]}
        </span>
      </>
    );
  }
  return (
    <>
      <div ref={group} id={PHASE_PICKER_ID} role="group" aria-label="Phase" aria-describedby="status-phase-meaning" className="phase-picker" onKeyDown={onKeyDown}>
        {STATUS_PHASES.map((p) => {
          const current = p === phase;
          return (
            <button
              key={p}
              type="button"
              className={`phase-option phase-${p}`}
              aria-pressed={current}
              // One stop in the Tab order, on the current phase; the arrows reach the others.
              tabIndex={current ? 0 : -1}
              aria-keyshortcuts={current ? shortcutFor(STATUS_KEY_TABLE, 'phase') : undefined}
              title={STATUS_PHASE_MEANINGS[p]}
              onClick={() => {
                if (!current) attempt(() => commands.setStatusPhase(p));
              }}
            >
              {STATUS_PHASE_LABELS[p]}
            </button>
          );
        })}
      </div>
      <span className="muted" id="status-phase-meaning">
        {STATUS_PHASE_MEANINGS[phase]} Each change is logged in the timeline; it is not a status update and does not restart the update timer.
      </span>
    </>
  );
}
