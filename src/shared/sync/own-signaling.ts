/**
 * Which of this machine's signaling addresses an invite made here offers.
 * Pure: the hosts pass in what they know (the desktop app's server status,
 * or where a browser loaded the app from).
 */
import type { SignalingStatus } from '../ipc';

/** y-webrtc's conventional signaling port: the desktop app's and `npm run signal`'s default. */
export const DEFAULT_SIGNALING_PORT = 4444;

/**
 * The most of this machine's network addresses an invite lists: container
 * and VPN interfaces make long lists, and the first are the real ones.
 * An invite holds eight addresses in all; the rest are for peers'.
 */
export const MAX_OFFERED_LAN_ADDRESSES = 4;

const LOOPBACK = '127.0.0.1';

export function signalingUrl(host: string, port: number): string {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The desktop app's server: on the network, each LAN address (loopback
 * would send another machine to itself); otherwise, or when the machine has
 * no network address, loopback, which only this computer can use.
 */
export function desktopSignaling(status: Pick<SignalingStatus, 'exposedOnLan' | 'lanAddresses' | 'port'>): string[] {
  if (status.exposedOnLan && status.lanAddresses.length > 0) {
    return status.lanAddresses.slice(0, MAX_OFFERED_LAN_ADDRESSES).map((address) => signalingUrl(address, status.port));
  }
  return [signalingUrl(LOOPBACK, status.port)];
}

/**
 * In a browser, `npm run signal` on the machine that serves the app, on its
 * default port (a page cannot know another): others reach it at the address
 * they loaded the app from.
 */
export function browserSignaling(where: { hostname: string; protocol: string }, port: number): string[] {
  const host = where.hostname && where.protocol.startsWith('http') ? where.hostname : LOOPBACK;
  return [signalingUrl(host, port)];
}

/**
 * Where `npm run web` tells the page it serves which port its signaling
 * server listens on: {"signalingPort": 4444}, next to index.html.
 */
export const WEB_HOST_CONFIG_FILE = 'web-host.json';

/** The port web-host.json names, or null when it is absent or says nothing usable (the page is served some other way). */
export function signalingPortFromWebHostConfig(json: unknown): number | null {
  const port = (json as { signalingPort?: unknown } | null)?.signalingPort;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65_535 ? port : null;
}
