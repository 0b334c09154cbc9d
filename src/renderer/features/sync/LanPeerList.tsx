import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DiscoveredPeer } from '../../../shared/ipc';
import type { Severity } from '../../../shared/ics/severity';
import { SeverityBadge } from '../../components/SeverityBadge';
import { keepPlace, moveInList, peerCodename, peerName, seenAgo } from './lan-peers';

/** "seen 12 s ago" moves on its own: main's times are this machine's clock (not the incident's corrected one). */
function useWallClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/**
 * The command posts main found, one button each: a single tab stop whose
 * arrows (and J/K, Home, End) move between entries, Enter or a click asks.
 * When entries come and go the keyboard stays on the same one, or on the
 * one now in its place; when the last goes, `onEmptied` gets focus back to
 * the text field.
 */
export function LanPeerList({
  peers,
  onPick,
  onEmptied,
  handle,
}: {
  peers: readonly DiscoveredPeer[];
  onPick: (peer: DiscoveredPeer) => void;
  onEmptied: () => void;
  /** Lets the dialog move focus into the list (an arrow key from the empty text field) and back to an entry after asking. */
  handle: { current: { focus: (peerId?: string) => boolean } | null };
}) {
  const ids = peers.map((p) => p.id);
  const [active, setActive] = useState<string | null>(ids[0] ?? null);
  const previous = useRef<readonly string[]>(ids);
  const list = useRef<HTMLUListElement>(null);
  const focusInside = useRef(false);
  const now = useWallClock(peers.length > 0);

  const button = (id: string): HTMLButtonElement | null => list.current?.querySelector<HTMLButtonElement>(`button[data-peer-id="${id}"]`) ?? null;

  // Read by the effect below, which runs only when the entries change.
  const latest = useRef({ active, onEmptied });
  latest.current = { active, onEmptied };
  const idsKey = ids.join(' ');

  // Before paint, so a key pressed as the list changes lands on the entry that took the place of the one that went.
  useLayoutEffect(() => {
    const now = idsKey === '' ? [] : idsKey.split(' ');
    const before = previous.current;
    previous.current = now;
    const { active: was, onEmptied: emptied } = latest.current;
    // A removed button takes focus with it (to the body) without a blur worth trusting, hence the flag kept by focus and blur.
    const focused = document.activeElement;
    const hadFocus = focusInside.current && (!focused || focused === document.body || focused.tagName === 'DIALOG' || !!list.current?.contains(focused));
    const next = keepPlace(before, now, was);
    if (next === was) return;
    setActive(next);
    if (!hadFocus) return;
    if (next) button(next)?.focus();
    else {
      focusInside.current = false;
      emptied();
    }
  }, [idsKey]);

  handle.current = {
    focus(peerId) {
      const id = peerId && ids.includes(peerId) ? peerId : (active ?? ids[0]);
      const target = id ? button(id) : null;
      if (!target || !id) return false;
      setActive(id);
      target.focus();
      return true;
    },
  };

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const to = moveInList(event.key, index, peers.length);
    if (to === null) return;
    event.preventDefault();
    const id = ids[to]!;
    setActive(id);
    button(id)?.focus();
  }

  if (peers.length === 0) return null;
  return (
    <ul className="lan-peers" ref={list} aria-label="Command posts on this network">
      {peers.map((peer, index) => {
        const codename = peerCodename(peer);
        return (
          <li key={peer.id}>
            <button
              type="button"
              className="lan-peer"
              data-peer-id={peer.id}
              tabIndex={peer.id === (active ?? ids[0]) ? 0 : -1}
              onFocus={() => {
                focusInside.current = true;
                setActive(peer.id);
              }}
              onBlur={(event) => {
                if (event.relatedTarget && !list.current?.contains(event.relatedTarget)) focusInside.current = false;
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
              onClick={() => onPick(peer)}
            >
              <bdi className="lan-peer-name">{peerName(peer)}</bdi>
              {(codename || peer.severity) && (
                <span className="lan-peer-incident">
                  {peer.severity && <SeverityBadge severity={peer.severity as Severity} />}
                  {codename && <bdi>{codename}</bdi>}
                </span>
              )}
              <span className="lan-peer-seen muted">{seenAgo(peer.lastSeenAt, now)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
