import { describe, expect, it } from 'vitest';
import { declareEnd, projectionOf } from '../../../src/shared/incident';
import { checkScenario } from '../../../src/shared/incident/drill-scenario';
import { deliverDueInjects, startScenario } from '../../../src/shared/incident/drill-commands';
import { exportedFile } from '../../../src/renderer/features/postmortem/export-content';
import { MINUTE, T0 } from '../harness/context';
import { declaredIncident } from '../harness/incident';
import { sampleScenario } from '../shared/drill/sample-scenario';

describe("a drill's exports", () => {
  const options = { exportedAt: T0 + 60 * MINUTE, exportedBy: 'Dana', record: null };

  function endedDrill(scripted: boolean) {
    const { doc, ctx } = declaredIncident('Ada', { drill: true });
    const result = checkScenario(sampleScenario());
    if (!result.ok) throw new Error(result.message);
    if (scripted) startScenario(doc, { scenario: result.scenario, speed: 5 }, ctx);
    deliverDueInjects(doc, ctx);
    ctx.advance(10 * MINUTE);
    declareEnd(doc, {}, ctx);
    return { doc, snapshot: projectionOf(doc).snapshot };
  }

  it('end the Markdown postmortem with the after-action score, and give it a JSON file marked as a drill', () => {
    const { doc, snapshot } = endedDrill(true);
    const markdown = exportedFile({ format: 'markdown', snapshot, options }, doc).content;
    expect(markdown).toContain('## After-action score (drill)');
    expect(markdown).toMatch(/Scenario: Sample\. \d of 6 met; 1 of 3 injects delivered; 50 drill minutes\./);
    const file = exportedFile({ format: 'after-action', snapshot, options }, doc);
    expect(file.suggestedName).toMatch(/drill-after-action.*\.json$/);
    const json = JSON.parse(file.content);
    expect(json).toMatchObject({ format: 'command-post-after-action', drill: true, scenario: 'Sample', total: 6, incident: { name: '26-Bravo' } });
    expect(json.criteria).toHaveLength(6);
  });

  it('leave a drill without a scenario as it was: no score in its Markdown, no score file', () => {
    const { doc, snapshot } = endedDrill(false);
    expect(exportedFile({ format: 'markdown', snapshot, options }, doc).content).not.toContain('After-action');
    expect(() => exportedFile({ format: 'after-action', snapshot, options }, doc)).toThrow('Only an ended drill that played a scenario has an after-action score.');
  });
});
