import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_ITEM_ID,
  CHECKLIST_PHASES,
  ChecklistItemId,
  CustomRoleTitle,
  MAX_ROLE_TITLE,
  MAX_SME_AREA,
  MAX_TEAM_NAME,
  ROLE_CATALOG,
  ROLE_KINDS,
  RoleDefinition,
  SINGLE_ROLE_KINDS,
  canReportTo,
  defaultParentKind,
  findChecklistItem,
  isRoleKind,
  roleAbbreviation,
  roleSlotKey,
  roleSpec,
  roleTitle,
  type RoleDefinitionInput,
  type RoleKind,
} from '../../../src/shared/ics/roles';

/** Parses a definition the way a command would, failing the test with zod's message if refused. */
function define(input: RoleDefinitionInput) {
  const result = RoleDefinition.safeParse(input);
  if (!result.success) throw new Error(result.error.issues[0]?.message);
  return result.data;
}

/** The message a person sees when a definition is refused. */
function refusal(input: unknown): string | undefined {
  const result = RoleDefinition.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('the role catalog', () => {
  it('has every role the issue lists, plus team leads, team members and custom roles', () => {
    expect(ROLE_CATALOG.map((r) => r.title)).toEqual([
      'Incident Commander',
      'Deputy',
      'Scribe',
      'Tech Lead',
      'Subject Matter Expert',
      'Team Lead',
      'Comms Lead',
      'Internal Liaison',
      'Customer Liaison',
      'Team Member',
      'Custom role',
    ]);
    expect(ROLE_CATALOG.map((r) => r.kind)).toEqual(ROLE_KINDS);
  });

  it('gives every role a one-line summary, a one-paragraph description and 5 to 9 duties', () => {
    for (const role of ROLE_CATALOG) {
      expect(role.summary.length, role.kind).toBeGreaterThan(20);
      expect(role.summary.length, role.kind).toBeLessThanOrEqual(90);
      expect(role.description.length, role.kind).toBeGreaterThan(200);
      expect(role.description, role.kind).not.toMatch(/\n/);
      expect(role.checklist.length, role.kind).toBeGreaterThanOrEqual(5);
      expect(role.checklist.length, role.kind).toBeLessThanOrEqual(9);
    }
  });

  it('writes each duty as one short line', () => {
    for (const role of ROLE_CATALOG) {
      for (const item of role.checklist) {
        expect(item.text, item.id).not.toMatch(/[\n\t]/);
        expect(item.text.length, item.id).toBeLessThanOrEqual(120);
        expect(item.text, item.id).toMatch(/^[A-Z"']/);
        expect(item.text, item.id).toMatch(/[.?]$/);
      }
    }
  });

  it('lists duties in the order they come up: on taking the role, throughout, at the end', () => {
    for (const role of ROLE_CATALOG) {
      const phases = role.checklist.map((i) => CHECKLIST_PHASES.indexOf(i.phase));
      expect(phases, role.kind).toEqual([...phases].sort((a, b) => a - b));
      expect(phases.every((p) => p >= 0), role.kind).toBe(true);
    }
  });

  it('gives every duty a unique id of the form role.slug, shared prefix per role, so ticks can be stored', () => {
    const ids = ROLE_CATALOG.flatMap((r) => r.checklist.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const role of ROLE_CATALOG) {
      const prefixes = new Set(role.checklist.map((i) => i.id.split('.')[0]));
      expect(prefixes.size, role.kind).toBe(1);
      for (const item of role.checklist) {
        expect(item.id).toMatch(CHECKLIST_ITEM_ID);
        expect(ChecklistItemId.safeParse(item.id).success).toBe(true);
        expect(findChecklistItem(item.id)).toEqual({ kind: role.kind, item });
      }
    }
    // No two roles share a prefix, so an id alone says whose duty it is.
    const rolePrefixes = ROLE_CATALOG.map((r) => r.checklist[0]!.id.split('.')[0]);
    expect(new Set(rolePrefixes).size).toBe(ROLE_CATALOG.length);
  });

  it('ignores a tick whose duty the catalog no longer has, but still accepts its id', () => {
    expect(findChecklistItem('ic.retired-duty')).toBeUndefined();
    expect(ChecklistItemId.safeParse('ic.retired-duty').success).toBe(true);
    for (const bad of ['', 'ic', 'IC.announce', 'ic.Announce', 'ic.announce ', 'ic..x', 'ic.-x']) {
      expect(ChecklistItemId.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('has exactly one Incident Commander, and several SMEs, team leads and custom roles', () => {
    const by = (m: string) => ROLE_CATALOG.filter((r) => r.multiplicity === m).map((r) => r.kind);
    expect(by('exactly-one')).toEqual(['incident-commander']);
    expect(by('many')).toEqual(['sme', 'team-lead', 'member', 'custom']);
    expect(by('at-most-one')).toEqual(['deputy', 'scribe', 'tech-lead', 'comms-lead', 'internal-liaison', 'customer-liaison']);
  });

  it('gives each role a distinct short abbreviation', () => {
    const abbreviations = ROLE_CATALOG.map((r) => r.abbreviation);
    expect(abbreviations).toEqual(['IC', 'DEP', 'SCR', 'TL', 'SME', 'LEAD', 'COM', 'IL', 'CL', 'TM', 'ROLE']);
    expect(new Set(abbreviations).size).toBe(abbreviations.length);
  });

  it('names single-instance roles by the catalog, and only those', () => {
    // Team members are the one unqualified role with many instances: alike, told apart by who holds them.
    expect([...SINGLE_ROLE_KINDS].sort()).toEqual(
      ROLE_CATALOG.filter((r) => r.qualifier === 'none' && r.multiplicity !== 'many').map((r) => r.kind).sort(),
    );
  });

  it('looks roles up by kind and refuses an unknown one loudly', () => {
    for (const kind of ROLE_KINDS) expect(roleSpec(kind).kind).toBe(kind);
    expect(() => roleSpec('chief' as RoleKind)).toThrow('Unknown role chief');
    expect(isRoleKind('sme')).toBe(true);
    for (const v of ['SME', 'ic', '', null, 3, {}]) expect(isRoleKind(v)).toBe(false);
  });
});

describe('role titles', () => {
  it('names an SME by area and a team lead by team', () => {
    expect(roleTitle(define({ kind: 'sme', area: 'Database' }))).toBe('Database SME');
    expect(roleTitle(define({ kind: 'team-lead', team: 'Network' }))).toBe('Network Team Lead');
    expect(roleTitle(define({ kind: 'team-lead', team: 'LAN' }))).toBe('LAN Team Lead');
    expect(roleTitle(define({ kind: 'custom', title: 'Security Officer' }))).toBe('Security Officer');
    expect(roleTitle(define({ kind: 'incident-commander' }))).toBe('Incident Commander');
    expect(roleTitle(define({ kind: 'customer-liaison' }))).toBe('Customer Liaison');
  });

  it('tidies what people type: spaces, and the suffix the title adds anyway', () => {
    expect(roleTitle(define({ kind: 'sme', area: '  Primary   database \n' }))).toBe('Primary database SME');
    expect(roleTitle(define({ kind: 'sme', area: 'Database SME' }))).toBe('Database SME');
    expect(roleTitle(define({ kind: 'sme', area: 'Payments subject matter expert' }))).toBe('Payments SME');
    expect(roleTitle(define({ kind: 'sme', area: 'ASME' }))).toBe('ASME SME');
    expect(roleTitle(define({ kind: 'team-lead', team: 'Network team' }))).toBe('Network Team Lead');
    expect(roleTitle(define({ kind: 'team-lead', team: 'WAN Team Lead' }))).toBe('WAN Team Lead');
    expect(roleTitle(define({ kind: 'team-lead', team: 'Steam' }))).toBe('Steam Team Lead');
  });

  it('refuses a missing or empty area or team with a hint', () => {
    expect(refusal({ kind: 'sme' })).toBe('Name the area this SME covers, such as "Database".');
    expect(refusal({ kind: 'sme', area: '   ' })).toBe('Name the area this SME covers, such as "Database".');
    expect(refusal({ kind: 'sme', area: 'SME' })).toBe('Name the area this SME covers, such as "Database".');
    expect(refusal({ kind: 'team-lead', team: 'Team' })).toBe('Name the team, such as "Network" or "LAN".');
  });

  it('keeps every instance title within 60 characters', () => {
    expect(roleTitle(define({ kind: 'sme', area: 'a'.repeat(MAX_SME_AREA) })).length).toBe(MAX_ROLE_TITLE);
    expect(roleTitle(define({ kind: 'team-lead', team: 'b'.repeat(MAX_TEAM_NAME) })).length).toBe(MAX_ROLE_TITLE);
    expect(refusal({ kind: 'sme', area: 'a'.repeat(MAX_SME_AREA + 1) })).toBe(`The area is at most ${MAX_SME_AREA} characters; this one has ${MAX_SME_AREA + 1}.`);
    expect(refusal({ kind: 'team-lead', team: 'b'.repeat(MAX_TEAM_NAME + 1) })).toBe(
      `The team name is at most ${MAX_TEAM_NAME} characters; this one has ${MAX_TEAM_NAME + 1}.`,
    );
  });
});

describe('custom role titles', () => {
  const title = (raw: unknown) => CustomRoleTitle.safeParse(raw);
  const message = (raw: unknown) => {
    const r = title(raw);
    return r.success ? undefined : r.error.issues[0]?.message;
  };

  it('are trimmed and accepted up to 60 characters', () => {
    expect(title('  Security Officer\n').data).toBe('Security Officer');
    expect(title('x'.repeat(60)).data).toBe('x'.repeat(60));
    expect(title('Liaison für Behörden').data).toBe('Liaison für Behörden');
  });

  it('refuse an empty title', () => {
    for (const raw of ['', '   ', '\n\t ']) expect(message(raw)).toBe('Give the role a title, such as "Security Officer".');
    expect(message(undefined)).toBe('Give the role a title, such as "Security Officer".');
  });

  it('refuse a title longer than 60 characters, saying how long it is', () => {
    expect(message('x'.repeat(61))).toBe('The role title is at most 60 characters; this one has 61.');
  });

  it('refuse control characters and direction overrides inside the title', () => {
    const expected = 'The role title must be plain text on one line: no line breaks, tabs or other control characters.';
    for (const raw of ['Security\nOfficer', 'Security\tOfficer', 'Bell\u0007', 'Null\u0000', 'C1\u0085x', 'Re\u202Eversed', 'Iso\u2066late']) {
      expect(message(raw), JSON.stringify(raw)).toBe(expected);
    }
  });

  it('refuse posing as a built-in role, pointing to the right one', () => {
    expect(message('incident commander')).toBe('"Incident Commander" is a built-in role: pick it from the list instead.');
    expect(message('IC')).toBe('"Incident Commander" is a built-in role: pick it from the list instead.');
    expect(message('Scribe')).toBe('"Scribe" is a built-in role: pick it from the list instead.');
    expect(message('SME')).toBe('For an expert, pick Subject Matter Expert and name the area.');
    expect(message('Team lead')).toBe('For a team, pick Team Lead and name the team.');
    expect(message('Database SME')).toBe('For an expert, pick Subject Matter Expert with the area "Database".');
    expect(message('Network Team Lead')).toBe('For a team, pick Team Lead with the team "Network".');
    expect(title('Legal Liaison').success).toBe(true);
  });
});

describe('role definitions', () => {
  it('refuse an unknown kind with a clear message', () => {
    expect(refusal({ kind: 'chief' })).toBe('Pick a role from the list.');
    expect(refusal({})).toBe('Pick a role from the list.');
  });

  it('accept an optional parent, and refuse one that is not an id', () => {
    expect(define({ kind: 'sme', area: 'Database', parentId: '5f0c0b8e-1d2a-4c3b-9e4f-0a1b2c3d4e5f' }).parentId).toBe(
      '5f0c0b8e-1d2a-4c3b-9e4f-0a1b2c3d4e5f',
    );
    expect(define({ kind: 'scribe' }).parentId).toBeUndefined();
    expect(refusal({ kind: 'scribe', parentId: 'the IC' })).toBe('That is not a role of this incident.');
    expect(refusal({ kind: 'scribe', parentId: '' })).toBe('That is not a role of this incident.');
  });

  it('give one key to the same role however it is typed, so "Database SME" points to one person', () => {
    const a = define({ kind: 'sme', area: 'Database' });
    const b = define({ kind: 'sme', area: ' database  sme ' });
    expect(roleSlotKey(a)).toBe(roleSlotKey(b));
    expect(roleSlotKey(define({ kind: 'sme', area: 'Network' }))).not.toBe(roleSlotKey(define({ kind: 'team-lead', team: 'Network' })));
    expect(roleSlotKey(define({ kind: 'custom', title: 'Security Officer' }))).toBe(roleSlotKey(define({ kind: 'custom', title: 'security officer' })));
  });

  it('abbreviate custom roles by initials, never as a built-in role', () => {
    expect(roleAbbreviation(define({ kind: 'sme', area: 'Database' }))).toBe('SME');
    expect(roleAbbreviation(define({ kind: 'team-lead', team: 'Network' }))).toBe('LEAD');
    expect(roleAbbreviation(define({ kind: 'custom', title: 'Security Officer' }))).toBe('SO');
    expect(roleAbbreviation(define({ kind: 'custom', title: 'Head of vendor relations' }))).toBe('HOV');
    expect(roleAbbreviation(define({ kind: 'custom', title: 'Change Lead' }))).toBe('CHA');
    expect(roleAbbreviation(define({ kind: 'custom', title: 'Vendor' }))).toBe('VEN');
  });
});

describe('reporting lines', () => {
  it('put the IC at the root and everyone else under someone', () => {
    expect(roleSpec('incident-commander').reportsTo).toEqual([]);
    for (const role of ROLE_CATALOG.filter((r) => r.kind !== 'incident-commander')) {
      expect(role.reportsTo.length, role.kind).toBeGreaterThan(0);
      expect(role.reportsTo, role.kind).toContain('incident-commander');
      expect(defaultParentKind(role.kind, ['incident-commander'])).toBe('incident-commander');
    }
  });

  it('let SMEs report to the Tech Lead or a team lead, and sub-team leads to their team lead', () => {
    expect(canReportTo('sme', 'tech-lead')).toBe(true);
    expect(canReportTo('sme', 'team-lead')).toBe(true);
    expect(canReportTo('team-lead', 'team-lead')).toBe(true);
    expect(canReportTo('sme', 'scribe')).toBe(false);
    expect(canReportTo('sme', 'sme')).toBe(false);
    expect(canReportTo('incident-commander', 'deputy')).toBe(false);
  });

  it('default an SME to the Tech Lead when there is one, and never to a team lead by guess', () => {
    expect(defaultParentKind('sme', ['incident-commander', 'tech-lead'])).toBe('tech-lead');
    expect(defaultParentKind('sme', ['incident-commander', 'team-lead'])).toBe('incident-commander');
    expect(defaultParentKind('internal-liaison', ['incident-commander', 'comms-lead'])).toBe('comms-lead');
    expect(defaultParentKind('customer-liaison', [])).toBe('incident-commander');
    expect(defaultParentKind('incident-commander', ['deputy'])).toBeNull();
  });
});
