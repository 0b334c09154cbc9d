/**
 * `npm run relay`: the relay on its own, under plain Node, for a response
 * with more participants than a WebRTC mesh holds. The process wiring is in
 * cli.ts; this takes everything it touches as arguments so it can be tested.
 */
import { parseArgs } from 'node:util';
import { hostFromFlag } from '../net/listen';
import { allowedOriginsFromCommandLine, allowOriginUsage, describeAllowedOrigins } from '../net/allowed-origins';
import { type CommandIO, runServerCommand } from '../net/server-command';
import { lanAddresses, type NetworkInterfaces, parsePort } from '../signaling/settings';
import { DEFAULT_DATABASE } from './room-store';
import { DEFAULT_RELAY_PORT, LOOPBACK_HOST, type RelayNodeOptions, type RelayServer } from './server';

export const RELAY_USAGE = `Usage: npm run relay -- [--host <address>] [--port <port>] [--database <url>] [--redis <url>] [--allow-origin <origin>]...

Runs a relay (Hocuspocus) that command posts can share an incident through,
for a response with more participants than a peer-to-peer mesh holds (about
20 to 30), and so that a newcomer gets the incident while every command post
is offline. The relay sees ciphertext only: who is connected, not what is
written. It admits only clients that hold the incident's invite.

  --host <address>  address to listen on (default ${LOOPBACK_HOST}: this machine only;
                    0.0.0.0: every network interface, so other machines can connect)
  --port <port>     port to listen on (default ${DEFAULT_RELAY_PORT}; 0 picks a free port)
  --database <url>  where rooms are kept: a SQLite file (default ${DEFAULT_DATABASE},
                    in the working directory) or postgres://user:password@host/db,
                    shared by every node of a cluster
  --redis <url>     redis://host:port shared by every node of a cluster, so that
                    nodes serve the same rooms (default: none, a single relay)
${allowOriginUsage(20)}
  --help            show this text

Stop it with Ctrl+C.`;

export interface RelaySettings {
  host: string;
  port: number;
  database: string;
  redis?: string;
  /** Web pages that may connect: every origin, the app's own included. */
  allowedOrigins: string[];
}

export interface RelayCommandDeps extends CommandIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  start: (options: RelayNodeOptions) => Promise<RelayServer & { readonly database: string }>;
  networkInterfaces: () => NetworkInterfaces;
}

const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

/** Flags, then the environment (allowed origins only), then the defaults. Throws on anything it cannot understand. */
export function relaySettingsFromCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): RelaySettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      database: { type: 'string' },
      redis: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const host = hostFromFlag(values.host);
  return {
    host,
    port: values.port === undefined ? DEFAULT_RELAY_PORT : parsePort(values.port, '--port'),
    database: nonEmpty(values.database, '--database') ?? DEFAULT_DATABASE,
    ...(values.redis === undefined ? {} : { redis: redisUrl(values.redis) }),
    allowedOrigins: allowedOriginsFromCommandLine(values['allow-origin'], env),
  };
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new Error(`${flag} needs a value.`);
  return value?.trim();
}

function redisUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`--redis needs a URL such as redis://127.0.0.1:6379, not "${value}".`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`--redis needs a redis:// or rediss:// URL, not "${value}".`);
  return url.href;
}

/** A URL as it may be printed: without its password. */
function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return value;
  }
}

/** Lines that tell people where the relay is and what it sees. */
export function describeRelay(server: { host: string; port: number; url: string; database: string }, settings: Pick<RelaySettings, 'redis'>, interfaces: NetworkInterfaces): string[] {
  const lines: string[] = [];
  if (!EVERY_INTERFACE.has(server.host)) {
    lines.push(`Relay listening on ${server.url}${server.host === LOOPBACK_HOST ? ' (this machine only)' : ''}.`);
  } else {
    lines.push(`Relay listening on every network interface, port ${server.port}.`);
    const addresses = lanAddresses(interfaces);
    if (addresses.length === 0) {
      lines.push('This machine has no network address yet, so other machines cannot reach it.');
    } else {
      lines.push('Command posts on the network can list it in the share dialog as:');
      for (const address of addresses) lines.push(`  ws://${address}:${server.port}`);
    }
    lines.push(`On this machine: ${server.url}`);
  }
  lines.push(`Rooms are kept in ${server.database}.`);
  lines.push(settings.redis ? `Serving the same rooms as every relay on ${withoutPassword(settings.redis)}.` : 'A single relay (add --redis to join a cluster).');
  lines.push('The relay sees ciphertext only: who is connected, not what is written.');
  return lines;
}

/** Runs the relay until SIGINT or SIGTERM; resolves with the exit code (see runServerCommand). */
export function runRelayCommand(deps: RelayCommandDeps): Promise<number> {
  return runServerCommand(
    {
      name: 'relay',
      usage: RELAY_USAGE,
      settings: () => relaySettingsFromCommandLine(deps.argv, deps.env),
      start: (settings, onError) => deps.start({ ...settings, onError }),
      describe: (server, settings) => [
        ...describeRelay(server, settings, deps.networkInterfaces()),
        ...(settings.host === LOOPBACK_HOST ? ['Add --host 0.0.0.0 to let other machines connect.'] : []),
        ...describeAllowedOrigins(settings.allowedOrigins),
      ],
    },
    deps,
  );
}
