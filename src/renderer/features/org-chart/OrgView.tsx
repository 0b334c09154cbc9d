import { useMemo } from 'react';
import type { OrgChart } from '../../../shared/incident/org-chart';
import { KeyHints } from '../../components/keys/KeyHints';
import { useOrgUi } from '../../stores/org-ui';
import { ChartTree } from './ChartTree';
import { OrgDialogs } from './dialogs/OrgDialogs';
import { ORG_KEY_TABLE } from './keys';
import { chartTree, visualOrder } from './layout';
import { OrgWarnings } from './OrgWarnings';
import { ResponderPanel } from './ResponderPanel';
import { responderSections } from './responders';
import { useOrgKeys, useSelectionFocus } from './useOrgKeys';
import { useIncidents } from '../../stores/incident';
import { peopleInTwoIncidents } from '../../../shared/views/cross-incident';
import { assignmentsOf } from '../../../shared/views/list-summary';
import './org-chart.css';

/**
 * The incident org chart (ICS): the tree of roles from the IC down on the
 * left, the responders by status on the right, and the warnings an IC acts
 * on above the chart. Everything works from the keyboard.
 */
export function OrgView({ org, readOnly }: { org: OrgChart | null; readOnly: boolean }) {
  if (!org) return <p className="muted org-loading">Loading the org chart…</p>;
  return <OrgLoaded org={org} readOnly={readOnly} />;
}

function OrgLoaded({ org, readOnly }: { org: OrgChart; readOnly: boolean }) {
  const tree = useMemo(() => chartTree(org), [org]);
  const order = useMemo(() => visualOrder(tree), [tree]);
  const sections = useMemo(() => responderSections(org, order), [org, order]);
  useOrgKeys(org, readOnly);
  useSelectionFocus();
  const onDuty = sections.staging.length + sections.assigned.length;
  const twoBosses = useTwoBosses(org);
  return (
    <div className="org-view">
      <section className="org-chart-pane" aria-labelledby="org-chart-title">
        <div className="org-head">
          <h2 id="org-chart-title">Org chart</h2>
          <span className="muted">
            {onDuty} on duty · {sections.staging.length} in staging · {sections.released.length} released
          </span>
          <OrgKeyHints readOnly={readOnly} />
        </div>
        <OrgWarnings warnings={org.warnings} twoBosses={twoBosses} />
        {tree && <ChartTree org={org} tree={tree} order={order} readOnly={readOnly} />}
      </section>
      <ResponderPanel org={org} sections={sections} readOnly={readOnly} />
      <OrgDialogs org={org} sections={sections} readOnly={readOnly} />
    </div>
  );
}

function OrgKeyHints({ readOnly }: { readOnly: boolean }) {
  const hint = useOrgUi((s) => s.hint);
  return <KeyHints id="org-key-hints" table={ORG_KEY_TABLE} permission={{ readOnly }} hint={hint} />;
}

/** People of this chart who hold a role in another active incident on this machine (its catalog row says who holds what). */
function useTwoBosses(org: OrgChart) {
  const catalog = useIncidents((s) => s.catalog);
  const incidentId = useIncidents((s) => s.openId);
  return useMemo(() => {
    if (!catalog || !incidentId) return [];
    return peopleInTwoIncidents(incidentId, assignmentsOf(org), catalog);
  }, [catalog, incidentId, org]);
}
