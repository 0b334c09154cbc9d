import type { IncidentSnapshot } from '../../../shared/incident';
import type { DrillState } from '../../../shared/incident/drill-schema';
import { afterActionScore } from '../../../shared/report/after-action';

/** The drill's after-action score, once the end is declared (in the exercise control, and atop the drill's postmortem): each criterion against the scenario's expectation, with what the record shows. */
export function AfterActionScore({ snapshot, drill, level = 3 }: { snapshot: IncidentSnapshot; drill: DrillState; level?: 2 | 3 }) {
  const score = afterActionScore(snapshot, drill);
  if (!score) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="after-action" aria-labelledby="after-action-title">
      <Heading id="after-action-title">
        After-action score: {score.met} of {score.total} met
      </Heading>
      <p className="muted">
        {score.injectsDelivered} of {score.injectsTotal} injects delivered over {score.drillMinutes} drill minutes. The score goes with the postmortem’s Markdown export and
        has a JSON file of its own (Postmortem, Export).
      </p>
      <table className="score-table">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Expected</th>
            <th scope="col">Found</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {score.criteria.map((c) => (
            <tr key={c.criterion} className={c.met ? 'met' : 'unmet'}>
              <th scope="row">{c.label}</th>
              <td>{c.expected}</td>
              <td>{c.found}</td>
              <td>
                <span className={`score-result ${c.met ? 'met' : 'unmet'}`}>{c.met ? 'Met' : 'Not met'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
