/**
 * One command post's main process, as far as the LAN is concerned, under
 * plain Node: the signaling server (installSignaling, Electron's `app`
 * injected as a stub) and discovery (installDiscovery with the real
 * bonjour-service transport), plus the page's half of a knock (the shared
 * knock protocol over a WebSocket, as the renderer will run it). The LAN test
 * (../discovery-lan.test.ts) bundles this file and runs one copy in each
 * network namespace, driving it with JSON lines on stdin and reading JSON
 * lines on stdout.
 *
 * Commands (one JSON object a line): {cmd:'watch', on}, {cmd:'share',
 * shareKey, incident}, {cmd:'unshare', shareKey}, {cmd:'settings', ...},
 * {cmd:'knock', address, port, id, name, machine}, {cmd:'decide',
 * requestId, role?, invite?} (no role: refuse), {cmd:'sniff', ms} (every raw
 * mDNS packet heard, hex), {cmd:'exit'}. Each is answered with
 * {reply:<cmd>, seq, ...}; events are {event:'status'|'knock'|'pending', at, ...}.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { createInterface } from 'node:readline';
import { Bonjour } from 'bonjour-service';
import WebSocket from 'ws';
import { installDiscovery } from '../../../../src/main/discovery';
import { createBonjourTransport } from '../../../../src/main/discovery/bonjour';
import { installSignaling } from '../../../../src/main/signaling';
import { startSignalingServer } from '../../../../src/main/signaling/server';
import type { DiscoveryPreferences, SignalingPreferences } from '../../../../src/shared/ipc';
import { createKnockHost, type IncomingKnock, type KnockHost, knockTopic, startKnock } from '../../../../src/shared/sync/knock';

const port = Number(process.env.CP_TEST_PORT ?? 4545);

// Another program holding mDNS's port without sharing it (CP_TEST_HOLD_MDNS=1).
if (process.env.CP_TEST_HOLD_MDNS === '1') createSocket({ type: 'udp4' }).bind(5353, '0.0.0.0');
const out = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ at: Date.now(), ...message })}\n`);
const timers = { setTimer: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimer: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) };

let signalingPreferences: SignalingPreferences = { exposeOnLan: false, port };
let discoveryPreferences: DiscoveryPreferences = { enabled: true, displayName: process.env.CP_TEST_NAME ?? '' };

let closeDiscovery = async (): Promise<void> => {};
const signaling = installSignaling({
  // Goodbyes first, as in the app (src/main/index.ts).
  beforeClose: () => closeDiscovery(),
  app: { on: () => undefined, quit: () => undefined } as never,
  env: process.env,
  rendererOrigin: 'app://command-post',
  preferences: {
    get: () => signalingPreferences,
    save: async (preferences) => {
      signalingPreferences = preferences;
    },
    problem: () => null,
  },
  start: startSignalingServer,
  networkInterfaces,
  log: () => undefined,
  logError: (message, error) => out({ event: 'error', message, error: String(error ?? '') }),
});

const discovery = installDiscovery({
  env: process.env,
  preferences: {
    get: () => discoveryPreferences,
    save: async (preferences) => {
      discoveryPreferences = preferences;
    },
    problem: () => null,
  },
  signaling,
  createTransport: (interfaces, onError) => createBonjourTransport({ interfaces, onError }),
  networkInterfaces,
  randomBytes: (count) => new Uint8Array(randomBytes(count)),
  clock: { now: Date.now, ...timers },
  notify: (status) => out({ event: 'status', status }),
  logError: (message, error) => out({ event: 'error', message, error: String(error ?? '') }),
});

closeDiscovery = () => discovery.close();

/** The page's side of a share: a connection to its own signaling server, answering knocks at the share's ids. */
const hosts = new Map<string, { socket: WebSocket; hosts: KnockHost[] }>();
const knocks = new Map<string, IncomingKnock>();

function hostKnocks(shareKey: string, ids: readonly string[]): void {
  hosts.get(shareKey)?.socket.close();
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  const send = (message: Record<string, unknown>) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const listeners = ids.map((announcedId) =>
    createKnockHost({
      announcedId,
      send,
      onKnock: (knock) => {
        knocks.set(knock.requestId, knock);
        out({ event: 'knock', shareKey, announcedId, requestId: knock.requestId, name: knock.name, machine: knock.machine, code: knock.code });
      },
      onError: (error) => out({ event: 'error', message: 'knock host', error: String(error) }),
    }),
  );
  socket.on('open', () => send({ type: 'subscribe', topics: listeners.map((h) => h.topic) }));
  socket.on('message', (data) => {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    for (const host of listeners) host.handle(message);
  });
  socket.on('error', () => undefined);
  hosts.set(shareKey, { socket, hosts: listeners });
}

async function knock(command: { address: string; port: number; id: string; name: string; machine: string }): Promise<Record<string, unknown>> {
  const socket = new WebSocket(`ws://${command.address}:${command.port}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
  // Subscribed before the first ask goes out, so the host's first reply is not missed.
  send({ type: 'subscribe', topics: [knockTopic(command.id)] });
  const attempt = await startKnock({
    announcedId: command.id,
    name: command.name,
    machine: command.machine,
    send: (message) => {
      if (socket.readyState === WebSocket.OPEN) send(message);
    },
    timers,
    timeoutMs: 10_000,
    onPending: (code) => out({ event: 'pending', code }),
  });
  socket.on('message', (data) => {
    try {
      attempt.handle(JSON.parse(String(data)));
    } catch {
      // Not JSON: not ours.
    }
  });
  const result = await attempt.result;
  socket.close();
  return { ...result };
}

/**
 * A hostile machine: `count` services of our type straight through the mDNS
 * library, with direction-changing, overlong names and ids of its own.
 */
function flood(count: number): number {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((info) => info?.family === 'IPv4' && !info.internal)?.address;
  const bonjour = new Bonjour({ interface: address, bind: '0.0.0.0' } as ConstructorParameters<typeof Bonjour>[0], () => undefined);
  for (let n = 0; n < count; n++) {
    const id = randomBytes(16).toString('hex');
    bonjour.publish({
      name: id,
      type: 'command-post',
      port: 1000 + n,
      host: `${id}.local`,
      probe: false,
      disableIPv6: true,
      txt: { v: '1', id, n: `\u202Eexe.${'W'.repeat(120)}`, c: `\u2066Evil\u2069\u200B${n}`, s: 'SEV-1' },
    });
  }
  return count;
}

/** Every mDNS packet this namespace hears, raw: what the network is told, whoever tells it. */
function sniff(ms: number): Promise<{ from: string; hex: string }[]> {
  return new Promise((resolve) => {
    const packets: { from: string; hex: string }[] = [];
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('message', (message, from) => packets.push({ from: from.address, hex: message.toString('hex') }));
    socket.on('error', () => undefined);
    socket.bind(5353, '0.0.0.0', () => {
      for (const infos of Object.values(networkInterfaces())) {
        for (const info of infos ?? []) {
          if (info.family === 'IPv4' && !info.internal) {
            try {
              socket.addMembership('224.0.0.251', info.address);
            } catch {
              // Already a member there.
            }
          }
        }
      }
    });
    setTimeout(() => socket.close(() => resolve(packets)), ms);
  });
}

async function run(command: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (command.cmd) {
    case 'watch':
      return { status: await discovery.watch(command.on === true) };
    case 'share': {
      const result = await discovery.share({ shareKey: String(command.shareKey), incident: (command.incident ?? null) as never });
      if (result.share) hostKnocks(result.share.shareKey, result.share.ids);
      return { ...result };
    }
    case 'unshare':
      hosts.get(String(command.shareKey))?.socket.close();
      return { status: await discovery.unshare(String(command.shareKey)) };
    case 'settings':
      return { ...(await discovery.change(command.preferences as DiscoveryPreferences)) };
    case 'signaling':
      return { status: await signaling.status() };
    case 'knock':
      return knock(command as never);
    case 'decide': {
      const pending = knocks.get(String(command.requestId));
      if (!pending) return { ok: false };
      if (typeof command.role === 'string') await pending.admit(command.role as 'responder' | 'observer', String(command.invite));
      else await pending.refuse();
      return { ok: true };
    }
    case 'flood':
      return { published: flood(Number(command.count)) };
    case 'sniff':
      return { packets: await sniff(Number(command.ms)) };
    case 'exit':
      for (const { socket } of hosts.values()) socket.close();
      await signaling.close();
      setTimeout(() => process.exit(0), 50);
      return {};
    default:
      return { error: `unknown command ${String(command.cmd)}` };
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let command: Record<string, unknown>;
  try {
    command = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return;
  }
  run(command).then(
    (reply) => out({ reply: command.cmd, seq: command.seq, ...reply }),
    (error: unknown) => out({ reply: command.cmd, seq: command.seq, error: String(error) }),
  );
});

void signaling.started.then((server) => out({ event: 'ready', port: server?.port ?? null }));
