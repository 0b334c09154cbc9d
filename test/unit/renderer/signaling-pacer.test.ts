/**
 * How often a page dials a signaling server it cannot reach: each failed
 * dial is an error in the browser's console, so a server that is simply not
 * there must be tried on a backoff, not every couple of seconds for ever.
 * lib0's real WebsocketClient (what y-webrtc's signaling connections are)
 * runs against a fake WebSocket whose server is up or down, on fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketClient } from 'lib0/websocket';
import { SIGNALING_RETRY, signalingRetryDelay } from '../../../src/shared/sync/backoff';
import { isUnreachable, paceReconnects } from '../../../src/renderer/incidents/sync/signaling-pacer';

/** Servers that are up, by URL; a dial to any other fails as a refused connection does. */
const up = new Set<string>();
/** When each dial was made, by URL (ms of fake time). */
const dials = new Map<string, number[]>();
const sockets: FakeSocket[] = [];

class FakeSocket {
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  private closed = false;

  constructor(readonly url: string) {
    dials.set(url, [...(dials.get(url) ?? []), Date.now()]);
    sockets.push(this);
    // As a browser does: the outcome arrives in a later task.
    setTimeout(() => {
      if (up.has(url)) this.fire('open');
      else {
        this.fire('error');
        this.close();
      }
    }, 0);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(): void {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fire('close');
  }

  /** The attribute handler first (lib0 sets it when it makes the socket), then listeners added later. */
  private fire(type: string): void {
    const handler = (this as unknown as Record<string, ((event: unknown) => void) | null>)[`on${type}`];
    handler?.({ type });
    for (const listener of this.listeners.get(type) ?? []) listener({ type });
  }
}

const clients: WebsocketClient[] = [];
const destroyed = new WeakSet<WebsocketClient>();
function client(url: string, paced = true): WebsocketClient {
  const c = new WebsocketClient(url);
  clients.push(c);
  if (paced) paceReconnects(c, () => !destroyed.has(c));
  return c;
}
function destroy(c: WebsocketClient): void {
  destroyed.add(c);
  c.destroy();
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
  for (const c of clients.splice(0)) destroy(c);
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  up.clear();
  dials.clear();
  sockets.length = 0;
});

describe('the signaling retry schedule', () => {
  it('waits 2 s after the first failure, doubling to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => signalingRetryDelay(n, () => 0.5))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('varies each wait by at most a tenth, so machines that lost one server do not redial it in step', () => {
    expect(signalingRetryDelay(1, () => 0)).toBe(1_800);
    expect(signalingRetryDelay(1, () => 0.999_999)).toBe(2_200);
    expect(signalingRetryDelay(9, () => 0.999_999)).toBe(SIGNALING_RETRY.maxMs * 1.1);
  });
});

describe('redialling a signaling server that cannot be reached', () => {
  it('dials 3 times in the first 10 s and 6 times in a minute, where lib0 alone dials every 2.5 s at most', async () => {
    client('ws://10.0.0.9:4444');
    client('ws://10.0.0.8:4444', false);
    await vi.advanceTimersByTimeAsync(61_000);
    // Seconds after the first dial (each failure takes a few ms of fake time to arrive).
    expect(dials.get('ws://10.0.0.9:4444')!.map((t) => Math.round(t / 1_000))).toEqual([0, 2, 6, 14, 30, 60]);
    // The control: the same client without the pacer.
    expect(dials.get('ws://10.0.0.8:4444')!.length).toBeGreaterThan(20);
  });

  it('says the server is unreachable once a dial failed, and reaches it on the next try once it is up', async () => {
    const c = client('ws://10.0.0.9:4444');
    expect(isUnreachable(c)).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(isUnreachable(c)).toBe(true);
    up.add('ws://10.0.0.9:4444');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(c.connected).toBe(true);
    expect(isUnreachable(c)).toBe(false);
  });

  it('never dials again for a client that was destroyed (an address removed from the share)', async () => {
    const c = client('ws://10.0.0.9:4444');
    await vi.advanceTimersByTimeAsync(3_000);
    const before = dials.get('ws://10.0.0.9:4444')!.length;
    destroy(c);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(dials.get('ws://10.0.0.9:4444')!.length).toBe(before);
  });

  it('a server that was reached and went away is redialled at once, and so is every server waiting its turn', async () => {
    const standby = client('ws://10.0.0.2:4444');
    await vi.advanceTimersByTimeAsync(40_000); // the standby is now tried every 30 s
    up.add('ws://10.0.0.1:4444');
    const active = client('ws://10.0.0.1:4444');
    await vi.advanceTimersByTimeAsync(100);
    expect(active.connected).toBe(true);

    // The active server dies and the standby is started in its place.
    up.delete('ws://10.0.0.1:4444');
    up.add('ws://10.0.0.2:4444');
    const at = Date.now();
    sockets.filter((s) => s.url === 'ws://10.0.0.1:4444').at(-1)!.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(standby.connected).toBe(true);
    expect(dials.get('ws://10.0.0.1:4444')!.at(-1)).toBe(at);
  });
});
