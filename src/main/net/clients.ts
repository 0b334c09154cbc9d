/**
 * What each client holds of a server (its TCP sockets, and which of them
 * became WebSocket connections), so that the host can cap what one client
 * takes and a single machine cannot fill every slot.
 *
 * A client is a remote address. Nothing finer is possible (anyone can open
 * as many sockets as they like), and nothing coarser is right on a LAN: an
 * IPv6 /64, the usual unit elsewhere, is the whole LAN here (every machine's
 * link-local address is in fe80::/64), so it would put every peer in one
 * client. Someone who spreads over many addresses still meets the server's
 * overall caps.
 *
 * A client's record exists only while it has a socket or a connection, so
 * the table never holds more than the server's open sockets.
 */

/** The client a remote address stands for: IPv4 peers of a dual-stack listener (::ffff:a.b.c.d) as plain IPv4, IPv6 in lower case. */
export function clientAddress(remoteAddress: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remoteAddress);
  return mapped?.[1] ?? remoteAddress.toLowerCase();
}

interface Client<C> {
  /** Open TCP sockets, WebSocket or not. */
  sockets: number;
  readonly connections: Set<C>;
}

const NONE: ReadonlySet<never> = new Set();

export class ClientTable<C> {
  private readonly clients = new Map<string, Client<C>>();

  /** Clients with a socket or a connection. */
  get size(): number {
    return this.clients.size;
  }

  socketsOf(client: string): number {
    return this.clients.get(client)?.sockets ?? 0;
  }

  connectionsOf(client: string): ReadonlySet<C> {
    return this.clients.get(client)?.connections ?? NONE;
  }

  socketOpened(client: string): void {
    this.record(client).sockets++;
  }

  socketClosed(client: string): void {
    const record = this.clients.get(client);
    if (!record) return;
    record.sockets--;
    this.forgetIfEmpty(client, record);
  }

  connectionOpened(client: string, connection: C): void {
    this.record(client).connections.add(connection);
  }

  connectionClosed(client: string, connection: C): void {
    const record = this.clients.get(client);
    if (!record) return;
    record.connections.delete(connection);
    this.forgetIfEmpty(client, record);
  }

  private record(client: string): Client<C> {
    let record = this.clients.get(client);
    if (!record) this.clients.set(client, (record = { sockets: 0, connections: new Set() }));
    return record;
  }

  private forgetIfEmpty(client: string, record: Client<C>): void {
    if (record.sockets <= 0 && record.connections.size === 0) this.clients.delete(client);
  }
}
