/**
 * The Content-Security-Policy of the packaged renderer, sent as a response
 * header by the app:// protocol handler.
 *
 * vite.renderer.config.ts derives the <meta> policy of the built HTML from
 * this one (all but frame-ancestors, which only a header can carry), so the
 * two cannot drift apart. This file imports nothing, so the Vite config can
 * import it without pulling anything into either bundle.
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
