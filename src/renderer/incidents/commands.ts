/**
 * The domain's commands, bound once to the open incident. Each command in
 * src/shared/incident is a function `(doc, ...input, ctx)`; bound, it is
 * `(...input)` on the open incident's doc, as the person at this keyboard,
 * on the incident's clock. A command added to one of the command modules
 * (bound in ./bound-commands.ts) is on `commands` at once, typed: nothing
 * is wired by hand in between. Each throws a CommandError with a message
 * for the user.
 *
 * The command modules bring Yjs and their schemas, which the incident list
 * never needs, so they are bound by the open incident's module
 * (./open-incident.ts, loaded when an incident is first opened) and handed
 * to `commands` here. Until then no incident is open, and a command throws
 * just as it does whenever none is.
 */
import type * as incidentCommands from '../../shared/incident/commands';
import type * as orgCommands from '../../shared/incident/org-commands';
import type * as planCommands from '../../shared/incident/plan-commands';
import type * as amendCommands from '../../shared/incident/amend-commands';
import type * as statusCommands from '../../shared/incident/status-commands';
import type * as postmortemCommands from '../../shared/incident/postmortem-commands';
import type * as renameCommands from '../../shared/incident/rename-commands';
import type * as drillCommands from '../../shared/incident/drill-commands';
import type { Scenario } from '../../shared/incident/drill-scenario';
import type { DrillSpeed } from '../../shared/incident/drill-schema';
import type * as commsCommands from '../../shared/incident/comms-commands';
import type { BoundCommands } from '../../shared/incident/bind-commands';
import type { Attribution, CommandContext, DeclareInput } from '../../shared/incident/commands';
import { incidentNow } from './clock';
import { newId } from './ids';
import { useIdentity } from './identity-store';
import { useUi } from '../stores/ui';
import { attributionOf } from '../stores/attribution';
import { keepIncidentsDurable } from './durable-storage';
import { useNotePad } from './note-pad';
import type { PadNote } from './db';
import { addNotice } from '../stores/notices';

export type OpenIncidentCommands = BoundCommands<
  Omit<typeof incidentCommands, 'declareIncident'> & typeof orgCommands & typeof planCommands & typeof amendCommands & typeof statusCommands & typeof postmortemCommands & typeof renameCommands & typeof drillCommands & typeof commsCommands
>;

let bound: OpenIncidentCommands | null = null;

/** Called once by the open incident's module, with the commands bound to it. */
export function provideCommands(commands: OpenIncidentCommands): void {
  bound = commands;
}

function noIncidentOpen(): never {
  throw new Error('No incident is open.');
}

/** Every command, on the open incident: `commands.logEvent({ kind: 'note', text })`. Throws when none is open. */
export const commands: OpenIncidentCommands = new Proxy({} as OpenIncidentCommands, {
  get: (_target, name) => (bound ? (bound as Record<PropertyKey, unknown>)[name] : noIncidentOpen),
});

async function emptyPad(notes: readonly PadNote[]): Promise<void> {
  try {
    await useNotePad.getState().taken(notes.map((n) => n.id));
  } catch (error) {
    addNotice('error', `The pad's notes are in the incident, but could not be removed from the pad (${error instanceof Error ? error.message : String(error)}): remove them there by hand, so they are not logged twice.`);
  }
}

/** Who acts (and for whom, in the open incident), on the incident's clock: every command's context. */
export function commandContext(): CommandContext {
  const route = useUi.getState().route;
  const onBehalfOf = attributionOf(route.view === 'incident' ? route.id : null);
  return { actor: useIdentity.getState().name, onBehalfOf, now: incidentNow, newId };
}

/**
 * Declares a new incident (for someone else: they are its IC) and opens it;
 * with the pad's notes, those become its first entries, and leave the pad
 * once the incident holding them is stored. A drill may play a scenario.
 */
export async function declareAndOpen(
  input: DeclareInput,
  onBehalfOf: Attribution | null = null,
  pad: readonly PadNote[] = [],
  play: { scenario: Scenario; speed: DrillSpeed } | null = null,
): Promise<string> {
  // Read again: another window of this machine may have declared with some of them already.
  const notes = pad.length ? await useNotePad.getState().stillHeld(pad) : [];
  // The sessions come with the incident machinery, usually loaded by now (app/prefetch.ts).
  const { sessions } = await import('./registry');
  const id = await sessions.declare(input, { ...commandContext(), onBehalfOf }, notes, play);
  if (notes.length) await emptyPad(notes);
  useUi.getState().navigate({ view: 'incident', id });
  void keepIncidentsDurable();
  return id;
}
