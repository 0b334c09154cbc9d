/**
 * A relay cluster, for real: two Hocuspocus nodes on 127.0.0.1 sharing a
 * Redis and a PostgreSQL (scripts/relay-services.sh, or those .ci/run
 * started), a third node alone on a SQLite file, and command posts
 * (RelayLinks, as the app runs them) on them. Every byte between the nodes
 * and Redis, PostgreSQL and the clients passes through recording proxies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { RelayServer } from '../../../src/main/relay/server';
import { closeRelays, connectedToRelays, relayMachine, startTestRelay, type RelayMachine } from '../harness/relay';
import { recordingProxy, relayServices, type RecordingProxy, type RelayServices } from '../harness/relay-services';

const INCIDENT = '5a7e0c1d-2222-4333-8444-555566667777';
/** A fresh invite per run: the database may be one .ci/run keeps for every test. */
const secret = () => Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

let services: RelayServices;
const proxies: RecordingProxy[] = [];
const folders: string[] = [];

beforeAll(async () => {
  services = await relayServices();
}, 60_000);

afterAll(async () => {
  await services?.stop();
});

afterEach(async () => {
  await closeRelays();
  for (const proxy of proxies.splice(0)) await proxy.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function proxyTo(url: string): Promise<{ url: string; proxy: RecordingProxy }> {
  const parsed = new URL(url);
  const proxy = await recordingProxy(`${parsed.hostname}:${parsed.port}`);
  proxies.push(proxy);
  parsed.port = String(proxy.port);
  return { url: parsed.href, proxy };
}

/** A node of the cluster: Redis and PostgreSQL reached through the given URLs. */
const clusterNode = (redis: string, database: string, port = 0) => startTestRelay({ redis, database, port });

function say(m: RelayMachine, sentences: readonly string[]): void {
  m.doc.transact(() => {
    for (const sentence of sentences) m.timeline.push([sentence]);
  });
}

const has = (m: RelayMachine, sentences: readonly string[]) => vi.waitFor(() => expect(m.timeline.toArray()).toEqual(expect.arrayContaining([...sentences])), { timeout: 5_000 });

/** Every file under a directory, as bytes (what someone who copied the disk would hold). */
function filesUnder(directory: string): Buffer[] {
  const found: Buffer[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stat = statSync(path);
    if (stat.isDirectory()) found.push(...filesUnder(path));
    else if (stat.isFile()) found.push(readFileSync(path));
  }
  return found;
}

async function redisDump(url: string): Promise<Buffer[]> {
  const redis = new IORedis(url);
  try {
    const dumps: Buffer[] = [];
    for await (const keys of redis.scanStream({ count: 1000 }) as AsyncIterable<string[]>) {
      for (const key of keys) {
        dumps.push(Buffer.from(key));
        const value = await redis.dumpBuffer(key);
        if (value) dumps.push(value);
      }
    }
    return dumps;
  } finally {
    redis.disconnect();
  }
}

async function databaseRows(url: string): Promise<Buffer[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; state: Buffer }>('SELECT name, state FROM relay_rooms');
    return rows.flatMap((row) => [Buffer.from(row.name), row.state]);
  } finally {
    await client.end();
  }
}

describe('a relay cluster: two nodes, Redis and PostgreSQL', () => {
  it('carries an incident between nodes while Redis, the database, the files and every connection hold ciphertext only', async () => {
    const invite = secret();
    const redis = await proxyTo(services.redis);
    const database = await proxyTo(services.postgres);
    const sqliteFolder = mkdtempSync(join(tmpdir(), 'cp-relay-cluster-'));
    folders.push(sqliteFolder);
    const [one, two] = [await clusterNode(redis.url, database.url), await clusterNode(redis.url, database.url)];
    const alone = await startTestRelay({ database: join(sqliteFolder, 'rooms.sqlite') });
    const clientTraffic: Buffer[] = [];

    const ada = relayMachine(INCIDENT, invite, [one.url, alone.url], { traffic: clientTraffic });
    const bo = relayMachine(INCIDENT, invite, [two.url], { traffic: clientTraffic });
    ada.awareness.setLocalState({ name: 'Ada Quartermaine', role: 'Incident Commander' });
    await connectedToRelays(ada, 2);
    await connectedToRelays(bo);
    const sentences = [
      'Failover of the orders database to the Frankfurt replica began',
      'Quartermaine approved the rollback of payment-gateway build 7731',
      'Customer-facing checkout errors fell below the paging threshold',
    ];
    say(ada, sentences);
    // Across nodes: Ada is on node one, Bo on node two; Redis carries it between them.
    await has(bo, sentences);
    await vi.waitFor(() => expect([...bo.awareness.getStates().values()]).toContainEqual(expect.objectContaining({ name: 'Ada Quartermaine' })), { timeout: 5_000 });
    const redisWhileRunning = await redisDump(services.redis);
    // Everything is written before anything is searched.
    await Promise.all([one.close(), two.close(), alone.close()]);

    const haystacks: [string, Buffer[]][] = [
      ['the clients’ traffic', clientTraffic],
      ['traffic to Redis', [redis.proxy.captured()]],
      ['traffic to PostgreSQL', [database.proxy.captured()]],
      ['Redis keys and values', [...redisWhileRunning, ...(await redisDump(services.redis))]],
      ['the database rows', await databaseRows(services.postgres)],
      ['the SQLite files', filesUnder(sqliteFolder)],
      ...(services.directory ? ([['PostgreSQL’s files', filesUnder(join(services.directory, 'pg'))]] as [string, Buffer[]][]) : []),
    ];
    const needles = [...sentences.map((s) => s.slice(8, 28)), 'Ada Quartermaine', 'Incident Commander'].map((text) => Buffer.from(text));
    // The search can find them: they are in the incident itself, as Yjs writes it.
    const incident = Buffer.concat([Buffer.from(Y.encodeStateAsUpdate(ada.doc)), Buffer.from(JSON.stringify(ada.awareness.getLocalState()))]);
    for (const needle of needles) expect(incident.includes(needle)).toBe(true);
    for (const [where, buffers] of haystacks) {
      // Redis may hold no key at all once the nodes are gone (it carries messages, and locks while a room is written).
      if (where !== 'Redis keys and values') expect(buffers.reduce((sum, b) => sum + b.length, 0), where).toBeGreaterThan(0);
      const hits = needles.filter((needle) => buffers.some((buffer) => buffer.includes(needle)));
      expect(hits.map(String), where).toEqual([]);
    }
  }, 60_000);

  it('gives a newcomer the whole incident with every command post offline, after every node has restarted', async () => {
    const invite = secret();
    let nodes: RelayServer[] = [await clusterNode(services.redis, services.postgres), await clusterNode(services.redis, services.postgres)];
    const ports = nodes.map((node) => node.port);
    const ada = relayMachine(INCIDENT, invite, [nodes[0]!.url]);
    await connectedToRelays(ada);
    const sentences = ['Orders database declared primary again', 'Replication lag back under one second'];
    say(ada, sentences);
    await vi.waitFor(() => expect(ada.link.state.synced).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Every command post goes offline, then every node stops and starts again.
    ada.link.destroy();
    await Promise.all(nodes.map((node) => node.close()));
    nodes = [await clusterNode(services.redis, services.postgres, ports[0]), await clusterNode(services.redis, services.postgres, ports[1])];

    const newcomer = relayMachine(INCIDENT, invite, [nodes[1]!.url]);
    await has(newcomer, sentences);
  }, 30_000);

  it('when a node dies, its clients go on through another at once, losing nothing, and presence stays', async () => {
    const invite = secret();
    const [one, two] = [await clusterNode(services.redis, services.postgres), await clusterNode(services.redis, services.postgres)];
    const ada = relayMachine(INCIDENT, invite, [one.url, two.url]);
    const bo = relayMachine(INCIDENT, invite, [one.url, two.url]);
    ada.awareness.setLocalState({ name: 'Ada' });
    await connectedToRelays(ada, 2);
    await connectedToRelays(bo, 2);
    await vi.waitFor(() => expect(bo.awareness.getStates().get(ada.doc.clientID)).toEqual({ name: 'Ada' }));

    await one.close();
    const died = Date.now();
    say(ada, ['Written after node one died']);
    await has(bo, ['Written after node one died']);
    expect(Date.now() - died).toBeLessThan(5_000);
    // Presence never went off on Bo's side, through the node's death and after.
    for (let i = 0; i < 10; i++) {
      expect(bo.awareness.getStates().get(ada.doc.clientID)).toEqual({ name: 'Ada' });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ada.link.state).toMatchObject({ total: 2, up: 1 });
    expect(ada.link.state.nodes.map((node) => node.state)).toEqual(['connecting', 'synced']);
  }, 30_000);
});
