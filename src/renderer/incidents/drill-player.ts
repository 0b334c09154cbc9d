/**
 * The drill's player on this machine: while a scripted drill is open here,
 * it pushes the script's state to the drill store and, every second (and
 * at once when the script or clock changes), delivers the injects that have
 * come due. It runs only while the drill is open somewhere: a drill nobody
 * has open delivers nothing, and catches up when it is opened again (each
 * late inject dated when it came due).
 *
 * Every machine that may write runs it; delivery is idempotent
 * (shared/incident/drill-commands.ts), so two players at once write each
 * inject once as far as anyone sees. An observer's machine only watches.
 */
import { deliverDueInjects } from '../../shared/incident/drill-commands';
import { drillClockOf, drillMapOf, readDrill } from '../../shared/incident/drill-schema';
import type { CommandContext } from '../../shared/incident/commands';
import type { IncidentSession } from './sessions';
import { useDrill } from '../stores/drill';
import { mayWrite, useTrust } from '../stores/trust';

const TICK_MS = 1_000;

/** `context`: who delivers, on the incident's clock (the open incident's command context; injected, so a test can run the player without the app). */
export function followDrill(session: Pick<IncidentSession, 'doc'>, context: () => CommandContext): () => void {
  const doc = session.doc;
  const map = drillMapOf(doc);
  const clock = drillClockOf(doc);
  // The store changes only when the script, clock or holds do: a view that ticks keeps its own clock.
  let changedSinceRead = true;
  const tick = () => {
    if (changedSinceRead) {
      changedSinceRead = false;
      useDrill.setState({ drill: readDrill(doc) });
    }
    const drill = useDrill.getState().drill;
    if (!drill || !mayWrite(useTrust.getState().access)) return;
    try {
      deliverDueInjects(doc, context());
    } catch {
      // Nobody's name on this machine yet, or the drill just ended: another machine (or the next tick) delivers.
    }
  };
  const changed = () => {
    changedSinceRead = true;
    queueMicrotask(tick);
  };
  map.observe(changed);
  clock.observe(changed);
  const timer = setInterval(tick, TICK_MS);
  tick();
  return () => {
    clearInterval(timer);
    map.unobserve(changed);
    clock.unobserve(changed);
    useDrill.setState({ drill: null });
  };
}
