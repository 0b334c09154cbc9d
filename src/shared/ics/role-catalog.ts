/**
 * The incident roles: who does what in the temporary org chart of one
 * incident. The roles follow PagerDuty's response docs ("Different Roles",
 * the role training pages, "Complex Incidents") and Brent Chapman's
 * "Incident Command for IT" (Tech Lead, Comms Lead, team leads, span of
 * control); every description and duty is written in our own words, for an
 * Incident Commander reading it at 3 a.m.
 *
 * Checklist item ids are stored with the ticks of each incident, so they are
 * forever: reword a duty and keep its id; drop a duty and never reuse its id
 * for another one. Ticks whose id the catalog no longer knows are ignored.
 *
 * The rules and functions over this data live in `roles.ts`.
 */

export const ROLE_KINDS = [
  'incident-commander',
  'deputy',
  'scribe',
  'tech-lead',
  'sme',
  'team-lead',
  'comms-lead',
  'internal-liaison',
  'customer-liaison',
  'member',
  'custom',
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/**
 * How many instances of a role one incident may have. The IC always exists:
 * it holds every role nobody else has taken yet.
 */
export type RoleMultiplicity = 'exactly-one' | 'at-most-one' | 'many';

/**
 * What tells two instances of a role apart and makes up their title: an SME's
 * area ("Database SME"), a team lead's team ("Network Team Lead"), a custom
 * role's own title; `none` for a role with one instance.
 */
export type RoleQualifier = 'none' | 'area' | 'team' | 'title';

export const CHECKLIST_PHASES = ['start', 'during', 'end'] as const;
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

export const CHECKLIST_PHASE_LABELS: Record<ChecklistPhase, string> = {
  start: 'On taking the role',
  during: 'Throughout',
  end: 'At the end',
};

export interface ChecklistItem {
  /** Stable forever: `<role prefix>.<slug>`, stored with each incident's ticks. */
  readonly id: string;
  readonly phase: ChecklistPhase;
  /** One imperative line. */
  readonly text: string;
}

export interface RoleSpec {
  readonly kind: RoleKind;
  /** The title of the role itself; qualified roles build each instance's title from it. */
  readonly title: string;
  /** For tight layouts (org chart nodes, presence badges). */
  readonly abbreviation: string;
  readonly multiplicity: RoleMultiplicity;
  readonly qualifier: RoleQualifier;
  /**
   * The kinds this role may report to, the preferred one first. The default
   * boss is the first of these the incident has, skipping roles with several
   * instances (which team lead is a choice, not a default), else the IC.
   * Empty for the IC, the root of the tree.
   */
  readonly reportsTo: readonly RoleKind[];
  /** One line for a role picker. */
  readonly summary: string;
  /** One paragraph: what the role is for and what it never does. */
  readonly description: string;
  readonly checklist: readonly ChecklistItem[];
}

export const ROLE_CATALOG: readonly RoleSpec[] = [
  {
    kind: 'incident-commander',
    title: 'Incident Commander',
    abbreviation: 'IC',
    multiplicity: 'exactly-one',
    qualifier: 'none',
    reportsTo: [],
    summary: 'Runs the response: coordinates, decides, delegates. Never fixes.',
    description:
      'Runs the response and is the one place everybody looks for what is happening and what happens next. ' +
      'While the incident lasts, the Incident Commander outranks everyone on the call, whatever their day job, ' +
      'and holds every role nobody else has taken yet. The IC listens to the experts, decides, and hands every ' +
      'piece of work to a named person; the IC never fixes anything: no graphs, no logs, no consoles. An IC who ' +
      'turns out to be the only person able to fix the problem hands command over first, then joins as an SME.',
    checklist: [
      { id: 'ic.announce', phase: 'start', text: 'Say your name and that you are the Incident Commander; name the Deputy and Scribe, or say you hold those roles for now.' },
      { id: 'ic.size-up', phase: 'start', text: 'Size up: what is broken, for whom, since when, and is it getting worse?' },
      { id: 'ic.decide', phase: 'during', text: 'Ask the experts for options and their risks, propose one, and ask for strong objections.' },
      { id: 'ic.assign', phase: 'during', text: 'Give every task to one named person with a timebox, and wait for "understood".' },
      { id: 'ic.follow-up', phase: 'during', text: 'Go back to each owner when their timebox ends; if they need longer, ask how long.' },
      { id: 'ic.status-cadence', phase: 'during', text: 'Fill quiet moments with a short status update and say when the next one comes.' },
      { id: 'ic.approve-messages', phase: 'during', text: 'Approve every message before it leaves the response.' },
      { id: 'ic.release', phase: 'during', text: 'Release responders you no longer need: name who stays, thank the rest.' },
      { id: 'ic.declare-end', phase: 'end', text: 'Declare the end, say where follow-ups go, give the postmortem one owner and a deadline, and thank everyone.' },
    ],
  },
  {
    kind: 'deputy',
    title: 'Deputy',
    abbreviation: 'DEP',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['incident-commander'],
    summary: "The IC's right hand and hot standby: keeps the clock, chases what slips.",
    description:
      "The Incident Commander's right hand and hot standby. The Deputy hears everything the IC hears, keeps the " +
      'clocks, pages people, and raises whatever would otherwise slip through: a timebox that ran out, a team ' +
      'that never answered the roll call, a severity that should go up. Because the Deputy may have to take ' +
      "command at a moment's notice, pick someone trained as an IC. The Deputy fixes nothing. On a small " +
      'incident the Deputy often keeps the timeline as well.',
    checklist: [
      { id: 'dep.roster', phase: 'start', text: 'Keep a list of who is on the call and what each person covers.' },
      { id: 'dep.clock', phase: 'during', text: 'Tell the IC the incident clock every 10 minutes.' },
      { id: 'dep.timeboxes', phase: 'during', text: "Tell the IC the moment a task's timebox runs out." },
      { id: 'dep.page', phase: 'during', text: 'Page people when the IC asks, and say when they have joined.' },
      { id: 'dep.missed', phase: 'during', text: 'Bring up what was missed: unanswered roll calls, forgotten follow-ups, a severity that should change.' },
      { id: 'dep.exec-summary', phase: 'during', text: 'Unless an Internal Liaison does it, post a short summary for executives about every 30 minutes.' },
      { id: 'dep.order', phase: 'during', text: 'Mute or remove people from the call when the IC asks.' },
      { id: 'dep.standby', phase: 'during', text: 'Stay ready to take command; if you have fallen behind, ask the IC for a briefing.' },
    ],
  },
  {
    kind: 'scribe',
    title: 'Scribe',
    abbreviation: 'SCR',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['incident-commander'],
    summary: 'Keeps the timeline: decisions, actions, status, impact, follow-ups.',
    description:
      'Keeps the timeline so that nobody else has to. The Scribe writes down what matters as it happens: ' +
      'decisions and what came of them, actions and who took them, status updates, impact, and everything ' +
      'someone says should be fixed later. It is a log, not a transcript: "Chose a rolling restart; Sam runs ' +
      'it", not who said what. The timeline becomes the backbone of the postmortem. The Scribe fixes nothing, ' +
      'and is often the timekeeper too.',
    checklist: [
      { id: 'scr.roles', phase: 'start', text: 'Log who holds each role, starting with the IC, the Deputy and yourself.' },
      { id: 'scr.recording', phase: 'start', text: 'Check whether the call is being recorded, and log where the recording will be.' },
      { id: 'scr.decisions', phase: 'during', text: 'Log each decision with what was chosen and who carries it out, never the vote count.' },
      { id: 'scr.actions', phase: 'during', text: 'Log key actions as they are taken: what, on which system, by whom.' },
      { id: 'scr.status', phase: 'during', text: 'Log each status update the IC gives, with the time of the next one.' },
      { id: 'scr.impact', phase: 'during', text: 'Log impact as it becomes known: who is affected, since when, how badly.' },
      { id: 'scr.followups', phase: 'during', text: 'Log every "we should\u2026" as a follow-up, worded as a task or a question.' },
      { id: 'scr.backdate', phase: 'during', text: 'When you log something late, set the time it actually happened.' },
      { id: 'scr.end', phase: 'end', text: 'Log the end of the call and where follow-up discussion continues.' },
    ],
  },
  {
    kind: 'tech-lead',
    title: 'Tech Lead',
    abbreviation: 'TL',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['incident-commander'],
    summary: 'Leads the technical work and the SMEs; keeps the IC informed.',
    description:
      'Leads the technical work. Often the Tech Lead is the on-call engineer who was already on the problem: ' +
      'rather than switch to commanding, they keep working it while someone else becomes IC. The Tech Lead ' +
      'faces inward, directing the SMEs, while the IC faces outward, feeding the TL people and shielding the ' +
      'work from interruptions. The TL decides how to fix; the IC decides priorities and policy. One person ' +
      'cannot do both jobs well at once.',
    checklist: [
      { id: 'tl.get-ic', phase: 'start', text: 'If you were first on the problem, get someone else to be IC and keep working as Tech Lead.' },
      { id: 'tl.objectives', phase: 'during', text: 'Give each SME an objective and a timebox, not step-by-step instructions.' },
      { id: 'tl.changes', phase: 'during', text: 'Make sure every change is announced before it is made, one change at a time.' },
      { id: 'tl.report', phase: 'during', text: 'Tell the IC what is being done and what you need: conditions, actions, needs.' },
      { id: 'tl.resources', phase: 'during', text: 'Ask the IC for the people and access you need instead of paging around the response.' },
      { id: 'tl.priorities', phase: 'during', text: 'Take questions of priority and policy to the IC.' },
      { id: 'tl.span', phase: 'during', text: 'Keep at most 7 people reporting to you (5 is ideal); beyond that, ask for team leads.' },
      { id: 'tl.verify', phase: 'end', text: 'Confirm the fix holds before the IC declares the end.' },
    ],
  },
  {
    kind: 'sme',
    title: 'Subject Matter Expert',
    abbreviation: 'SME',
    multiplicity: 'many',
    qualifier: 'area',
    reportsTo: ['tech-lead', 'team-lead', 'incident-commander'],
    summary: 'An expert in one area who diagnoses and fixes that part.',
    description:
      'An expert in one area (the database, the network, payments) who diagnoses and fixes that part of the ' +
      'problem, usually the on-call engineer for that service. An SME works on what they were given, says what ' +
      'they are about to change before changing it, and answers in short, plain reports. "I don\'t know" is ' +
      'a good answer; a guess is not. An SME who is stuck escalates at once, whatever the hour.',
    checklist: [
      { id: 'sme.check-in', phase: 'start', text: 'Check in: say your name and the area you cover, then wait for an assignment.' },
      { id: 'sme.assigned', phase: 'during', text: 'Work only on what you were given; report findings to your lead, not to the room.' },
      { id: 'sme.report', phase: 'during', text: 'Report as conditions, actions, needs: what you see, what you propose, what you need.' },
      { id: 'sme.risks', phase: 'during', text: 'Propose fixes with their risks, and act only when told to.' },
      { id: 'sme.announce', phase: 'during', text: 'Announce each change before making it; one at a time, and watch the result.' },
      { id: 'sme.timebox', phase: 'during', text: 'Answer by the end of your timebox; if you need longer, say how long.' },
      { id: 'sme.escalate', phase: 'during', text: 'Stuck? Page a colleague who knows more, even at 3 a.m.' },
      { id: 'sme.trail', phase: 'end', text: 'Leave a trail for the postmortem: commands run, links, graphs.' },
    ],
  },
  {
    kind: 'team-lead',
    title: 'Team Lead',
    abbreviation: 'LEAD',
    multiplicity: 'many',
    qualifier: 'team',
    reportsTo: ['incident-commander', 'tech-lead', 'team-lead'],
    summary: 'Leads one team (or sub-team) so every lead keeps a manageable span of control.',
    description:
      'Leads one team inside the response, such as a Network team, so that the IC and the Tech Lead never have ' +
      'more people reporting to them than they can follow. The Team Lead takes one objective with a timebox, ' +
      'organizes their own people, and splits them into sub-teams with their own leads when the team grows ' +
      '(LAN and WAN under Network). The Team Lead is the only channel between the team and the rest of the ' +
      'response: members raise everything through them, including a wish to move to another team.',
    checklist: [
      { id: 'lead.objective', phase: 'start', text: "Repeat your team's objective and timebox back to the person you report to." },
      { id: 'lead.roster', phase: 'start', text: 'Gather your team and make sure the org chart shows who is on it.' },
      { id: 'lead.single-channel', phase: 'during', text: "Be your team's single point of contact: its news and requests go through you." },
      { id: 'lead.assign', phase: 'during', text: 'Give each member one task with a timebox, and wait for "understood".' },
      { id: 'lead.span', phase: 'during', text: 'Keep 3 to 7 people reporting to you; beyond that, split into sub-teams with their own leads.' },
      { id: 'lead.report', phase: 'during', text: 'Report back by the end of each timebox: conditions, actions, needs.' },
      { id: 'lead.people', phase: 'during', text: 'Say when you need more people or can release someone, so the org chart stays true.' },
      { id: 'lead.stand-down', phase: 'end', text: 'Report when your objective is met, and stand the team down when told.' },
    ],
  },
  {
    kind: 'comms-lead',
    title: 'Comms Lead',
    abbreviation: 'COM',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['incident-commander'],
    summary: "The IC's voice to everyone outside the response.",
    description:
      'Speaks for the Incident Commander to everyone outside the response. On a bigger incident, keeping ' +
      "management, other teams and customers informed would eat the IC's time, so the Comms Lead takes it " +
      'over: one consistent picture, in plain language, on a cadence announced in advance. It works both ways: ' +
      'what outsiders know that matters goes back to the IC and the Tech Lead. When there is a Comms Lead, the ' +
      'Internal and Customer Liaisons report to them.',
    checklist: [
      { id: 'com.audiences', phase: 'start', text: 'List who must hear about this incident, and where each audience reads updates.' },
      { id: 'com.cadence', phase: 'start', text: 'Agree the update cadence with the IC (internally every 20 to 30 minutes) and state it in every update.' },
      { id: 'com.can', phase: 'during', text: 'Write each update as conditions, actions, needs, ending with when the next one comes.' },
      { id: 'com.plain', phase: 'during', text: 'Use plain words: "service disruption", not "outage"; no acronyms, no server names.' },
      { id: 'com.approval', phase: 'during', text: "Get the IC's approval before anything leaves the response." },
      { id: 'com.shield', phase: 'during', text: 'Take questions from outside yourself so they never reach the call.' },
      { id: 'com.relay', phase: 'during', text: 'Pass back to the IC whatever you hear from outside that changes the picture.' },
      { id: 'com.end', phase: 'end', text: 'Tell everyone who heard of the start that it has ended, and where the postmortem will appear.' },
    ],
  },
  {
    kind: 'internal-liaison',
    title: 'Internal Liaison',
    abbreviation: 'IL',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['comms-lead', 'incident-commander'],
    summary: 'Keeps executives and other teams informed, and brings in more people.',
    description:
      'Looks after everyone in the company who is not part of the response: executives, other teams, Legal, ' +
      'Finance, Marketing. The Internal Liaison posts regular summaries where stakeholders can read them, ' +
      'answers their questions so the call stays quiet, and brings in more responders or other teams when the ' +
      'IC asks. Stakeholders talk to the Internal Liaison, not to the call; that alone heads off most ' +
      'executives swooping in.',
    checklist: [
      { id: 'il.channel', phase: 'start', text: 'Tell stakeholders where updates will appear, and ask them to keep questions off the call.' },
      { id: 'il.summaries', phase: 'during', text: 'Post a short summary about every 30 minutes: state, actions in progress, impact, expected time.' },
      { id: 'il.questions', phase: 'during', text: "Answer stakeholders' questions yourself; bring to the IC only what changes the plan." },
      { id: 'il.page', phase: 'during', text: 'Page SMEs and on-call engineers when the IC asks, and say when they have joined.' },
      { id: 'il.teams', phase: 'during', text: 'Notify the teams the IC names (Legal, Finance, Marketing\u2026) and bring them in when asked.' },
      { id: 'il.end', phase: 'end', text: 'Tell the same stakeholders that the incident has ended, and where the postmortem will appear.' },
    ],
  },
  {
    kind: 'customer-liaison',
    title: 'Customer Liaison',
    abbreviation: 'CL',
    multiplicity: 'at-most-one',
    qualifier: 'none',
    reportsTo: ['comms-lead', 'incident-commander'],
    summary: 'Keeps customers informed and tells the IC what customers report.',
    description:
      'Speaks for the response to customers, and for customers to the response; usually someone from Support. ' +
      "The Customer Liaison drafts the public updates (status page, email, social media), gets the IC's " +
      'approval, posts them, and tells the IC how many customers are reporting what, which often shows how big ' +
      'the incident really is. Public updates are honest, say what customers notice and what they can do ' +
      'meanwhile, and never promise a time to resolution.',
    checklist: [
      { id: 'cl.first-notice', phase: 'start', text: 'Prepare a first notice from a template while the scope is still unknown; post it once the IC approves.' },
      { id: 'cl.approve', phase: 'during', text: "Draft each update, get the IC's approval, then post it." },
      { id: 'cl.effect', phase: 'during', text: 'Say what customers notice and any workaround; leave out internal detail.' },
      { id: 'cl.no-eta', phase: 'during', text: 'Never promise a time to resolution, and never guess.' },
      { id: 'cl.cadence', phase: 'during', text: 'Post an update at least every 20 minutes during the first 2 hours, even without news.' },
      { id: 'cl.volume', phase: 'during', text: 'Tell the IC how many customers report the problem, with examples worth a look.' },
      { id: 'cl.resolved', phase: 'end', text: 'Post the resolution once the IC confirms it; take down an investigation notice if customers were never affected.' },
      { id: 'cl.postmortem', phase: 'end', text: 'Send customers the external summary once the postmortem is done.' },
    ],
  },
  {
    kind: 'member',
    title: 'Team Member',
    abbreviation: 'TM',
    multiplicity: 'many',
    qualifier: 'none',
    reportsTo: ['team-lead', 'tech-lead', 'sme', 'comms-lead', 'incident-commander'],
    summary: 'Works on a team under its lead; takes tasks from that lead only.',
    description:
      'A responder working on a team, under the one lead they report to: a LAN engineer on the Network team, ' +
      'a second database engineer helping the Database SME. A Team Member takes tasks from their lead and from ' +
      'nobody else, says "understood" when given one, and reports back to the lead, who speaks for the team. ' +
      'Someone asked by another lead to help first tells their own.',
    checklist: [
      { id: 'member.report-in', phase: 'start', text: 'Tell your lead you are here and what you can do.' },
      { id: 'member.one-boss', phase: 'during', text: 'Take tasks from your lead only; if someone else asks, send them to your lead.' },
      { id: 'member.ack', phase: 'during', text: 'Say "understood" to each task, and answer by the end of its timebox.' },
      { id: 'member.announce', phase: 'during', text: 'Tell your lead before you change anything in production.' },
      { id: 'member.release', phase: 'end', text: 'Ask your lead before you leave, and hand over what you were doing.' },
    ],
  },
  {
    kind: 'custom',
    title: 'Custom role',
    abbreviation: 'ROLE',
    multiplicity: 'many',
    qualifier: 'title',
    reportsTo: ['incident-commander', 'deputy', 'tech-lead', 'team-lead', 'comms-lead', 'custom'],
    summary: 'A role this incident needs that the list does not have.',
    description:
      'A role this incident needs that the list does not have, such as a Security Officer, a Legal Liaison or a ' +
      'Vendor Contact. Give it a title that says what it covers, one person to hold it, and one person it ' +
      'reports to. Its duties are the ones every responder has.',
    checklist: [
      { id: 'custom.check-in', phase: 'start', text: 'Check in with the person you report to and get a briefing before you start.' },
      { id: 'custom.scope', phase: 'start', text: 'Agree in one sentence what this role covers, and log it.' },
      { id: 'custom.tasks', phase: 'during', text: 'Acknowledge each task and answer by the end of its timebox.' },
      { id: 'custom.announce', phase: 'during', text: 'Announce anything you are about to change before you change it.' },
      { id: 'custom.report', phase: 'during', text: 'Report as conditions, actions, needs.' },
      { id: 'custom.handover', phase: 'end', text: 'Before you leave, hand the role over explicitly, with a briefing.' },
    ],
  },
];
