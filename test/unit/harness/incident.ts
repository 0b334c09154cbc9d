/**
 * The incident most domain tests start from: a fresh doc, declared as
 * 26-Bravo, SEV-1, "Primary database down" (unless the test says otherwise)
 * by `actor`, with the deterministic context that declared it.
 */
import { createIncidentDoc, declareIncident, type DeclareInput } from '../../../src/shared/incident';
import { testContext } from './context';

export function declaredIncident(actor = 'Ada', declaration: Partial<DeclareInput> = {}) {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext(actor);
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Primary database down', ...declaration }, ctx);
  return { doc, ctx };
}
