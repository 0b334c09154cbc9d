import type { WebContents } from 'electron';
import { isExternalWebUrl, type UrlAllowlist } from './origins';

export interface NavigationGuardOptions {
  /** True for URLs the renderer itself may live at (our app or dev origin). */
  isAppUrl: UrlAllowlist;
  /** shell.openExternal in production; injected so tests never open a browser. */
  openExternal: (url: string) => Promise<void>;
  /** Where to report a failed openExternal (it must never crash main). */
  onError?: (error: unknown) => void;
}

/**
 * Keeps a WebContents on our own origin.
 *
 * - Top-level navigations and server redirects away from the app are cancelled.
 *   A page that could navigate to an arbitrary site would take the preload
 *   bridge with it, so the only way out is the user's real browser: http(s)
 *   links are handed to the OS, everything else (file:, javascript:, custom
 *   schemes) is simply dropped.
 * - window.open and target=_blank never create an Electron window; the app has
 *   exactly one window and new ones would need their own hardening.
 * - <webview> is refused outright (it is also disabled in webPreferences).
 *
 * Installed on every WebContents from app.on('web-contents-created'), so a
 * window added later cannot forget it.
 */
export function installNavigationGuard(contents: WebContents, options: NavigationGuardOptions): void {
  const sendOut = (url: string): void => {
    if (!isExternalWebUrl(url)) return;
    options.openExternal(url).catch((error: unknown) => options.onError?.(error));
  };

  const guard = (event: { preventDefault(): void; url: string }): void => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
    sendOut(event.url);
  };

  contents.on('will-navigate', (event) => guard(event));
  // A server-side redirect (only possible from the dev server) is a navigation
  // too, and will-navigate does not see it.
  contents.on('will-redirect', (event) => {
    if (options.isAppUrl(event.url)) return;
    event.preventDefault();
  });

  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
