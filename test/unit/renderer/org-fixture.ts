/**
 * A response built with the real commands, for the org view's tests: the IC
 * (Ada), a Deputy and a Scribe, a Tech Lead with three SMEs and a Network
 * team lead over LAN and WAN sub-teams, a Comms Lead, and two people waiting
 * in staging.
 */
import * as Y from 'yjs';
import { addRole, checkIn, createIncidentDoc, declareIncident, projectionOf, type OrgEvent } from '../../../src/shared/incident';
import type { OrgChart } from '../../../src/shared/incident/org-chart';
import type { RoleDefinitionInput } from '../../../src/shared/ics/roles';
import { MINUTE, testContext } from '../harness/context';

export function response() {
  const doc = createIncidentDoc('incident-1');
  const ctx = testContext('Ada');
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-1', synopsis: 'Primary database down' }, ctx);
  const roleIds = new Map<string, string>();
  const personIds = new Map<string, string>();
  const person = (name: string) => {
    ctx.advance(MINUTE);
    const e = checkIn(doc, { name }, ctx);
    const id = (e.org as { responderId: string }).responderId;
    personIds.set(name, id);
    return id;
  };
  const role = (title: string, def: RoleDefinitionInput, holder?: string) => {
    const e: OrgEvent = addRole(doc, { role: def, ...(holder ? { holderId: person(holder) } : {}) }, ctx);
    const id = (e.org as { roleId: string }).roleId;
    roleIds.set(title, id);
    return id;
  };
  role('Deputy', { kind: 'deputy' }, 'Bea');
  role('Scribe', { kind: 'scribe' }, 'Cal');
  const tl = role('Tech Lead', { kind: 'tech-lead' }, 'Bo');
  role('Database SME', { kind: 'sme', area: 'Database', parentId: tl }, 'Jo');
  role('Storage SME', { kind: 'sme', area: 'Storage', parentId: tl }, 'Kai');
  const net = role('Network Team Lead', { kind: 'team-lead', team: 'Network', parentId: tl }, 'Cy');
  const lan = role('LAN Team Lead', { kind: 'team-lead', team: 'LAN', parentId: net }, 'Di');
  const wan = role('WAN Team Lead', { kind: 'team-lead', team: 'WAN', parentId: net }, 'Ed');
  role('LAN member 1', { kind: 'member', parentId: lan }, 'Fay');
  role('LAN member 2', { kind: 'member', parentId: lan }, 'Gus');
  role('WAN member', { kind: 'member', parentId: wan }, 'Hal');
  role('DNS SME', { kind: 'sme', area: 'DNS', parentId: tl }, 'Lea');
  // Activated, not delegated: the IC holds it.
  role('Comms Lead', { kind: 'comms-lead' });
  person('Quinn');
  person('Rae');
  const org = (): OrgChart => projectionOf(doc).snapshot.org!;
  return { doc: doc as Y.Doc, ctx, org, roleIds, personIds };
}
