import type { ShiftOutcome } from '../../../shared/views/shift-change';
import { shiftSummary } from '../../../shared/views/shift-change';
import { DoneFooter } from './DoneFooter';

/** What was done in each incident, and what was not with the reason: nothing half-done goes unsaid. */
export function OutcomeStep({ incoming, outcomes, onClose }: { incoming: string; outcomes: readonly ShiftOutcome[]; onClose: () => void }) {
  const failed = outcomes.some((o) => !o.ok);
  return (
    <div className="form">
      <p role="status" className={failed ? 'notice warning' : 'notice'}>
        <span>{shiftSummary(outcomes, incoming)}</span>
      </p>
      <ul className="shift-outcomes">
        {outcomes.map((o) => (
          <li key={o.incidentId} className={o.ok ? 'ok' : 'failed'}>
            <strong>{o.name}</strong>:{' '}
            {o.ok ? `offered to ${incoming}${o.checkedIn ? ` (checked in first)` : ''}; logged in its timeline.` : `not offered. ${o.reason}`}
          </li>
        ))}
      </ul>
      <p className="muted">
        {incoming} takes command by acknowledging each briefing: on the incident list, on their machine once it has synced, or on this one once Settings names them.
      </p>
      <DoneFooter step={outcomes} onClose={onClose} />
    </div>
  );
}
