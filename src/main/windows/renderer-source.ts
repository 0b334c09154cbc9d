import { APP_ENTRY_URL, APP_ORIGIN, originOf } from '../security/origins';

/** Where the renderer is loaded from, and the one origin it may live at. */
export interface RendererSource {
  kind: 'dev-server' | 'app-protocol';
  url: string;
  origin: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `electron-vite dev` starts Vite and puts its address in ELECTRON_RENDERER_URL.
 *
 * The variable is honoured only when the app is not packaged, and only for an
 * http(s) server on loopback: otherwise anyone who can set an environment
 * variable could point a packaged Command Post, bridge and all, at a page of
 * their choosing. Anything else falls back to the built renderer on app://.
 */
export function resolveRendererSource(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): RendererSource {
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && devUrl) {
    try {
      const url = new URL(devUrl);
      const origin = originOf(devUrl);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) && origin) {
        return { kind: 'dev-server', url: url.href, origin };
      }
    } catch {
      // Not a URL: use the built renderer.
    }
  }
  return { kind: 'app-protocol', url: APP_ENTRY_URL, origin: APP_ORIGIN };
}
