/**
 * A one-shot update feed on 127.0.0.1, for updates that are files (a USB
 * stick, a shared folder): electron-updater only fetches over HTTP, and its
 * platform install logic (NSIS, Squirrel.Mac, AppImage, deb, rpm) is what
 * should apply them, so the files are served to it from this machine.
 *
 * It serves exactly the files it is given, by name, from one folder level:
 * no listing, no other path, no traversal ("..", encoded slashes), only GET
 * and HEAD, and only to requests addressed to 127.0.0.1 at its port (a web
 * page cannot reach it through a rebound DNS name). It stops itself once the
 * installer has been sent, or after a timeout, whichever comes first, so it
 * never outlives the update it was started for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { open } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const LOOPBACK_HOST = '127.0.0.1';
/** Reading 100 MB from a slow USB stick takes a minute or two; ten is generous. */
export const DEFAULT_FEED_TIMEOUT_MS = 10 * 60_000;

export interface LoopbackFeedOptions {
  /** Name in the URL → file on disk. Nothing else is served. */
  files: ReadonlyMap<string, string>;
  /** When this file has been sent in full, the feed stops. */
  stopAfter?: string;
  timeoutMs?: number;
}

export interface LoopbackFeed {
  /** http://127.0.0.1:<port>/, for setFeedURL. */
  readonly url: string;
  readonly port: number;
  /** Names asked for and refused, decoded: what electron-updater wanted that was not given. */
  readonly refused: readonly string[];
  /** Resolves once the server has stopped, whatever stopped it. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

export async function startLoopbackFeed(options: LoopbackFeedOptions): Promise<LoopbackFeed> {
  const refused: string[] = [];
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping = false;
  let port = 0;

  const server = createServer((request, response) => {
    void serve(request, response).catch(() => {
      // The client went away mid-file, or the disk failed: end this response only.
      if (!response.headersSent) respond(response, 500, 'The file could not be read.');
      else response.destroy();
    });
  });

  const stop = (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      clearTimeout(timer);
      server.close(() => resolveStopped());
      server.closeIdleConnections();
      // A connection still open a moment later is dropped: the feed must end.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    }
    return stopped;
  };
  const timer = setTimeout(() => void stop(), options.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS);
  timer.unref();

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== `${LOOPBACK_HOST}:${port}`) return respond(response, 421, 'Wrong host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(response, 405, 'Only GET and HEAD.');
    const name = nameOf(request.url ?? '');
    const path = name === null ? undefined : options.files.get(name);
    if (name === null || path === undefined) {
      if (refused.length < 100) refused.push(name ?? (request.url ?? '').slice(0, 200));
      return respond(response, 404, 'Not part of this update.');
    }
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return respond(response, 404, 'Not a file.');
      response.writeHead(200, {
        'content-type': name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
        'content-length': stats.size,
        'cache-control': 'no-store',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      let sent = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sent += chunk.length;
          done(null, chunk);
        },
      });
      if (name === options.stopAfter) {
        // On 'close', whether or not the pipeline saw its end: a client that
        // has every byte (its Content-Length) may hang up before the stream
        // ends, which the pipeline reports as a premature close. A download
        // broken off midway leaves the feed up, for electron-updater's retry.
        response.once('close', () => {
          if (sent === stats.size) void stop();
        });
      }
      await pipeline(handle.createReadStream({ autoClose: false }), count, response);
    } finally {
      await handle.close();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/`,
    port,
    refused,
    stopped,
    stop,
  };
}

/** The one file name a path asks for ("/a.exe?noCache=1" → "a.exe"), or null for anything else. */
function nameOf(rawUrl: string): string | null {
  const path = rawUrl.split('?')[0] ?? '';
  if (!/^\/[^/]+$/.test(path)) return null;
  let name: string;
  try {
    name = decodeURIComponent(path.slice(1));
  } catch {
    return null;
  }
  if (name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
  return name;
}

function respond(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
