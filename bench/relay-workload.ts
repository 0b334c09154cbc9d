/**
 * The relay cluster benchmark's workload (bench/relay.mjs), in the app's own
 * TypeScript: Redis and PostgreSQL (scripts/relay-services.sh, through the
 * tests' harness), two relay nodes each in a process of its own (`npm run
 * relay`'s build, out/relay/cli.js, both on that Redis and that
 * PostgreSQL), and the command posts: RelayLinks, the class the app runs,
 * each with its incident doc and its presence, on Hocuspocus's own provider
 * over `ws`. The incident is the long one of the other benchmarks
 * (bench/pages/long-incident.ts), written through the real commands.
 *
 * Most command posts live in a few processes of their own (hosts: one per
 * core by default, bench/relay.mjs --command-posts), told what to do by
 * this one over Node's IPC: two hundred in one event loop would measure
 * that loop more than the relay, since each takes every change and every
 * presence update of the room, work two hundred machines would share. A
 * few (PROBES) run in this process, which hosts nothing else: they write
 * every entry, and what they see is what a machine with a process of its
 * own sees of the relay. The newcomers run here too. Times cross processes
 * on the system's monotonic clock (process.hrtime).
 *
 * What it times, in this order:
 * - the room loaded: the first command post pushes the incident; the others
 *   join in waves (each node's memory is read before and after);
 * - propagation, the clients split across the nodes (each lists one): a
 *   writer, on one node then the other, logs an entry; when it reaches each
 *   of the others, half of them through Redis;
 * - a newcomer on node 2, from nothing until its doc holds the incident,
 *   against the floor: the same incident's bytes sent over a plain
 *   WebSocket on loopback by another process, applied to a fresh doc;
 * - propagation again, the share listing both nodes (every command post on
 *   both, as the app connects to every relay its share lists);
 * - node 1 killed (SIGKILL): an entry written at once by one of its clients,
 *   until every other holds it, and until every client is up on node 2
 *   alone and synced; then propagation on the one node left.
 *
 * Every command post connects from a loopback address of its own
 * (127.1.x.y), as a machine of its own would: the relay's caps per client
 * address apply to each, as they would in a real response.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createIncidentDoc, logEvent, timelineOf, type TimelineEvent } from '../src/shared/incident';
import { RelayLinks } from '../src/renderer/incidents/sync/relay';
import { relayServices } from '../test/unit/harness/relay-services';
import { longIncidentWriter } from './pages/long-incident';

export interface RelayBenchOptions {
  /** Command posts on the room, the one that pushes the incident included. */
  readonly clients: number;
  /** Processes the command posts are spread over. */
  readonly hosts: number;
  /** Entries in the incident. */
  readonly events: number;
  /** Propagation rounds kept, split across the nodes and with both listed (after `warmup` dropped). */
  readonly rounds: number;
  readonly warmup: number;
  /** Rounds on the one node left after the kill. */
  readonly roundsAfterKill: number;
  /** Fresh newcomers, one after another (and as many floor transfers). */
  readonly newcomers: number;
  /** The built relay (out/relay/cli.js). */
  readonly relayCli: string;
  /** The script a host runs: bench/relay.mjs, which runs hostCommandPosts() when given --command-posts. */
  readonly hostScript: string;
  readonly log: (line: string) => void;
}

/** One propagation round: the writer's node, and when each other command post had the entry (ms after it was logged; null: not within the round's limit). */
export interface Round {
  readonly writerNode: number;
  /** The longest the command posts' processes' event loops were held up during the round, ms: their own load, not the relay's. */
  readonly stallMs: number;
  /** Of the arrivals, those at the command posts with a process to themselves (this one's, PROBES of them, less the writer). */
  readonly ownProcess: (number | null)[];
  readonly arrivals: (number | null)[];
}

export interface NodeMemory {
  /** VmRSS, bytes: started, before any client. */
  readonly idle: number;
  /** With the room loaded and its clients split across the nodes. */
  readonly split: number;
  /** With every client on both nodes. */
  readonly both: number;
  /** VmHWM, bytes: the most it held, up to its last reading. */
  readonly peak: number;
}

/** CPU each process used over a phase, in cores (1 = one core busy all along). */
export interface CpuShare {
  readonly seconds: number;
  readonly nodes: number[];
  readonly hosts: number[];
}

export interface RelayBenchResult {
  readonly clients: number;
  readonly hosts: number;
  /** Command posts in the bench's own process: they write, and see the relay as a machine of its own would. */
  readonly ownProcess: number;
  readonly events: number;
  readonly store: string;
  /** Bytes of the incident's own encoding (Y.encodeStateAsUpdate): what the floor sends. */
  readonly incidentBytes: number;
  readonly setup: {
    readonly buildIncidentMs: number;
    /** From the first command post's start until it was synced with its node (its push follows at once). */
    readonly seedMs: number;
    /** From the first wave's start until every command post holds the whole incident and is synced. */
    readonly loadAllMs: number;
    readonly joinWave: number;
  };
  readonly propagation: { readonly split: Round[]; readonly both: Round[]; readonly afterKill: Round[] };
  readonly newcomer: {
    /** Construction until its doc holds every entry, ms, each a fresh command post on node 2. */
    readonly ms: number[];
    /** Construction until the relay admitted it, ms. */
    readonly admittedMs: number[];
    /** Construction until the room's envelopes were all here (its provider synced), ms: opening and applying them follows. */
    readonly roomMs: number[];
    /** Bytes it received over its WebSocket until then (the room, presence, the protocol). */
    readonly bytes: number[];
    /** The floor: connect, receive the incident's bytes, apply them to a fresh doc, ms. */
    readonly floorMs: number[];
    /** Of the floor, the apply alone, ms. */
    readonly floorApplyMs: number[];
  };
  readonly memory: { readonly nodes: NodeMemory[]; readonly hostsRss: number[] };
  /** The room idle (presence only, every command post on both nodes), then each series of rounds. */
  readonly cpu: { readonly idle: CpuShare; readonly split: CpuShare; readonly both: CpuShare };
  readonly kill: {
    /** SIGKILL until every other command post holds an entry one of node 1's wrote at once, ms (null: not within the limit). */
    readonly deliveredMs: number | null;
    /** SIGKILL until every command post is up on node 2 alone and synced, ms (null: not within the limit). */
    readonly convergedMs: number | null;
    /** Command posts that had not, at the limit. */
    readonly notDelivered: number;
    readonly notConverged: number;
  };
  /** Command posts that, at the end, still lacked an entry written in the run (after waiting for them). */
  readonly missingAtEnd: number;
  /** Connections closed other than by the bench, by phase, code and reason. */
  readonly closes: Record<string, number>;
  /** What went wrong on the way: the relays' error lines, the command posts' warnings. */
  readonly problems: { readonly nodes: string[]; readonly clients: string[] };
}

const LOAD_LIMIT_MS = 120_000;
/** A round waits this long for every command post to have the entry. */
export const ROUND_LIMIT_MS = 10_000;
/** After the kill, this long for every command post to have the entry and be up on the other node. */
export const KILL_LIMIT_MS = 20_000;
const ROUND_GAP_MS = 250;
/** Command posts that join at once; the next wave joins once they hold the incident. */
const JOIN_WAVE = 10;
const IDLE_WINDOW_MS = 5_000;
/**
 * Command posts in the bench's own process, which hosts nothing else while
 * they are timed: every entry is written by one of them, and what they see
 * is what a machine with a process of its own sees of the relay. Even ones
 * list node 1, odd ones node 2.
 */
const PROBES = 4;
const ROLES = ['Scribe', 'Tech Lead', 'Comms Lead', 'Responder', 'Observer'];

/** Milliseconds on the system's monotonic clock: the same in every process of the machine. */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `done()` holds (checked every `everyMs`), or rejects after `limitMs` saying what did not happen. */
async function until(done: () => boolean, limitMs: number, what: string, everyMs = 20): Promise<void> {
  const start = now();
  while (!done()) {
    if (now() - start > limitMs) throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
    await sleep(everyMs);
  }
}

/** What the process is doing, for the connections' closes. */
let phase = 'start';
/** Connections closed by the other side or by the provider, by phase, code and reason. */
const closes = new Map<string, number>();
let closing = false;

/** `ws`, connecting from the given loopback address, counting the bytes it receives into `received`. */
function socketFrom(address: string, owner: { destroyed: boolean }, received?: { bytes: number }): typeof globalThis.WebSocket {
  class FromAddress extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols ?? [], { localAddress: address });
      // A browser's WebSocket only reports errors; `ws` throws one nobody listens for (closing it while it connects, as destroying a link to a dead node does).
      this.on('error', () => {});
      let opened = false;
      this.on('open', () => (opened = true));
      // Connections that were open and that neither the bench nor the command post closed.
      this.on('close', (code: number, reason: Buffer) => {
        if (!opened || owner.destroyed || closing) return;
        const key = `${phase}: ${code}${reason.length ? ` ${reason.toString()}` : ''}`;
        closes.set(key, (closes.get(key) ?? 0) + 1);
      });
      if (received) this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => (received.bytes += Array.isArray(data) ? data.reduce((sum, b) => sum + b.byteLength, 0) : data.byteLength));
    }
  }
  return FromAddress as unknown as typeof globalThis.WebSocket;
}

/** 127.1.x.y for command post i (never .0 or .255); other nets for newcomers (2) and the floor (3). */
const addressOf = (i: number, net = 1) => `127.${net}.${Math.floor(i / 250)}.${(i % 250) + 1}`;

interface CommandPost {
  readonly index: number;
  /** The node it lists first (0 or 1). */
  readonly home: number;
  readonly doc: Y.Doc;
  readonly link: RelayLinks;
  readonly timeline: Y.Array<TimelineEvent>;
  /** Called with each entry's id as it arrives. */
  onEntry: ((id: string) => void) | null;
  /** Called whenever a relay connection opens, closes or syncs. */
  onState: (() => void) | null;
  destroy(): void;
}

interface Room {
  readonly incidentId: string;
  readonly secret: string;
  readonly urls: string[];
}

function commandPost(room: Room, index: number, home: number, urls: string[], options: { doc?: Y.Doc; address?: string; received?: { bytes: number } } = {}): CommandPost {
  const doc = options.doc ?? createIncidentDoc(room.incidentId);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ name: `Responder ${index}`, role: ROLES[index % ROLES.length] });
  const timeline = timelineOf(doc);
  const owner = { destroyed: false };
  // The link's onChange may come before `post` is assigned (it does not today: the link connects after an await).
  const hooks: { post: CommandPost | null } = { post: null };
  const post: CommandPost = {
    index,
    home,
    doc,
    timeline,
    link: new RelayLinks(doc, awareness, {
      secret: room.secret,
      incidentId: room.incidentId,
      urls,
      onChange: () => hooks.post?.onState?.(),
      WebSocket: socketFrom(options.address ?? addressOf(index), owner, options.received),
    }),
    onEntry: null,
    onState: null,
    destroy: () => {
      owner.destroyed = true;
      post.link.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
  hooks.post = post;
  timeline.observe((event) => {
    if (!post.onEntry) return;
    for (const item of event.changes.added) for (const value of item.content.getContent() as TimelineEvent[]) if (typeof value?.id === 'string') post.onEntry(value.id);
  });
  return post;
}

const homeUrls = (room: Room, home: number) => [room.urls[home]!];
const bothUrls = (room: Room, home: number) => [room.urls[home]!, room.urls[1 - home]!];
const holds = (events: number) => (p: CommandPost) => p.timeline.length >= events && p.link.state.up === p.link.state.total && p.link.state.synced;

// ---------------------------------------------------------------------------
// A host: command posts in a process of their own, told what to do over IPC.

type ToHost =
  | { type: 'setup'; room: Room; events: number; captureWarnings: boolean }
  | { type: 'join'; clients: { index: number; home: number }[] }
  | { type: 'expect'; id: string; writer: number; limitMs: number; deadNode?: number }
  | { type: 'write'; index: number; id: string; text: string }
  | { type: 'both'; indices: number[] }
  | { type: 'settle'; entries: number; limitMs: number }
  | { type: 'phase'; phase: string }
  | { type: 'report' }
  | { type: 'stop' };

type FromHost =
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'written'; at: number }
  | { type: 'settled'; short: number }
  | { type: 'arrived'; id: string; arrivals: [number, number][]; converged: [number, number][]; stallMs: number }
  | { type: 'report'; rss: number; closes: [string, number][]; warnings: string[] }
  | { type: 'failed'; error: string };

/**
 * A host's command posts and what it does with them when told: in a process
 * of its own (hostCommandPosts), or in the bench's own (LocalHost: the few
 * that stand for a machine with a process of its own, and write).
 */
function commandPostHost(reply: (message: FromHost) => void, stop: () => void): (message: ToHost) => void {
  const posts = new Map<number, CommandPost>();
  let room: Room | null = null;
  let events = 0;
  const warnings: string[] = [];
  // How late this process's event loop ran: the work of a hundred machines in one process shows here, not in the relay.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  const handle = async (message: ToHost): Promise<void> => {
    switch (message.type) {
      case 'setup':
        room = message.room;
        events = message.events;
        if (message.captureWarnings) {
          const warn = console.warn;
          console.warn = (...args: unknown[]) => {
            warnings.push(args.map(String).join(' '));
            warn(...args);
          };
        }
        return reply({ type: 'done' });
      case 'join': {
        const wave = message.clients.map(({ index, home }) => commandPost(room!, index, home, homeUrls(room!, home)));
        for (const post of wave) posts.set(post.index, post);
        await until(() => wave.every(holds(events)), LOAD_LIMIT_MS, `Command posts ${wave.map((p) => p.index).join(', ')} holding the incident`);
        return reply({ type: 'done' });
      }
      case 'expect': {
        const { id, writer, limitMs, deadNode } = message;
        const arrivals = new Map<number, number>();
        const converged = new Map<number, number>();
        const receivers = [...posts.values()].filter((p) => p.index !== writer);
        loop.reset();
        let finish: () => void = () => {};
        const finished = new Promise<void>((resolve) => (finish = resolve));
        const complete = () => arrivals.size === receivers.length && (deadNode === undefined || converged.size === posts.size);
        for (const post of receivers) {
          post.onEntry = (entry) => {
            if (entry !== id || arrivals.has(post.index)) return;
            arrivals.set(post.index, now());
            if (complete()) finish();
          };
        }
        if (deadNode !== undefined) {
          // Up on the other node alone, and synced with it: the dead one is not counted up any more.
          const alone = (p: CommandPost) => {
            const state = p.link.state;
            return state.up === 1 && state.synced && state.nodes.find((n) => n.url === room!.urls[1 - deadNode])?.state === 'synced';
          };
          for (const post of posts.values()) {
            post.onState = () => {
              if (converged.has(post.index) || !alone(post)) return;
              converged.set(post.index, now());
              if (complete()) finish();
            };
          }
        }
        reply({ type: 'done' });
        if (!complete()) await Promise.race([finished, sleep(limitMs)]);
        for (const post of posts.values()) {
          post.onEntry = null;
          post.onState = null;
        }
        return reply({ type: 'arrived', id, arrivals: [...arrivals], converged: [...converged], stallMs: loop.max / 1e6 });
      }
      case 'write': {
        const post = posts.get(message.index)!;
        const at = now();
        logEvent(post.doc, { kind: 'note', text: message.text }, { actor: `Responder ${post.index}`, now: () => Date.now(), newId: () => message.id });
        return reply({ type: 'written', at });
      }
      case 'both': {
        const wave = message.indices.map((index) => posts.get(index)!);
        for (const post of wave) post.link.setUrls(bothUrls(room!, post.home));
        await until(() => wave.every((p) => p.link.state.up === 2 && p.link.state.synced), LOAD_LIMIT_MS, 'Command posts up on both nodes', 20);
        return reply({ type: 'done' });
      }
      case 'settle': {
        const all = [...posts.values()];
        await until(() => all.every((p) => p.timeline.length >= message.entries), message.limitMs, 'Every entry everywhere').catch(() => {});
        return reply({ type: 'settled', short: all.filter((p) => p.timeline.length < message.entries).length });
      }
      case 'phase':
        phase = message.phase;
        return reply({ type: 'done' });
      case 'report':
        return reply({ type: 'report', rss: process.memoryUsage().rss, closes: [...closes], warnings });
      case 'stop':
        closing = true;
        for (const post of posts.values()) post.destroy();
        posts.clear();
        loop.disable();
        reply({ type: 'done' });
        stop();
    }
  };
  return (message) => void handle(message).catch((error: unknown) => reply({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
}

/** A host in a process of its own (bench/relay.mjs --command-posts): runs until told to stop, or until the bench that forked it is gone. */
export function hostCommandPosts(): void {
  process.on('disconnect', () => process.exit(0));
  const handle = commandPostHost(
    (message) => process.send!(message),
    () => process.disconnect(),
  );
  process.on('message', (message: ToHost) => handle(message));
  process.send!({ type: 'ready' } satisfies FromHost);
}

/** The bench's side of a host: sends it what to do and takes its answers, each by its type. */
abstract class Answers {
  private readonly queue: FromHost[] = [];
  private readonly waiting: { type: FromHost['type']; resolve: (message: FromHost) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  protected abstract send(message: ToHost): void;

  protected take(message: FromHost): void {
    if (message.type === 'failed') return this.fail(`A command post host failed: ${message.error}`);
    const i = this.waiting.findIndex((w) => w.type === message.type);
    if (i < 0) this.queue.push(message);
    else this.waiting.splice(i, 1)[0]!.resolve(message);
  }

  protected fail(why: string): void {
    this.failure ??= new Error(why);
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  /** The first answer of `type` not taken yet, or the next. */
  next<T extends FromHost['type']>(type: T): Promise<Extract<FromHost, { type: T }>> {
    const i = this.queue.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.queue.splice(i, 1)[0] as Extract<FromHost, { type: T }>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ type, resolve: resolve as (message: FromHost) => void, reject }));
  }

  ask<T extends FromHost['type']>(message: ToHost, answer: T): Promise<Extract<FromHost, { type: T }>> {
    const answered = this.next(answer);
    this.send(message);
    return answered;
  }
}

/** Command posts in a process of their own, over IPC. */
class Host extends Answers {
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    super();
    child.on('message', (message: FromHost) => this.take(message));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => this.fail(`A command post host exited (${signal ?? code})`));
  }

  protected send(message: ToHost): void {
    this.child.send(message);
  }
}

/** Command posts in this process. */
class LocalHost extends Answers {
  private readonly handle = commandPostHost(
    (message) => this.take(message),
    () => {},
  );

  protected send(message: ToHost): void {
    queueMicrotask(() => this.handle(message));
  }
}

// ---------------------------------------------------------------------------
// Processes: the relay nodes, the hosts, the floor's server.

interface RelayNode {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

/** Children and services stopped even when this process exits without its finally running (the runner's time limit). */
const running = new Set<ChildProcess>();
let servicesDirectory: string | null = null;
let floorDirectory: string | null = null;

function track(child: ChildProcess): Promise<void> {
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  return exited;
}

function stopEverythingNow(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  if (floorDirectory) rmSync(floorDirectory, { recursive: true, force: true });
  floorDirectory = null;
  if (servicesDirectory) {
    try {
      execFileSync('bash', ['scripts/relay-services.sh', 'stop', servicesDirectory], { stdio: 'ignore' });
    } catch {
      // Nothing more can be done on the way out.
    }
    servicesDirectory = null;
  }
}

function eachLine(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) each(line);
  });
}

async function startNode(cli: string, database: string, redis: string, name: string, problems: string[]): Promise<RelayNode> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--database', database, '--redis', redis], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = track(child);
  // A stack trace is one problem: its first line is kept, not its frames.
  eachLine(child.stderr!, (line) => line.trim() && !/^\s+at /.test(line) && problems.push(`${name}: ${line.trim()}`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not say where it listens within 15 s`)), 15_000);
    eachLine(child.stdout!, (line) => {
      const found = /Relay listening on (ws:\/\/[^\s]+?)(?: |\.?$)/.exec(line);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    void exited.then(() => reject(new Error(`${name} exited before listening: ${problems.join('; ')}`)));
  });
  return { url, child, exited };
}

async function startHost(script: string): Promise<Host> {
  const child = fork(script, ['--command-posts'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  void track(child);
  const host = new Host(child);
  await host.next('ready');
  return host;
}

/** VmRSS and VmHWM of a process, bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** CPU seconds a process has used (user and system), from /proc. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts counting the CPU of these processes; the result says how many cores each used meanwhile. */
function cpuMeter(nodes: RelayNode[], hosts: Host[]): () => CpuShare {
  const start = now();
  const pids = (list: { child: ChildProcess }[]) => list.map((p) => p.child.pid!);
  const before = [...pids(nodes), ...pids(hosts)].map(cpuOf);
  return () => {
    const seconds = (now() - start) / 1000;
    const used = [...pids(nodes), ...pids(hosts)].map((pid, i) => Math.round(((cpuOf(pid) - before[i]!) / seconds) * 100) / 100);
    return { seconds: Math.round(seconds), nodes: used.slice(0, nodes.length), hosts: used.slice(nodes.length) };
  };
}

/** A relay-admission secret as the share dialog makes them (base32), fresh per run: the room is new in the database. */
const freshSecret = () => Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

/** The floor's server: a process of its own that sends `file` to whoever connects, over plain `ws`. */
const FLOOR_SERVER = `
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';
const bytes = readFileSync(process.argv[1]);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: bytes.length + 1024 });
server.on('listening', () => console.log(server.address().port));
server.on('connection', (socket) => socket.send(bytes));
`;

/** Connect, receive the incident's bytes, apply them to a fresh doc: the least a newcomer's sync can cost. */
async function floorTransfers(update: Uint8Array, times: number, expected: number): Promise<{ ms: number[]; applyMs: number[] }> {
  floorDirectory = mkdtempSync(join(tmpdir(), 'cp-relay-bench-'));
  const file = join(floorDirectory, 'incident.bin');
  writeFileSync(file, update);
  const child = spawn(process.execPath, ['--input-type=module', '-e', FLOOR_SERVER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = track(child);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.setEncoding('utf8');
      child.stdout!.once('data', (chunk: string) => resolve(Number(chunk.trim())));
      void exited.then(() => reject(new Error('The floor server exited')));
    });
    const ms: number[] = [];
    const applyMs: number[] = [];
    for (let i = 0; i < times; i++) {
      const start = now();
      const fresh = new Y.Doc();
      await new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}`, { localAddress: addressOf(i, 3) });
        socket.binaryType = 'arraybuffer';
        socket.once('error', reject);
        socket.once('message', (data: ArrayBuffer) => {
          const applyStart = now();
          Y.applyUpdate(fresh, new Uint8Array(data));
          applyMs.push(now() - applyStart);
          socket.close();
          resolve();
        });
      });
      ms.push(now() - start);
      if (fresh.getArray('timeline').length !== expected) throw new Error('The floor did not carry the whole incident: the workload is wrong');
      fresh.destroy();
      await sleep(200);
    }
    return { ms, applyMs };
  } finally {
    child.kill('SIGKILL');
    rmSync(floorDirectory, { recursive: true, force: true });
    floorDirectory = null;
  }
}

// ---------------------------------------------------------------------------
// The bench.

export async function runRelayBench(options: RelayBenchOptions): Promise<RelayBenchResult> {
  const { log } = options;
  process.once('exit', stopEverythingNow);
  const interrupted = (signal: NodeJS.Signals) => {
    stopEverythingNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const nodeProblems: string[] = [];
  const clientProblems: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    clientProblems.push(args.map(String).join(' '));
    warn(...args);
  };
  /** The command posts' processes, and the few posts in this one. */
  const children: Host[] = [];
  const local = new LocalHost();
  const hosts: Answers[] = [local];
  const ours = !(process.env.COMMAND_POST_RELAY_REDIS && process.env.COMMAND_POST_RELAY_POSTGRES);
  log(ours ? 'Starting Redis and PostgreSQL (scripts/relay-services.sh)…' : 'Using the Redis and PostgreSQL in COMMAND_POST_RELAY_REDIS and COMMAND_POST_RELAY_POSTGRES…');
  const services = await relayServices();
  if (ours) servicesDirectory = services.directory;
  try {
    const nodes = [
      await startNode(options.relayCli, services.postgres, services.redis, 'node 1', nodeProblems),
      await startNode(options.relayCli, services.postgres, services.redis, 'node 2', nodeProblems),
    ];
    const urls = nodes.map((node) => node.url);
    log(`Relay nodes at ${urls.join(' and ')}, on Redis ${services.redis}, rooms in PostgreSQL`);
    for (let h = 0; h < options.hosts; h++) children.push(await startHost(options.hostScript));
    hosts.push(...children);
    await sleep(500);
    const idle = nodes.map((node) => memoryOf(node.child.pid!).rss);

    // The incident, as a Scribe's hours of logging leave it.
    let t = now();
    const writer = longIncidentWriter();
    const incidentId = writer.uuid();
    const seedDoc = createIncidentDoc(incidentId);
    await writer.write(seedDoc, options.events, async () => {});
    const buildIncidentMs = now() - t;
    const incidentBytes = Y.encodeStateAsUpdate(seedDoc).byteLength;
    const events = timelineOf(seedDoc).length;
    log(`Incident ${incidentId}: ${events} entries, ${incidentBytes} bytes (written in ${Math.round(buildIncidentMs)} ms)`);
    const room: Room = { incidentId, secret: freshSecret(), urls };
    for (const host of hosts) await host.ask({ type: 'setup', room, events, captureWarnings: host !== local }, 'done');

    // Command post 0 pushes it, from this process: the hosts' posts all start empty.
    t = now();
    const seeder = commandPost(room, 0, 0, homeUrls(room, 0), { doc: seedDoc });
    await until(() => seeder.link.state.up === 1 && seeder.link.state.synced, 15_000, 'The first command post syncing with node 1');
    const seedMs = now() - t;
    // Its push follows its sync; the first wave's arrival shows it reached the room.
    await sleep(500);

    // Every command post, 1 to clients, half on each node (odd ones list node 2): the first few in this
    // process, standing for machines with a process of their own, the rest spread over the hosts; in waves, as a response fills up.
    const hostOf = (index: number): Answers => (index <= PROBES ? local : children[Math.floor((index - PROBES - 1) / 2) % children.length]!);
    const everyone = Array.from({ length: options.clients }, (_, i) => ({ index: i + 1, home: (i + 1) % 2 }));
    for (const host of hosts) await host.ask({ type: 'phase', phase: 'load' }, 'done');
    t = now();
    for (let i = 0; i < everyone.length; i += JOIN_WAVE) {
      const wave = everyone.slice(i, i + JOIN_WAVE);
      await Promise.all(hosts.map((host) => host.ask({ type: 'join', clients: wave.filter((c) => hostOf(c.index) === host) }, 'done')));
    }
    const loadAllMs = now() - t;
    // The first command post was there to push the incident; from here on the hosts' posts are the room (and it writes nothing more).
    seeder.destroy();
    log(`${everyone.length} command posts (${PROBES} here, the rest over ${children.length} processes) hold the incident (${(loadAllMs / 1000).toFixed(1)} s after the first wave, ${JOIN_WAVE} a wave)`);
    await sleep(2_000);
    const split = nodes.map((node) => memoryOf(node.child.pid!).rss);

    const setPhase = (name: string) => Promise.all(hosts.map((host) => host.ask({ type: 'phase', phase: name }, 'done')));
    let written = 0;
    /** One entry written by `writer`: when it reached each other command post (and, with deadNode, when each was up on the other node alone). */
    const broadcast = async (writer: number, limitMs: number, deadNode?: number, before?: () => void) => {
      const id = `bench-${++written}`;
      await Promise.all(hosts.map((host) => host.ask({ type: 'expect', id, writer, limitMs, deadNode }, 'done')));
      const arrived = hosts.map((host) => host.next('arrived'));
      const start = now();
      before?.();
      const { at } = await hostOf(writer).ask({ type: 'write', index: writer, id, text: `Entry ${written}: p99 latency for checkout-api back under 300 ms in eu-west-1 (Responder ${writer})` }, 'written');
      const answers = await Promise.all(arrived);
      const arrivals = new Map(answers.flatMap((a) => a.arrivals));
      const converged = new Map(answers.flatMap((a) => a.converged));
      return { start, at, arrivals, converged, stallMs: Math.max(...answers.map((a) => a.stallMs)), receivers: everyone.filter((c) => c.index !== writer) };
    };
    const round = async (writer: number): Promise<Round> => {
      const { at, arrivals, receivers, stallMs } = await broadcast(writer, ROUND_LIMIT_MS);
      const after = (index: number) => (arrivals.has(index) ? arrivals.get(index)! - at : null);
      return {
        writerNode: writer % 2,
        stallMs,
        arrivals: receivers.map((c) => after(c.index)),
        ownProcess: receivers.filter((c) => c.index <= PROBES).map((c) => after(c.index)),
      };
    };
    /** Rounds whose writers alternate between the nodes and between the command posts of this process (a post's home is its index's parity). */
    const rounds = async (count: number, label: string): Promise<Round[]> => {
      const kept: Round[] = [];
      for (let r = 0; r < options.warmup + count; r++) {
        // Node 1's (even) in even rounds, node 2's (odd) in odd ones.
        const writer = 1 + ((r + 1) % 2) + 2 * (Math.floor(r / 2) % (PROBES / 2));
        const result = await round(writer);
        const missing = result.arrivals.filter((a) => a === null).length;
        const last = Math.max(...result.arrivals.map((a) => a ?? 0));
        if (r >= options.warmup) kept.push(result);
        log(`  ${label}, ${r < options.warmup ? 'warm-up' : `round ${r - options.warmup + 1}`}: writer of node ${result.writerNode + 1}; the last of ${result.arrivals.length} had it after ${Math.round(last)} ms${missing ? `, ${missing} not within ${ROUND_LIMIT_MS / 1000} s` : ''} (those of this process after ${result.ownProcess.map((a) => (a === null ? 'never' : Math.round(a))).join(', ')} ms; the processes held up ${Math.round(result.stallMs)} ms at most)`);
        await sleep(ROUND_GAP_MS + Math.random() * 100);
      }
      return kept;
    };

    log(`Propagation, each command post on one node (${options.warmup} warm-up rounds, then ${options.rounds})…`);
    await setPhase('split');
    let meter = cpuMeter(nodes, children);
    const splitRounds = await rounds(options.rounds, 'split');
    const splitCpu = meter();

    log(`Newcomers on node 2, ${options.newcomers} one after another, in this process…`);
    phase = 'newcomer';
    const newcomer = { ms: [] as number[], admittedMs: [] as number[], roomMs: [] as number[], bytes: [] as number[] };
    let floorUpdate: Uint8Array = new Uint8Array();
    let floorEntries = 0;
    for (let k = 0; k < options.newcomers; k++) {
      const expected = events + written;
      const received = { bytes: 0 };
      const start = now();
      const post = commandPost(room, options.clients + k, 1, homeUrls(room, 1), { address: addressOf(k, 2), received });
      let admitted = NaN;
      let synced = NaN;
      post.onState = () => {
        const state = post.link.state;
        if (state.up && Number.isNaN(admitted)) admitted = now();
        if (state.up && state.synced && Number.isNaN(synced)) synced = now();
      };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const end = await Promise.race([
        new Promise<number>((resolve) => {
          const check = () => {
            if (post.timeline.length < expected) return;
            post.timeline.unobserve(check);
            resolve(now());
          };
          post.timeline.observe(check);
        }),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('A newcomer did not hold the incident within 30 s')), 30_000))),
      ]).finally(() => clearTimeout(timer));
      newcomer.admittedMs.push(admitted - start);
      newcomer.roomMs.push(synced - start);
      newcomer.ms.push(end - start);
      newcomer.bytes.push(received.bytes);
      log(`  newcomer ${k + 1}: ${Math.round(end - start)} ms (admitted after ${Math.round(admitted - start)} ms, the room received after ${Math.round(synced - start)} ms), ${received.bytes} bytes received`);
      floorUpdate = Y.encodeStateAsUpdate(post.doc);
      floorEntries = post.timeline.length;
      post.destroy();
      await sleep(500);
    }
    log(`Floor: the same incident (${floorUpdate.byteLength} bytes) over a plain WebSocket from another process, applied to a fresh doc…`);
    const floor = await floorTransfers(floorUpdate, options.newcomers, floorEntries);

    log('Every command post now lists both nodes, as a share that lists both makes it…');
    await setPhase('both');
    // In waves too, as they joined: all at once, their presence would be renewed all at once every 15 s.
    for (let i = 0; i < everyone.length; i += JOIN_WAVE) {
      const wave = everyone.slice(i, i + JOIN_WAVE);
      await Promise.all(hosts.map((host) => host.ask({ type: 'both', indices: wave.filter((c) => hostOf(c.index) === host).map((c) => c.index) }, 'done')));
    }
    await sleep(2_000);
    meter = cpuMeter(nodes, children);
    await sleep(IDLE_WINDOW_MS);
    const idleCpu = meter();
    const both = nodes.map((node) => memoryOf(node.child.pid!));
    log(`Propagation, each command post on both nodes…`);
    meter = cpuMeter(nodes, children);
    const bothRounds = await rounds(options.rounds, 'both');
    const bothCpu = meter();
    const hostsRss = await Promise.all(children.map(async (host) => (await host.ask({ type: 'report' }, 'report')).rss));

    log('Killing node 1 (SIGKILL); one of its command posts writes at once…');
    await setPhase('kill');
    // Command post 2 is one of node 1's (even indices list it first), in this process.
    const killed = await broadcast(2, KILL_LIMIT_MS, 0, () => nodes[0]!.child.kill('SIGKILL'));
    await nodes[0]!.exited;
    const deliveredMs = killed.arrivals.size === killed.receivers.length ? Math.max(...killed.arrivals.values()) - killed.start : null;
    const convergedMs = killed.converged.size === everyone.length ? Math.max(...killed.converged.values()) - killed.start : null;
    log(
      `  every other command post held the entry after ${deliveredMs === null ? `(${killed.receivers.length - killed.arrivals.size} never)` : `${Math.round(deliveredMs)} ms`}; ` +
        `every one up on node 2 alone and synced after ${convergedMs === null ? `(${everyone.length - killed.converged.size} never)` : `${Math.round(convergedMs)} ms`}`,
    );
    await sleep(1_000);
    log('Propagation on node 2 alone…');
    await setPhase('after the kill');
    const afterKill = await rounds(options.roundsAfterKill, 'after the kill');
    const node2Last = memoryOf(nodes[1]!.child.pid!);
    // Late is not lost: every entry written should be everywhere in the end.
    const entries = events + written;
    const settled = await Promise.all(hosts.map((host) => host.ask({ type: 'settle', entries, limitMs: ROUND_LIMIT_MS }, 'settled')));
    const missingAtEnd = settled.reduce((sum, s) => sum + s.short, 0);
    log(`At the end, ${missingAtEnd ? `${missingAtEnd} command posts lack entries` : `every command post holds all ${entries} entries`}.`);

    const reports = await Promise.all(hosts.map((host) => host.ask({ type: 'report' }, 'report')));
    const allCloses = new Map<string, number>();
    for (const report of reports) {
      for (const [key, count] of report.closes) allCloses.set(key, (allCloses.get(key) ?? 0) + count);
      clientProblems.push(...report.warnings);
    }
    return {
      clients: options.clients,
      hosts: children.length,
      ownProcess: PROBES,
      events,
      store: 'PostgreSQL, shared by both nodes',
      incidentBytes,
      setup: { buildIncidentMs, seedMs, loadAllMs, joinWave: JOIN_WAVE },
      propagation: { split: splitRounds, both: bothRounds, afterKill },
      newcomer: { ...newcomer, floorMs: floor.ms, floorApplyMs: floor.applyMs },
      memory: {
        nodes: nodes.map((_, n) => ({ idle: idle[n]!, split: split[n]!, both: both[n]!.rss, peak: n === 1 ? node2Last.peak : both[n]!.peak })),
        hostsRss,
      },
      cpu: { idle: idleCpu, split: splitCpu, both: bothCpu },
      missingAtEnd,
      kill: { deliveredMs, convergedMs, notDelivered: killed.receivers.length - killed.arrivals.size, notConverged: everyone.length - killed.converged.size },
      closes: Object.fromEntries(allCloses),
      problems: { nodes: nodeProblems, clients: clientProblems },
    };
  } finally {
    console.warn = warn;
    closing = true;
    await Promise.all(hosts.map((host) => Promise.race([host.ask({ type: 'stop' }, 'done').catch(() => {}), sleep(5_000)])));
    await Promise.race([Promise.all(children.map((host) => host.exited)), sleep(5_000)]);
    for (const child of running) child.kill('SIGTERM');
    await sleep(1_500);
    for (const child of running) child.kill('SIGKILL');
    running.clear();
    await services.stop().catch((error: unknown) => log(`Stopping Redis and PostgreSQL: ${String(error)}`));
    servicesDirectory = null;
    process.off('exit', stopEverythingNow);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
