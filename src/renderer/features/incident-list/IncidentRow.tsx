import { timerState } from '../../../shared/views/timer-state';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatDateTime, formatElapsed, formatTime, zoneName } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { CatalogEntry } from '../../incidents/db';
import { CollisionMark, FormerNames } from './CollisionMark';

/**
 * One incident in the list. The name is the link (the whole card is its
 * target, through CSS), so its accessible name stays short and the facts
 * beside it are read as the row's text. An active incident shows what an IC
 * scans for: how long it has run, who commands, when the next update is due;
 * an ended one only when it ended. `sharing`: the other incidents here of
 * the same name, when there are any (./collisions.ts).
 */
export function IncidentRow({ entry, damaged, sharing }: { entry: CatalogEntry; damaged: boolean; sharing?: readonly CatalogEntry[] }) {
  const ended = entry.state === 'ended';
  return (
    <li className={`incident-row${ended ? ' ended' : ' active'}`}>
      <SeverityBadge severity={entry.severity} />
      <span className="incident-title-line">
        <a href={`#/incident/${entry.id}`} className="incident-name" aria-label={`${entry.name}, ${entry.severity}, ${ended ? 'ended' : 'active'}${entry.drill ? ', drill' : ''}`}>
          {entry.name}
        </a>
        {entry.drill && <span className="pill drill">Drill</span>}
        {damaged && <span className="pill damaged">Damaged data</span>}
        {entry.formerNames && <FormerNames names={entry.formerNames} />}
      </span>
      <span className="incident-synopsis">{entry.synopsis}</span>
      {ended ? (
        <span className="incident-facts">Ended {formatDateTime(entry.endedAt ?? entry.lastChangeAt)}</span>
      ) : (
        <ActiveFacts entry={entry} />
      )}
      {sharing && <CollisionMark entry={entry} others={sharing} />}
    </li>
  );
}

function ActiveFacts({ entry }: { entry: CatalogEntry }) {
  const now = useNow();
  return (
    <>
      <span className="incident-facts">
        {entry.commander && (
          <span className="incident-ic">
            IC <strong>{entry.commander}</strong>
          </span>
        )}
        {entry.nextUpdateAt != null && <NextUpdate dueAt={entry.nextUpdateAt} now={now} />}
      </span>
      <span className="incident-clock mono" role="timer" aria-label="Time since declaration">
        {formatElapsed(now - entry.declaredAt)}
      </span>
    </>
  );
}

/** The next status update, in the timers board's words and states, so a late one stands out here too. */
function NextUpdate({ dueAt, now }: { dueAt: number; now: number }) {
  const state = timerState(dueAt, now);
  const left = formatElapsed(Math.abs(dueAt - now));
  return (
    <span className={`next-update update-${state}`} data-state={state}>
      {state === 'overdue' ? `Update overdue by ${left}` : `Next update in ${left}`}
      <span className="muted">
        {' '}
        · {formatTime(dueAt)} {zoneName(dueAt)}
      </span>
    </span>
  );
}
