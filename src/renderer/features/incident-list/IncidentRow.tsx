import { memo } from 'react';
import { timerState } from '../../../shared/views/timer-state';
import { STATUS_PHASE_LABELS, STATUS_PHASE_MEANINGS } from '../../../shared/incident/status-schema';
import { postmortemOverdue } from '../../../shared/views/list-summary';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatDateTime, formatElapsed, formatTime, zoneName } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { CatalogEntry } from '../../incidents/db';
import type { SharedSummary } from '../../incidents';
import { POSTMORTEM_FILTER_LABELS } from './ListControls';
import { localYmd } from './list-query';
import { count } from '../../../shared/plural';
import { CollisionMark, FormerNames } from './CollisionMark';

/**
 * One incident in the list. The name is the link (the whole card is its
 * target, through CSS), so its accessible name stays short and the facts
 * beside it are read as the row's text. An active incident shows what an IC
 * scans for: how long it has run, who commands, the phase, when the next
 * update is due and whether others have it; an ended one when it ended and
 * where its postmortem stands, since follow-ups are what gets neglected
 * once the adrenaline is gone. `sharing`: the other incidents here of the
 * same name, when there are any (./collisions.ts).
 */
export const IncidentRow = memo(function IncidentRow({
  entry,
  damaged,
  shared,
  sharing,
}: {
  entry: CatalogEntry;
  damaged: boolean;
  shared: SharedSummary | undefined;
  sharing?: readonly CatalogEntry[];
}) {
  const ended = entry.state === 'ended';
  return (
    <li className={`incident-row${ended ? ' ended' : ' active'}`} data-incident={entry.id}>
      <SeverityBadge severity={entry.severity} />
      <span className="incident-title-line">
        <a href={`#/incident/${entry.id}`} className="incident-name" aria-label={`${entry.name}, ${entry.severity}, ${ended ? 'ended' : 'active'}${entry.drill ? ', drill' : ''}`}>
          {entry.name}
        </a>
        {entry.drill && <span className="pill drill">Drill</span>}
        {damaged && <span className="pill damaged">Damaged data</span>}
        {!ended && entry.phase && (
          <span className={`pill phase phase-${entry.phase}`} title={STATUS_PHASE_MEANINGS[entry.phase]}>
            {STATUS_PHASE_LABELS[entry.phase]}
          </span>
        )}
        <SyncMark shared={shared} />
        {entry.formerNames && <FormerNames names={entry.formerNames} />}
      </span>
      <span className="incident-synopsis">{entry.synopsis}</span>
      {ended ? <EndedFacts entry={entry} /> : <ActiveFacts entry={entry} />}
      {sharing && <CollisionMark entry={entry} others={sharing} />}
    </li>
  );
});

/** Whether anyone else holds this incident: shared ones sync with their peers while open here. */
function SyncMark({ shared }: { shared: SharedSummary | undefined }) {
  if (!shared) return <span className="sync-mark local" title="Only on this machine: share it to sync with others">This machine only</span>;
  const relays = shared.relays ? ` and ${count(shared.relays, 'relay')}` : '';
  return (
    <span className="sync-mark shared" title={`Shared with peers${relays}: syncs while it is open here`}>
      Shared{shared.relays ? ` · ${count(shared.relays, 'relay')}` : ''}
    </span>
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

/** "11 Dec", or "11 Dec 2025" outside this year: a due date at a glance (the postmortem tab has it in full). */
function shortYmd(ymd: string): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  const thisYear = date.getUTCFullYear() === new Date().getFullYear();
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: thisYear ? undefined : 'numeric', timeZone: 'UTC' });
}

function EndedFacts({ entry }: { entry: CatalogEntry }) {
  const now = useNow();
  const pm = entry.postmortem;
  const overdue = postmortemOverdue(pm, localYmd(now));
  return (
    <span className="incident-facts">
      <span>Ended {formatDateTime(entry.endedAt ?? entry.lastChangeAt)}</span>
      <span className={`postmortem-facts${overdue ? ' overdue' : ''}`} data-state={overdue ? 'overdue' : (pm?.status ?? 'not-started')}>
        Postmortem {POSTMORTEM_FILTER_LABELS[pm?.status ?? 'not-started'].toLowerCase()}
        {pm?.owner ? (
          <>
            {' '}
            · owner <strong>{pm.owner}</strong>
          </>
        ) : (
          ' · no owner'
        )}
        {pm?.dueDate && ` · due ${shortYmd(pm.dueDate)}`}
        {overdue && <strong className="overdue-mark"> · overdue</strong>}
        {pm && pm.openActionItems > 0 && ` · ${count(pm.openActionItems, 'open action item')}`}
      </span>
    </span>
  );
}
