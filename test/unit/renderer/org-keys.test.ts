import { describe, expect, it } from 'vitest';
import { IC_ROLE_ID, addRole, checkIn, moveRole, offerHandover } from '../../../src/shared/incident';
import { tabForKey } from '../../../src/renderer/features/incident/tabs';
import { actionForKey, chartStep, listStep, outcomeFor } from '../../../src/renderer/features/org-chart/keys';
import { chartTree, visualOrder } from '../../../src/renderer/features/org-chart/layout';
import {
  defaultParentId,
  likelyKindUnder,
  newRoleChoices,
  reportsToChoices,
  responderLabel,
  roleDefinition,
  roleLabel,
  vacantRoles,
} from '../../../src/renderer/features/org-chart/role-options';
import { response } from './org-fixture';

describe('the org view keys', () => {
  it('maps single letters to actions, and nothing else', () => {
    expect(['c', 'a', 'h', 'm', 'r', 'b', 'A'].map(actionForKey)).toEqual(['check-in', 'assign', 'handover', 'move', 'release', 'brief', 'assign']);
    expect(actionForKey('x')).toBeNull();
    expect(actionForKey('Enter')).toBeNull();
  });

  it('a: assigns the selected person, a vacant role, or adds a role under a held one', () => {
    const { org, roleIds, personIds } = response();
    const rae = personIds.get('Rae')!;
    expect(outcomeFor('assign', org(), { type: 'person', id: rae })).toEqual({ open: { kind: 'assign', responderId: rae } });
    const comms = roleIds.get('Comms Lead')!;
    expect(outcomeFor('assign', org(), { type: 'role', id: comms })).toEqual({ open: { kind: 'assign', roleId: comms } });
    const lan = roleIds.get('LAN Team Lead')!;
    expect(outcomeFor('assign', org(), { type: 'role', id: lan })).toEqual({ open: { kind: 'assign', parentId: lan } });
    expect(outcomeFor('assign', org(), { type: 'role', id: IC_ROLE_ID })).toEqual({ open: { kind: 'assign', parentId: IC_ROLE_ID } });
    expect(outcomeFor('assign', org(), null)).toEqual({ open: { kind: 'assign' } });
  });

  it('r: releases the selected person or the holder of the selected role, never the IC', () => {
    const { org, roleIds, personIds } = response();
    const jo = personIds.get('Jo')!;
    expect(outcomeFor('release', org(), { type: 'role', id: roleIds.get('Database SME')! })).toEqual({ open: { kind: 'release', responderId: jo } });
    expect(outcomeFor('release', org(), { type: 'person', id: jo })).toEqual({ open: { kind: 'release', responderId: jo } });
    expect(outcomeFor('release', org(), { type: 'role', id: IC_ROLE_ID })).toEqual({
      hint: 'Ada is the Incident Commander: hand over command (h) before releasing them.',
    });
    expect(outcomeFor('release', org(), { type: 'role', id: roleIds.get('Comms Lead')! })).toEqual({
      hint: 'Nobody holds Comms Lead but the IC: select a person to release.',
    });
    expect(outcomeFor('release', org(), null)).toHaveProperty('hint');
  });

  it('h: hands over the selected role, or offers command to someone waiting; m: moves a role, never the IC', () => {
    const { org, roleIds, personIds } = response();
    const rae = personIds.get('Rae')!;
    expect(outcomeFor('handover', org(), { type: 'person', id: rae })).toEqual({ open: { kind: 'handover', toId: rae } });
    expect(outcomeFor('handover', org(), { type: 'person', id: personIds.get('Bo')! })).toEqual({
      open: { kind: 'handover', roleId: roleIds.get('Tech Lead') },
    });
    expect(outcomeFor('handover', org(), null)).toEqual({ open: { kind: 'handover', roleId: IC_ROLE_ID } });
    expect(outcomeFor('move', org(), { type: 'person', id: personIds.get('Jo')! })).toEqual({
      open: { kind: 'move', roleId: roleIds.get('Database SME') },
    });
    expect(outcomeFor('move', org(), { type: 'role', id: IC_ROLE_ID })).toHaveProperty('hint');
    expect(outcomeFor('move', org(), { type: 'person', id: rae })).toHaveProperty('hint');
  });

  it('h on a role whose handover is waiting goes on to the acknowledgement', () => {
    const { doc, ctx, org, personIds } = response();
    const offer = offerHandover(doc, { roleId: IC_ROLE_ID, toId: personIds.get('Rae')!, briefing: 'Situation: …' }, ctx);
    const handoverId = (offer.org as { handoverId: string }).handoverId;
    expect(outcomeFor('handover', org(), { type: 'role', id: IC_ROLE_ID })).toEqual({ open: { kind: 'acknowledge', handoverId } });
  });

  it('b: marks the selected person briefed, once', () => {
    const { org, personIds } = response();
    const rae = personIds.get('Rae')!;
    expect(outcomeFor('brief', org(), { type: 'person', id: rae })).toEqual({ brief: rae });
    // The declarer is briefed from the start.
    expect(outcomeFor('brief', org(), { type: 'role', id: IC_ROLE_ID })).toEqual({ hint: 'Ada is already briefed.' });
  });

  it('arrow keys walk the chart as it reads: down and up in order, left to the boss, right to the first report', () => {
    const { org, roleIds } = response();
    const order = visualOrder(chartTree(org()));
    const tl = roleIds.get('Tech Lead')!;
    expect(chartStep(org(), order, IC_ROLE_ID, 'ArrowRight')).toBe(roleIds.get('Deputy'));
    expect(chartStep(org(), order, tl, 'ArrowRight')).toBe(roleIds.get('Database SME'));
    expect(chartStep(org(), order, roleIds.get('LAN member 1')!, 'ArrowLeft')).toBe(roleIds.get('LAN Team Lead'));
    expect(chartStep(org(), order, roleIds.get('DNS SME')!, 'ArrowDown')).toBe(roleIds.get('Network Team Lead'));
    expect(chartStep(org(), order, roleIds.get('Network Team Lead')!, 'ArrowUp')).toBe(roleIds.get('DNS SME'));
    // A leaf has no first report; the IC has no boss: the selection stays.
    expect(chartStep(org(), order, roleIds.get('Deputy')!, 'ArrowRight')).toBe(roleIds.get('Deputy'));
    expect(chartStep(org(), order, IC_ROLE_ID, 'ArrowLeft')).toBe(IC_ROLE_ID);
    expect(chartStep(org(), order, IC_ROLE_ID, 'End')).toBe(roleIds.get('WAN member'));
    expect(chartStep(org(), order, null, 'ArrowDown')).toBe(IC_ROLE_ID);
    expect(chartStep(org(), order, IC_ROLE_ID, 'x')).toBeNull();
    expect(listStep(['a', 'b', 'c'], 'c', 'ArrowDown')).toBe('c');
    expect(listStep(['a', 'b', 'c'], 'b', 'ArrowUp')).toBe('a');
    expect(listStep(['a', 'b', 'c'], null, 'Home')).toBe('a');
  });

  it('Alt+T and Alt+O switch the incident view by physical key, with no other modifier', () => {
    const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
      code,
      altKey: true,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      ...mods,
    });
    expect(tabForKey(key('KeyO'))).toBe('org');
    expect(tabForKey(key('KeyT'))).toBe('timeline');
    expect(tabForKey(key('KeyO', { altKey: false }))).toBeNull();
    expect(tabForKey(key('KeyO', { ctrlKey: true }))).toBeNull();
    expect(tabForKey(key('KeyF'))).toBeNull();
  });
});

describe('the assign, move and hand-over choices', () => {
  it('offers the catalog roles not yet in the incident, never a second IC, and lists roles nobody holds', () => {
    const { org } = response();
    const kinds = newRoleChoices(org()).map((c) => c.kind);
    expect(kinds).not.toContain('incident-commander');
    expect(kinds).not.toContain('tech-lead');
    expect(kinds).not.toContain('comms-lead');
    expect(kinds).toEqual(expect.arrayContaining(['sme', 'team-lead', 'member', 'custom', 'internal-liaison', 'customer-liaison']));
    expect(newRoleChoices(org()).find((c) => c.kind === 'sme')?.label).toBe('Subject Matter Expert (name the area)');
    expect(vacantRoles(org()).map((r) => r.title)).toEqual(['Comms Lead']);
  });

  it('defaults whom a new role reports to: where it was started from, else where the catalog puts it', () => {
    const { org, roleIds } = response();
    const lan = roleIds.get('LAN Team Lead')!;
    expect(defaultParentId(org(), 'sme')).toBe(roleIds.get('Tech Lead'));
    expect(defaultParentId(org(), 'member', lan)).toBe(lan);
    // A member goes under the Tech Lead by default: which team lead is a choice.
    expect(defaultParentId(org(), 'member')).toBe(roleIds.get('Tech Lead'));
    expect(defaultParentId(org(), 'deputy', lan)).toBe(IC_ROLE_ID);
    expect(defaultParentId(org(), 'internal-liaison')).toBe(roleIds.get('Comms Lead'));
    expect(likelyKindUnder(org().roles.find((r) => r.id === lan))).toBe('member');
    expect(likelyKindUnder(org().roles.find((r) => r.id === roleIds.get('Tech Lead')))).toBe('sme');
    expect(likelyKindUnder(org().roles[0])).toBeNull();
  });

  it('never offers to move a role under itself or its own subordinates', () => {
    const { org, roleIds } = response();
    const choices = reportsToChoices(org(), 'team-lead', roleIds.get('Network Team Lead')).map((r) => r.title);
    expect(choices).toEqual(['Incident Commander', 'Tech Lead']);
    expect(reportsToChoices(org(), 'member').map((r) => r.title)).toEqual(
      expect.arrayContaining(['Tech Lead', 'LAN Team Lead', 'Database SME', 'Comms Lead', 'Incident Commander']),
    );
  });

  it('builds role definitions the commands accept, and labels that start with what a keyboard user types', () => {
    const { doc, ctx, org, roleIds } = response();
    const tl = roleIds.get('Tech Lead')!;
    const ivy = (checkIn(doc, { name: 'Ivy' }, ctx).org as { responderId: string }).responderId;
    addRole(doc, { role: roleDefinition('team-lead', 'Platform', tl), holderId: ivy }, ctx);
    const platform = org().roles.find((r) => r.title === 'Platform Team Lead')!;
    expect(platform.parentId).toBe(tl);
    moveRole(doc, { roleId: roleIds.get('DNS SME')!, parentId: platform.id }, ctx);
    expect(roleLabel(platform, org())).toBe('Platform Team Lead — Ivy');
    expect(roleLabel(org().roles.find((r) => r.title === 'Comms Lead')!, org())).toBe('Comms Lead — held by the IC');
    const rae = org().responders.find((r) => r.name === 'Rae')!;
    expect(responderLabel(rae, org())).toBe('Rae — waiting in staging');
    expect(responderLabel(org().responders.find((r) => r.name === 'Ivy')!, org())).toBe('Ivy — Platform Team Lead');
    // Custom roles need a title; the command says so.
    expect(() => addRole(doc, { role: roleDefinition('custom', ' ', IC_ROLE_ID) }, ctx)).toThrow('Give the role a title');
  });
});
