import type { ChangeState } from '../../../shared/incident/plan-fold';
import { formatTime } from '../../components/format';
import { usePlanUi } from '../../stores/plan-ui';

/**
 * Changes to production: announced before they are made, in flight until
 * what they did is observed. More than one in flight at once is warned about:
 * nobody can tell which change did what.
 */
export function ChangeList({ changes, inFlight, readOnly }: { changes: readonly ChangeState[]; inFlight: number; readOnly: boolean }) {
  const flying = changes.filter((c) => c.observedAt === null);
  const observed = changes.filter((c) => c.observedAt !== null).sort((a, b) => (b.observedAt ?? 0) - (a.observedAt ?? 0));
  return (
    <section className="plan-pane plan-changes" aria-labelledby="plan-changes-title">
      <div className="plan-head">
        <h2 id="plan-changes-title">Changes</h2>
        {!readOnly && (
          <button type="button" aria-keyshortcuts="c" onClick={() => usePlanUi.getState().open({ kind: 'change' })}>
            Announce change…
          </button>
        )}
      </div>
      {inFlight > 1 && (
        <p className="plan-warning" role="alert">
          One change at a time: {inFlight} changes in flight
        </p>
      )}
      {!changes.length && <p className="muted plan-empty">No changes announced.</p>}
      <ul className="changes">
        {flying.map((c) => (
          <li key={c.id} className="change in-flight">
            <p>
              <span className="change-state">In flight</span> {c.text}
            </p>
            <p className="muted decision-meta">
              {c.announcedBy}, {formatTime(c.announcedAt)}
            </p>
            {!readOnly && (
              <button type="button" aria-label={`Record the result of ${c.text}`} onClick={() => usePlanUi.getState().open({ kind: 'observe', changeId: c.id })}>
                Record result…
              </button>
            )}
          </li>
        ))}
        {observed.map((c) => (
          <li key={c.id} className={`change ${c.worked ? 'worked' : 'failed'}`}>
            <p>
              <span className="change-state">{c.worked ? 'Worked' : 'Did not work'}</span> {c.text}
            </p>
            <p className="muted decision-meta">
              {c.result} · {formatTime(c.observedAt ?? 0)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
