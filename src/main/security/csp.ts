/**
 * The Content-Security-Policy of the packaged renderer, sent as a response
 * header by the app:// protocol handler.
 *
 * It must match CONTENT_SECURITY_POLICY in vite.renderer.config.ts, which
 * injects the policy as a <meta> tag into the built HTML, directive for
 * directive, except that it adds frame-ancestors: browsers ignore that
 * directive in a <meta> policy, only a header can carry it. It is duplicated
 * rather than imported because that file imports Vite, which must not end up
 * in the main-process bundle; a unit test compares the two so they cannot
 * drift apart silently.
 *
 * The header is belt and braces: a meta tag only takes effect once the parser
 * reaches it, and only for what follows it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
