/**
 * Redis and PostgreSQL for relay cluster tests: those .ci/run started (their
 * URLs in COMMAND_POST_RELAY_REDIS and COMMAND_POST_RELAY_POSTGRES), or
 * private ones started here by scripts/relay-services.sh and stopped after.
 * Also a TCP proxy that records every byte passed through it, both ways: a
 * capture of what crosses the loopback between a relay and its clients,
 * Redis or the database.
 */
import { execFile } from 'node:child_process';
import { createConnection, createServer, type Socket } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RelayServices {
  readonly redis: string;
  readonly postgres: string;
  /** Where their data lives on disk, when known (started here, or by .ci/run). */
  readonly directory: string | null;
  stop(): Promise<void>;
}

export async function relayServices(): Promise<RelayServices> {
  const { COMMAND_POST_RELAY_REDIS: redis, COMMAND_POST_RELAY_POSTGRES: postgres, COMMAND_POST_RELAY_SERVICES: directory } = process.env;
  if (redis && postgres) return { redis, postgres, directory: directory ?? null, stop: async () => {} };
  const { stdout } = await run('bash', ['scripts/relay-services.sh', 'start']);
  const found = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const started = found.COMMAND_POST_RELAY_SERVICES!;
  return {
    redis: found.COMMAND_POST_RELAY_REDIS!,
    postgres: found.COMMAND_POST_RELAY_POSTGRES!,
    directory: started,
    stop: async () => {
      await run('bash', ['scripts/relay-services.sh', 'stop', started]);
    },
  };
}

export interface RecordingProxy {
  readonly port: number;
  /** Everything that passed through, both ways, so far. */
  captured(): Buffer;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to `target` (host:port) that records what passes. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const [host, port] = target.split(':') as [string, string];
  const chunks: Buffer[] = [];
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host, port: Number(port) });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (data: Buffer) => {
      chunks.push(data);
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      chunks.push(data);
      client.write(data);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    captured: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
