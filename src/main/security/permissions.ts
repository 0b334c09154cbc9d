import type { Session } from 'electron';
import type { UrlAllowlist } from './origins';

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

/** Every permission name Electron can ask about. */
export type Permission = Parameters<PermissionRequestHandler>[1];

/**
 * The only permissions the renderer ever gets: desktop notifications (an
 * incident update while the window is in the background) and writing to the
 * clipboard (copying a status update). Camera, microphone, geolocation, HID,
 * serial, and everything else added to Chromium in the future stay denied:
 * Electron grants all permissions by default, so the list must be an allowlist.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['notifications', 'clipboard-sanitized-write']);

/** The single decision both handlers use: an allowed permission, asked for by our own page. */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, isAppUrl: UrlAllowlist): boolean {
  return GRANTED_PERMISSIONS.has(permission as Permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * Installs the request handler (asynchronous prompts such as
 * Notification.requestPermission) and the check handler (synchronous queries
 * such as Notification.permission) so they never disagree.
 */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
  isAppUrl: UrlAllowlist,
): void {
  const onRequest: PermissionRequestHandler = (_webContents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, isAppUrl));
  };
  const onCheck: PermissionCheckHandler = (_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, isAppUrl);
  session.setPermissionRequestHandler(onRequest);
  session.setPermissionCheckHandler(onCheck);
}
