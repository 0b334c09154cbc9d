/**
 * Entry point of `npm run signal` (built by vite.signal.config.ts to
 * out/signal/cli.js and run with Node). Wiring only: see command.ts.
 */
import { networkInterfaces } from 'node:os';
import { exitWith, processIO } from '../net/process-io';
import { runSignalingCommand } from './command';
import { startSignalingServer } from './server';

exitWith(
  await runSignalingCommand({
    argv: process.argv.slice(2),
    env: process.env,
    start: startSignalingServer,
    networkInterfaces,
    ...processIO(),
  }),
);
