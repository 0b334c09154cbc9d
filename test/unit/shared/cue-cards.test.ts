import { describe, expect, it } from 'vitest';
import { CUE_CARDS, CUE_CARD_GROUPS, CUE_CARD_GROUP_LABELS, cueCard, cueEntry, cueKeys, cuePlaceholders } from '../../../src/shared/views/cue-cards';
import { LOGGABLE_KINDS } from '../../../src/shared/incident/schema';

const allText = (card: (typeof CUE_CARDS)[number]) => [
  card.title,
  card.when,
  card.why,
  card.log.text,
  ...card.phrases.flatMap((p) => [p.say, p.cue ?? '']),
];

describe('cue cards', () => {
  it('cover every situation the issue names', () => {
    const ids = CUE_CARDS.map((c) => c.id);
    for (const id of ['take-command', 'decision', 'handover', 'executive-takeover', 'severity-argument', 'time-consuming-request', 'end-call']) {
      expect(ids).toContain(id);
    }
  });

  it('have unique, stable-shaped ids and a known group', () => {
    const ids = CUE_CARDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const card of CUE_CARDS) {
      expect(card.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(CUE_CARD_GROUPS).toContain(card.group);
      expect(CUE_CARD_GROUP_LABELS[card.group].length).toBeGreaterThan(0);
      expect(cueCard(card.id)).toBe(card);
    }
    expect(cueCard('no-such-card')).toBeUndefined();
  });

  it('each have a title, when to use it, why it works, and at least one phrase to say', () => {
    for (const card of CUE_CARDS) {
      expect(card.title.length, card.id).toBeGreaterThan(3);
      expect(card.when.length, card.id).toBeGreaterThan(20);
      expect(card.why.length, card.id).toBeGreaterThan(20);
      expect(card.phrases.length, card.id).toBeGreaterThan(0);
      for (const phrase of card.phrases) {
        expect(phrase.say.trim().length, card.id).toBeGreaterThan(5);
        if (phrase.cue !== undefined) expect(phrase.cue.trim().length, card.id).toBeGreaterThan(3);
      }
    }
  });

  it('each suggest a timeline entry of a kind a responder can log', () => {
    for (const card of CUE_CARDS) {
      expect(LOGGABLE_KINDS, card.id).toContain(card.log.kind);
      expect(card.log.text.trim().length, card.id).toBeGreaterThan(5);
    }
  });

  it('ask for strong objections when proposing a decision, and log it as a decision', () => {
    const card = cueCard('decision')!;
    expect(card.phrases.some((p) => p.say.includes('Are there any strong objections?'))).toBe(true);
    expect(card.log.kind).toBe('decision');
  });

  it('offer command to an executive who overrides the IC, and handle both answers', () => {
    const card = cueCard('executive-takeover')!;
    expect(card.phrases[0]!.say).toMatch(/take command\?$/);
    expect(card.phrases.filter((p) => p.cue?.startsWith('If they say')).length).toBe(2);
  });

  it('turn a request for time-consuming information into a follow-up', () => {
    expect(cueCard('time-consuming-request')!.log.kind).toBe('followup');
  });

  it('keep every [blank] closed, so the panel can show and fill it', () => {
    for (const card of CUE_CARDS) {
      for (const text of allText(card)) {
        const stripped = text.replace(/\[[^\][]+\]/g, '');
        expect(stripped, `${card.id}: ${text}`).not.toMatch(/[[\]]/);
      }
    }
  });

  it('list the blanks of a text in order, each once', () => {
    expect(cuePlaceholders('[name], please [task]. Back in [minutes]; [name]?')).toEqual(['name', 'task', 'minutes']);
    expect(cuePlaceholders('No blanks here.')).toEqual([]);
    expect(cuePlaceholders(cueCard('decision')!.log.text)).toEqual(['proposal']);
  });
});

describe('logging what happened from a card', () => {
  it('fills in the IC’s name and the severity, and leaves the other blanks for the IC', () => {
    const take = cueEntry(cueCard('take-command')!, { yourName: 'Ada Lovelace', severity: 'SEV-1' });
    expect(take).toEqual({ kind: 'note', text: 'Ada Lovelace took command as Incident Commander.', blanks: [] });
    const severity = cueEntry(cueCard('severity-argument')!, { yourName: 'Ada', severity: 'SEV-2' });
    expect(severity.text).toBe('Handling as SEV-2; severity not debated during the call.');
    const task = cueEntry(cueCard('assign-task')!, { yourName: 'Ada' });
    expect(task.kind).toBe('action');
    expect(task.blanks).toEqual(['name', 'task', 'minutes']);
  });

  it('leaves [your name] as a blank when no name is known', () => {
    expect(cueEntry(cueCard('take-command')!, { yourName: '  ' }).blanks).toEqual(['your name']);
  });

  it('gives every card its own key, in the order shown, skipping l', () => {
    const keys = cueKeys();
    expect(keys.size).toBe(CUE_CARDS.length);
    expect([...keys.values()]).toEqual(CUE_CARDS);
    expect(keys.get('1')).toBe(CUE_CARDS[0]);
    expect(keys.has('l')).toBe(false);
  });
});
