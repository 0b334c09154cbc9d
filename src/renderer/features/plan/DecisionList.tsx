import type { DecisionState } from '../../../shared/incident/plan-fold';
import { formatTime } from '../../components/format';
import { usePlanUi } from '../../stores/plan-ui';
import { attempt } from '../../components/attempt';
import { needsNudge, proposalPhrase } from './plan-format';
import { commands } from '../../incidents/commands';
import { count } from '../../../shared/plural';
import { SourceLink } from './TaskRow';

/**
 * Decisions without votes: the IC proposes, hears strong objections, and
 * decides or withdraws. Open proposals first; one open too long is nudged.
 */
export function DecisionList({ decisions, now, readOnly }: { decisions: readonly DecisionState[]; now: number; readOnly: boolean }) {
  const open = decisions.filter((d) => d.outcome === null);
  const settled = decisions.filter((d) => d.outcome !== null).sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0));
  return (
    <section className="plan-pane plan-decisions" aria-labelledby="plan-decisions-title">
      <div className="plan-head">
        <h2 id="plan-decisions-title">Decisions</h2>
        {!readOnly && (
          <button type="button" aria-keyshortcuts="p" onClick={() => usePlanUi.getState().open({ kind: 'propose' })}>
            Propose…
          </button>
        )}
      </div>
      {!decisions.length && <p className="muted plan-empty">No proposals yet.</p>}
      <ul className="decisions">
        {open.map((d) => (
          <li key={d.id} className="decision open">
            <p className="decision-phrase">“{proposalPhrase(d.text)}”</p>
            <p className="muted decision-meta">
              {d.proposedBy}, {formatTime(d.proposedAt)}
              {d.source && (
                <>
                  {' · '}
                  <SourceLink source={d.source} what={d.text} />
                </>
              )}
            </p>
            {d.objections.length > 0 && (
              <ul className="objections" aria-label="Objections">
                {d.objections.map((o, i) => (
                  <li key={i}>
                    <strong>{o.by}:</strong> {o.text}
                  </li>
                ))}
              </ul>
            )}
            {needsNudge(d, now) && <p className="decision-nudge">A wrong decision beats no decision: decide or withdraw.</p>}
            {!readOnly && (
              <span className="decision-actions">
                <button type="button" onClick={() => usePlanUi.getState().open({ kind: 'object', decisionId: d.id })}>
                  Objection…
                </button>
                <button type="button" className="primary" onClick={() => attempt(() => commands.decide({ decisionId: d.id, outcome: 'adopted' }))}>
                  {d.objections.length ? 'Decide' : 'Hearing none — decide'}
                </button>
                <button type="button" onClick={() => attempt(() => commands.decide({ decisionId: d.id, outcome: 'withdrawn' }))}>
                  Withdraw
                </button>
              </span>
            )}
          </li>
        ))}
        {settled.map((d) => (
          <li key={d.id} className={`decision ${d.outcome}`}>
            <p>
              <span className={`decision-outcome ${d.outcome}`}>{d.outcome === 'adopted' ? 'Decided' : 'Withdrawn'}</span> {d.text}
              {d.note && <span className="muted"> ({d.note})</span>}
            </p>
            <p className="muted decision-meta">
              {d.decidedAt !== null && formatTime(d.decidedAt)}
              {d.objections.length > 0 && ` · ${count(d.objections.length, 'objection')} heard`}
              {d.source && (
                <>
                  {' · '}
                  <SourceLink source={d.source} what={d.text} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
