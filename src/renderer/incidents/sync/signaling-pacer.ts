/**
 * Paces the redialling of signaling servers that cannot be reached.
 *
 * y-webrtc's signaling connections (and the short-code responder's) are
 * lib0 WebsocketClients, which redial a server that refuses them every 2.5 s
 * at most, for as long as the page lives; each failed dial is an error in
 * the browser's console that no script can silence. Rather than patch lib0,
 * this takes over after each failure, through the client's public switch:
 * shouldConnect goes off (so lib0's own pending redial does nothing) and
 * connect() dials again after signalingRetryDelay (2 s doubling to 30 s).
 *
 * Two things bring the next try forward: a server that was reached going
 * away (the share may list the one replacing it, perhaps being started
 * right now), and the browser coming back online.
 */
import type { WebsocketClient } from 'lib0/websocket';
import { signalingRetryDelay } from '../../../shared/sync/backoff';

interface Pace {
  /** Tries in a row that failed since the server was last reached. */
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Whether the client is still used (a destroyed one is never dialled again). */
  readonly wanted: () => boolean;
}

const paced = new Map<WebsocketClient, Pace>();

if (typeof window !== 'undefined') window.addEventListener('online', () => wakeAll(null));

/** Paces this client's redialling from now until it is no longer wanted. Pacing one twice changes nothing. */
export function paceReconnects(client: WebsocketClient, wanted: () => boolean): void {
  if (paced.has(client)) return;
  const pace: Pace = { failures: 0, timer: null, wanted };
  paced.set(client, pace);
  if (client.ws) watch(client, client.ws, pace);
}

/** Whether the client has failed to reach its server since it last did (it is being retried). */
export function isUnreachable(client: WebsocketClient): boolean {
  return !client.connected && (paced.get(client)?.failures ?? 0) > 0;
}

function watch(client: WebsocketClient, socket: WebSocket, pace: Pace): void {
  let opened = false;
  socket.addEventListener('open', () => {
    opened = true;
    pace.failures = 0;
  });
  // lib0's own handlers ran first (they were set when the socket was made), so the client already knows it closed.
  socket.addEventListener('close', () => {
    if (!pace.wanted()) return forget(client);
    if (opened) {
      wakeAll(client);
      redial(client, pace, 0);
    } else {
      pace.failures += 1;
      redial(client, pace, signalingRetryDelay(pace.failures));
    }
  });
}

function redial(client: WebsocketClient, pace: Pace, delayMs: number): void {
  client.shouldConnect = false;
  if (pace.timer !== null) clearTimeout(pace.timer);
  pace.timer = setTimeout(() => {
    pace.timer = null;
    if (!pace.wanted()) return forget(client);
    client.connect();
    if (client.ws) watch(client, client.ws, pace);
  }, delayMs);
}

/** Tries every waiting client at once (but `except`), as if it had not failed yet. */
function wakeAll(except: WebsocketClient | null): void {
  for (const [client, pace] of paced) {
    if (client === except || pace.timer === null) continue;
    pace.failures = 0;
    redial(client, pace, 0);
  }
}

function forget(client: WebsocketClient): void {
  const pace = paced.get(client);
  if (pace?.timer != null) clearTimeout(pace.timer);
  paced.delete(client);
}
