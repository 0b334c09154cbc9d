/**
 * The domain's command modules, bound to the open incident (see
 * ./commands.ts, which hands them out). Loaded with the open incident's
 * module, since the commands bring Yjs and their input schemas.
 */
import type * as Y from 'yjs';
import * as incidentCommands from '../../shared/incident/commands';
import * as orgCommands from '../../shared/incident/org-commands';
import * as planCommands from '../../shared/incident/plan-commands';
import * as amendCommands from '../../shared/incident/amend-commands';
import * as statusCommands from '../../shared/incident/status-commands';
import * as postmortemCommands from '../../shared/incident/postmortem-commands';
import * as renameCommands from '../../shared/incident/rename-commands';
import * as drillCommands from '../../shared/incident/drill-commands';
import * as commsCommands from '../../shared/incident/comms-commands';
import { bindCommands } from '../../shared/incident/bind-commands';
import { commandContext, type OpenIncidentCommands } from './commands';

// Declaring makes a new incident rather than changing the open one: declareAndOpen in ./commands.ts.
const { declareIncident: _declaredBySessions, ...openIncidentCommands } = incidentCommands;

/** Every command, on whatever doc `openDoc` gives at the moment of the call, as the person at this keyboard. */
export function bindToOpenIncident(openDoc: () => Y.Doc): OpenIncidentCommands {
  return bindCommands(
    { ...openIncidentCommands, ...orgCommands, ...planCommands, ...amendCommands, ...statusCommands, ...postmortemCommands, ...renameCommands, ...drillCommands, ...commsCommands },
    () => ({ doc: openDoc(), ctx: commandContext() }),
  );
}
