/**
 * Entry point of `npm run web` (built by vite.signal.config.ts to
 * out/signal/web-host.js and run with Node). Wiring only: see command.ts.
 */
import { networkInterfaces } from 'node:os';
import { exitWith, processIO } from '../net/process-io';
import { startSignalingServer } from '../signaling/server';
import { runWebHostCommand } from './command';
import { startWebApp } from './preview';

exitWith(
  await runWebHostCommand({
    argv: process.argv.slice(2),
    env: process.env,
    startWeb: startWebApp,
    startSignaling: startSignalingServer,
    networkInterfaces,
    ...processIO(),
  }),
);
