/**
 * Org and plan changes that a concurrent change beat, for the timeline to
 * mark. One map per pair of folds' maps, so the timeline's rows stay memoized.
 */
const merged = new WeakMap<ReadonlyMap<string, string>, WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, string>>>();
const NONE: ReadonlyMap<string, string> = new Map();

export function refusedChanges(org: ReadonlyMap<string, string> = NONE, plan: ReadonlyMap<string, string> = NONE): ReadonlyMap<string, string> {
  if (!plan.size) return org;
  if (!org.size) return plan;
  let byPlan = merged.get(org);
  if (!byPlan) merged.set(org, (byPlan = new WeakMap()));
  let both = byPlan.get(plan);
  if (!both) byPlan.set(plan, (both = new Map([...org, ...plan])));
  return both;
}
