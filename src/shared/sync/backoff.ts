/**
 * How long a command post waits before dialling a signaling server again
 * after failing to reach it: 2 s, doubling, to 30 s. A server that is down
 * for good (nothing started it, a colleague's laptop left) is then tried
 * twice a minute instead of every couple of seconds (y-webrtc's own pace,
 * which filled a browser's console with hundreds of errors in one session),
 * while one that restarts is back within seconds. Each wait varies by up to
 * a tenth either way, so machines that lost the same server do not all
 * dial it in the same instant.
 */
export const SIGNALING_RETRY = { firstMs: 2_000, maxMs: 30_000, jitter: 0.1 } as const;

/** The wait after `failures` (1 or more) tries in a row failed; `random` is in [0, 1). */
export function signalingRetryDelay(failures: number, random: () => number = Math.random): number {
  const { firstMs, maxMs, jitter } = SIGNALING_RETRY;
  const base = Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
