/**
 * Where the renderer is allowed to come from, and how to compare URLs with it.
 *
 * In production the renderer is served from app://command-post (a privileged,
 * standard custom scheme, see ../protocol/scheme.ts); in development it comes
 * from the electron-vite dev server on loopback. Every security decision in
 * main (navigation, IPC senders, permissions) asks the same question, "is this
 * URL one of our origins?", through the helpers below.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'command-post';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, lower-cased, or null when it has none.
 *
 * Not `new URL(url).origin`: Node's WHATWG URL only knows the special schemes
 * (http, https, file, ...) and reports the origin of `app://command-post/` as
 * the string "null", which would make every app:// URL look alike. Chromium
 * treats our scheme as standard (it is registered as such), so for it the
 * origin really is scheme plus host, which is what we compute here. URLs with
 * no host (file:, data:, blob:, about:blank) have no usable origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** A predicate that accepts URLs whose origin is exactly one of `origins`. */
export type UrlAllowlist = (url: string) => boolean;

export function createOriginAllowlist(origins: readonly string[]): UrlAllowlist {
  const allowed = new Set(origins.map((origin) => origin.toLowerCase()));
  return (url) => {
    const origin = originOf(url);
    return origin !== null && allowed.has(origin);
  };
}

/** Links we are willing to hand to the operating system's browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
