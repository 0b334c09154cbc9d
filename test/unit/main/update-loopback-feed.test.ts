/**
 * The one-shot feed that hands an installer from a USB stick or a shared
 * folder to electron-updater (src/main/updates/loopback-feed.ts): only on
 * 127.0.0.1, only the files it was given, never anything around them, and
 * gone once the installer was sent or its time ran out.
 */
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLoopbackFeed, type LoopbackFeed } from '../../../src/main/updates/loopback-feed';

let dir = '';
let feed: LoopbackFeed | null = null;

/** A raw request, so paths reach the server exactly as written (fetch would normalise "..") */
function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, method: options.method ?? 'GET', headers: options.host ? { host: options.host } : {} }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-post-feed-'));
  await mkdir(join(dir, 'stick'));
  await writeFile(join(dir, 'stick', 'latest.yml'), 'version: 1.4.0\npath: Command Post Setup 1.4.0.exe\n');
  await writeFile(join(dir, 'stick', 'Command Post Setup 1.4.0.exe'), 'installer bytes');
  await writeFile(join(dir, 'stick', 'notes.txt'), 'not part of the update');
  await writeFile(join(dir, 'secret.txt'), 'outside the folder');
});
afterEach(async () => {
  await feed?.stop();
  feed = null;
  await rm(dir, { recursive: true, force: true });
});

function files(): Map<string, string> {
  return new Map([
    ['latest.yml', join(dir, 'stick', 'latest.yml')],
    ['Command Post Setup 1.4.0.exe', join(dir, 'stick', 'Command Post Setup 1.4.0.exe')],
  ]);
}

describe('the loopback update feed', () => {
  it('listens on 127.0.0.1 only, on a port of its own', async () => {
    feed = await startLoopbackFeed({ files: files() });
    expect(feed.url).toBe(`http://127.0.0.1:${feed.port}/`);
    expect(feed.port).toBeGreaterThan(0);
  });

  it('serves the files it was given, by name, with electron-updater’s cache-busting query', async () => {
    feed = await startLoopbackFeed({ files: files() });
    expect(await get(feed.port, '/latest.yml?noCache=1a2b3c')).toEqual({ status: 200, body: 'version: 1.4.0\npath: Command Post Setup 1.4.0.exe\n' });
    expect(await get(feed.port, '/Command%20Post%20Setup%201.4.0.exe')).toEqual({ status: 200, body: 'installer bytes' });
    expect((await get(feed.port, '/latest.yml', { method: 'HEAD' })).status).toBe(200);
  });

  it('serves nothing else: not the folder’s other files, no listing, no path out of it', async () => {
    feed = await startLoopbackFeed({ files: files() });
    for (const path of ['/notes.txt', '/', '/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/stick/latest.yml', '//latest.yml', '/latest.yml%00', '/%E0%A4%A']) {
      const response = await get(feed.port, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('outside the folder');
    }
    expect(feed.refused).toContain('notes.txt');
  });

  it('answers only GET and HEAD, and only requests addressed to 127.0.0.1 at its port', async () => {
    feed = await startLoopbackFeed({ files: files() });
    expect((await get(feed.port, '/latest.yml', { method: 'POST' })).status).toBe(405);
    expect((await get(feed.port, '/latest.yml', { host: 'attacker.example' })).status).toBe(421);
    expect((await get(feed.port, '/latest.yml', { host: `localhost:${feed.port}` })).status).toBe(421);
  });

  it('stops by itself once the installer has been sent', async () => {
    feed = await startLoopbackFeed({ files: files(), stopAfter: 'Command Post Setup 1.4.0.exe' });
    const { port } = feed;
    expect((await get(port, '/latest.yml')).status).toBe(200);
    expect((await get(port, '/Command%20Post%20Setup%201.4.0.exe')).status).toBe(200);
    await feed.stopped;
    await expect(get(port, '/latest.yml')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops even when the client hangs up the moment it has every byte, before the file stream ends', async () => {
    // A race the first version lost about one time in ten: repeated to catch it.
    for (let i = 0; i < 40; i++) {
      const once = await startLoopbackFeed({ files: files(), stopAfter: 'Command Post Setup 1.4.0.exe' });
      expect((await get(once.port, '/Command%20Post%20Setup%201.4.0.exe')).body).toBe('installer bytes');
      const outcome = await Promise.race([once.stopped.then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still running'), 2000))]);
      if (outcome !== 'stopped') await once.stop();
      expect(outcome, `run ${i}`).toBe('stopped');
    }
  });

  it('stays up for a retry when a download is broken off midway', async () => {
    const big = join(dir, 'stick', 'big.exe');
    await writeFile(big, Buffer.alloc(8_000_000, 1));
    feed = await startLoopbackFeed({ files: new Map([['big.exe', big]]), stopAfter: 'big.exe' });
    const { port } = feed;
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/big.exe', agent: false }, (response) => {
        response.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => {});
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await get(port, '/big.exe', { method: 'HEAD' })).status).toBe(200);
  });

  it('stops by itself when its time runs out, even if nothing was fetched', async () => {
    feed = await startLoopbackFeed({ files: files(), timeoutMs: 50 });
    const { port } = feed;
    await feed.stopped;
    await expect(get(port, '/latest.yml')).rejects.toThrow(/ECONNREFUSED/);
  });
});
