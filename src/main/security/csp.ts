/**
 * The Content-Security-Policy of the packaged renderer, sent as a response
 * header by the app:// protocol handler.
 *
 * vite.renderer.config.ts derives the <meta> policy of the built HTML from
 * CONTENT_SECURITY_POLICY (all but frame-ancestors, which only a header can
 * carry), so the two cannot drift apart. This file imports nothing, so the
 * Vite config can import it without pulling anything into either bundle.
 *
 * The header is belt and braces: a meta tag only takes effect once the parser
 * reaches it, and only for what follows it. Where both apply, a connection
 * must pass both, so the header can narrow a page further than its meta tag.
 */
function policy(connectSources: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connectSources}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The command post's own window, which syncs. Its WebSockets go to signaling
 * servers and relays chosen while it runs: typed in Settings, read from an
 * invite or a short code, advertised by a peer. A page's policy is fixed when
 * it loads, so naming those hosts here would mean reloading the command post
 * (dropping every peer and whatever is being typed) each time a new address
 * comes into use. `ws: wss:` is the narrowest rule that still works: no
 * http(s) anywhere but the app's own files, so nothing can be fetched from or
 * posted to a web server, and no other scheme.
 */
export const CONTENT_SECURITY_POLICY = policy("'self' ws: wss:");

/**
 * The quick-capture window never talks to the network: it hands its entry to
 * main, which hands it to the command post. Its policy says so, so it can
 * neither open a WebSocket nor fetch anything but the app's own files,
 * whatever ran in it. (The observer's status window syncs as a watcher, so it
 * keeps the command post's policy.)
 */
export const CAPTURE_PAGE_POLICY = policy("'self'");

/** The policy of the page at this app:// URL. */
export function policyForPage(url: URL): string {
  return url.pathname.endsWith('/capture.html') ? CAPTURE_PAGE_POLICY : CONTENT_SECURITY_POLICY;
}
