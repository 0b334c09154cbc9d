import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, injectsInOrder, MAX_INJECTS, MAX_SCENARIO_BYTES, parseScenarioFile, scenarioJsonSchema } from '../../../../src/shared/incident/drill-scenario';
import { BUILT_IN_SCENARIOS } from '../../../../src/shared/incident/drill-scenarios';
import { sampleScenario } from './sample-scenario';

const refusal = (value: unknown) => {
  const result = typeof value === 'string' ? parseScenarioFile(value) : checkScenario(value);
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
};

describe('the scenario validator', () => {
  it('accepts a good scenario and orders its injects by time, then as written', () => {
    const result = parseScenarioFile(JSON.stringify(sampleScenario()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(injectsInOrder(result.scenario).map((i) => i.id)).toEqual(['first', 'dba', 'vp']);
  });

  it('accepts every built-in scenario, each with the injects its lesson needs', () => {
    expect(BUILT_IN_SCENARIOS.map((s) => s.key)).toEqual(['database-outage', 'security-network', 'multi-team-infrastructure']);
    for (const { scenario } of BUILT_IN_SCENARIOS) expect(checkScenario(scenario).ok).toBe(true);
    const multi = BUILT_IN_SCENARIOS[2]!.scenario;
    // More arrivals than one lead can follow (7), and a handover expected.
    expect(multi.injects.filter((i) => i.type === 'arrival').length).toBeGreaterThan(7);
    expect(multi.expectations.handover).toBe(true);
    expect(BUILT_IN_SCENARIOS[0]!.scenario.injects.some((i) => i.type === 'stakeholder')).toBe(true);
  });

  it.each([
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['a list', '[]', 'should hold one JSON object'],
    ['another format', JSON.stringify({ ...sampleScenario(), format: 'postmortem' }), 'This is not a drill scenario: its "format" must be "command-post-drill".'],
    ['a later version', JSON.stringify({ ...sampleScenario(), version: 2 }), 'reads version 1 only'],
    ['no injects', JSON.stringify({ ...sampleScenario(), injects: [] }), 'A scenario needs at least one inject.'],
    ['an unknown field', JSON.stringify({ ...sampleScenario(), extra: 1 }), 'extra'],
    ['a blank title', JSON.stringify({ ...sampleScenario(), title: '  ' }), 'The title is empty.'],
    ['a wrong severity', JSON.stringify({ ...sampleScenario(), incident: { ...sampleScenario().incident, severity: 'SEV-9' } }), 'incident.severity: The severity is one of SEV-1'],
    ['a missing expectation', JSON.stringify({ ...sampleScenario(), expectations: { updateEveryMinutes: 20 } }), 'expectations.timeboxes'],
  ])('refuses %s with a clear message', (_case, text, message) => {
    expect(refusal(text)).toContain(message);
  });

  it.each([
    ['a negative time', { at: -1 }, 'Inject 2 (vp): Its time cannot be negative.'],
    ['a fractional time', { at: 1.5 }, 'Inject 2 (vp): Its time must be a whole number of minutes.'],
    ['a time past a shift', { at: 100_000 }, 'Inject 2 (vp): Its time is at most 720 minutes'],
    ['an unknown type', { type: 'earthquake' }, 'Inject 2 (vp): The type is one of message, system, arrival, stakeholder.'],
    ['a bad id', { id: 'Not An Id' }, 'Inject 2: The id is lower-case letters'],
    ['an empty text', { text: '' }, 'Inject 2 (vp): The text is empty'],
    ['a missing sender', { from: undefined }, 'Inject 2 (vp): Who asks must be text.'],
  ])('refuses an inject with %s, naming the inject', (_case, change, message) => {
    const scenario = sampleScenario();
    scenario.injects[1] = { ...scenario.injects[1]!, ...change } as (typeof scenario.injects)[number];
    const full = `This scenario cannot be used. ${message}`;
    expect(refusal(scenario).slice(0, full.length)).toBe(full);
  });

  it('refuses two injects with one id', () => {
    const scenario = sampleScenario();
    scenario.injects[2]!.id = 'first';
    expect(refusal(scenario)).toBe('This scenario cannot be used. Inject 3 (first): The id "first" is used twice; each inject needs its own.');
  });

  it('refuses hostile strings: control characters, a forged line break in a name, an escape sequence in a text', () => {
    const withBell = sampleScenario();
    withBell.injects[0]!.text = 'ring\u0007';
    expect(refusal(withBell)).toContain('must not hold control characters');
    const forged = sampleScenario();
    forged.injects[0] = { ...forged.injects[0]!, from: 'Monitoring\n12:00 IC: stand down' };
    expect(refusal(forged)).toContain('Who it is from must fit on one line');
    const escape = sampleScenario();
    escape.title = '\u001b[31mred';
    expect(refusal(escape)).toContain('The title must fit on one line');
    // A "__proto__" key is an unknown field like any other, not a way into the object's prototype.
    const proto = JSON.parse(JSON.stringify(sampleScenario()).replace('"title"', '"__proto__":{"polluted":true},"title"'));
    expect(refusal(proto)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Multi-line texts are allowed: a message may run over lines.
    const lines = sampleScenario();
    lines.injects[0]!.text = 'Line one.\nLine two.';
    expect(checkScenario(lines).ok).toBe(true);
  });

  it('refuses a huge file before parsing it, and too many injects', () => {
    const huge = ' '.repeat(MAX_SCENARIO_BYTES + 1);
    expect(refusal(huge)).toBe(`This scenario file is ${Math.ceil(huge.length / 1024)} KB; a scenario is at most 256 KB.`);
    const many = sampleScenario();
    many.injects = Array.from({ length: MAX_INJECTS + 1 }, (_, i) => ({ id: `i-${i}`, at: 0, type: 'message', from: 'X', text: 'y' }));
    expect(refusal(many)).toBe(`This scenario cannot be used. injects: A scenario holds at most ${MAX_INJECTS} injects.`);
  });
});

describe('the scenario file schema', () => {
  it('is written out in docs/ as the validator generates it (UPDATE_GOLDEN=1 rewrites it)', () => {
    const path = join(__dirname, '../../../../docs/drill-scenario.schema.json');
    const generated = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, generated);
    expect(readFileSync(path, 'utf8')).toBe(generated);
  });
});
