import type { CommandContext } from '../../../shared/incident';
import { incidentNow } from '../../incidents/clock';
import { useIdentity } from '../../incidents/identity-store';
import { newId } from '../../incidents/ids';

/**
 * A shift change acts as the person at this keyboard, for nobody else: the
 * attribution chosen in an open incident (Alt+A) is about that incident's
 * entries, not about who hands over command or takes it.
 */
export function shiftContext(): CommandContext {
  return { actor: useIdentity.getState().name, onBehalfOf: null, now: incidentNow, newId };
}
