/**
 * Addresses command posts advertise in their presence: the signaling
 * servers they can be reached through, and the relays they sync through.
 * A machine learns those it does not know yet, so that a newcomer (or this
 * machine, later) gets in, and stays in, through any of them, not only the
 * first command post's. Presence comes from invitees only (the room is
 * derived from the secret), and an address is only ever a way to reach the
 * same sealed, signed incident.
 */

/** What is taken of one machine's list: a peer cannot flood this one's share. */
export const MAX_ADVERTISED = 8;

/**
 * The addresses other machines advertise under `field` that pass `valid`
 * and are not in `known`, each once, in the order first seen.
 */
export function unknownAdvertised(
  states: ReadonlyMap<number, unknown>,
  self: number,
  field: 'signaling' | 'relays',
  valid: (url: string) => boolean,
  known: readonly string[],
): string[] {
  const knownHere = new Set(known);
  const learned = new Set<string>();
  states.forEach((state, clientId) => {
    if (clientId === self) return;
    const advertised = (state as Record<string, unknown> | null)?.[field];
    if (!Array.isArray(advertised)) return;
    for (const url of advertised.slice(0, MAX_ADVERTISED)) {
      if (typeof url === 'string' && valid(url) && !knownHere.has(url)) learned.add(url);
    }
  });
  return [...learned];
}
