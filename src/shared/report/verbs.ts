/**
 * English verbs in their base form, for the postmortem's lints: the verbs
 * an action item commonly starts with (an imperative is the base form), and
 * the wider set a "why did X do Y" question is split on. A list rather than
 * a part-of-speech tagger: the first word of a short imperative is what a
 * tagger gets wrong most often, and a list says exactly what passes.
 */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set(
  `add adjust align allow alert apply archive assign audit automate back block build bump cap change check clean clarify close
   collect configure confirm consolidate convert copy correct create cut decide decommission define delete deploy deprecate
   design detect disable document drain drop enable enforce escalate establish estimate expand expose extend fix flag gate
   give grant harden hire hold implement import increase install instrument integrate introduce isolate label limit link
   load lock log lower make map mark measure merge migrate monitor move name notify open pin plan populate practise practice
   prevent prioritise prioritize produce protect provision publish purge raise rate-limit record reduce refactor reject
   release remove rename reorder replace report require reschedule reserve reset resize restore restrict retire return
   reword rewrite roll rotate route run schedule scope script separate set ship shorten show simplify size snapshot split
   standardise standardize start stop store streamline switch sync tag teach template test throttle tighten time track
   train transfer trigger tune turn unify uninstall update upgrade validate verify version watch write`
    .split(/\s+/)
    .filter(Boolean),
);

/** Base forms a past question's verb may take ("why did the alert [fire]"). */
export const BASE_VERBS: ReadonlySet<string> = new Set([
  ...IMPERATIVE_VERBS,
  ...`take go happen fail break do get need see know page wait miss notice catch work last spread crash hang reach come become
   keep let leave think choose decide call ask tell use try skip ignore forget lose fire trip grow fill spike drop slow time
   respond return recover retry page wake sleep escalate approve merge push pull revert`
    .split(/\s+/)
    .filter(Boolean),
]);
