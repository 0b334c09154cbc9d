import { useMemo } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { timersBoard, type BoardTimer } from '../../../shared/ics/timers-board';
import { formatElapsed, formatTime, zoneName } from '../../components/format';
import { useNow } from '../../components/useNow';
import { NotificationsControl } from './NotificationsControl';

const STATE_WORDS: Record<BoardTimer['state'], string> = { normal: 'in', 'due-soon': 'due in', overdue: 'overdue by' };

/**
 * Every deadline of the incident, what is due next first, each normal, due
 * soon or overdue. Recomputed from the snapshot once a second (the shared
 * clock): the document holds deadlines, never ticks.
 */
export function TimersBoard({ snapshot }: { snapshot: IncidentSnapshot }) {
  const now = useNow();
  // The board changes with the snapshot, and with the clock only through the cadence timers and the states.
  const board = useMemo(() => timersBoard(snapshot, now), [snapshot, now]);
  const header = snapshot.header;
  return (
    <section className="timers" aria-label="Timers">
      <div className="timers-head">
        <h2>Timers</h2>
        {header && (
          <span className="muted">
            Incident clock <strong className="mono">{formatElapsed(now - header.declaredAt)}</strong>
          </span>
        )}
        <NotificationsControl />
      </div>
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
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
