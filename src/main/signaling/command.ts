/**
 * `npm run signal`: the signaling server on its own, under plain Node, for
 * the web mode or for a machine that should introduce peers without running
 * the desktop app. The process wiring is in cli.ts; this takes everything it
 * touches as arguments so it can be tested.
 */
import { parseArgs } from 'node:util';
import { allowedOriginsFromCommandLine, allowOriginUsage, describeAllowedOrigins } from '../net/allowed-origins';
import { type CommandIO, runServerCommand } from '../net/server-command';
import { signalingBindAddress, type SignalingServer, type SignalingServerOptions } from './server';
import { describeSignalingServer, type NetworkInterfaces, parsePort, SIGNALING_ENV, type SignalingSettings, signalingSettingsFromEnv } from './settings';

export const SIGNALING_USAGE = `Usage: npm run signal -- [--port <port>] [--lan] [--allow-origin <origin>]...

Runs a y-webrtc signaling server so command posts can find each other.

  --port <port>  port to listen on (default 4444; 0 picks a free port)
                 also ${SIGNALING_ENV.port}
  --lan          listen on every network interface, so other machines can
                 connect (default: this machine only)
                 also ${SIGNALING_ENV.lan}=1
${allowOriginUsage(17)}
  --help         show this text

Stop it with Ctrl+C.`;

/** Where to listen, and which web pages may connect (every origin, the app's own included). */
export interface SignalingCommandSettings extends SignalingSettings {
  allowedOrigins: string[];
}

export interface SignalingCommandDeps extends CommandIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  start: (options: SignalingServerOptions) => Promise<SignalingServer>;
  networkInterfaces: () => NetworkInterfaces;
}

/** Flags first, then the environment, then the defaults. Throws on anything it cannot understand. */
export function signalingSettingsFromCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SignalingCommandSettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      lan: { type: 'boolean' },
      'allow-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const fromEnv = signalingSettingsFromEnv(env);
  return {
    port: values.port === undefined ? fromEnv.port : parsePort(values.port, '--port'),
    exposeOnLan: values.lan === true || fromEnv.exposeOnLan,
    allowedOrigins: allowedOriginsFromCommandLine(values['allow-origin'], env),
  };
}

/** Runs the server until SIGINT or SIGTERM; resolves with the exit code (see runServerCommand). */
export function runSignalingCommand(deps: SignalingCommandDeps): Promise<number> {
  return runServerCommand(
    {
      name: 'signaling server',
      usage: SIGNALING_USAGE,
      settings: () => signalingSettingsFromCommandLine(deps.argv, deps.env),
      start: (settings, onError) =>
        deps.start({ host: signalingBindAddress(settings), port: settings.port, allowedOrigins: settings.allowedOrigins, onError }),
      describe: (server, settings) => [
        ...describeSignalingServer(server, deps.networkInterfaces()),
        ...(settings.exposeOnLan ? [] : ['Add --lan to let other machines connect.']),
        ...describeAllowedOrigins(settings.allowedOrigins),
      ],
    },
    deps,
  );
}
