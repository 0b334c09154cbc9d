/**
 * What `npm run signal` and `npm run relay` share: read the flags, start the
 * server, say where it listens, and run until SIGINT or SIGTERM, then close
 * it so clients hear it is going away (1001) instead of timing out. Each
 * command brings its own flags and words; the process itself is injected
 * (see process-io.ts) so that all of this can be tested.
 */

export interface CommandIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Calls handler on each of these signals until the returned function is called. */
  onSignals: (signals: readonly NodeJS.Signals[], handler: (signal: NodeJS.Signals) => void) => () => void;
}

export interface ServerCommand<Settings, Server extends { close(): Promise<void> }> {
  /** The server as it reads mid-sentence: 'relay', 'signaling server'. */
  name: string;
  usage: string;
  /** The settings from the command line, or 'help'. Throws on anything it cannot understand. */
  settings: () => Settings | 'help';
  /** Starts listening; rejects with a message people can act on when it cannot. */
  start: (settings: Settings, onError: (error: Error) => void) => Promise<Server>;
  /** Where it listens and who can reach it, once started. */
  describe: (server: Server, settings: Settings) => string[];
}

const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs the server until SIGINT or SIGTERM, then closes it. Resolves with the
 * exit code: 0 after a clean stop, 1 when it could not listen, 2 for bad
 * arguments, 130 when a second signal cuts the shutdown short.
 */
export async function runServerCommand<Settings, Server extends { close(): Promise<void> }>(
  command: ServerCommand<Settings, Server>,
  io: CommandIO,
): Promise<number> {
  let settings: Settings | 'help';
  try {
    settings = command.settings();
  } catch (error) {
    io.err(messageOf(error));
    io.err(command.usage);
    return 2;
  }
  if (settings === 'help') {
    io.out(command.usage);
    return 0;
  }

  let server: Server;
  try {
    server = await command.start(settings, (error) => io.err(`${capitalised(command.name)} error: ${error.message}`));
  } catch (error) {
    io.err(messageOf(error));
    return 1;
  }

  for (const line of command.describe(server, settings)) io.out(line);
  io.out('Press Ctrl+C to stop.');
  return untilStopped(server, command.name, io);
}

/** The first signal closes the server; a second one, while it closes, gives up waiting (a client may hold it up). */
function untilStopped(server: { close(): Promise<void> }, name: string, io: CommandIO): Promise<number> {
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stopListening = io.onSignals(SHUTDOWN_SIGNALS, (signal) => {
      if (stopping) {
        stopListening();
        io.err(`${signal} again: stopping at once.`);
        resolve(130);
        return;
      }
      stopping = true;
      io.out(`${signal}: closing the ${name}...`);
      void server.close().then(() => {
        stopListening();
        io.out(`${capitalised(name)} stopped.`);
        resolve(0);
      });
    });
  });
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
