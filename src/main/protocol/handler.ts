import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { policyForPage } from '../security/csp';
import { resolveAppRequestPath } from './resolve-path';

export interface AppProtocolHandlerOptions {
  /** The built renderer (out/renderer). Nothing outside it is ever served. */
  rootDir: string;
  /** Electron's net.fetch, which reads file:// URLs; injected for tests. */
  fetchFile: (fileUrl: string) => Promise<Response>;
  /** Whether the path is a regular file; defaults to fs.stat. */
  isFile?: (filePath: string) => Promise<boolean>;
}

/**
 * Types for the few kinds of file Vite emits, used only when the file loader
 * did not supply one: with nosniff, a module script without a JavaScript type
 * would be refused.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

async function isRegularFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extra },
  });
}

/**
 * The protocol.handle('app', ...) handler: serves the built renderer, read-only.
 *
 * Every response carries the CSP as a header (see ../security/csp.ts). A
 * directory is never served: Chromium's file loader would answer with a
 * generated listing. Refusals are plain 404s that do not say why.
 */
export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: Request) => Promise<Response> {
  const isFile = options.isFile ?? isRegularFile;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const filePath = resolveAppRequestPath(request.url, options.rootDir);
    if (filePath === null || !(await isFile(filePath))) return plain(404, 'Not Found');

    let file: Response;
    try {
      file = await options.fetchFile(pathToFileURL(filePath).href);
    } catch {
      return plain(404, 'Not Found');
    }

    const headers = new Headers(file.headers);
    if (!headers.has('Content-Type')) {
      const type = CONTENT_TYPES[extname(filePath).toLowerCase()];
      if (type) headers.set('Content-Type', type);
    }
    headers.set('Content-Security-Policy', policyForPage(new URL(request.url)));
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(request.method === 'HEAD' ? null : file.body, {
      status: file.status,
      statusText: file.statusText,
      headers,
    });
  };
}
