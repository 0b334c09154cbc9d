/**
 * A drill's scenario: the file a facilitator writes (or picks from the
 * built-in ones) and the timed injects it plays into a practice incident.
 * The format is JSON; docs/drill-scenario.schema.json describes it for
 * editors, and this zod schema is the one check the app applies, to a file
 * opened here and to a scenario read from a peer's doc alike.
 *
 * A file that fails is refused as a whole with a message naming where it is
 * wrong ("Inject 3 (db-down), its time: …"): nothing of it is stored.
 */
import { z } from 'zod';
import { SEVERITIES } from '../ics/severity';
import { MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from './limits';
import { INJECT_TYPES } from './inject-types';

/** The format's name and version, so a file meant for something else is recognised at once. */
export const SCENARIO_FORMAT = 'command-post-drill';
export const SCENARIO_FORMAT_VERSION = 1;

/** A scenario file larger than this is refused before it is parsed: a script is a few pages, not a data dump. */
export const MAX_SCENARIO_BYTES = 256 * 1024;
export const MAX_INJECTS = 200;
export const MAX_INJECT_TEXT = 1_000;
/** A drill lasts a shift at most. */
export const MAX_DRILL_MINUTES = 12 * 60;

export { INJECT_TYPES, INJECT_TYPE_LABELS, type InjectType } from './inject-types';

export const SYSTEM_STATES = ['up', 'degraded', 'down', 'unknown'] as const;

/** One line of plain text: no line breaks or control characters (a hostile file must not forge a timeline's layout). */
const line = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .min(1, `${label} is empty.`)
    .max(max, `${label} is at most ${max} characters.`)
    .refine((s) => !/\p{Cc}/u.test(s), `${label} must fit on one line, without control characters.`);

/** An inject's text may run over lines, but carries no other control characters. */
const text = z
  .string({ error: 'The text must be text.' })
  .trim()
  .min(1, 'The text is empty: say what the players hear or see.')
  .max(MAX_INJECT_TEXT, `The text is at most ${MAX_INJECT_TEXT} characters.`)
  // Control characters but the line feed: a pasted escape sequence must not reach the timeline.
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/.test(s), 'The text must not hold control characters other than line breaks.');

const minutes = (label: string) =>
  z
    .number({ error: `${label} must be a number of minutes.` })
    .int(`${label} must be a whole number of minutes.`)
    .min(0, `${label} cannot be negative.`)
    .max(MAX_DRILL_MINUTES, `${label} is at most ${MAX_DRILL_MINUTES} minutes (a drill lasts a shift at most).`);

const injectBase = {
  id: z
    .string({ error: 'The id must be text.' })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'The id is lower-case letters, digits and dashes, at most 40 (e.g. "db-down").'),
  at: minutes('Its time'),
  text,
};

const Inject = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...injectBase, type: z.literal('message'), from: line('Who it is from', MAX_PERSON) }),
    z.strictObject({
      ...injectBase,
      type: z.literal('system'),
      system: line('The system', MAX_PERSON),
      status: z.enum(SYSTEM_STATES, { error: `The status is one of ${SYSTEM_STATES.join(', ')}.` }),
    }),
    z.strictObject({ ...injectBase, type: z.literal('arrival'), person: line('The person', MAX_PERSON), skills: line('Their skills', 200).optional() }),
    z.strictObject({ ...injectBase, type: z.literal('stakeholder'), from: line('Who asks', MAX_PERSON) }),
  ],
  { error: `The type is one of ${INJECT_TYPES.join(', ')}.` },
);
export type Inject = z.output<typeof Inject>;

/**
 * What the response is expected to do, which the after-action score
 * measures (report/after-action.ts). All in drill minutes.
 */
const Expectations = z.strictObject({
  /** A stakeholder update at least this often (and the first one within it). */
  updateEveryMinutes: z.number({ error: 'updateEveryMinutes must be a number.' }).int().min(5, 'updateEveryMinutes is at least 5.').max(240, 'updateEveryMinutes is at most 240.'),
  /** At least this many tasks given a timebox (and none of them missed). */
  timeboxes: z.number({ error: 'timeboxes must be a number.' }).int().min(0).max(100, 'timeboxes is at most 100.'),
  /** At least this many decisions adopted, each proposed first so objections could be heard. */
  decisions: z.number({ error: 'decisions must be a number.' }).int().min(0).max(100, 'decisions is at most 100.'),
  /** Whether command is expected to change hands (by an explicit handover with a briefing). */
  handover: z.boolean({ error: 'handover is true or false.' }),
  /** The end is expected to be declared by then. */
  endByMinute: minutes('endByMinute'),
});
export type Expectations = z.output<typeof Expectations>;

export const Scenario = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT, { error: `This is not a drill scenario: its "format" must be "${SCENARIO_FORMAT}".` }),
    version: z.literal(SCENARIO_FORMAT_VERSION, { error: `This scenario is for version ${SCENARIO_FORMAT_VERSION} of the format; this Command Post reads version ${SCENARIO_FORMAT_VERSION} only.` }),
    title: line('The title', 120),
    summary: line('The summary', 500),
    incident: z.strictObject({
      name: line('The incident name', MAX_NAME),
      severity: z.enum(SEVERITIES, { error: `The severity is one of ${SEVERITIES.join(', ')}.` }),
      synopsis: line('The synopsis', MAX_SYNOPSIS),
    }),
    expectations: Expectations,
    injects: z.array(Inject, { error: 'injects must be a list.' }).min(1, 'A scenario needs at least one inject.').max(MAX_INJECTS, `A scenario holds at most ${MAX_INJECTS} injects.`),
  })
  .superRefine((scenario, check) => {
    const seen = new Set<string>();
    scenario.injects.forEach((inject, i) => {
      if (seen.has(inject.id)) check.addIssue({ code: 'custom', path: ['injects', i, 'id'], message: `The id "${inject.id}" is used twice; each inject needs its own.` });
      seen.add(inject.id);
    });
  });
export type Scenario = z.output<typeof Scenario>;

export type ScenarioResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly message: string };

/** The JSON Schema of a scenario file, for editors and other tools (docs/drill-scenario.schema.json is this, written out). */
export function scenarioJsonSchema(): unknown {
  return { title: 'Command Post drill scenario', ...(z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as object) };
}

/** The scenario's injects in the order they come due (by time, then as written). */
export function injectsInOrder(scenario: Scenario): readonly Inject[] {
  return scenario.injects.map((inject, i) => ({ inject, i })).sort((a, b) => a.inject.at - b.inject.at || a.i - b.i).map((x) => x.inject);
}

/** Checks a scenario already parsed from JSON (a built-in one, or one read from a doc). */
export function checkScenario(value: unknown): ScenarioResult {
  const result = Scenario.safeParse(value);
  if (result.success) return { ok: true, scenario: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, message: `This scenario cannot be used. ${where(issue.path, value)}${issue.message}` };
}

/** Reads a scenario file's text: too large, not JSON or not a scenario is refused with why. */
export function parseScenarioFile(contents: string): ScenarioResult {
  // Counted in UTF-16 units, which is at least the byte count's half: cheap, and checked before any parsing.
  if (contents.length > MAX_SCENARIO_BYTES) {
    return { ok: false, message: `This scenario file is ${Math.ceil(contents.length / 1024)} KB; a scenario is at most ${MAX_SCENARIO_BYTES / 1024} KB.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(contents);
  } catch (error) {
    return { ok: false, message: `This scenario file is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}).` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'This scenario file is not a scenario: it should hold one JSON object.' };
  return checkScenario(value);
}

/** Where an issue is, in words: "Inject 3 (db-down), " or "expectations.timeboxes: ". */
function where(path: readonly PropertyKey[], value: unknown): string {
  if (path.length === 0) return '';
  if (path[0] === 'injects' && typeof path[1] === 'number') {
    const raw = (value as { injects?: unknown[] }).injects?.[path[1]];
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
    const label = id && /^[a-z0-9-]{1,40}$/.test(id) ? ` (${id})` : '';
    return `Inject ${path[1] + 1}${label}: `;
  }
  return `${path.map(String).join('.')}: `;
}
