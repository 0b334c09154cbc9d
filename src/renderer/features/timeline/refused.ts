/**
 * Org and plan changes that a concurrent change beat, and renames and links
 * by someone who was not the IC, for the timeline to mark. One map per set
 * of the folds' maps, so the timeline's rows stay memoized.
 */
const merged = new WeakMap<ReadonlyMap<string, string>, WeakMap<ReadonlyMap<string, string>, ReadonlyMap<string, string>>>();
const NONE: ReadonlyMap<string, string> = new Map();

export function refusedChanges(
  org: ReadonlyMap<string, string> = NONE,
  plan: ReadonlyMap<string, string> = NONE,
  header: ReadonlyMap<string, string> = NONE,
): ReadonlyMap<string, string> {
  return mergedPair(mergedPair(org, plan), header);
}

function mergedPair(org: ReadonlyMap<string, string>, plan: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (!plan.size) return org;
  if (!org.size) return plan;
  let byPlan = merged.get(org);
  if (!byPlan) merged.set(org, (byPlan = new WeakMap()));
  let both = byPlan.get(plan);
  if (!both) byPlan.set(plan, (both = new Map([...org, ...plan])));
  return both;
}
