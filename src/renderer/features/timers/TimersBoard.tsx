import { useMemo } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { timersBoard, type BoardTimer } from '../../../shared/views/timers-board';
import { formatElapsed, formatTime, zoneName } from '../../components/format';
import { shortcutFor } from '../../components/keys/key-table';
import { KeyHints } from '../../components/keys/KeyHints';
import { useNow } from '../../components/useNow';
import { useTimersUi } from '../../stores/timers-ui';
import { attempt } from '../../components/attempt';
import { NotificationsControl } from './NotificationsControl';
import { TIMERS_KEY_TABLE } from './timers-keys';
import { TimersDialogs } from './TimersDialogs';
import { useTimersKeys } from './useTimersKeys';
import { commands } from '../../incidents/commands';

const STATE_WORDS: Record<BoardTimer['state'], string> = { normal: 'in', 'due-soon': 'due in', overdue: 'overdue by' };

/**
 * Every deadline of the incident, what is due next first, each normal, due
 * soon or overdue. Recomputed from the snapshot once a second (the shared
 * clock): the document holds deadlines, never ticks. Custom timers are
 * started (n) and cancelled here, and the update cadence is set here (c).
 */
export function TimersBoard({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const now = useNow();
  useTimersKeys(readOnly);
  // The board changes with the snapshot, and with the clock only through the cadence timers and the states.
  const board = useMemo(() => timersBoard(snapshot, now), [snapshot, now]);
  const header = snapshot.header;
  const open = (dialog: 'timer' | 'cadence') => useTimersUi.getState().open(dialog);
  return (
    <section className="timers" aria-label="Timers">
      <div className="timers-head">
        <h2>Timers</h2>
        {header && (
          <span className="muted">
            Incident clock <strong className="mono">{formatElapsed(now - header.declaredAt)}</strong>
          </span>
        )}
        {!readOnly && snapshot.plan && (
          <>
            <button type="button" className="primary" aria-keyshortcuts={shortcutFor(TIMERS_KEY_TABLE, 'timer')} onClick={() => open('timer')}>
              New timer…
            </button>
            <button type="button" aria-keyshortcuts={shortcutFor(TIMERS_KEY_TABLE, 'cadence')} onClick={() => open('cadence')}>
              Cadence…
            </button>
          </>
        )}
        <NotificationsControl />
      </div>
      {!readOnly && <KeyHints table={TIMERS_KEY_TABLE} hint={null} />}
      {board.length === 0 ? (
        <p className="muted">{header?.state === 'ended' ? 'The incident has ended: no timers run.' : 'No timers yet.'}</p>
      ) : (
        <ol className="timers-list">
          {board.map((timer) => (
            <li key={timer.id} className={`timer timer-${timer.state}`} data-kind={timer.kind} data-state={timer.state}>
              <span className="timer-label">{timer.label}</span>
              <span className="timer-when">
                <span className="mono">
                  {STATE_WORDS[timer.state]} {formatElapsed(Math.abs(timer.dueAt - now))}
                </span>
                <span className="muted">
                  {' '}
                  · at {formatTime(timer.dueAt)} {zoneName(timer.dueAt)}
                </span>
              </span>
              {timer.kind === 'custom' && !readOnly && (
                <button
                  type="button"
                  className="timer-cancel"
                  aria-label={`Cancel timer: ${timer.label}`}
                  onClick={() => attempt(() => commands.cancelTimer(timer.id.slice('custom:'.length)))}
                >
                  {timer.state === 'overdue' ? 'Dismiss' : 'Cancel'}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly && snapshot.plan && <TimersDialogs plan={snapshot.plan} />}
    </section>
  );
}
