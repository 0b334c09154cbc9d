/**
 * The signaling server's life inside the desktop app: started once the app is
 * ready, closed before it quits. A server that cannot start (the port is
 * taken, a setting is wrong) is reported and the app carries on: everything
 * local works without it, and peers can still use another command post's.
 */
import type { App } from 'electron';
import type { SignalingServer, SignalingServerOptions } from './server';
import { signalingBindAddress } from './server';
import { describeSignalingServer, type NetworkInterfaces, SIGNALING_ENV, SignalingSettingsError, signalingSettingsFromEnv } from './settings';

export interface SignalingLifecycleDeps {
  app: Pick<App, 'on' | 'quit'>;
  env: Readonly<Record<string, string | undefined>>;
  start: (options: SignalingServerOptions) => Promise<SignalingServer>;
  networkInterfaces: () => NetworkInterfaces;
  log: (message: string) => void;
  logError: (message: string, error?: unknown) => void;
  /** The longest quitting waits for the server to close. */
  closeTimeoutMs?: number;
}

export interface SignalingHandle {
  /** The running server, or null when it could not start. */
  readonly started: Promise<SignalingServer | null>;
  /** Closes the server (once; later calls return the same promise). */
  close(): Promise<void>;
}

const DEFAULT_CLOSE_TIMEOUT_MS = 3_000;

/**
 * Starts the server with the settings in the environment and closes it when
 * the app quits: on 'will-quit' the quit is held back until the server has
 * closed (or closeTimeoutMs has passed), then resumed.
 */
export function installSignaling(deps: SignalingLifecycleDeps): SignalingHandle {
  const started = startFromEnv(deps);
  let closing: Promise<void> | undefined;

  function close(): Promise<void> {
    closing ??= started
      .then((server) => (server ? withTimeout(server.close(), deps.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS) : undefined))
      .catch((error: unknown) => deps.logError('could not close the signaling server', error));
    return closing;
  }

  let quitting = false;
  let closedForQuit = false;
  deps.app.on('will-quit', (event) => {
    if (closedForQuit) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void close().finally(() => {
      closedForQuit = true;
      deps.app.quit();
    });
  });

  return { started, close };
}

async function startFromEnv(deps: SignalingLifecycleDeps): Promise<SignalingServer | null> {
  try {
    const settings = signalingSettingsFromEnv(deps.env);
    const server = await deps.start({
      host: signalingBindAddress(settings),
      port: settings.port,
      onError: (error) => deps.logError('signaling server error', error),
    });
    for (const line of describeSignalingServer(server, deps.networkInterfaces())) deps.log(line);
    return server;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = error instanceof SignalingSettingsError ? '' : ` To use another port, set ${SIGNALING_ENV.port}.`;
    deps.logError(`Signaling server not started, so other command posts cannot find peers through this one. ${reason}${hint}`);
    return null;
  }
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
