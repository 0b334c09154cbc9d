/**
 * "Make sure there's a clear owner, and that it's an individual and not a
 * team": the surest way for a postmortem (or an action item) never to be
 * done is to give it to a group. A name is checked for the signs of one:
 * a team word, a list of people, a placeholder for nobody.
 */

/** Words that name a group (or nobody) rather than a person. */
const GROUP_WORDS = new Set([
  'team',
  'teams',
  'squad',
  'squads',
  'group',
  'groups',
  'crew',
  'everyone',
  'everybody',
  'all',
  'anyone',
  'anybody',
  'someone',
  'somebody',
  'nobody',
  'staff',
  'folks',
  'people',
  'us',
  'we',
  'they',
  'them',
  'department',
  'dept',
  'org',
  'organization',
  'organisation',
  'committee',
  'ops',
  'devops',
  'sre',
  'sres',
  'dbas',
  'engineering',
  'engineers',
  'oncall',
  'on-call',
  'support',
  'management',
  'leadership',
  'owners',
  'tbd',
  'tba',
  'unassigned',
  'none',
  'n/a',
]);

/** Why `name` is not one person, or null when it reads as one. */
export function notOnePerson(name: string): string | null {
  // "Jo Kim (DBA)": the note in brackets says who they are, not whom it is given to.
  const bare = name.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (!bare) return 'Give it to one person by name.';
  if (!/\p{L}/u.test(bare)) return `"${name}" is not a person's name.`;
  if (/^@(?:here|channel|everyone|all)\b/i.test(bare)) return `"${name}" reaches a group, not one person: give it to one person by name.`;
  if (/[,;&+/]|\s(?:and|or|und|et)\s/i.test(bare)) return `"${name}" names more than one person: give it to one of them, who can ask the others for help.`;
  const words = bare.toLowerCase().split(/[\s._#-]+/).filter(Boolean);
  const group = words.find((w) => GROUP_WORDS.has(w)) ?? (GROUP_WORDS.has(bare.toLowerCase()) ? bare.toLowerCase() : undefined);
  if (group) return `"${name}" is a group, not a person: give it to one person by name (a team owns nothing; one of its members can).`;
  return null;
}
