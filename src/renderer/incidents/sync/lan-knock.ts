/**
 * Asking a command post found on this network for an incident's invite: the
 * joiner's end of the knock (src/shared/sync/knock.ts), over a WebSocket to
 * that machine's own signaling server.
 *
 * A plain WebSocket, as askForInvite (rendezvous.ts) uses, not lib0's
 * self-redialling client: a knock is one short conversation with one
 * machine, and one that cannot be reached should say so, not redial in the
 * background. The announcement lists up to four addresses (the one it came
 * from first); each is tried in turn until one opens.
 */
import type { DiscoveredPeer } from '../../../shared/ipc';
import { KNOCK_TIMEOUT_MS, knockTopic, startKnock, type KnockAttempt, type KnockRole } from '../../../shared/sync/knock';

/** An address that has not opened by then is taken as unreachable, and the next one is tried. */
export const KNOCK_CONNECT_MS = 4_000;

export type KnockOutcome =
  | { readonly kind: 'admitted'; readonly role: KnockRole; readonly invite: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable'; readonly tried: readonly string[] }
  | { readonly kind: 'closed' }
  | { readonly kind: 'cancelled' };

export interface KnockOnPeer {
  readonly outcome: Promise<KnockOutcome>;
  cancel(): void;
}

const timers = {
  setTimer: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs),
  clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Opens a socket to the first address that answers, or null when none does (or the knock was cancelled). */
async function connect(peer: DiscoveredPeer, cancelled: () => boolean, onSocket: (socket: WebSocket | null) => void): Promise<WebSocket | null> {
  for (const address of peer.addresses) {
    if (cancelled()) return null;
    const socket = await new Promise<WebSocket | null>((resolve) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(`ws://${address}:${peer.port}`);
      } catch {
        resolve(null);
        return;
      }
      onSocket(socket);
      const giveUp = setTimeout(() => {
        socket.close();
        resolve(null);
      }, KNOCK_CONNECT_MS);
      socket.onopen = () => {
        clearTimeout(giveUp);
        resolve(socket);
      };
      // A refused connection fires error then close; close alone settles it.
      socket.onerror = () => undefined;
      socket.onclose = () => {
        clearTimeout(giveUp);
        resolve(null);
      };
    });
    if (socket) return socket;
  }
  onSocket(null);
  return null;
}

/**
 * Knocks at `peer`: connects, asks with who we are, calls `onPending` with
 * the verification code when the host's IC has the request in front of
 * them, and resolves once the IC decides, the time is up, or `cancel()`.
 */
export function knockOnPeer(
  peer: DiscoveredPeer,
  who: { name: string; machine: string },
  events: { onConnected?: () => void; onPending?: (code: string) => void; timeoutMs?: number } = {},
): KnockOnPeer {
  let socket: WebSocket | null = null;
  let attempt: KnockAttempt | null = null;
  let cancelled = false;
  let finishCancelled: (outcome: KnockOutcome) => void = () => undefined;
  const cancelledOutcome = new Promise<KnockOutcome>((resolve) => {
    finishCancelled = resolve;
  });

  const run = async (): Promise<KnockOutcome> => {
    const open = await connect(peer, () => cancelled, (s) => (socket = s));
    if (cancelled) return { kind: 'cancelled' };
    if (!open) return { kind: 'unreachable', tried: peer.addresses.map((a) => `${a}:${peer.port}`) };
    events.onConnected?.();
    const topic = knockTopic(peer.id);
    const send = (message: Record<string, unknown>) => {
      if (open.readyState === WebSocket.OPEN) open.send(JSON.stringify(message));
    };
    // Subscribed before the first ask, which startKnock sends at once.
    send({ type: 'subscribe', topics: [topic] });
    const closed = new Promise<KnockOutcome>((resolve) => {
      open.onclose = () => resolve({ kind: 'closed' });
    });
    open.onmessage = (event) => {
      if (typeof event.data !== 'string' || event.data.length > 65_536) return;
      try {
        attempt?.handle(JSON.parse(event.data));
      } catch {
        // Not JSON: not ours.
      }
    };
    attempt = await startKnock({
      announcedId: peer.id,
      name: who.name,
      machine: who.machine,
      send,
      timers,
      onPending: (code) => events.onPending?.(code),
      timeoutMs: events.timeoutMs ?? KNOCK_TIMEOUT_MS,
    });
    if (cancelled) attempt.cancel();
    const answered = attempt.result.then((result): KnockOutcome => {
      if (result.ok) return { kind: 'admitted', role: result.role, invite: result.invite };
      return result.reason === 'refused' ? { kind: 'refused' } : result.reason === 'timeout' ? { kind: 'timeout' } : { kind: 'cancelled' };
    });
    return Promise.race([answered, closed]);
  };

  const outcome = Promise.race([run(), cancelledOutcome]).finally(() => {
    attempt?.cancel();
    // Detached first: the close that follows is ours, not the host's.
    const s = socket as WebSocket | null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.close();
    }
  });
  return {
    outcome,
    cancel() {
      cancelled = true;
      attempt?.cancel();
      finishCancelled({ kind: 'cancelled' });
    },
  };
}
