/**
 * Real WebSocket clients for the signaling tests, with a queue of received
 * messages and bounded waits, so a test that fails stops by itself.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import type { SignalingPreferenceStore } from '../../../src/main/signaling';
import type { SignalingServer } from '../../../src/main/signaling/server';
import type { NetworkInterfaces } from '../../../src/main/signaling/settings';
import type { SignalingPreferences } from '../../../src/shared/ipc';

function info(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  return { address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) } as NetworkInterfaceInfo;
}

/** A machine with loopback, a wired and a wireless interface, and one that is down. */
export const INTERFACES: NetworkInterfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  eth0: [info('192.168.1.20', 'IPv4'), info('fe80::1', 'IPv6')],
  wlan0: [info('10.0.0.7', 'IPv4'), info('192.168.1.20', 'IPv4')],
  down: undefined,
};

/** A server that binds nothing. */
export function fakeServer(overrides: Partial<SignalingServer> = {}): SignalingServer {
  return {
    host: '127.0.0.1',
    port: 4444,
    url: 'ws://127.0.0.1:4444',
    close: vi.fn(async () => {}),
    stats: () => ({ connections: 0, clients: 0, topics: 0, subscriptions: 0 }),
    ...overrides,
  };
}

/** The settings store's signaling section, in memory. */
export function fakePreferences(
  initial: SignalingPreferences = { exposeOnLan: false, port: 4444 },
  problem: string | null = null,
): SignalingPreferenceStore & { save: ReturnType<typeof vi.fn<(preferences: SignalingPreferences) => Promise<void>>> } {
  let saved = { ...initial };
  return {
    get: () => ({ ...saved }),
    save: vi.fn(async (preferences: SignalingPreferences) => {
      saved = { ...preferences };
    }),
    problem: () => problem,
  };
}

export type Json = Record<string, unknown>;

export interface TestClient {
  readonly socket: WebSocket;
  /** Every JSON message received so far, in order. */
  readonly received: Json[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer, options?: { binary?: boolean }): void;
  /** The next message not yet taken that matches, waiting up to timeoutMs. */
  next(match?: (message: Json) => boolean, timeoutMs?: number): Promise<Json>;
  /** Resolves after ms if no matching message arrived; rejects if one did. */
  nothingFor(ms: number, match?: (message: Json) => boolean): Promise<void>;
  /** Resolves with the close code, waiting up to timeoutMs. */
  closed(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 2_000;

export async function connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
  const socket = new WebSocket(url, options);
  const received: Json[] = [];
  const waiters = new Set<() => void>();
  let closeCode: number | undefined;
  const closeWaiters = new Set<(code: number) => void>();

  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    received.push(JSON.parse(String(data)) as Json);
    for (const wake of [...waiters]) wake();
  });
  socket.on('error', () => {});
  socket.on('close', (code) => {
    closeCode = code;
    for (const resolve of closeWaiters) resolve(code);
    for (const wake of [...waiters]) wake();
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });

  function take(match: (message: Json) => boolean): Json | undefined {
    for (let i = 0; i < received.length; i++) {
      const message = received[i];
      if (message && match(message)) {
        received.splice(i, 1);
        return message;
      }
    }
    return undefined;
  }

  return {
    socket,
    received,
    send: (message) => socket.send(JSON.stringify(message)),
    sendRaw: (data, { binary = false } = {}) => socket.send(data, { binary }),
    next(match = () => true, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return new Promise<Json>((resolve, reject) => {
        const found = take(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching message within ${timeoutMs} ms; received: ${JSON.stringify(received)}`));
        }, timeoutMs);
        const wake = (): void => {
          const message = take(match);
          if (message) {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve(message);
          } else if (closeCode !== undefined) {
            clearTimeout(timer);
            waiters.delete(wake);
            reject(new Error(`closed (${closeCode}) before a matching message arrived`));
          }
        };
        waiters.add(wake);
      });
    },
    async nothingFor(ms, match = () => true) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      const unexpected = received.find(match);
      if (unexpected) throw new Error(`unexpected message: ${JSON.stringify(unexpected)}`);
    },
    closed(timeoutMs = DEFAULT_TIMEOUT_MS) {
      if (closeCode !== undefined) return Promise.resolve(closeCode);
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`still open after ${timeoutMs} ms`)), timeoutMs);
        closeWaiters.add((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      const done = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.close();
      const timer = setTimeout(() => socket.terminate(), 1_000);
      await done;
      clearTimeout(timer);
    },
  };
}
