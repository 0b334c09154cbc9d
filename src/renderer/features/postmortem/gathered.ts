import { MAX_ACTION_ITEMS } from '../../../shared/incident';
import { count } from '../../../shared/plural';

/** What gathering the follow-ups did, in words. */
export function gatheredMessage(added: number, left: number): string {
  const n = (k: number) => count(k, 'follow-up');
  if (!added && !left) return 'Every follow-up in the timeline is already on the action items.';
  const did = added ? `Gathered ${n(added)} into the action items.` : 'No follow-up was gathered.';
  return left ? `${did} ${n(left)} did not fit: a postmortem keeps at most ${MAX_ACTION_ITEMS} action items, so keep the ones that matter.` : did;
}
