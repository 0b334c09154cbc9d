import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../../src/main/protocol/handler';
import { resolveAppRequestPath } from '../../../src/main/protocol/resolve-path';
import { APP_SCHEME_DEFINITION, registerAppSchemePrivileges } from '../../../src/main/protocol/scheme';
import { CAPTURE_PAGE_POLICY, CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';

const ROOT = '/opt/command-post/out/renderer';
const WIN_ROOT = 'C:\\Program Files\\Command Post\\resources\\app\\out\\renderer';

function isInside(root: string, file: string, api: typeof path = path): boolean {
  const rel = api.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !api.isAbsolute(rel);
}

describe('resolveAppRequestPath', () => {
  it('maps app://command-post paths into the renderer directory', () => {
    expect(resolveAppRequestPath('app://command-post/index.html', ROOT)).toBe(`${ROOT}/index.html`);
    expect(resolveAppRequestPath('app://command-post/assets/index-abc.js?v=1#x', ROOT)).toBe(`${ROOT}/assets/index-abc.js`);
    expect(resolveAppRequestPath('app://command-post/assets/my%20font.woff2', ROOT)).toBe(`${ROOT}/assets/my font.woff2`);
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppRequestPath('app://command-post/', ROOT)).toBe(`${ROOT}/index.html`);
    expect(resolveAppRequestPath('app://command-post', ROOT)).toBe(`${ROOT}/index.html`);
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'file:///opt/command-post/out/renderer/index.html',
      'http://command-post/index.html',
      'app://evil/index.html',
      'app://command-post.evil/index.html',
      'app://command-post:8080/index.html',
      'app://user:pw@command-post/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequestPath(url, ROOT), url).toBeNull();
    }
  });

  it('never resolves outside the root, however the traversal is spelled', () => {
    const attempts = [
      'app://command-post/../../../etc/passwd',
      'app://command-post/assets/../../secret',
      'app://command-post/%2e%2e/%2e%2e/etc/passwd',
      'app://command-post/%2E%2E/secret',
      'app://command-post/..%2f..%2f..%2fetc%2fpasswd',
      'app://command-post/assets%2f..%2f..%2fmain%2findex.js',
      'app://command-post/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://command-post/..%5c..%5csecret',
      'app://command-post/a\\..\\..\\secret',
      'app://command-post//etc/passwd',
      'app://command-post/%2fetc%2fpasswd',
      'app://command-post/C:/Windows/win.ini',
      'app://command-post/index.html%00.png',
      'app://command-post/%',
      'app://command-post/%E0%A4%A',
    ];
    for (const url of attempts) {
      const resolved = resolveAppRequestPath(url, ROOT);
      expect(resolved === null || isInside(ROOT, resolved), `${url} -> ${resolved}`).toBe(true);
    }
    // The ones that only decoding reveals must be refused outright, not
    // "repaired" into some other file.
    expect(resolveAppRequestPath('app://command-post/..%2f..%2f..%2fetc%2fpasswd', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/assets%2f..%2f..%2fmain%2findex.js', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/%2fetc%2fpasswd', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post//etc/passwd', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/..%5c..%5csecret', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/index.html%00.png', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/%E0%A4%A', ROOT)).toBeNull();
  });

  it('refuses the root directory itself', () => {
    // The URL parser folds "assets/%2e%2e" to "/", which is index.html...
    expect(resolveAppRequestPath('app://command-post/assets/%2e%2e', ROOT)).toBe(`${ROOT}/index.html`);
    // ...but an encoded slash hides the dot segment from it until decoding.
    expect(resolveAppRequestPath('app://command-post/assets%2f..', ROOT)).toBeNull();
    expect(resolveAppRequestPath('app://command-post/assets%2f.', ROOT)).toBe(`${ROOT}/assets`);
  });

  it('holds with Windows path semantics too', () => {
    const win = path.win32;
    for (const url of [
      'app://command-post/..%5c..%5cWindows%5cwin.ini',
      'app://command-post/C:%5cWindows%5cwin.ini',
      'app://command-post/C:/Windows/win.ini',
      'app://command-post/%5c%5cserver%5cshare%5cx',
      'app://command-post/..%2f..%2fsecret',
      'app://command-post/index.html::$DATA',
    ]) {
      const resolved = resolveAppRequestPath(url, WIN_ROOT, win);
      expect(resolved, url).toBeNull();
    }
    expect(resolveAppRequestPath('app://command-post/assets/app.js', WIN_ROOT, win)).toBe(`${WIN_ROOT}\\assets\\app.js`);
  });
});

describe('createAppProtocolHandler', () => {
  const fileBody = '<!doctype html><title>Command Post</title>';

  function setup(options: { files?: string[]; contentType?: string | null } = {}) {
    const files = new Set(options.files ?? [`${ROOT}/index.html`, `${ROOT}/assets/index.js`]);
    const fetchFile = vi.fn(async (fileUrl: string) => {
      const headers = new Headers();
      if (options.contentType !== null) headers.set('Content-Type', options.contentType ?? 'text/html');
      // Bytes, not a string: a string body would get a text/plain type.
      const body = new TextEncoder().encode(`${fileBody}<!-- ${fileURLToPath(fileUrl)} -->`);
      return new Response(body, { status: 200, headers });
    });
    const isFile = vi.fn(async (p: string) => files.has(p));
    const handler = createAppProtocolHandler({ rootDir: ROOT, fetchFile, isFile });
    return { handler, fetchFile, isFile };
  }

  it('serves a file from the renderer directory with the CSP header', async () => {
    const { handler, fetchFile } = setup();
    const response = await handler(new Request('app://command-post/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain(`${ROOT}/index.html`);
    expect(fetchFile).toHaveBeenCalledWith(`file://${ROOT}/index.html`);
  });

  it('serves the quick-capture page under a policy with no network at all', async () => {
    const { handler } = setup({ files: [`${ROOT}/capture.html`] });
    const response = await handler(new Request('app://command-post/capture.html'));
    expect(response.status).toBe(200);
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    expect(policy).toBe(CAPTURE_PAGE_POLICY);
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toMatch(/\bwss?:/);
    // The command post's page keeps its WebSockets: it syncs.
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self' ws: wss:;");
  });

  it('fills in a JavaScript type when the file loader gave none', async () => {
    const { handler } = setup({ contentType: null });
    const response = await handler(new Request('app://command-post/assets/index.js'));
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
  });

  it('keeps the type the file loader gave', async () => {
    const { handler } = setup({ contentType: 'application/javascript' });
    const response = await handler(new Request('app://command-post/assets/index.js'));
    expect(response.headers.get('Content-Type')).toBe('application/javascript');
  });

  it('answers 404 without touching the disk for traversal attempts', async () => {
    const { handler, fetchFile, isFile } = setup();
    const response = await handler(new Request('app://command-post/..%2f..%2f..%2fetc%2fpasswd'));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBeNull();
    expect(isFile).not.toHaveBeenCalled();
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers 404 for a wrong host, a missing file and a directory', async () => {
    const { handler, fetchFile } = setup();
    for (const url of ['app://elsewhere/index.html', 'app://command-post/missing.js', 'app://command-post/assets/']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers 404 when the file cannot be read', async () => {
    const { handler, fetchFile } = setup();
    fetchFile.mockRejectedValueOnce(new Error('net::ERR_FILE_NOT_FOUND'));
    expect((await handler(new Request('app://command-post/index.html'))).status).toBe(404);
  });

  it('is read-only', async () => {
    const { handler, fetchFile } = setup();
    const response = await handler(new Request('app://command-post/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers HEAD without a body', async () => {
    const { handler } = setup();
    const response = await handler(new Request('app://command-post/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('app scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, without CORS or CSP bypass', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppSchemePrivileges(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(APP_SCHEME_DEFINITION.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_DEFINITION.privileges).not.toHaveProperty('corsEnabled');
  });
});
