/**
 * Entry point of `npm run relay` (built by vite.relay.config.ts to
 * out/relay/cli.js and run with Node). Wiring only: see command.ts.
 */
import { networkInterfaces } from 'node:os';
import { runRelayCommand } from './command';
import { startRelayServer } from './server';

const exitCode = await runRelayCommand({
  argv: process.argv.slice(2),
  start: startRelayServer,
  networkInterfaces,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  onSignals: (signals, handler) => {
    for (const signal of signals) process.on(signal, handler);
    return () => {
      for (const signal of signals) process.off(signal, handler);
    };
  },
});

process.exitCode = exitCode;
// Everything is closed by now and Node exits by itself; this only covers a
// shutdown cut short by a second Ctrl+C.
setTimeout(() => process.exit(exitCode), 2_000).unref();
