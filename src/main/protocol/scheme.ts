import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME } from '../security/origins';

/**
 * app:// instead of file://. A file:// page has an opaque origin, can read any
 * file the user can, and every file:// URL is "same origin" with every other;
 * a standard scheme gives the renderer a real origin (app://command-post) for
 * storage, CSP 'self' and our origin checks, and lets the handler decide which
 * files exist at all.
 *
 * - standard: relative URLs, a host, and an origin, like http.
 * - secure: a secure context, so IndexedDB, crypto.subtle and friends work.
 * - supportFetchAPI: fetch() of our own assets works.
 * Deliberately not corsEnabled (that would let other origins read our files)
 * and not bypassCSP.
 */
export const APP_SCHEME_DEFINITION = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const satisfies CustomScheme;

/** Must run before app 'ready', and Electron accepts only one call per process. */
export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}
