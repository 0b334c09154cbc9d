/**
 * The real signaling servers of the chaos bench (`node out/signal/cli.js`,
 * what `npm run signal` runs), listening on every interface of the private
 * namespace so that every browser's namespace reaches them at the hub's
 * address.
 *
 * The share lists two of them, as an invite does when two command posts can
 * introduce peers; one runs at a time:
 * - restarting one is SIGKILL, then the same server again on the same port;
 * - replacing it is SIGKILL, then the other one, on its own port (every
 *   peer already has both in its share, as an invite made by two command
 *   posts would say; y-webrtc keeps dialling the one that is down).
 * Ports are picked free at the first start and reused after.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { withTimeout } from '../common.mjs';
import { HUB_ADDRESS } from './network.mjs';

const SIGNAL_CLI = resolve('out/signal/cli.js');
const START_TIMEOUT_MS = 15_000;

export class SignalingServer {
  /** `origin`: where the browsers' pages come from, let in with --allow-origin. */
  constructor(name, origin) {
    this.name = name;
    this.origin = origin;
    this.port = 0;
    this.child = null;
  }

  get url() {
    return `ws://${HUB_ADDRESS}:${this.port}`;
  }

  get running() {
    return this.child !== null;
  }

  async start() {
    if (this.child) return;
    const child = spawn(process.execPath, [SIGNAL_CLI, '--lan', '--port', String(this.port), '--allow-origin', this.origin], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    try {
      const port = await withTimeout(
        new Promise((resolvePort, reject) => {
          const read = (chunk) => {
            output += chunk.toString();
            const found = /ws:\/\/[\d.]+:(\d+)/.exec(output);
            if (found) resolvePort(Number(found[1]));
          };
          child.stdout.on('data', read);
          child.stderr.on('data', read);
          child.once('exit', (code) => reject(new Error(`Signaling server ${this.name} exited (${code}): ${output.trim()}`)));
        }),
        START_TIMEOUT_MS,
        `Starting signaling server ${this.name}`,
      );
      if (this.port && port !== this.port) throw new Error(`Signaling server ${this.name} came back on ${port}, not ${this.port}`);
      this.port = port;
      child.once('exit', () => {
        if (this.child === child) this.child = null;
      });
    } catch (error) {
      child.kill('SIGKILL');
      this.child = null;
      throw error;
    }
  }

  /** SIGKILL: no goodbye to its clients, as when its machine dies. */
  async kill() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const gone = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await withTimeout(gone, 5_000, `Signaling server ${this.name} exiting`).catch(() => {});
  }
}
