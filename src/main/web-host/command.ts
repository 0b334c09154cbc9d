/**
 * `npm run web`: the built web app and, alongside it, the signaling server
 * its Share introduces peers through, so a browser can share an incident
 * with nothing else started. The page learns the signaling port from the
 * web server (WEB_HOST_CONFIG_PATH), so a port chosen here is the one its
 * invites offer. The process wiring (Vite's preview server) is in cli.ts;
 * this takes everything it touches as arguments so it can be tested.
 */
import { parseArgs } from 'node:util';
import { allowedOriginsFromCommandLine, allowOriginUsage, describeAllowedOrigins, WEB_HOST } from '../net/allowed-origins';
import { errorCode, hostFromFlag, listenFailureReason } from '../net/listen';
import { type CommandIO, runServerCommand } from '../net/server-command';
import { DEFAULT_SIGNALING_PORT, LAN_HOST, LOOPBACK_HOST, type SignalingServer, type SignalingServerOptions } from '../signaling/server';
import { WEB_HOST_CONFIG_FILE } from '../../shared/sync/own-signaling';
import { describeSignalingServer, type NetworkInterfaces, parsePort } from '../signaling/settings';

export const WEB_USAGE = `Usage: npm run web -- [--port <port>] [--signal-port <port>] [--host <address>] [--allow-origin <origin>]...

Serves Command Post to a browser, with the signaling server its Share uses.

  --port <port>         port of the web app (default ${WEB_HOST.previewPort})
  --signal-port <port>  port of the signaling server (default ${DEFAULT_SIGNALING_PORT}; 0 picks a free port)
  --host <address>      address both listen on (default ${LOOPBACK_HOST}: this machine only;
                        ${LAN_HOST}: every network interface, so other machines can connect)
${allowOriginUsage(24)}
  --help                show this text

Stop both with Ctrl+C.`;

export interface WebHostSettings {
  host: string;
  port: number;
  signalPort: number;
  /** Web pages the signaling server lets in besides the ones this command serves. */
  allowedOrigins: string[];
}

/** The web app's server, once listening. */
export interface WebServer {
  /** Where a browser opens the app, e.g. http://127.0.0.1:4173/ (several when on every interface). */
  readonly urls: readonly string[];
  close(): Promise<void>;
}

export interface WebServerOptions {
  host: string;
  port: number;
  /** The signaling port the page is told; asked per request, since signaling starts after the web server. */
  signalingPort: () => number | null;
}

export interface WebHostCommandDeps extends CommandIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  startWeb: (options: WebServerOptions) => Promise<WebServer>;
  startSignaling: (options: SignalingServerOptions) => Promise<SignalingServer>;
  networkInterfaces: () => NetworkInterfaces;
}

/** Where the web server tells the page its signaling port (see own-signaling.ts). */
export const WEB_HOST_CONFIG_PATH = `/${WEB_HOST_CONFIG_FILE}`;

/** Flags, then the environment (allowed origins only), then the defaults. Throws on anything it cannot understand. */
export function webHostSettingsFromCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WebHostSettings | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'signal-port': { type: 'string' },
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
    port: values.port === undefined ? WEB_HOST.previewPort : parsePort(values.port, '--port'),
    signalPort: values['signal-port'] === undefined ? DEFAULT_SIGNALING_PORT : parsePort(values['signal-port'], '--signal-port'),
    allowedOrigins: allowedOriginsFromCommandLine(values['allow-origin'], env),
  };
}

/**
 * One line that says why a server could not listen and, when its port is
 * taken, which flag picks another.
 */
export function listenFailure(what: string, flag: string, host: string, port: number, cause: unknown): Error {
  const reason = listenFailureReason(host, port, cause, 'another program');
  const hint = errorCode(cause) === 'EADDRINUSE' ? ` Pick another port with ${flag}, as in: npm run web -- ${flag} ${port + 1}` : '';
  return new Error(`The ${what} could not listen on ${host}:${port}: ${reason}.${hint}`);
}

/** The origin of each address the web app is served at: the signaling server must let those pages in. */
function originsOf(urls: readonly string[]): string[] {
  return urls.map((url) => new URL(url).origin);
}

/** Starts the web app, then signaling; if signaling cannot start, the web app is closed again. */
async function startBoth(deps: WebHostCommandDeps, settings: WebHostSettings, onError: (error: Error) => void) {
  let signaling: SignalingServer | null = null;
  const web = await deps
    .startWeb({ host: settings.host, port: settings.port, signalingPort: () => signaling?.port ?? null })
    .catch((cause: unknown) => {
      throw listenFailure('web app', '--port', settings.host, settings.port, cause);
    });
  const allowedOrigins = [...new Set([...settings.allowedOrigins, ...originsOf(web.urls)])];
  try {
    signaling = await deps.startSignaling({ host: settings.host, port: settings.signalPort, allowedOrigins, onError });
  } catch (cause) {
    await web.close();
    throw listenFailure('signaling server', '--signal-port', settings.host, settings.signalPort, cause);
  }
  const started = signaling;
  return {
    web,
    signaling: started,
    allowedOrigins,
    close: async () => {
      await Promise.all([web.close(), started.close()]);
    },
  };
}

/** Runs both servers until SIGINT or SIGTERM; resolves with the exit code (see runServerCommand). */
export function runWebHostCommand(deps: WebHostCommandDeps): Promise<number> {
  return runServerCommand(
    {
      name: 'web app and signaling server',
      usage: WEB_USAGE,
      settings: () => webHostSettingsFromCommandLine(deps.argv, deps.env),
      start: (settings, onError) => startBoth(deps, settings, onError),
      describe: ({ web, signaling, allowedOrigins }) => [
        `Command Post in a browser: ${web.urls.join('  ')}`,
        ...(signaling.host === LOOPBACK_HOST || signaling.host === LAN_HOST
          ? describeSignalingServer(signaling, deps.networkInterfaces())
          : [`Signaling server listening on ${signaling.url}.`]),
        'Share in the page introduces peers through it.',
        ...describeAllowedOrigins(allowedOrigins),
      ],
    },
    deps,
  );
}
