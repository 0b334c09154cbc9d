/**
 * Which web pages the signaling server and the relay let in, and how the
 * list is written on the command line and in the environment
 * (src/main/net/allowed-origins.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  ALLOW_ORIGINS_ENV,
  AllowedOriginError,
  allowedOriginsFromCommandLine,
  originAllowed,
  originsFromEnv,
  OWN_ORIGINS,
  parseAllowedOrigin,
  WEB_HOST,
} from '../../../src/main/net/allowed-origins';
import { APP_ORIGIN } from '../../../src/main/security/origins';
import webConfig from '../../../vite.web.config';

describe('the app’s own origins', () => {
  it('are the desktop app’s protocol and the web host, where vite.web.config.ts serves it', () => {
    expect(OWN_ORIGINS).toEqual([
      APP_ORIGIN,
      'http://127.0.0.1:4173',
      'http://localhost:4173',
      'http://127.0.0.1:5173',
      'http://localhost:5173',
    ]);
    expect(webConfig.preview).toMatchObject({ host: WEB_HOST.host, port: WEB_HOST.previewPort, strictPort: true });
    expect(webConfig.server).toMatchObject({ host: WEB_HOST.host, port: WEB_HOST.devPort, strictPort: true });
    expect(WEB_HOST.host).toBe('127.0.0.1');
  });
});

describe('parseAllowedOrigin', () => {
  it('turns what a person writes into the origin a browser sends', () => {
    expect(parseAllowedOrigin('http://CP.Example.LAN:8080/', '--allow-origin')).toBe('http://cp.example.lan:8080');
    expect(parseAllowedOrigin(' https://cp.example.lan:443 ', '--allow-origin')).toBe('https://cp.example.lan');
    expect(parseAllowedOrigin('app://command-post/index.html', '--allow-origin')).toBe(APP_ORIGIN);
  });

  it('refuses what is not an origin, saying where it came from and how to write one', () => {
    for (const value of ['*', 'cp.example.lan', '192.168.1.20:4173', 'null', '', 'file:///tmp/x.html', 'http://']) {
      expect(() => parseAllowedOrigin(value, '--allow-origin'), value).toThrow(AllowedOriginError);
    }
    expect(() => parseAllowedOrigin('cp.example.lan', '--allow-origin')).toThrow(
      '--allow-origin="cp.example.lan" is not an origin: write it as scheme://host[:port], as in http://command-post.example.lan:8080.',
    );
  });
});

describe('originsFromEnv and the command line', () => {
  it('reads a comma- or space-separated list from COMMAND_POST_ALLOW_ORIGINS', () => {
    expect(ALLOW_ORIGINS_ENV).toBe('COMMAND_POST_ALLOW_ORIGINS');
    expect(originsFromEnv({})).toEqual([]);
    expect(originsFromEnv({ COMMAND_POST_ALLOW_ORIGINS: '  ' })).toEqual([]);
    expect(originsFromEnv({ COMMAND_POST_ALLOW_ORIGINS: 'http://a.lan:8080, http://b.lan\thttps://c.lan,' })).toEqual([
      'http://a.lan:8080',
      'http://b.lan',
      'https://c.lan',
    ]);
    expect(() => originsFromEnv({ COMMAND_POST_ALLOW_ORIGINS: 'http://a.lan b.lan' })).toThrow(/COMMAND_POST_ALLOW_ORIGINS="b\.lan" is not an origin/);
  });

  it('always keeps the app’s own; the flags, when given, win over the environment', () => {
    const env = { COMMAND_POST_ALLOW_ORIGINS: 'http://from-env.lan' };
    expect(allowedOriginsFromCommandLine(undefined, {})).toEqual(OWN_ORIGINS);
    expect(allowedOriginsFromCommandLine(undefined, env)).toEqual([...OWN_ORIGINS, 'http://from-env.lan']);
    expect(allowedOriginsFromCommandLine(['http://a.lan', 'http://A.lan/', APP_ORIGIN], env)).toEqual([...OWN_ORIGINS, 'http://a.lan']);
  });
});

describe('originAllowed', () => {
  const allowed = new Set(OWN_ORIGINS);

  it('lets in the listed origins and requests without an Origin (not web pages)', () => {
    expect(originAllowed('app://command-post', allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4173', allowed)).toBe(true);
    expect(originAllowed(undefined, allowed)).toBe(true);
  });

  it('refuses every other page, including an empty or "null" Origin', () => {
    for (const origin of ['https://evil.example', 'null', '', 'http://127.0.0.1:4174', 'app://command-post.evil', 'http://localhost:4173.evil.example']) {
      expect(originAllowed(origin, allowed), origin).toBe(false);
    }
  });
});
