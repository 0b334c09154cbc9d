/**
 * The domain's commands, bound once to the open incident. Each command in
 * src/shared/incident is a function `(doc, ...input, ctx)`; bound, it is
 * `(...input)` on the open incident's doc, as the person at this keyboard,
 * on the incident's clock. A command added to one of the command modules
 * below is on `commands` at once, typed: nothing is wired by hand in
 * between. Each throws a CommandError with a message for the user.
 */
import * as incidentCommands from '../../shared/incident/commands';
import * as orgCommands from '../../shared/incident/org-commands';
import * as planCommands from '../../shared/incident/plan-commands';
import * as amendCommands from '../../shared/incident/amend-commands';
import * as statusCommands from '../../shared/incident/status-commands';
import * as postmortemCommands from '../../shared/incident/postmortem-commands';
import { bindCommands } from '../../shared/incident/bind-commands';
import type { Attribution, CommandContext, DeclareInput } from '../../shared/incident';
import { sessions } from '.';
import { incidentNow } from './clock';
import { newId } from './ids';
import { openDoc } from './open-incident';
import { useIdentity } from './identity-store';
import { useUi } from '../stores/ui';
import { attributionOf } from '../stores/attribution';
import { keepIncidentsDurable } from './durable-storage';
import { useNotePad } from './note-pad';
import type { PadNote } from './db';
import { addNotice } from '../stores/notices';

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

// Declaring makes a new incident rather than changing the open one: declareAndOpen below.
const { declareIncident: _declaredBySessions, ...openIncidentCommands } = incidentCommands;

/** Every command, on the open incident: `commands.logEvent({ kind: 'note', text })`. Throws when none is open. */
export const commands = bindCommands(
  { ...openIncidentCommands, ...orgCommands, ...planCommands, ...amendCommands, ...statusCommands, ...postmortemCommands },
  () => ({ doc: openDoc(), ctx: commandContext() }),
);

/**
 * Declares a new incident (for someone else: they are its IC) and opens it;
 * with the pad's notes, those become its first entries, and leave the pad
 * once the incident holding them is stored.
 */
export async function declareAndOpen(input: DeclareInput, onBehalfOf: Attribution | null = null, pad: readonly PadNote[] = []): Promise<string> {
  // Read again: another window of this machine may have declared with some of them already.
  const notes = pad.length ? await useNotePad.getState().stillHeld(pad) : [];
  const id = await sessions.declare(input, { ...commandContext(), onBehalfOf }, notes);
  if (notes.length) await emptyPad(notes);
  useUi.getState().navigate({ view: 'incident', id });
  void keepIncidentsDurable();
  return id;
}
