/**
 * Entry point of `npm run relay` (built by vite.relay.config.ts to
 * out/relay/cli.js and run with Node). Wiring only: see command.ts.
 */
import { networkInterfaces } from 'node:os';
import { exitWith, processIO } from '../net/process-io';
import { runRelayCommand } from './command';
import { startRelayNode } from './server';

exitWith(
  await runRelayCommand({
    argv: process.argv.slice(2),
    env: process.env,
    start: startRelayNode,
    networkInterfaces,
    ...processIO(),
  }),
);
