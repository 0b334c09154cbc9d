import { describe, expect, it } from 'vitest';
import * as incidentCommands from '../../../src/shared/incident/commands';
import * as planCommands from '../../../src/shared/incident/plan-commands';
import { bindCommands } from '../../../src/shared/incident/bind-commands';
import { CommandError, createIncidentDoc, declareIncident, projectionOf } from '../../../src/shared/incident';
import { MINUTE, T0, testContext } from '../harness/context';

/**
 * The renderer binds the domain's commands once (src/renderer/incidents/
 * commands.ts). A bound command must act on whichever incident is current
 * when it is called, as whoever acts then, and refuse as the domain does.
 */
function declared(id: string, name: string) {
  const doc = createIncidentDoc(id);
  declareIncident(doc, { name, severity: 'SEV-2', synopsis: 'Checkout fails' }, testContext('Dana', undefined, `${id}-declared`));
  return doc;
}

describe('bindCommands', () => {
  it('runs a command on the doc and context current at the call', () => {
    const bravo = declared('incident-b', '26-Bravo');
    const charlie = declared('incident-c', '26-Charlie');
    let target = { doc: bravo, ctx: testContext('Dana', T0 + MINUTE) };
    const commands = bindCommands({ ...incidentCommands, ...planCommands }, () => target);

    commands.logEvent({ kind: 'note', text: 'Error rate 12%' });
    target = { doc: charlie, ctx: testContext('Sam', T0 + MINUTE) };
    commands.addObjective('Restore checkout for EU customers');

    const last = (doc: typeof bravo) => projectionOf(doc).snapshot.timeline.at(-1);
    expect(last(bravo)).toMatchObject({ kind: 'note', text: 'Error rate 12%', author: 'Dana' });
    expect(last(charlie)).toMatchObject({ kind: 'plan', author: 'Sam' });
    expect(projectionOf(bravo).snapshot.timeline.some((e) => e.kind === 'plan')).toBe(false);
  });

  it('refuses as the domain does, and changes nothing', () => {
    const doc = declared('incident-b', '26-Bravo');
    const commands = bindCommands(incidentCommands, () => ({ doc, ctx: testContext('Dana') }));
    const before = projectionOf(doc).snapshot.timeline.length;
    expect(() => commands.logEvent({ kind: 'note', text: '   ' })).toThrow(CommandError);
    expect(projectionOf(doc).snapshot.timeline).toHaveLength(before);
  });

  it('offers only commands: schemas, limits and helpers are not on it', () => {
    const doc = declared('incident-b', '26-Bravo');
    const commands = bindCommands(incidentCommands, () => ({ doc, ctx: testContext('Dana') }));
    // A command without the context's last parameter (a helper) is not a command.
    // @ts-expect-error activeHeader(doc) is a helper, not a command
    void commands.activeHeader;
    // @ts-expect-error a schema is not a command
    void commands.LogEventInput;
    // @ts-expect-error a limit is not a command
    void commands.MAX_EVENT_TEXT;
    // The command's input is typed: a wrong kind of input does not compile.
    // @ts-expect-error logEvent takes an entry, not a string
    expect(() => commands.logEvent('Error rate 12%')).toThrow();
  });
});
