/**
 * The ICS forms printed from the live incident (docs/ics-forms.md): one
 * builder per form, each a pure function of the snapshot, who prepares it
 * and when.
 */
import type { IncidentSnapshot } from '../../incident/projection';
import type { PreparedFor } from './header';
import type { FormNumber, IcsForm } from './model';
import { ics201 } from './ics201';
import { ics202 } from './ics202';
import { ics203 } from './ics203';
import { ics205 } from './ics205';
import { ics207 } from './ics207';
import { ics213 } from './ics213';
import { ics214Form } from './ics214';

export * from './model';
export { formHeader, preparerLabel, type PreparedFor } from './header';
export { CHART_COLUMNS, CHART_LEVELS, chartDepth, chartWidth } from './ics207';

const BUILDERS: Record<FormNumber, (snapshot: IncidentSnapshot, prepared: PreparedFor) => IcsForm> = {
  '201': ics201,
  '202': ics202,
  '203': ics203,
  '205': ics205,
  '207': ics207,
  '213': ics213,
  '214': ics214Form,
};

/** The form, filled from the incident as it stands; throws for an incident not declared (there is nothing to fill). */
export function buildForm(number: FormNumber, snapshot: IncidentSnapshot, prepared: PreparedFor): IcsForm {
  return BUILDERS[number](snapshot, prepared);
}
