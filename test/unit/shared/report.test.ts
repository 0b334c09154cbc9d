import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addObjective,
  announceChange,
  assignTask,
  checkIn,
  editStatusText,
  projectionOf,
  setImpactSince,
  setStatusPhase,
  setTaskStatus,
  type PlanEvent,
} from '../../../src/shared/incident';
import { statusDocumentOf } from '../../../src/shared/views/status-document';
import { assembleCan, draftCan } from '../../../src/shared/report/can';
import { DEFAULT_GLOSSARY, DEFAULT_GLOSSARY_TEXT, parseGlossary } from '../../../src/shared/report/glossary';
import { lintUpdate, type LintOptions } from '../../../src/shared/report/plain-language';
import { draftUpdate, suggestedTemplate, type DraftContext } from '../../../src/shared/report/updates';
import { toMarkdown } from '../../../src/shared/report/update-formats';
import { MINUTE, T0, testContext } from '../harness/context';
import { declaredIncident } from '../harness/incident';

/** "14:35 UTC", without depending on the machine's zone. */
const time = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;
const draftCtx = (nextUpdateMinutes: number | null = 20): DraftContext => ({ time, now: T0 + 10 * MINUTE, nextUpdateMinutes });

const incident = () => declaredIncident('Ada Lovelace');

function write(doc: Y.Doc, ctx: ReturnType<typeof testContext>, fields: { summary?: string; impact?: string; eta?: string }) {
  for (const [field, text] of Object.entries(fields)) editStatusText(doc, { field: field as 'summary', index: 0, remove: 0, insert: text }, ctx);
}

const view = (doc: Y.Doc) => statusDocumentOf(projectionOf(doc).snapshot, T0 + 10 * MINUTE)!;

describe('update templates', () => {
  it('draft an external first message that says we know, without the incident’s insides, and when the next update comes', () => {
    const { doc, ctx } = incident();
    write(doc, ctx, { summary: 'Primary DB failed over badly', impact: 'Customers in Europe cannot check out' });
    const text = draftUpdate('external', 'first', view(doc), draftCtx());
    expect(text.split('\n')[0]).toBe('Investigating a service disruption');
    expect(text).toContain('What we see so far: Customers in Europe cannot check out.');
    expect(text).toContain('Next update: by 10:00 UTC (in 20 minutes).');
    // Internal names stay inside: no codename, no severity, no summary of the technical cause.
    expect(text).not.toMatch(/26-Bravo|SEV-1|DB/);
  });

  it('draft a scoping message with the impact and since when, leaving a blank when the impact is not written yet', () => {
    const { doc, ctx } = incident();
    expect(draftUpdate('external', 'scoping', view(doc), draftCtx())).toContain('Impact: [who is affected, and what they cannot do]');
    write(doc, ctx, { impact: 'Checkout fails for about 30% of orders' });
    setImpactSince(doc, T0 - 5 * MINUTE, ctx);
    const text = draftUpdate('external', 'scoping', view(doc), draftCtx());
    expect(text).toContain('Impact: Checkout fails for about 30% of orders.');
    expect(text).toContain('Since: 09:25 UTC.');
  });

  it('draft updates that follow the phase, and internal ones with the incident, its estimate and objectives', () => {
    const { doc, ctx } = incident();
    write(doc, ctx, { summary: 'Replica promoted; restoring writes', impact: 'No orders in Europe', eta: 'About an hour if the replica holds' });
    setStatusPhase(doc, 'mitigating', ctx);
    addObjective(doc, 'Restore writes to the primary', ctx);
    const external = draftUpdate('external', 'update', view(doc), draftCtx(30));
    expect(external.split('\n')[0]).toBe('Update: fix in progress');
    expect(external).toContain('We are putting a fix in place.');
    expect(external).toContain('Next update: by 10:10 UTC (in 30 minutes).');
    expect(external).not.toContain('About an hour');
    const internal = draftUpdate('internal', 'update', view(doc), draftCtx(30));
    expect(internal.split('\n')[0]).toBe('26-Bravo (SEV-1): fix in progress');
    expect(internal).toContain('Estimated resolution: About an hour if the replica holds.');
    expect(internal).toContain('Current objectives:\n- Restore writes to the primary');
  });

  it('draft a resolution that asks whether anything was lost, and promises no next update', () => {
    const { doc, ctx } = incident();
    setStatusPhase(doc, 'resolved', ctx);
    const text = draftUpdate('external', 'resolution', view(doc), draftCtx(null));
    expect(text).toContain('Resolved: service is back to normal');
    expect(text).toContain('Lasting effects: [say whether any data was lost or is still affected; if nothing was, say so]');
    expect(text).not.toMatch(/next update/i);
  });

  it('suggest the stage that comes next', () => {
    const { doc, ctx } = incident();
    expect(suggestedTemplate(view(doc), [])).toBe('first');
    expect(suggestedTemplate(view(doc), ['first'])).toBe('scoping');
    expect(suggestedTemplate(view(doc), ['first', 'scoping', 'can'])).toBe('update');
    setStatusPhase(doc, 'resolved', ctx);
    expect(suggestedTemplate(view(doc), ['first'])).toBe('resolution');
  });
});

describe('Markdown', () => {
  it('bolds the title and labels, keeps lists, and escapes what would change the meaning', () => {
    const md = toMarkdown('26-Bravo (SEV-1): update\nImpact: *all* orders_eu fail\nCurrent objectives:\n- Restore <writes>\n  - Check [lag]\n1. not a list');
    expect(md).toBe(
      [
        '**26-Bravo (SEV-1): update**',
        '',
        '**Impact:** \\*all\\* orders\\_eu fail',
        '',
        '**Current objectives:**',
        '',
        '- Restore \\<writes\\>',
        '  - Check \\[lag\\]',
        '',
        '1\\. not a list',
      ].join('\n'),
    );
  });
});

describe('CAN reports', () => {
  it('are prefilled from the document and the plan, name roles rather than people, and say when the next comes', () => {
    const { doc, ctx } = incident();
    write(doc, ctx, { summary: 'Writes to the primary database fail', impact: 'No orders in Europe' });
    setStatusPhase(doc, 'identified', ctx);
    const jo = (checkIn(doc, { name: 'Jo Kim' }, ctx).org as { responderId: string }).responderId;
    const objective = (addObjective(doc, 'Restore writes', ctx).plan as { objectiveId: string }).objectiveId;
    assignTask(doc, { objectiveId: objective, text: 'Promote the replica', owner: { kind: 'person', responderId: jo }, timeboxMinutes: 10 }, ctx);
    const blocked = assignTask(doc, { objectiveId: objective, text: 'Get vendor support', owner: { kind: 'role', roleId: 'ic' }, timeboxMinutes: 10 }, ctx) as PlanEvent;
    setTaskStatus(doc, { taskId: (blocked.plan as { taskId: string }).taskId, status: 'blocked', note: 'no support contract number' }, ctx);
    announceChange(doc, 'Raise connection limit', ctx);
    const parts = draftCan(view(doc), projectionOf(doc).snapshot, { time });
    expect(parts.conditions).toBe('SEV-1, identified. Writes to the primary database fail. Impact: No orders in Europe.');
    expect(parts.actions).toBe('- Restore writes\n  - Promote the replica (Jo Kim)\n- Change in progress: Raise connection limit');
    expect(parts.needs).toBe('- Help to unblock: Get vendor support (no support contract number)');
    const report = assembleCan(view(doc), { ...parts, needs: '' }, draftCtx(30));
    expect(report).toBe(
      [
        'CAN report: 26-Bravo (SEV-1)',
        'Conditions: SEV-1, identified. Writes to the primary database fail. Impact: No orders in Europe.',
        'Actions:\n- Restore writes\n  - Promote the replica (Jo Kim)\n- Change in progress: Raise connection limit',
        'Needs: nothing at the moment.',
        'Next report: by 10:10 UTC (in 30 minutes).',
      ].join('\n'),
    );
  });
});

function lint(text: string, over: Partial<LintOptions> = {}) {
  return lintUpdate(text, { audience: 'external', template: 'update', glossary: DEFAULT_GLOSSARY, names: [], expectsNextUpdate: false, ...over });
}
const rules = (text: string, over: Partial<LintOptions> = {}) => lint(text, over).map((w) => `${w.rule}:${w.excerpt}`);

describe('the plain-language lint', () => {
  it('flags acronyms, with the glossary’s plain words where it has them, and says why', () => {
    const [db, unknown] = lint('The DB is slow and the KMS too.');
    expect(db).toMatchObject({ rule: 'acronym', excerpt: 'DB', suggestion: 'database', message: '"DB" is an acronym not everyone knows: write "database".' });
    expect(db!.start).toBe(4);
    expect(unknown).toMatchObject({ rule: 'acronym', excerpt: 'KMS', suggestion: null });
    expect(unknown!.message).toMatch(/spell it out, or add it to the glossary as known/);
    // Known short forms and time zones pass; so do capitalised words.
    expect(rules('Customers in the EU and US, OK? Next update at 10:00 UTC. Checkout is Slow.')).toEqual([]);
  });

  it('flags jargon in any case, with plainer words', () => {
    expect(rules('We started a Failover and will roll back the deployment; latency is high.', { audience: 'internal' })).toEqual([
      'jargon:Failover',
      'jargon:roll back',
      'jargon:deployment',
      'jargon:latency',
    ]);
    expect(lint('failover')[0]!.suggestion).toBe('switching to the backup system');
  });

  it('flags alarming words in external messages only, with what to say instead', () => {
    const text = 'The outage means checkout is down and the app crashed.';
    expect(rules(text)).toEqual(['alarming:outage', 'alarming:is down', 'alarming:crashed']);
    expect(lint(text)[0]).toMatchObject({ suggestion: 'service disruption', message: '"outage" sounds total and alarming to a customer; plainer: "service disruption".' });
    expect(rules(text, { audience: 'internal' })).toEqual([]);
    expect(rules('Traffic slowed down at noon.')).toEqual([]);
  });

  it('flags a promised resolution time in external messages, but not the next update or what already happened', () => {
    expect(rules('We expect to have this fixed by 15:00 UTC.')).toEqual(['promised-time:by 15:00']);
    expect(rules('Service should be restored within the hour.')).toEqual(['promised-time:within the hour']);
    expect(rules('It will be back to normal in 30 minutes!')).toEqual(['promised-time:in 30 minutes']);
    expect(lint('It will be fixed by tonight.')[0]!.message).toMatch(/^This promises when it will be fixed/);
    expect(rules('Next update: by 10:20 UTC (in 20 minutes). The problem that started at 09:25 UTC has been fixed.')).toEqual([]);
    expect(rules('We expect to have this fixed by 15:00.', { audience: 'internal' })).toEqual([]);
  });

  it('flags the names of responders, whole or by first name, in both audiences', () => {
    const names = ['Ada Lovelace', 'Jo Kim', 'Will Smith (DBA)'];
    expect(rules('Ada Lovelace and Jo are on it; Ada says the DBs are fine. We will fix it. Will Smith agrees.', { names })).toEqual([
      'name:Ada Lovelace',
      'name:Ada',
      'acronym:DBs',
      'name:Will Smith',
    ]);
    expect(lint('Jo Kim restarted it.', { names })[0]!.suggestion).toBe('our team');
    expect(lint('Jo Kim restarted it.', { names, audience: 'internal' })[0]!.message).toMatch(/reads as blame .* name the role or the team/);
  });

  it('flags blanks left to fill, and an update that does not say when the next comes', () => {
    expect(rules('Impact: [who is affected] for now.', { expectsNextUpdate: true })).toEqual(['blank:[who is affected]', 'no-next-update:']);
    expect(rules('Impact: none.\nNext update: by 10:20.', { expectsNextUpdate: true })).toEqual([]);
  });

  it('leaves the drafts of our own templates clean, apart from their blanks', () => {
    const { doc, ctx } = incident();
    write(doc, ctx, { summary: 'Writes fail', impact: 'Checkout fails for some customers' });
    for (const template of ['first', 'scoping', 'update', 'resolution'] as const) {
      for (const audience of ['internal', 'external'] as const) {
        const text = draftUpdate(audience, template, view(doc), draftCtx(template === 'resolution' ? null : 20));
        const warnings = lint(text, { audience, template, names: ['Ada Lovelace'], expectsNextUpdate: template !== 'resolution' });
        expect(warnings.filter((w) => w.rule !== 'blank'), `${audience} ${template}`).toEqual([]);
      }
    }
  });
});

describe('the glossary', () => {
  it('reads one entry a line, known terms and external-only ones, and reports lines it cannot read', () => {
    const parsed = parseGlossary('# comment\nDB = database\nfailover = switching over\nUTC = ok\nSEV = severity (external)\nno equals sign\nDB = again\n = nothing');
    expect(parsed.entries).toEqual([
      { term: 'DB', plain: 'database', kind: 'acronym', externalOnly: false },
      { term: 'failover', plain: 'switching over', kind: 'jargon', externalOnly: false },
      { term: 'UTC', plain: '', kind: 'known', externalOnly: false },
      { term: 'SEV', plain: 'severity', kind: 'acronym', externalOnly: true },
    ]);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'Line 6: write it as "term = plainer words" (or "term = ok").',
      'Line 7: "DB" is already in the glossary; the first entry counts.',
      'Line 8: both the term and its plainer words are needed.',
    ]);
  });

  it('starts with sensible defaults that read cleanly', () => {
    expect(parseGlossary(DEFAULT_GLOSSARY_TEXT).problems).toEqual([]);
    expect(DEFAULT_GLOSSARY.length).toBeGreaterThan(30);
    // "SEV" is known inside the response, jargon to customers.
    expect(rules('Now SEV-1.', { audience: 'internal' })).toEqual([]);
    expect(rules('Now SEV-1.')).toEqual(['acronym:SEV']);
  });

  it('an edited glossary changes what is flagged', () => {
    const glossary = parseGlossary('KMS = key service\nDB = ok').entries;
    expect(rules('The DB and KMS.', { glossary })).toEqual(['acronym:KMS']);
    expect(lint('The KMS.', { glossary })[0]!.suggestion).toBe('key service');
  });
});
