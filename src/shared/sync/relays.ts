/**
 * Relays: y-websocket servers (`npm run relay`) that an incident's share can
 * list, for a response with more participants than a WebRTC mesh holds
 * (about 20 to 30). Every participant then keeps one connection to the relay
 * instead of one to every peer. What a relay carries is sealed
 * (src/renderer/incidents/sync/relay-seal.ts), and the room it is asked for
 * is derived from the share's secret, so only invitees can find the
 * incident there, or read it. Peers advertise the relays they use, and a
 * machine learns those its share lacks (shared/sync/advertised.ts).
 *
 * An address has the same shape as a signaling address: ws:// or wss://, a
 * host, an optional port and path, no credentials. The dialog takes them one
 * per line.
 */
import { SIGNALING_URL } from './invite';

/** A share lists at most this many: each one is a full copy of the traffic. */
export const MAX_RELAYS = 4;

export function isRelayUrl(url: string): boolean {
  return url.length <= 200 && SIGNALING_URL.test(url);
}

export type ParsedRelays = { readonly ok: true; readonly relays: string[] } | { readonly ok: false; readonly message: string };

/** Addresses from the dialog's text, one per line (blank lines and repeats ignored). None is fine: no relay. */
export function parseRelays(text: string): ParsedRelays {
  const relays = [
    ...new Set(
      text
        .split(/\s+/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  const bad = relays.find((url) => !isRelayUrl(url));
  if (bad !== undefined) {
    return { ok: false, message: `"${bad.slice(0, 60)}" is not a relay address: use ws://host:port, for example ws://192.168.1.20:4455.` };
  }
  if (relays.length > MAX_RELAYS) return { ok: false, message: `At most ${MAX_RELAYS} relays.` };
  return { ok: true, relays };
}
