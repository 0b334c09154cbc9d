import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, createOriginAllowlist } from '../../../src/main/security/origins';
import { GRANTED_PERMISSIONS, installPermissionHandlers, isPermissionGranted, type Permission } from '../../../src/main/security/permissions';

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type CheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

const isAppUrl = createOriginAllowlist([APP_ORIGIN]);
const APP_PAGE = 'app://command-post/index.html';
const DENIED: Permission[] = ['media', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'display-capture', 'unknown'];

function install() {
  let onRequest: RequestHandler | undefined;
  let onCheck: CheckHandler | undefined;
  const session = {
    setPermissionRequestHandler: vi.fn((handler: RequestHandler | null) => {
      onRequest = handler ?? undefined;
    }),
    setPermissionCheckHandler: vi.fn((handler: CheckHandler | null) => {
      onCheck = handler ?? undefined;
    }),
  };
  installPermissionHandlers(session, isAppUrl);
  if (!onRequest || !onCheck) throw new Error('handlers were not installed');
  const request = onRequest;
  const check = onCheck;
  const contents = {} as WebContents;
  return {
    request: (permission: Permission, requestingUrl: string) => {
      const callback = vi.fn();
      request(contents, permission, callback, { requestingUrl, isMainFrame: true });
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as boolean;
    },
    check: (permission: Permission, origin: string) => check(contents, permission, origin, { isMainFrame: true }),
  };
}

describe('permissions', () => {
  it('grants exactly notifications and sanitized clipboard writes', () => {
    expect([...GRANTED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
  });

  it('answers requests from our page: allowlisted yes, everything else no', () => {
    const { request } = install();
    expect(request('notifications', APP_PAGE)).toBe(true);
    expect(request('clipboard-sanitized-write', APP_PAGE)).toBe(true);
    for (const permission of DENIED) expect(request(permission, APP_PAGE), permission).toBe(false);
  });

  it('denies even allowlisted permissions to other origins', () => {
    const { request, check } = install();
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect(request('clipboard-sanitized-write', 'file:///tmp/x.html')).toBe(false);
    expect(check('notifications', 'https://evil.example')).toBe(false);
  });

  it('makes the check handler agree with the request handler', () => {
    const { check } = install();
    expect(check('notifications', APP_ORIGIN)).toBe(true);
    expect(check('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    for (const permission of DENIED) expect(check(permission, APP_ORIGIN), permission).toBe(false);
  });

  it('denies when the requesting URL is unknown', () => {
    expect(isPermissionGranted('notifications', undefined, isAppUrl)).toBe(false);
    expect(isPermissionGranted('notifications', '', isAppUrl)).toBe(false);
  });
});
