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
import { DEFAULT_RELAY_PORT, LOOPBACK_HOST, type RelayServer, type RelayServerOptions } from './server';

export const RELAY_USAGE = `Usage: npm run relay -- [--host <address>] [--port <port>] [--allow-origin <origin>]...

Runs a relay (a y-websocket server) that command posts can share an incident
through, for a response with more participants than a peer-to-peer mesh holds
(about 20 to 30). The relay sees the incidents it carries in clear: run it on
your team's own network.

  --host <address>  address to listen on (default ${LOOPBACK_HOST}: this machine only;
                    0.0.0.0: every network interface, so other machines can connect)
  --port <port>     port to listen on (default ${DEFAULT_RELAY_PORT}; 0 picks a free port)
${allowOriginUsage(20)}
  --help            show this text

Stop it with Ctrl+C.`;

export interface RelaySettings {
  host: string;
  port: number;
  /** Web pages that may connect: every origin, the app's own included. */
  allowedOrigins: string[];
}

export interface RelayCommandDeps extends CommandIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  start: (options: RelayServerOptions) => Promise<RelayServer>;
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
    allowedOrigins: allowedOriginsFromCommandLine(values['allow-origin'], env),
  };
}

/** Lines that tell people where the relay is and what it sees. */
export function describeRelay(server: { host: string; port: number; url: string }, interfaces: NetworkInterfaces): string[] {
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
  lines.push('The relay sees the incidents it carries in clear: keep it on your team\'s own network.');
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
        ...describeRelay(server, deps.networkInterfaces()),
        ...(settings.host === LOOPBACK_HOST ? ['Add --host 0.0.0.0 to let other machines connect.'] : []),
        ...describeAllowedOrigins(settings.allowedOrigins),
      ],
    },
    deps,
  );
}
