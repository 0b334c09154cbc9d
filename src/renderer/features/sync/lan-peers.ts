/**
 * The pure parts of the list of command posts found on this network (the
 * Join dialog's "On this network"): what each entry says, the order they
 * stand in, and where the arrow keys go.
 */
import type { DiscoveredPeer } from '../../../shared/ipc';
import { MAX_DISPLAY_NAME, displayText } from '../../../shared/sync/lan-announcement';

export const UNNAMED_COMMAND_POST = 'Unnamed command post';

/**
 * The name to show. Main already cleans what others announce; cleaned again
 * here because a bridge that misbehaves must not get direction overrides or
 * a screenful of text into the dialog either.
 */
export function peerName(peer: Pick<DiscoveredPeer, 'displayName'>): string {
  return (peer.displayName !== null && displayText(peer.displayName, MAX_DISPLAY_NAME)) || UNNAMED_COMMAND_POST;
}

export function peerCodename(peer: Pick<DiscoveredPeer, 'codename'>): string | null {
  return peer.codename === null ? null : displayText(peer.codename, MAX_DISPLAY_NAME);
}

/** "seen just now", "seen 12 s ago", "seen 3 min ago": main hears each machine every few seconds, so seconds matter. */
export function seenAgo(lastSeenAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - lastSeenAt) / 1000));
  if (seconds < 3) return 'seen just now';
  if (seconds < 60) return `seen ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `seen ${minutes} min ago`;
  return `seen ${Math.floor(minutes / 60)} h ago`;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Named ones by name, then unnamed ones, each in the order they were first
 * found. Never by when they were last seen: that changes every few seconds
 * and would move the entry under the keyboard.
 */
export function orderPeers(peers: readonly DiscoveredPeer[]): DiscoveredPeer[] {
  return [...peers].sort((a, b) => {
    const an = a.displayName === null ? null : peerName(a);
    const bn = b.displayName === null ? null : peerName(b);
    if (an !== null && bn !== null) {
      const byName = collator.compare(an, bn);
      if (byName !== 0) return byName;
    } else if (an !== bn) return an === null ? 1 : -1;
    return a.firstSeenAt - b.firstSeenAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Where a key moves the highlight in a list of `length` entries, or null when the key is not a list key. */
export function moveInList(key: string, index: number, length: number): number | null {
  if (length === 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(length - 1, index + 1);
    case 'ArrowUp':
    case 'k':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return null;
  }
}

/**
 * Which entry takes the keyboard when the list changes under it: the same
 * one if it is still there, else the one now in its place (the next, or the
 * last), else none (the list is empty: focus goes to the text field).
 */
export function keepPlace(before: readonly string[], after: readonly string[], current: string | null): string | null {
  if (after.length === 0) return null;
  if (current !== null && after.includes(current)) return current;
  const was = current === null ? -1 : before.indexOf(current);
  if (was < 0) return after[0]!;
  // The first entry after it that is still listed, else the last one.
  for (const id of before.slice(was + 1)) if (after.includes(id)) return id;
  return after[after.length - 1]!;
}
