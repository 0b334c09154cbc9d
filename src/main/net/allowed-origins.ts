/**
 * Which web pages may open a WebSocket to the servers a command post runs
 * (signaling, the relay).
 *
 * A browser lets any page it shows connect to any WebSocket server, this
 * machine's loopback included, and says which page is asking in the
 * handshake's Origin header, which the page cannot change. Without a check,
 * any web site a responder has open could reach the signaling server on
 * 127.0.0.1 (or a LAN server, or one found by DNS rebinding), fill its slots
 * and topics, and watch who meets whom. So an upgrade whose Origin is not
 * one of the app's own is refused with 403:
 *
 *   app://command-post           the desktop app's renderer (src/main/protocol)
 *   http://127.0.0.1:4173        the web host, `npm run web` (vite preview)
 *   http://127.0.0.1:5173        its development server, `npm run web:dev`
 *                                (also `npm run dev`'s renderer, on localhost)
 *
 * each also as localhost, which reaches the same loopback server. The web
 * host only ever listens on loopback, so those origins are pages this
 * machine (the browser's) serves to itself; nothing on the network can send
 * them. Wherever the web build is served elsewhere (a web server on the LAN),
 * its origin must be added: `--allow-origin`, or COMMAND_POST_ALLOW_ORIGINS.
 *
 * A request with no Origin is not from a web page (Node tools, y-websocket
 * under Node, curl): no browser omits it from a WebSocket handshake, so such
 * a client could as well send any Origin it likes. Those are let in.
 */
import { APP_ORIGIN, originOf } from '../security/origins';

/** Where the web host serves the renderer (vite.web.config.ts): loopback only. */
export const WEB_HOST = { host: '127.0.0.1', previewPort: 4173, devPort: 5173 } as const;

/** Lists origins to admit besides the app's own, separated by commas or spaces. */
export const ALLOW_ORIGINS_ENV = 'COMMAND_POST_ALLOW_ORIGINS';

/** The pages that are the app itself; see the module comment. */
export const OWN_ORIGINS: readonly string[] = [
  APP_ORIGIN,
  ...[WEB_HOST.previewPort, WEB_HOST.devPort].flatMap((port) => [`http://${WEB_HOST.host}:${port}`, `http://localhost:${port}`]),
];

/** An origin that cannot be understood; the message says where it came from and how to write one. */
export class AllowedOriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllowedOriginError';
  }
}

/**
 * An origin as browsers send it (scheme://host[:port], lower case, no path),
 * from what a person wrote: `http://CP.example.lan:8080/` is accepted as
 * `http://cp.example.lan:8080`. `source` names where it came from, for the
 * message. "*" is refused: letting every page in is what this is for.
 */
export function parseAllowedOrigin(value: string, source: string): string {
  const text = value.trim();
  const origin = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? originOf(text) : null;
  if (origin === null) {
    throw new AllowedOriginError(`${source}=${JSON.stringify(value)} is not an origin: write it as scheme://host[:port], as in http://command-post.example.lan:8080.`);
  }
  return origin;
}

/** The origins COMMAND_POST_ALLOW_ORIGINS lists (none when it is unset or blank). Throws AllowedOriginError. */
export function originsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const list = env[ALLOW_ORIGINS_ENV] ?? '';
  return list
    .split(/[\s,]+/)
    .filter((item) => item !== '')
    .map((item) => parseAllowedOrigin(item, ALLOW_ORIGINS_ENV));
}

/** The app's own origins, then these, each once. */
export function withOwnOrigins(extra: readonly string[]): string[] {
  return [...new Set([...OWN_ORIGINS, ...extra])];
}

/** The --allow-origin flag both server commands take, for their usage text, its description indented to `column`. */
export function allowOriginUsage(column: number): string {
  const indent = ' '.repeat(column);
  return [
    '  --allow-origin <origin>',
    `${indent}also let web pages from this origin connect, as in`,
    `${indent}http://command-post.example.lan:8080 (repeatable; the app's own`,
    `${indent}pages and clients that are not web pages always may)`,
    `${indent}also ${ALLOW_ORIGINS_ENV}, comma-separated`,
  ].join('\n');
}

/**
 * Every origin a server command admits: the app's own, then the
 * --allow-origin flags, or when there are none the environment's (flags win
 * over the environment, as for every other setting). Throws AllowedOriginError.
 */
export function allowedOriginsFromCommandLine(flags: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>): string[] {
  const extra = flags === undefined ? originsFromEnv(env) : flags.map((flag) => parseAllowedOrigin(flag, '--allow-origin'));
  return withOwnOrigins(extra);
}

/** Lines that say which web pages a server lets in, for a terminal. */
export function describeAllowedOrigins(origins: readonly string[]): string[] {
  return [`Web pages allowed to connect: ${origins.join(', ')} (others are refused; see --allow-origin).`];
}

/** Whether a handshake's Origin header is one of `allowed`, or absent (not a web page). */
export function originAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (header === undefined) return true;
  const origin = originOf(header);
  return origin !== null && allowed.has(origin);
}
