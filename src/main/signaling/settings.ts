/**
 * Where the signaling server listens, as chosen by the user, and how to tell
 * people where to find it. Shared by the desktop app (its Settings, which
 * these environment variables override) and `npm run signal` (flags and the
 * same variables). No Electron here.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { DEFAULT_SIGNALING_PORT, LAN_HOST } from './server';

export const SIGNALING_ENV = {
  port: 'COMMAND_POST_SIGNALING_PORT',
  lan: 'COMMAND_POST_SIGNALING_LAN',
} as const;

export interface SignalingSettings {
  /** 0 picks a free port. */
  port: number;
  /** Listen on every interface, so other machines can connect. Off unless asked for. */
  exposeOnLan: boolean;
}

/** A setting that cannot be understood; the message says which and why. */
export class SignalingSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignalingSettingsError';
  }
}

/** A port number from text: digits only, 0 to 65535. `source` names where it came from, for the message. */
export function parsePort(value: string, source: string): number {
  const text = value.trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new SignalingSettingsError(`${source}=${JSON.stringify(value)} is not a port: use a number from 1 to 65535 (or 0 for any free port).`);
  }
  return port;
}

const YES = new Set(['1', 'true', 'yes', 'on']);
const NO = new Set(['', '0', 'false', 'no', 'off']);

/** An on/off switch from text. Anything unrecognised is an error rather than a guess: it decides who can connect. */
export function parseSwitch(value: string, source: string): boolean {
  const text = value.trim().toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  throw new SignalingSettingsError(`${source}=${JSON.stringify(value)} is not understood: use 1 (on) or 0 (off).`);
}

/** A variable that is set (not blank), as written, for messages and the Settings dialog. */
export interface EnvSetting {
  variable: string;
  value: string;
}

/** Which signaling variables are set, before anything is parsed. A blank variable counts as unset. */
export function signalingEnvSources(env: Readonly<Record<string, string | undefined>>): { port: EnvSetting | null; exposeOnLan: EnvSetting | null } {
  const source = (variable: string): EnvSetting | null => {
    const value = env[variable];
    return value === undefined || value.trim() === '' ? null : { variable, value };
  };
  return { port: source(SIGNALING_ENV.port), exposeOnLan: source(SIGNALING_ENV.lan) };
}

/**
 * The settings the environment decides, each overriding the saved setting of
 * the same name (and the defaults in `npm run signal`). Throws
 * SignalingSettingsError, naming the variable, on a value it cannot understand.
 */
export function signalingEnvOverrides(env: Readonly<Record<string, string | undefined>>): Partial<SignalingSettings> {
  const sources = signalingEnvSources(env);
  const overrides: Partial<SignalingSettings> = {};
  if (sources.port) overrides.port = parsePort(sources.port.value, SIGNALING_ENV.port);
  if (sources.exposeOnLan) overrides.exposeOnLan = parseSwitch(sources.exposeOnLan.value, SIGNALING_ENV.lan);
  return overrides;
}

/** The settings from COMMAND_POST_SIGNALING_PORT and COMMAND_POST_SIGNALING_LAN; loopback on 4444 when unset. */
export function signalingSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): SignalingSettings {
  return { port: DEFAULT_SIGNALING_PORT, exposeOnLan: false, ...signalingEnvOverrides(env) };
}

export type NetworkInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/**
 * This machine's IPv4 addresses other machines can reach (not loopback), in
 * interface order. IPv4 only: a LAN server binds 0.0.0.0, which IPv6 clients
 * cannot reach.
 */
export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const addresses: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family === 'IPv4' && !info.internal && !addresses.includes(info.address)) addresses.push(info.address);
    }
  }
  return addresses;
}

/** Lines that tell people where the server is, for a log or a terminal. */
export function describeSignalingServer(server: { host: string; port: number; url: string }, interfaces: NetworkInterfaces): string[] {
  if (server.host !== LAN_HOST) return [`Signaling server listening on ${server.url} (this machine only).`];
  const addresses = lanAddresses(interfaces);
  const lines = [`Signaling server listening on every network interface, port ${server.port}.`];
  if (addresses.length === 0) {
    lines.push('This machine has no network address yet, so other machines cannot reach it.');
  } else {
    lines.push('Other command posts on the network can connect to:');
    for (const address of addresses) lines.push(`  ws://${address}:${server.port}`);
  }
  lines.push(`On this machine: ${server.url}`);
  return lines;
}
