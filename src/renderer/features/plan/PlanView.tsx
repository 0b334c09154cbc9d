import type { OrgChart } from '../../../shared/incident/org-chart';
import { shortcutFor } from '../../components/keys/key-table';
import type { PlanView as Plan } from '../../../shared/incident/plan-view';
import { KeyHints } from '../../components/keys/KeyHints';
import { useNow } from '../../components/useNow';
import { usePlanUi } from '../../stores/plan-ui';
import { ChangeList } from './ChangeList';
import { DecisionList } from './DecisionList';
import { PlanDialogs } from './dialogs/PlanDialogs';
import { ObjectiveList } from './ObjectiveList';
import { PLAN_KEY_TABLE } from './plan-keys';
import { usePlanKeys, useTaskFocus } from './usePlanKeys';
import './plan.css';

/**
 * The action plan: objectives with their tasks (one owner, one timebox
 * each) on the left; decisions and changes to production on the right.
 * Everything works from the keyboard.
 */
export function PlanView({ plan, org, readOnly }: { plan: Plan | null; org: OrgChart | null; readOnly: boolean }) {
  if (!plan) return <p className="muted plan-loading">Loading the plan…</p>;
  return <PlanLoaded plan={plan} org={org} readOnly={readOnly} />;
}

function PlanLoaded({ plan, org, readOnly }: { plan: Plan; org: OrgChart | null; readOnly: boolean }) {
  const now = useNow();
  usePlanKeys(plan, readOnly);
  useTaskFocus();
  return (
    <div className="plan-view">
      <section className="plan-pane" aria-labelledby="plan-objectives-title">
        <div className="plan-head">
          <h2 id="plan-objectives-title">Objectives</h2>
          {!readOnly && (
            <>
              <button type="button" className="primary" aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'objective')} onClick={() => usePlanUi.getState().open({ kind: 'objective' })}>
                Add objective…
              </button>
              <button
                type="button"
                aria-keyshortcuts={shortcutFor(PLAN_KEY_TABLE, 'task')}
                disabled={!plan.objectives.some((o) => o.closed === null)}
                onClick={() => usePlanUi.getState().open({ kind: 'task' })}
              >
                Assign task…
              </button>
            </>
          )}
          <PlanKeyHints readOnly={readOnly} />
        </div>
        <ObjectiveList plan={plan} org={org} now={now} readOnly={readOnly} />
      </section>
      <div className="plan-side">
        <DecisionList decisions={plan.decisions} now={now} readOnly={readOnly} />
        <ChangeList changes={plan.changes} inFlight={plan.inFlight.length} readOnly={readOnly} />
      </div>
      {!readOnly && <PlanDialogs plan={plan} org={org} />}
    </div>
  );
}

function PlanKeyHints({ readOnly }: { readOnly: boolean }) {
  const hint = usePlanUi((s) => s.hint);
  return <KeyHints table={PLAN_KEY_TABLE} permission={{ readOnly }} hint={hint} />;
}
