/**
 * The Node process behind a server command (cli.ts of `npm run signal` and
 * `npm run relay`): its console, its signals and its exit. Only the entry
 * points use this; everything else gets a CommandIO it can fake.
 */
import type { CommandIO } from './server-command';

export function processIO(): CommandIO {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    onSignals: (signals, handler) => {
      for (const signal of signals) process.on(signal, handler);
      return () => {
        for (const signal of signals) process.off(signal, handler);
      };
    },
  };
}

/** Sets the exit code and lets Node exit once nothing is left to do. */
export function exitWith(code: number): void {
  process.exitCode = code;
  // Everything is closed by now and Node exits by itself; this only covers a
  // shutdown cut short by a second Ctrl+C.
  setTimeout(() => process.exit(code), 2_000).unref();
}
