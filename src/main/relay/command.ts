/**
 * `npm run relay`: the relay on its own, under plain Node, for a response
 * with more participants than a WebRTC mesh holds. The process wiring is in
 * cli.ts; this takes everything it touches as arguments so it can be tested.
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { lanAddresses, type NetworkInterfaces, parsePort } from '../signaling/settings';
import { DEFAULT_RELAY_PORT, LOOPBACK_HOST, type RelayServer, type RelayServerOptions } from './server';

export const RELAY_USAGE = `Usage: npm run relay -- [--host <address>] [--port <port>]

Runs a relay (a y-websocket server) that command posts can share an incident
through, for a response with more participants than a peer-to-peer mesh holds
(about 20 to 30). The relay sees the incidents it carries in clear: run it on
your team's own network.

  --host <address>  address to listen on (default ${LOOPBACK_HOST}: this machine only;
                    0.0.0.0: every network interface, so other machines can connect)
  --port <port>     port to listen on (default ${DEFAULT_RELAY_PORT}; 0 picks a free port)
  --help            show this text

Stop it with Ctrl+C.`;

export interface RelaySettings {
  host: string;
  port: number;
}

export interface RelayCommandDeps {
  argv: readonly string[];
  start: (options: RelayServerOptions) => Promise<RelayServer>;
  networkInterfaces: () => NetworkInterfaces;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Calls handler on each of these signals until the returned function is called. */
  onSignals: (signals: readonly NodeJS.Signals[], handler: (signal: NodeJS.Signals) => void) => () => void;
}

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

/** Flags, then the defaults. Throws on anything it cannot understand. */
export function relaySettingsFromCommandLine(argv: readonly string[]): RelaySettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: { host: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const host = values.host?.trim() ?? LOOPBACK_HOST;
  if (isIP(host) === 0) {
    throw new Error(`--host=${JSON.stringify(values.host)} is not an IP address: use ${LOOPBACK_HOST} (this machine only) or 0.0.0.0 (every interface), or one of this machine's addresses.`);
  }
  return { host, port: values.port === undefined ? DEFAULT_RELAY_PORT : parsePort(values.port, '--port') };
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

/**
 * Runs the relay until SIGINT or SIGTERM, then closes it. Resolves with the
 * exit code: 0 after a clean stop, 1 when it could not listen, 2 for bad
 * arguments, 130 when a second signal cuts the shutdown short.
 */
export async function runRelayCommand(deps: RelayCommandDeps): Promise<number> {
  let settings: RelaySettings | 'help';
  try {
    settings = relaySettingsFromCommandLine(deps.argv);
  } catch (error) {
    deps.err(error instanceof Error ? error.message : String(error));
    deps.err(RELAY_USAGE);
    return 2;
  }
  if (settings === 'help') {
    deps.out(RELAY_USAGE);
    return 0;
  }

  let server: RelayServer;
  try {
    server = await deps.start({ ...settings, onError: (error) => deps.err(`Relay error: ${error.message}`) });
  } catch (error) {
    deps.err(error instanceof Error ? error.message : String(error));
    return 1;
  }

  for (const line of describeRelay(server, deps.networkInterfaces())) deps.out(line);
  if (settings.host === LOOPBACK_HOST) deps.out('Add --host 0.0.0.0 to let other machines connect.');
  deps.out('Press Ctrl+C to stop.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stopListening = deps.onSignals(SHUTDOWN_SIGNALS, (signal) => {
      if (stopping) {
        stopListening();
        deps.err(`${signal} again: stopping at once.`);
        resolve(130);
        return;
      }
      stopping = true;
      deps.out(`${signal}: closing the relay...`);
      void server.close().then(() => {
        stopListening();
        deps.out('Relay stopped.');
        resolve(0);
      });
    });
  });
}
