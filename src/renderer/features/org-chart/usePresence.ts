import { useMemo } from 'react';
import { useSync } from '../../stores/sync';
import { useIdentity } from '../../incidents/identity-store';

/**
 * The names of people who have this incident open now (this machine's user
 * and peers online), lower-cased, to put an online dot next to a responder
 * of the same name. Null while the incident is not shared: with one laptop,
 * a dot would say nothing.
 */
export function useOnlineNames(): ReadonlySet<string> | null {
  const people = useSync((s) => s.state?.people);
  const me = useIdentity((s) => s.name);
  return useMemo(() => {
    if (!people) return null;
    const names = new Set(people.filter((p) => p.online).map((p) => p.name.trim().toLowerCase()));
    if (me) names.add(me.trim().toLowerCase());
    return names;
  }, [people, me]);
}
