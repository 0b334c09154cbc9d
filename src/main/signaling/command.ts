/**
 * `npm run signal`: the signaling server on its own, under plain Node, for
 * the web mode or for a machine that should introduce peers without running
 * the desktop app. The process wiring is in cli.ts; this takes everything it
 * touches as arguments so it can be tested.
 */
import { parseArgs } from 'node:util';
import { signalingBindAddress, type SignalingServer, type SignalingServerOptions } from './server';
import { describeSignalingServer, type NetworkInterfaces, parsePort, SIGNALING_ENV, type SignalingSettings, signalingSettingsFromEnv } from './settings';

export const SIGNALING_USAGE = `Usage: npm run signal -- [--port <port>] [--lan]

Runs a y-webrtc signaling server so command posts can find each other.

  --port <port>  port to listen on (default 4444; 0 picks a free port)
                 also ${SIGNALING_ENV.port}
  --lan          listen on every network interface, so other machines can
                 connect (default: this machine only)
                 also ${SIGNALING_ENV.lan}=1
  --help         show this text

Stop it with Ctrl+C.`;

export interface SignalingCommandDeps {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  start: (options: SignalingServerOptions) => Promise<SignalingServer>;
  networkInterfaces: () => NetworkInterfaces;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Calls handler on each of these signals until the returned function is called. */
  onSignals: (signals: readonly NodeJS.Signals[], handler: (signal: NodeJS.Signals) => void) => () => void;
}

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Flags first, then the environment, then the defaults. Throws on anything it cannot understand. */
export function signalingSettingsFromCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SignalingSettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, lan: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const fromEnv = signalingSettingsFromEnv(env);
  return {
    port: values.port === undefined ? fromEnv.port : parsePort(values.port, '--port'),
    exposeOnLan: values.lan === true || fromEnv.exposeOnLan,
  };
}

/**
 * Runs the server until SIGINT or SIGTERM, then closes it. Resolves with the
 * exit code: 0 after a clean stop, 1 when it could not listen, 2 for bad
 * arguments, 130 when a second signal cuts the shutdown short.
 */
export async function runSignalingCommand(deps: SignalingCommandDeps): Promise<number> {
  let settings: SignalingSettings | 'help';
  try {
    settings = signalingSettingsFromCommandLine(deps.argv, deps.env);
  } catch (error) {
    deps.err(error instanceof Error ? error.message : String(error));
    deps.err(SIGNALING_USAGE);
    return 2;
  }
  if (settings === 'help') {
    deps.out(SIGNALING_USAGE);
    return 0;
  }

  let server: SignalingServer;
  try {
    server = await deps.start({
      host: signalingBindAddress(settings),
      port: settings.port,
      onError: (error) => deps.err(`Signaling server error: ${error.message}`),
    });
  } catch (error) {
    deps.err(error instanceof Error ? error.message : String(error));
    return 1;
  }

  for (const line of describeSignalingServer(server, deps.networkInterfaces())) deps.out(line);
  if (!settings.exposeOnLan) deps.out('Add --lan to let other machines connect.');
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
      deps.out(`${signal}: closing the signaling server...`);
      void server.close().then(() => {
        stopListening();
        deps.out('Signaling server stopped.');
        resolve(0);
      });
    });
  });
}
