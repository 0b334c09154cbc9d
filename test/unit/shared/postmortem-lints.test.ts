import { describe, expect, it } from 'vitest';
import { lintActionItem } from '../../../src/shared/report/action-items';
import { lintBlameless, type BlamelessOptions } from '../../../src/shared/report/blameless';

const factors: BlamelessOptions = { section: 'contributingFactors', names: ['Ada Lovelace', 'Bo Chen (DBA)', 'Li'] };
const rules = (text: string, options: BlamelessOptions = factors) => lintBlameless(text, options).map((w) => [w.rule, w.excerpt]);

describe('the blameless lint', () => {
  it('passes a description of conditions', () => {
    expect(rules('The deploy tool accepted a production target without confirmation, and the runbook did not mention the flag.')).toEqual([]);
  });

  it('flags a person’s name in the contributing factors, whole or first, possessive too, with a rewording', () => {
    const warnings = lintBlameless('Ada Lovelace ran the migration. Bo Chen’s change was not reviewed, and Bo was paged.', factors);
    expect(warnings.map((w) => [w.rule, w.excerpt])).toEqual([
      ['name', 'Ada Lovelace'],
      ['name', 'Bo Chen’s'],
    ]);
    expect(warnings[0]!.message).toMatch(/condition, never a person/);
    expect(warnings[0]!.suggestion).toMatch(/the system or the process/);
    // A first name of two letters is matched only with the rest of the name ("Bo" above), unless it is the whole name.
    expect(rules('Li restarted the pods.')).toEqual([['name', 'Li']]);
  });

  it('does not take a first name that is also a word for the person (the same names as the stakeholder-update lint)', () => {
    const options: BlamelessOptions = { section: 'contributingFactors', names: ['Will Turner', 'Grace Hopper'] };
    expect(rules('Will the failover hold under load? Grace periods were too short.', options)).toEqual([['name', 'Grace']]);
    expect(rules('Will Turner merged the change.', options)).toEqual([['name', 'Will Turner']]);
  });

  it('leaves names alone in the timeline-like sections, where who did what is a fact', () => {
    expect(rules('Ada Lovelace took command at 09:30.', { section: 'whatHappened', names: factors.names })).toEqual([]);
  });

  it('flags "who" and "why" questions, with a what-and-how rewording', () => {
    const warnings = lintBlameless('Who deployed the change? Why did the failover take 20 minutes? Why was the alert silenced? Who ran the script?', { section: 'wentWrong', names: [] });
    expect(warnings.map((w) => [w.rule, w.suggestion])).toEqual([
      ['who', 'How did the change come to be deployed?'],
      ['why', 'What led the failover to take 20 minutes?'],
      ['why', 'What led to the alert being silenced?'],
      ['who', 'How did the script come to be run?'],
    ]);
    // A statement that mentions who is not a question.
    expect(rules('We knew who to page.', { section: 'wentWell', names: [] })).toEqual([]);
  });

  it('flags blame words, hindsight and alternate reality, each with why', () => {
    const text =
      'This was human error. The operator was careless and failed to check the graph; it was his fault. He should have known. Obviously the flag was wrong. If the service had rate limited requests it would not have failed. The root cause was a typo.';
    expect(rules(text, { section: 'whatHappened', names: [] })).toEqual([
      ['blame', 'human error'],
      ['blame', 'careless'],
      ['blame', 'failed to'],
      ['blame', 'fault'],
      ['hindsight', 'should have'],
      ['hindsight', 'Obviously'],
      ['counterfactual', 'If the service had'],
      ['counterfactual', 'would not have'],
      ['blame', 'root cause'],
    ]);
    const [first] = lintBlameless(text, { section: 'whatHappened', names: [] });
    expect(first!.message).toMatch(/where an inquiry should start/);
    expect(first!.start).toBe(text.indexOf('human error'));
  });
});

describe('the action-item lint', () => {
  const lint = (text: string, owner = 'Grace Hopper') => lintActionItem({ text, owner }).map((w) => w.rule);

  it('passes an item that starts with a verb, is specific and bounded, and has one person as owner', () => {
    expect(lint('Add an alert when replication lag exceeds 30 seconds on the primary')).toEqual([]);
    expect(lint('Document the failover steps in the database runbook')).toEqual([]);
  });

  it('asks for a verb first, suggesting the imperative for an -ing form', () => {
    expect(lint('Better monitoring for the checkout service')).toEqual(['verb', 'vague']);
    expect(lint('We should have a runbook for failover')).toEqual(['verb']);
    const [adding] = lintActionItem({ text: 'Adding retries to the payment client', owner: 'Grace' });
    expect(adding).toMatchObject({ rule: 'verb', excerpt: 'Adding', suggestion: 'Add' });
  });

  it('flags what is not specific or not bounded', () => {
    expect(lint('Investigate monitoring for this scenario')).toEqual(['vague']);
    expect(lint('Improve the alerting on the database')).toEqual(['vague']);
    expect(lint('Monitor error rates on checkout going forward')).toEqual(['unbounded']);
    expect(lint('Be more careful when deploying on Fridays')).toEqual(['vague', 'blame']);
    expect(lint('Fix it')).toEqual(['short']);
  });

  it('wants one person as owner: not nobody, not a team, not several people', () => {
    expect(lint('Add an alert on replication lag above 30 s', '')).toEqual(['owner']);
    expect(lintActionItem({ text: 'Add an alert on replication lag above 30 s', owner: 'SRE team' })[0]!.message).toMatch(/group, not a person/);
    expect(lintActionItem({ text: 'Add an alert on replication lag above 30 s', owner: 'Ada and Bo' })[0]!.message).toMatch(/more than one person/);
  });
});
