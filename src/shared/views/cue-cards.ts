/**
 * The Incident Commander's cue cards: what to say in the situations that
 * PagerDuty's Incident Commander training drills (taking command, "any
 * strong objections?", timeboxed tasks, handover, the executive who wants to
 * steer, arguing severity, requests for time-consuming information, ending
 * the call), in our own words. Each card suggests the timeline entry to log
 * with one key, with [brackets] where the IC fills something in.
 *
 * Card ids are stable: a panel may remember which cards were pinned.
 */
import type { LoggableKind } from '../incident/schema';

export interface CuePhrase {
  /** A stage direction read before the line: "Pause. If nobody answers:". */
  readonly cue?: string;
  /** Words to say aloud; [brackets] mark what to fill in. */
  readonly say: string;
}

export const CUE_CARD_GROUPS = ['running', 'pushback'] as const;
export type CueCardGroup = (typeof CUE_CARD_GROUPS)[number];

export const CUE_CARD_GROUP_LABELS: Record<CueCardGroup, string> = {
  running: 'Running the call',
  pushback: 'When the call goes off track',
};

export interface CueCard {
  readonly id: string;
  readonly group: CueCardGroup;
  readonly title: string;
  /** When to reach for this card, in one line. */
  readonly when: string;
  readonly phrases: readonly CuePhrase[];
  /** Why the wording works, for the IC who is about to improvise. */
  readonly why: string;
  /** The timeline entry to offer once it has been said. */
  readonly log: { readonly kind: LoggableKind; readonly text: string };
}

export const CUE_CARDS: readonly CueCard[] = [
  {
    id: 'take-command',
    group: 'running',
    title: 'Taking command',
    when: 'The moment you join a major incident call as Incident Commander, and right after a handover.',
    phrases: [
      { cue: 'Not sure anyone has taken command yet? Ask first:', say: 'Is there an Incident Commander on the call?' },
      { cue: 'Pause. If nobody answers:', say: 'This is [your name]. I am the Incident Commander for this incident.' },
      { say: '[name] is my Deputy and [name] is our Scribe.' },
    ],
    why: 'Say "Incident Commander" in full: newcomers may not know "IC", and "commander" leaves no doubt about who is in charge.',
    log: { kind: 'note', text: '[your name] took command as Incident Commander.' },
  },
  {
    id: 'roll-call',
    group: 'running',
    title: 'Finding an expert',
    when: 'You need someone from a team and do not know whether they are on the call.',
    phrases: [
      { say: 'Is anyone from [team] on the call?' },
      { cue: 'Pause. If nobody answers:', say: 'Deputy, please page the [team] on-call and tell me when they have joined.' },
    ],
    why: 'People who join late miss the introductions. Ask instead of assuming, and let someone else do the paging.',
    log: { kind: 'action', text: 'Paged the [team] on-call.' },
  },
  {
    id: 'size-up',
    group: 'running',
    title: 'Sizing up',
    when: 'At the start of the call, and whenever the picture changes.',
    phrases: [
      { say: 'What exactly are we seeing, and since when?' },
      { say: 'Who is affected, and how badly?' },
      { say: 'Is it getting worse, holding steady, or coming and going?' },
      { say: 'What changed recently: a deploy, a configuration, the traffic?' },
    ],
    why: 'You ask, the experts answer. Get the facts fast; the incident keeps running while you gather them.',
    log: { kind: 'impact', text: '[who is affected] since [time]: [what they notice].' },
  },
  {
    id: 'decision',
    group: 'running',
    title: 'Making a decision',
    when: 'The experts have offered options and the response needs one of them, now.',
    phrases: [
      { say: 'What can we do about it, and what is the risk of each option?' },
      { say: 'I propose [proposal]. Are there any strong objections?' },
      { cue: 'Pause long enough for someone to speak up. If nobody does:', say: 'Hearing none, we go ahead with [proposal].' },
      { cue: 'If someone objects:', say: 'Noted, thank you. We will [decision], because [reason].' },
    ],
    why: 'Asking for strong objections gets consent in seconds and still hears the one person who disagrees; "does everyone agree?" gets a chorus or silence. A wrong decision beats no decision.',
    log: { kind: 'decision', text: '[proposal]; no strong objections.' },
  },
  {
    id: 'assign-task',
    group: 'running',
    title: 'Giving a task',
    when: 'Every time work needs doing. Never "can someone\u2026".',
    phrases: [
      { say: "[name], please [task]. I'll come back to you in [minutes] minutes. Understood?" },
      { cue: 'No acknowledgement?', say: '[name], I need to hear that you have this. Understood?' },
    ],
    why: 'One named owner, a timebox and an acknowledgement. "Can someone" leaves everyone sure that someone else will.',
    log: { kind: 'action', text: '[name] to [task]; back in [minutes] minutes.' },
  },
  {
    id: 'timebox-up',
    group: 'running',
    title: 'When a timebox runs out',
    when: 'The time you promised to come back to someone has come.',
    phrases: [
      { say: "[name], it's been [minutes] minutes. What have you found?" },
      { cue: 'If they need longer:', say: 'How much more time do you need?' },
      { say: "Understood. I'll come back to you in [minutes] minutes." },
    ],
    why: 'Let the expert say how long it really takes rather than handing out five more minutes again and again; pressure breeds mistakes.',
    log: { kind: 'action', text: '[name] needs [minutes] more minutes to [task].' },
  },
  {
    id: 'status-update',
    group: 'running',
    title: 'Status update in a lull',
    when: 'While the call waits on someone, or when several people have just joined.',
    phrases: [
      { say: "While we wait for [name], here's where we are." },
      { say: 'We are handling this as [severity]. We think the cause is [cause]. [name] reports back in [minutes] minutes.' },
      { say: 'Customers were last told at [time of last update]; the next update goes out at [time of next update].' },
      { say: 'Does anyone have another action or proposal right now?' },
    ],
    why: 'Silence is often people working, but a short summary keeps everyone on the same page, briefs newcomers, and says when the next update comes.',
    log: { kind: 'status', text: '[severity]; likely cause [cause]; waiting on [name]; next update at [time of next update].' },
  },
  {
    id: 'sub-team',
    group: 'running',
    title: 'Spinning off a sub-team',
    when: 'Too many people report to you, or one problem needs a group of experts of its own.',
    phrases: [
      { say: '[name], please lead a [team] team to [objective]. Pick the people you need.' },
      { say: "Report back to me in [minutes] minutes. Everything from your team comes through you. Understood?" },
    ],
    why: 'Keeps your span of control at three to seven. Give the team lead an objective and a timebox, not a list of members or steps.',
    log: { kind: 'action', text: '[name] leads the [team] team to [objective]; back in [minutes] minutes.' },
  },
  {
    id: 'release',
    group: 'running',
    title: 'Letting people go',
    when: 'The cause is known and some responders have nothing left to do.',
    phrases: [
      { say: 'We know the cause and we are recovering. I need [roles or names] to stay on the call.' },
      { say: "Everyone else, thank you very much. You're free to drop off." },
    ],
    why: 'Name who stays rather than who leaves, so nobody is forgotten, and let people get back to sleep.',
    log: { kind: 'note', text: 'Released responders; [roles or names] stay on.' },
  },
  {
    id: 'handover',
    group: 'running',
    title: 'Handing over command',
    when: 'You are tired (hand over about hourly, after three hours at the latest), you must step away, or someone else is better placed.',
    phrases: [
      { cue: 'First, off the call: brief the new IC on the situation, objectives, actions, organization and resources.', say: 'Everyone on the call, please note: as of now I am handing command to [name].' },
      { cue: 'The new IC then opens as if the call had just started:', say: 'This is [name]. I am now the Incident Commander.' },
    ],
    why: 'Command changes only by an explicit, announced handover, never because someone senior joined. Handing over is good practice, not failure; afterwards, leave the call and rest.',
    log: { kind: 'note', text: 'Command handed over from [outgoing IC] to [incoming IC].' },
  },
  {
    id: 'end-call',
    group: 'running',
    title: 'Ending the call',
    when: 'The incident is resolved or recovering, and the call has no urgent work left.',
    phrases: [
      { say: "We're ending the call now. Follow-up discussion continues in [place]." },
      { say: 'The follow-ups are logged. [name] owns the postmortem, due [date]; it will be at [place].' },
      { say: 'Thank you, everyone.' },
    ],
    why: 'Declare the end as explicitly as the start, to the same people, and say where to watch for what comes next.',
    log: { kind: 'status', text: 'Call ended; follow-ups in [place]; postmortem owned by [name], due [date].' },
  },
  {
    id: 'executive-takeover',
    group: 'pushback',
    title: 'An executive overrides you',
    when: 'Someone senior joins and starts giving orders that contradict yours.',
    phrases: [
      { say: 'Hold on, everyone. [name], do you want to take command?' },
      { cue: 'If they say yes:', say: 'Understood. Everyone on the call, please note: I am handing command to [name]. They are now the Incident Commander.' },
      { cue: 'If they say no, or nothing:', say: 'Then please let the team work without further interruptions, or I will have to ask you to leave the call.' },
    ],
    why: 'It offers command for real: taking it means running the incident, not steering it from the side. Most people decline.',
    log: { kind: 'note', text: 'Offered command to [name]; [accepted or declined].' },
  },
  {
    id: 'pressure-to-hurry',
    group: 'pushback',
    title: 'Pressure to go faster',
    when: 'Someone tells the responders to "get this fixed in ten minutes" or the like.',
    phrases: [{ say: "We're in the middle of the incident. Please keep comments for after we're done." }],
    why: 'A deadline from the side adds stress, not speed: everyone is already going as fast as is safe. Say it plainly, without shaming anyone.',
    log: { kind: 'note', text: 'Asked for comments to wait until after the incident.' },
  },
  {
    id: 'severity-argument',
    group: 'pushback',
    title: 'Arguing about severity',
    when: 'Someone asks whether this is "really" a SEV-1, or the call starts debating severity.',
    phrases: [
      { say: "We don't debate severity during the call. We're handling this as [severity]." },
      { say: 'If it turns out smaller, that is for the postmortem.' },
    ],
    why: 'While people argue, the incident grows. When in doubt take the higher severity; a real change is made and logged, not debated.',
    log: { kind: 'decision', text: 'Handling as [severity]; severity not debated during the call.' },
  },
  {
    id: 'time-consuming-request',
    group: 'pushback',
    title: 'A request for time-consuming information',
    when: 'Someone wants a list of affected customers, a full report or a spreadsheet in the middle of the response.',
    phrases: [
      { say: 'Getting that would take people off the fix. We can do that or the fix, not both, and the fix comes first.' },
      { say: "You'll have it after the incident; it's logged as a follow-up." },
    ],
    why: 'This states your decision; it is not a question. Log the request as a follow-up so it is not lost.',
    log: { kind: 'followup', text: '[requested information] for [name], after the incident.' },
  },
  {
    id: 'disruptive-responder',
    group: 'pushback',
    title: 'A disruptive responder',
    when: 'Someone keeps talking over others, ignores instructions, or drags the call off course.',
    phrases: [
      { say: "[name], you're disrupting the call. Please stop, or I'll have to remove you." },
      { cue: 'If it goes on:', say: 'Deputy, please remove [name] from the call.' },
    ],
    why: 'State the fact, leave a way to save face, and follow through if it continues. "I\'ll have to" keeps it impersonal.',
    log: { kind: 'note', text: 'Warned a participant about disrupting the call.' },
  },
  {
    id: 'talking-over',
    group: 'pushback',
    title: 'Everyone talking at once',
    when: 'People talk over each other, or a disagreement about what to do turns into an argument.',
    phrases: [
      { say: 'One at a time, please.' },
      { say: "So far I'm hearing two options: [first option], or [second option]." },
      { say: 'Any other proposal before I decide?' },
    ],
    why: 'A short argument can be useful; a long one is not. Sum up the options yourself and move to a decision.',
    log: { kind: 'note', text: 'Options on the table: [first option]; [second option].' },
  },
  {
    id: 'straight-answer',
    group: 'pushback',
    title: 'Getting a straight answer',
    when: 'You ask a yes-or-no question and get a long explanation.',
    phrases: [
      { say: 'Stop, please. I need a yes or a no: [question]?' },
      { cue: 'If it happens again:', say: 'Only "yes" or "no", please: [question]?' },
      { cue: 'Still no answer:', say: 'Thank you. Deputy, please page the backup for [service] so we can get an answer.' },
    ],
    why: 'A long answer to a yes-or-no question often means "I don\'t know", which is a perfectly good answer to give.',
    log: { kind: 'note', text: '[question]: [yes or no].' },
  },
];

/** The [bracketed] blanks of a phrase or log text, in order, without repeats. */
export function cuePlaceholders(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\[([^\][]+)\]/g)) {
    const name = match[1]!;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

export function cueCard(id: string): CueCard | undefined {
  return CUE_CARDS.find((card) => card.id === id);
}

/** What the panel already knows for a card's log entry: who the IC is, the current severity. */
export interface CueKnowns {
  readonly yourName?: string;
  readonly severity?: string;
}

/**
 * A card's timeline entry with what is known filled in, and the blanks
 * left for the IC: none means it can be logged at once.
 */
export function cueEntry(card: CueCard, known: CueKnowns): { kind: LoggableKind; text: string; blanks: string[] } {
  const fills: Record<string, string | undefined> = { 'your name': known.yourName?.trim() || undefined, severity: known.severity };
  const text = card.log.text.replace(/\[([^\][]+)\]/g, (whole, name: string) => fills[name] ?? whole);
  return { kind: card.log.kind, text, blanks: cuePlaceholders(text) };
}

/** The key that logs each card from the panel: 1–9, then a, b, c… in the order shown. */
export function cueKeys(cards: readonly CueCard[] = CUE_CARDS): ReadonlyMap<string, CueCard> {
  const keys = '123456789abcdefghijkmnopqrstuvwxyz'; // no l: it reads like 1
  return new Map(cards.slice(0, keys.length).map((card, i) => [keys[i]!, card]));
}
