import { describe, expect, it } from 'vitest';
import { projectionOf } from '../../../src/shared/incident';
import { CHART_COLUMNS, buildForm, chartWidth, type ChartBox } from '../../../src/shared/report/ics-forms';
import { FORMS_IC, FORMS_LAST_AT, formsIncident } from '../../fixtures/forms/incident';

describe('the forms fixture (printed by forms.spec.ts)', () => {
  it('has a chart wider than a page, a long log, two messages and a comms plan', () => {
    const snapshot = projectionOf(formsIncident()).snapshot;
    const prepared = { preparedBy: FORMS_IC, now: FORMS_LAST_AT };
    const chart = buildForm('207', snapshot, prepared).parts;
    expect(chart.length).toBeGreaterThan(1);
    for (const p of chart) expect(chartWidth((p.sections[0] as { root: ChartBox }).root)).toBeLessThanOrEqual(CHART_COLUMNS);
    expect(buildForm('213', snapshot, prepared).parts).toHaveLength(2);
    expect(snapshot.comms.channels).toHaveLength(3);
    expect(snapshot.header!.endedAt).toBeNull();
  });
});
