/**
 * The signaling server's life inside the desktop app: started once the app is
 * ready, on the address the user chose in Settings (environment variables
 * win over it), moved when the user changes it, closed before the app quits.
 *
 * A server that cannot start (the port is taken, a variable is not
 * understood) is reported and the app carries on: everything local works
 * without it, and peers can still use another command post's. A change that
 * cannot bind keeps the server that was running.
 */
import type { App } from 'electron';
import type { SignalingChangeResult, SignalingPreferences, SignalingStatus } from '../../shared/ipc';
import { AllowedOriginError, originsFromEnv, withOwnOrigins } from '../net/allowed-origins';
import { LAN_HOST, signalingBindAddress, type SignalingServer, type SignalingServerOptions } from './server';
import {
  describeSignalingServer,
  lanAddresses,
  type NetworkInterfaces,
  SignalingSettingsError,
  type SignalingSettings,
  signalingEnvOverrides,
  signalingEnvSources,
} from './settings';

/** The saved signaling settings: the settings store's `signaling` section. */
export interface SignalingPreferenceStore {
  get(): SignalingPreferences;
  /** Rejects with a message when the settings cannot be written. */
  save(preferences: SignalingPreferences): Promise<void>;
  /** What was wrong with the settings file at start-up, if anything. */
  problem(): string | null;
}

export interface SignalingLifecycleDeps {
  app: Pick<App, 'on' | 'quit'>;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Where this app's renderer is loaded from (app://command-post, or the
   * development server under `npm run dev`): its pages may connect, as may
   * the app's other own origins and those COMMAND_POST_ALLOW_ORIGINS lists.
   */
  rendererOrigin: string;
  preferences: SignalingPreferenceStore;
  start: (options: SignalingServerOptions) => Promise<SignalingServer>;
  networkInterfaces: () => NetworkInterfaces;
  log: (message: string) => void;
  logError: (message: string, error?: unknown) => void;
  /** The longest closing a server (on quit, or when it moves) may take. */
  closeTimeoutMs?: number;
  /**
   * Runs before the server closes for good (on quit), bounded by
   * closeTimeoutMs: discovery's goodbyes on the network (src/main/discovery).
   */
  beforeClose?: () => Promise<void>;
}

export interface SignalingHandle {
  /** The server started with the app, or null when it could not start. */
  readonly started: Promise<SignalingServer | null>;
  /** Where the server listens now (after any start or change under way). */
  status(): Promise<SignalingStatus>;
  /** Saves the settings and moves the server to match them; see the module comment. */
  change(preferences: SignalingPreferences): Promise<SignalingChangeResult>;
  /**
   * 'Share on this network' (src/main/discovery): while `open` is true the
   * server listens on the LAN whatever Settings say, and when it turns false
   * it goes back to what Settings say. COMMAND_POST_SIGNALING_LAN, when set,
   * wins over both. Resolves with the status and what failed, if anything.
   */
  openForShares(open: boolean): Promise<SignalingChangeResult>;
  /** Closes the server for good (once; later calls return the same promise). */
  close(): Promise<void>;
}

const DEFAULT_CLOSE_TIMEOUT_MS = 3_000;
/** More addresses than this is a machine full of virtual interfaces; the first ones are the real ones. */
const MAX_LAN_ADDRESSES = 64;

type Outcome = { ok: true } | { ok: false; message: string };

export function installSignaling(deps: SignalingLifecycleDeps): SignalingHandle {
  const closeTimeoutMs = deps.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
  let server: SignalingServer | null = null;
  /** The binding last asked for, for the status while nothing listens. */
  let wanted: SignalingSettings | null = null;
  /** Why nothing listens where it should. */
  let error: string | null = null;
  let closing: Promise<void> | undefined;
  /** A share on the LAN holds the server open there (openForShares). */
  let sharing = false;

  // Starts, changes and the final close run one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => {});
    return result;
  }

  /** The saved settings with the environment's on top. Throws SignalingSettingsError. */
  function effective(preferences: SignalingPreferences): SignalingSettings {
    return { ...preferences, exposeOnLan: preferences.exposeOnLan || sharing, ...signalingEnvOverrides(deps.env) };
  }

  async function startOn(settings: SignalingSettings): Promise<SignalingServer> {
    const started = await deps.start({
      host: signalingBindAddress(settings),
      port: settings.port,
      allowedOrigins: withOwnOrigins([deps.rendererOrigin, ...originsFromEnv(deps.env)]),
      onError: (failure) => deps.logError('signaling server error', failure),
    });
    for (const line of describeSignalingServer(started, interfaces())) deps.log(line);
    return started;
  }

  function stop(previous: SignalingServer): Promise<void> {
    return withTimeout(previous.close(), closeTimeoutMs).catch((failure: unknown) => deps.logError('could not close the signaling server', failure));
  }

  function interfaces(): NetworkInterfaces {
    try {
      return deps.networkInterfaces();
    } catch (failure) {
      deps.logError('could not list the network interfaces', failure);
      return {};
    }
  }

  /** What to do about a port that is taken: where the port comes from decides. */
  function portHint(): string {
    const fromEnv = signalingEnvSources(deps.env).port;
    return fromEnv ? ` To use another port, change ${fromEnv.variable}.` : ' Choose another port in Settings.';
  }

  function failureMessage(failure: unknown): string {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return failure instanceof SignalingSettingsError || failure instanceof AllowedOriginError ? reason : `${reason}${portHint()}`;
  }

  // First in the queue, and begun at once (not a tick later), so a quit
  // that comes while it starts finds the server to close.
  const started = (async () => {
    try {
      wanted = effective(deps.preferences.get());
      server = await startOn(wanted);
    } catch (failure) {
      error = failureMessage(failure);
      deps.logError(`Signaling server not started, so other command posts cannot find peers through this one. ${error}`);
    }
    return server;
  })();
  queue = started;

  /**
   * Moves the server to `target`. A different port is bound before the old
   * server closes, so a port that is taken costs nothing; the same port on
   * another interface needs the old server closed first, and it is started
   * again if the new address fails.
   */
  async function rebind(target: SignalingSettings): Promise<Outcome> {
    const previous = server;
    if (previous && previous.port === target.port) {
      await stop(previous);
      server = null;
      try {
        server = await startOn(target);
      } catch (failure) {
        const reason = failureMessage(failure);
        try {
          server = await startOn({ port: previous.port, exposeOnLan: previous.host === LAN_HOST });
          return { ok: false, message: `${reason} The signaling server is still listening ${where(server)}.` };
        } catch (again) {
          wanted = target;
          error = reason;
          return { ok: false, message: `${reason} It could not go back to ${previous.url} either (${failureMessage(again)}), so it is not listening now.` };
        }
      }
    } else {
      let next: SignalingServer;
      try {
        next = await startOn(target);
      } catch (failure) {
        const reason = failureMessage(failure);
        if (previous) return { ok: false, message: `${reason} The signaling server is still listening ${where(previous)}.` };
        wanted = target;
        error = reason;
        return { ok: false, message: reason };
      }
      server = next;
      if (previous) await stop(previous);
    }
    wanted = target;
    error = null;
    return { ok: true };
  }

  async function save(preferences: SignalingPreferences, context: string): Promise<string | null> {
    try {
      await deps.preferences.save(preferences);
      return null;
    } catch (failure) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      return `${context} ${reason} The app will start with the previous settings next time.`;
    }
  }

  function snapshot(): SignalingStatus {
    const settings = deps.preferences.get();
    let target: SignalingSettings | null = null;
    try {
      target = effective(settings);
    } catch {
      // The status carries the error already.
    }
    return {
      listening: server !== null,
      port: server?.port ?? wanted?.port ?? target?.port ?? settings.port,
      exposedOnLan: server?.host === LAN_HOST,
      localUrl: server?.url ?? null,
      lanAddresses: lanAddresses(interfaces()).slice(0, MAX_LAN_ADDRESSES),
      error,
      settings,
      envOverrides: signalingEnvSources(deps.env),
      settingsProblem: deps.preferences.problem(),
      // Present only while a share holds the server open, so the status reads as before otherwise.
      ...(sharing && server?.host === LAN_HOST && !settings.exposeOnLan && signalingEnvSources(deps.env).exposeOnLan === null ? { openForShare: true } : {}),
    };
  }

  function openForShares(open: boolean): Promise<SignalingChangeResult> {
    // Not queued while closing: discovery's goodbyes run inside close() (beforeClose) and would wait on it.
    if (closing) return Promise.resolve({ status: snapshot(), error: null });
    return serially(async () => {
      if (closing) return { status: snapshot(), error: null };
      sharing = open;
      let target: SignalingSettings;
      try {
        target = effective(deps.preferences.get());
      } catch (failure) {
        return { status: snapshot(), error: failureMessage(failure) };
      }
      if (server !== null && server.host === signalingBindAddress(target)) return { status: snapshot(), error: null };
      // Same port, other interface: the port Settings chose (or the one bound, for "any free port").
      const moved = await rebind(target.port === 0 && server ? { ...target, port: server.port } : target);
      return { status: snapshot(), error: moved.ok ? null : moved.message };
    });
  }

  function change(preferences: SignalingPreferences): Promise<SignalingChangeResult> {
    return serially(async () => {
      if (closing) return { status: snapshot(), error: 'Command Post is quitting; the signaling settings were not changed.' };
      let target: SignalingSettings;
      try {
        target = effective(preferences);
      } catch (failure) {
        // The environment decides, and cannot be understood: keep the choice for when it is fixed.
        const saveError = await save(preferences, 'The settings could not be saved either:');
        return { status: snapshot(), error: [failureMessage(failure), saveError].filter(Boolean).join(' ') };
      }
      const unchanged = server !== null && server.host === signalingBindAddress(target) && (target.port === 0 || server.port === target.port);
      if (!unchanged) {
        const moved = await rebind(target);
        // Not saved: the settings on disk stay the ones that work.
        if (!moved.ok) return { status: snapshot(), error: moved.message };
      }
      const saveError = await save(preferences, `The signaling server is listening ${server ? where(server) : 'nowhere'}, but the settings could not be saved:`);
      return { status: snapshot(), error: saveError };
    });
  }

  function close(): Promise<void> {
    closing ??= withTimeout(
      serially(async () => {
        if (deps.beforeClose) await withTimeout(deps.beforeClose().catch((failure: unknown) => deps.logError('could not finish before closing', failure)), closeTimeoutMs);
        const last = server;
        server = null;
        if (last) await stop(last);
      }),
      closeTimeoutMs,
    );
    return closing;
  }

  let closedForQuit = false;
  let quitting = false;
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

  return { started, status: () => serially(async () => snapshot()), change, openForShares, close };
}

/** "on ws://127.0.0.1:4444 (this computer only)" or "on port 4444 of every network interface". */
function where(server: SignalingServer): string {
  return server.host === LAN_HOST ? `on port ${server.port} of every network interface` : `on ${server.url} (this computer only)`;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
