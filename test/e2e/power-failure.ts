/**
 * The large scenario of the e2e suite, as it stands when the Scribe opens
 * it: a data-centre power failure 100 minutes in, with 19 people checked
 * in, two sub-teams under the Tech Lead (LAN and Power, four members each),
 * a first handover done (Tech Lead, Raj to Wen) and rotation after 60
 * minutes, so the LAN lead, on duty since minute 5, is due. Written with
 * the domain's own commands, as the people at their keyboards would have,
 * and carried to the browser as an incident file, the way incidents move
 * between machines; the rest of the response is played through the UI.
 */
import {
  acceptHandover,
  addRole,
  checkIn,
  createIncidentDoc,
  declareIncident,
  encodeIncidentFile,
  logEvent,
  offerHandover,
  setRotation,
  type CommandContext,
  type OrgEvent,
} from '../../src/shared/incident';

const MINUTE = 60_000;

export const SCENARIO = {
  name: '26-Volt',
  ic: 'Sue Park',
  scribe: 'Dana Scully',
  techLead: 'Wen Li',
  comms: 'Lena Fischer',
  lanLead: 'Omar Haddad',
  relief: 'Kai Nakamura',
  lanTeam: ['Ana Costa', 'Ben Okafor', 'Chen Wei', 'Dee Moreau'],
  powerTeam: ['Eli Novak', 'Fay Lund', 'Gus Ortiz', 'Hana Sato'],
} as const;

export interface ScenarioFile {
  readonly name: string;
  readonly text: string;
}

/** The incident file, its declaration `minutesAgo` before `now`. */
export function powerFailureFile(now: number, minutesAgo = 100): ScenarioFile {
  const start = now - minutesAgo * MINUTE;
  let time = start;
  let ids = 0;
  const as = (actor: string): CommandContext => ({ actor, now: () => time, newId: () => `volt-${String(++ids).padStart(4, '0')}` });
  const at = (minute: number) => (time = start + minute * MINUTE);
  const doc = createIncidentDoc('volt-incident');
  const sue = as(SCENARIO.ic);
  const responder = (e: OrgEvent) => (e.org as { responderId: string }).responderId;
  const role = (e: OrgEvent) => (e.org as { roleId: string }).roleId;
  const arrive = (name: string, skills = '') => responder(checkIn(doc, { name, skills }, sue));

  at(0);
  declareIncident(doc, { name: SCENARIO.name, severity: 'SEV-1', synopsis: 'Hall B lost power: core switches and half the database fleet are down' }, sue);
  at(1);
  const dana = arrive(SCENARIO.scribe, 'SRE');
  addRole(doc, { role: { kind: 'scribe' }, holderId: dana }, sue);
  logEvent(doc, { kind: 'impact', text: 'Checkout and login fail for EU customers', at: start - 10 * MINUTE }, sue);
  at(3);
  const raj = arrive('Raj Patel', 'Network architecture');
  const tech = role(addRole(doc, { role: { kind: 'tech-lead' }, holderId: raj }, sue));
  addRole(doc, { role: { kind: 'comms-lead' }, holderId: arrive(SCENARIO.comms, 'Support') }, sue);
  addRole(doc, { role: { kind: 'deputy' }, holderId: arrive('Ito Hiro', 'Incident commanders') }, sue);
  addRole(doc, { role: { kind: 'customer-liaison' }, holderId: arrive('Tom Berg', 'Account management') }, sue);
  at(5);
  const lan = role(addRole(doc, { role: { kind: 'team-lead', team: 'LAN', parentId: tech }, holderId: arrive(SCENARIO.lanLead, 'Networking') }, sue));
  for (const name of SCENARIO.lanTeam) addRole(doc, { role: { kind: 'member', parentId: lan }, holderId: arrive(name, 'Networking') }, sue);
  at(8);
  const power = role(addRole(doc, { role: { kind: 'team-lead', team: 'Power', parentId: tech }, holderId: arrive('Priya Shah', 'Facilities') }, sue));
  for (const name of SCENARIO.powerTeam) addRole(doc, { role: { kind: 'member', parentId: power }, holderId: arrive(name, 'Facilities') }, sue);
  addRole(doc, { role: { kind: 'sme', area: 'Database', parentId: tech }, holderId: arrive('Jo Kim', 'DBA, Postgres') }, sue);
  at(12);
  setRotation(doc, 60, sue);
  logEvent(doc, { kind: 'note', text: 'UPS in hall B drained; generators did not start' }, as('Priya Shah'));

  // The first handover: Raj, who designed the network, hands the Tech Lead to Wen to work on the switches himself.
  at(50);
  const wen = arrive(SCENARIO.techLead, 'SRE manager');
  const offer = offerHandover(doc, { roleId: tech, toId: wen, briefing: 'Situation: hall B dark; objectives: power, then switches, then databases.' }, as('Raj Patel'));
  at(52);
  acceptHandover(doc, (offer.org as { handoverId: string }).handoverId, as(SCENARIO.techLead));
  at(60);
  arrive(SCENARIO.relief, 'Networking');
  logEvent(doc, { kind: 'note', text: 'Generator 2 running; switches coming back one by one' }, as('Priya Shah'));
  return { name: '26-Volt.cpinc', text: encodeIncidentFile(doc, { exportedAt: now - 5 * MINUTE, exportedBy: SCENARIO.ic }) };
}
