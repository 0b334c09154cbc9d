/**
 * The chaos bench's network: one network namespace per browser, joined to
 * the private namespace the bench runs in (test/e2e/private-network.sh, "the
 * hub"), so that the link between two particular browsers can be cut and
 * healed while both still reach everyone else.
 *
 *   browser i's namespace               the hub (private-network.sh's namespace)
 *   eth0 10.78.i.2/24  ── veth ──  cpc<i> 10.78.i.1/24
 *   default via 10.78.i.1                ip_forward on; the page server and the
 *                                        signaling servers listen on 10.77.0.1
 *
 * Every browser has an address of its own (in one namespace they would all
 * share the veth pair's addresses, and no cut could tell them apart), and
 * reaches the others through the hub, which routes between the /24s. A cut
 * between A and B is two policy-routing rules in the hub,
 * `ip rule add from A to B blackhole` and its mirror: their packets are
 * dropped without a word (as on a cable pulled out or a Wi-Fi that stops
 * carrying), while both still reach the signaling server, the pages and the
 * other two browsers. Healing deletes the two rules.
 *
 * A namespace is held by a `cat` reading a pipe from this process
 * (`unshare --net cat`): it lives as long as the bench and ends by itself
 * when the bench does, even if the bench is killed. Chromium is launched in
 * it through bench/chaos/chromium-in-netns.sh (nsenter then exec, so the pid
 * Playwright sees is the browser's own); Playwright talks to the browser
 * over a pipe, so where the browser's network is makes no difference to
 * driving it. Nothing here is named or mounted (no `ip netns add`): nothing
 * outlives the bench, and nothing is visible outside its private namespace.
 *
 * Refuses to run outside a private namespace (CP_PRIVATE_NET=1, set by
 * test/e2e/private-network.sh): it adds links, routes and rules, and
 * switches on forwarding, which must never happen on the machine's own
 * network.
 */
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 10_000;

/** The hub's own address, from test/e2e/private-network.sh: pages and signaling listen here. */
export const HUB_ADDRESS = '10.77.0.1';

export const peerAddress = (i) => `10.78.${i + 1}.2`;
const hubSide = (i) => `10.78.${i + 1}.1`;
const hubLink = (i) => `cpc${i + 1}`;

async function ip(args, netns) {
  const [file, argv] = netns ? ['nsenter', [`--net=${netns}`, 'ip', ...args]] : ['ip', args];
  try {
    await run(file, argv, { timeout: COMMAND_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`${file} ${argv.join(' ')} failed: ${error.stderr?.trim() || error.message}`, { cause: error });
  }
}

export function assertPrivateNetwork() {
  if (process.env.CP_PRIVATE_NET !== '1') {
    throw new Error(
      'The chaos bench changes links, routes and rules: it runs only inside its private network namespace. ' +
        'Run it as npm run bench:chaos (bash test/e2e/private-network.sh node bench/chaos.mjs).',
    );
  }
}

/**
 * Makes `count` browser namespaces joined to the hub. Returns
 * { netns: [path per browser], cut(a, b), heal(a, b), healAll(), close() }.
 */
export async function makeNetwork(count) {
  assertPrivateNetwork();
  // Forwarding between the browsers' /24s, in this (private) namespace only.
  await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
  const holders = [];
  const netns = [];
  const cuts = new Set();
  try {
    for (let i = 0; i < count; i++) {
      const holder = spawn('unshare', ['--net', 'cat'], { stdio: ['pipe', 'ignore', 'inherit'] });
      holders.push(holder);
      await new Promise((resolve, reject) => {
        holder.once('spawn', resolve);
        holder.once('error', reject);
      });
      const path = `/proc/${holder.pid}/ns/net`;
      // unshare has made the namespace once its own namespace differs from ours.
      for (let tries = 0; ; tries++) {
        const [mine, theirs] = await Promise.all([run('readlink', ['/proc/self/ns/net']), run('readlink', [path]).catch(() => ({ stdout: '' }))]);
        if (theirs.stdout && theirs.stdout !== mine.stdout) break;
        if (tries > 100) throw new Error('unshare --net did not make a namespace within 5 s');
        await sleep(50);
      }
      netns.push(path);
      await ip(['link', 'add', hubLink(i), 'type', 'veth', 'peer', 'name', 'eth0', 'netns', path]);
      await ip(['addr', 'add', `${hubSide(i)}/24`, 'dev', hubLink(i)]);
      await ip(['link', 'set', hubLink(i), 'up']);
      await ip(['link', 'set', 'lo', 'up'], path);
      await ip(['addr', 'add', `${peerAddress(i)}/24`, 'dev', 'eth0'], path);
      await ip(['link', 'set', 'eth0', 'up'], path);
      await ip(['route', 'add', 'default', 'via', hubSide(i)], path);
    }
  } catch (error) {
    for (const holder of holders) holder.kill('SIGKILL');
    throw error;
  }

  const rule = (verb, from, to) => ip(['rule', verb, 'from', peerAddress(from), 'to', peerAddress(to), 'blackhole']);
  const key = (a, b) => (a < b ? `${a}-${b}` : `${b}-${a}`);
  return {
    netns,
    async cut(a, b) {
      if (cuts.has(key(a, b))) return;
      cuts.add(key(a, b));
      await rule('add', a, b);
      await rule('add', b, a);
    },
    async heal(a, b) {
      if (!cuts.delete(key(a, b))) return;
      await rule('del', a, b);
      await rule('del', b, a);
    },
    cutPairs: () => [...cuts].map((k) => k.split('-').map(Number)),
    async healAll() {
      for (const [a, b] of [...cuts].map((k) => k.split('-').map(Number))) await this.heal(a, b);
    },
    async close() {
      await this.healAll().catch(() => {});
      for (let i = 0; i < holders.length; i++) await ip(['link', 'del', hubLink(i)]).catch(() => {});
      for (const holder of holders) {
        holder.stdin.end();
        holder.kill('SIGKILL');
      }
    },
  };
}
