/**
 * STUN and TURN servers, for networks that have them. Command Post needs
 * none on a LAN (host candidates are enough), so the list is empty unless
 * someone enters servers, one per line:
 *
 *   stun:stun.example.org:3478
 *   turn:alice:s3cret@turn.example.org:3478?transport=udp
 *
 * The user:password part of a TURN line becomes the credentials WebRTC wants.
 */
export interface IceServer {
  readonly urls: string;
  readonly username?: string;
  readonly credential?: string;
}

export type ParsedIceServers = { readonly ok: true; readonly servers: IceServer[] } | { readonly ok: false; readonly message: string };

const MAX_SERVERS = 8;
const LINE = /^(stuns?|turns?):(?:([^:@\s]+):([^@\s]+)@)?([A-Za-z0-9.\-[\]:]+?)(:\d{1,5})?(\?transport=(udp|tcp))?$/;

export function parseIceServers(text: string): ParsedIceServers {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_SERVERS) return { ok: false, message: `At most ${MAX_SERVERS} STUN or TURN servers.` };
  const servers: IceServer[] = [];
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) {
      return { ok: false, message: `"${line.slice(0, 60)}" is not a STUN or TURN address (stun:host:port or turn:user:password@host:port).` };
    }
    const [, scheme, username, credential, host, port = '', query = ''] = match;
    const isTurn = scheme!.startsWith('turn');
    if (isTurn && !username) return { ok: false, message: `The TURN server ${host} needs a user and password (turn:user:password@host:port).` };
    if (!isTurn && username) return { ok: false, message: 'A STUN server takes no user or password.' };
    const urls = `${scheme}:${host}${port}${query}`;
    servers.push(isTurn ? { urls, username: username!, credential: credential! } : { urls });
  }
  return { ok: true, servers };
}

/** The text form, for editing (credentials included: the field is local only). */
export function formatIceServers(servers: readonly IceServer[]): string {
  return servers
    .map((s) => {
      if (!s.username) return s.urls;
      const [scheme, rest] = [s.urls.slice(0, s.urls.indexOf(':')), s.urls.slice(s.urls.indexOf(':') + 1)];
      return `${scheme}:${s.username}:${s.credential ?? ''}@${rest}`;
    })
    .join('\n');
}
