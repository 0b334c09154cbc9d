import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as RENDERER_CSP } from '../../../vite.renderer.config';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  createOriginAllowlist,
  isExternalWebUrl,
  originOf,
} from '../../../src/main/security/origins';

describe('originOf', () => {
  it('computes scheme://host for our custom scheme, where URL#origin says "null"', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe('app://command-post');
    expect(originOf('app://command-post')).toBe('app://command-post');
  });

  it('keeps the port and drops path, query, fragment and credentials', () => {
    expect(originOf('http://localhost:5173/src/main.tsx?x=1#y')).toBe('http://localhost:5173');
    expect(originOf('http://localhost:5173@evil.example/')).toBe('http://evil.example');
    expect(originOf('HTTPS://Example.COM:443/')).toBe('https://example.com');
  });

  it('has no origin for hostless or malformed URLs', () => {
    for (const url of ['file:///etc/passwd', 'about:blank', 'data:text/html,hi', 'javascript:alert(1)', 'not a url', '']) {
      expect(originOf(url), url).toBeNull();
    }
  });
});

describe('createOriginAllowlist', () => {
  const isAppUrl = createOriginAllowlist([APP_ORIGIN, 'http://localhost:5173']);

  it('accepts exactly the listed origins', () => {
    expect(isAppUrl('app://command-post/index.html')).toBe(true);
    expect(isAppUrl('app://command-post/assets/index.js')).toBe(true);
    expect(isAppUrl('http://localhost:5173/')).toBe(true);
  });

  it('rejects look-alikes', () => {
    for (const url of [
      'app://command-post.evil.example/index.html',
      'app://command-post:1/index.html',
      'app://other/index.html',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'file:///work/main/out/renderer/index.html',
      'about:blank',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isExternalWebUrl', () => {
  it('allows only http and https', () => {
    expect(isExternalWebUrl('https://status.example.com/incident/1')).toBe(true);
    expect(isExternalWebUrl('http://intranet/runbook')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://command-post/', 'ms-msdt:foo', 'nonsense']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  function directives(policy: string): Map<string, string> {
    return new Map(
      policy.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
  }

  it('is the policy the renderer build puts in its meta tag, plus frame-ancestors', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(RENDERER_CSP);
    // Browsers ignore frame-ancestors in a <meta> policy, so only the header
    // can carry it; every other directive must be identical in both.
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    meta.delete('frame-ancestors');
    expect(header).toEqual(meta);
    expect(header.size).toBeGreaterThan(5);
  });

  it('allows scripts from our own origin only', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
